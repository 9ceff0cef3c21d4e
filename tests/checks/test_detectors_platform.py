"""Indicator 4: dependencies read from manifests and lock files, and the closed services among them."""

import json

import pytest

from dpg_registry.checks.detectors import platform
from dpg_registry.checks.manifests.inventory import inventory
from dpg_registry.checks.manifests.kinds import ECOSYSTEMS
from dpg_registry.checks.model import Confidence, Status
from tests.checks.trees import tree_of


def summary(outcome):
    return next(finding for finding in outcome.findings if finding.question_key == "closed_dependencies")


def about(outcome, service_name):
    return next((f for f in outcome.findings if f.explanation.startswith(service_name)), None)


def package_json(dependencies=None, dev=None) -> str:
    return json.dumps({"name": "app", "dependencies": dependencies or {}, "devDependencies": dev or {}}, indent=2)


def test_closed_service_among_run_time_dependencies(tmp_path):
    tree = tree_of(tmp_path, {"package.json": package_json({"react": "^18.2.0", "firebase": "^10.1.0"})})
    outcome = platform.detect(tree, "software")

    answer = summary(outcome)
    assert answer.status == Status.NEEDS_PERSON and answer.value == "yes"
    assert "npm: 2 declared" in answer.explanation
    firebase = about(outcome, "Firebase (Google")
    assert firebase.confidence == Confidence.MEDIUM
    assert firebase.evidence[0].path == "package.json" and firebase.evidence[0].line == 5
    assert "Supabase" in firebase.explanation  # open alternatives are named


def test_development_only_service_does_not_answer_for_the_product(tmp_path):
    tree = tree_of(tmp_path, {"package.json": package_json({"react": "18"}, dev={"@sendgrid/mail": "^8"})})
    outcome = platform.detect(tree, "software")
    assert summary(outcome).value is None
    assert about(outcome, "SendGrid").confidence == Confidence.LOW


def test_no_known_service_is_met_with_medium_confidence(tmp_path):
    tree = tree_of(tmp_path, {
        "requirements.txt": "# pinned\nDjango==5.2\npsycopg[binary]>=3.2 ; python_version >= '3.11'\n-r base.txt\n"
                            "--index-url https://pypi.org/simple\n-e git+https://example.org/x.git#egg=x\n",
    })
    answer = summary(platform.detect(tree, "software"))
    assert answer.status == Status.MET and answer.value == "no"
    assert answer.confidence == Confidence.MEDIUM
    assert "PyPI: 2 declared" in answer.explanation


@pytest.mark.parametrize(("version", "flagged"), [("^1.13.2", False), ("^2.15.0", True), ("latest", True)])
def test_mapbox_gl_is_closed_from_version_2(tmp_path, version, flagged):
    outcome = platform.detect(tree_of(tmp_path, {"package.json": package_json({"mapbox-gl": version})}), "software")
    assert (about(outcome, "Mapbox") is not None) == flagged


def test_most_specific_service_wins(tmp_path):
    gradle = """
dependencies {
    implementation platform('com.google.firebase:firebase-bom:32.7.0')
    implementation "com.google.firebase:firebase-messaging"
    implementation("com.google.android.gms:play-services-location:21.0.1")
    testImplementation 'junit:junit:4.13.2'
}
"""
    outcome = platform.detect(tree_of(tmp_path, {"app/build.gradle": gradle}), "software")
    messaging = about(outcome, "Firebase Cloud Messaging")
    assert "firebase-messaging" in messaging.explanation
    assert "firebase-bom" in about(outcome, "Firebase (Google").explanation
    assert "play-services-location" in about(outcome, "Google Play Services").explanation
    assert messaging.evidence[0].line == 4


def test_lock_files_are_read_for_names(tmp_path):
    lock = {"lockfileVersion": 3, "packages": {
        "": {"name": "app"},
        "node_modules/react": {"version": "18.2.0", "license": "MIT"},
        "node_modules/react/node_modules/@amplitude/analytics-browser": {"version": "2.0.0", "license": "MIT"},
        "node_modules/left-pad": {"version": "1.0.0", "license": "UNLICENSED"},
    }}
    yarn = ('# yarn lockfile v1\n\n"@babel/core@^7.0.0", "@babel/core@^7.1.0":\n  version "7.23.0"\n\n'
            'onesignal-node@^3.4.0:\n  version "3.4.0"\n')
    pnpm = ("lockfileVersion: '9.0'\n\npackages:\n\n  '@hotjar/browser@1.0.9':\n    resolution: {}\n\n"
            "  lodash@4.17.21:\n")
    poetry = '[[package]]\nname = "mixpanel"\nversion = "4.10.0"\n\n[[package]]\nname = "requests"\n'
    tree = tree_of(tmp_path, {"package.json": package_json({"react": "18"}), "package-lock.json": json.dumps(lock),
                              "web/yarn.lock": yarn, "site/pnpm-lock.yaml": pnpm, "poetry.lock": poetry})
    outcome = platform.detect(tree, "software")

    locked = {dep.name for dep in inventory(tree).dependencies if dep.locked}
    assert {"react", "@amplitude/analytics-browser", "@babel/core", "onesignal-node", "@hotjar/browser",
            "lodash", "mixpanel", "requests"} <= locked
    amplitude = about(outcome, "Amplitude")
    assert "lock file only" in amplitude.explanation and amplitude.confidence == Confidence.LOW
    assert summary(outcome).value is None  # only lock files name them: maybe indirect, a person decides
    licences = next(f for f in outcome.findings if "lock files record" in f.explanation)
    assert licences.status == Status.NEEDS_PERSON and "left-pad (UNLICENSED)" in licences.explanation


def test_lock_file_licences_all_approved(tmp_path):
    lock = {"lockfileVersion": 3, "packages": {"node_modules/a": {"license": "MIT"},
                                               "node_modules/b": {"license": "(MIT OR Apache-2.0)"},
                                               "node_modules/c": {"license": "CC0-1.0"}}}
    outcome = platform.detect(tree_of(tmp_path, {"package-lock.json": json.dumps(lock)}), "software")
    licences = next(f for f in outcome.findings if "lock files record" in f.explanation)
    assert licences.status == Status.MET


def test_source_files_that_call_a_service_directly(tmp_path):
    html = '<html><script src="https://maps.googleapis.com/maps/api/js?key=KEY"></script></html>\n'
    outcome = platform.detect(tree_of(tmp_path, {"package.json": package_json(), "public/index.html": html}),
                              "software")
    maps = about(outcome, "Google Maps Platform")
    assert "source files call it directly" in maps.explanation
    assert maps.evidence[0].path == "public/index.html" and maps.evidence[0].line == 1
    assert summary(outcome).status == Status.NEEDS_PERSON


def test_signatures_are_found_whatever_their_case_in_ascii_and_other_texts(tmp_path):
    files = {"package.json": package_json(), "src/a.js": "const url = 'https://MAPS.GoogleApis.com/maps';\n",
             "src/b.js": "// café\nfetch('https://Maps.GOOGLEAPIS.com/x');\n",
             "src/c.js": "const here = 'maps.googleapis';\n", "src/d.js": "// naïve\nconst a = 1;\n"}
    maps = about(platform.detect(tree_of(tmp_path, files), "software"), "Google Maps Platform")
    assert [(place.path, place.line) for place in maps.evidence] == [("src/a.js", 1), ("src/b.js", 2)]


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("package.json", '{"dependencies": {"react": ', "not valid JSON (line 1"),
    ("package.json", "[1, 2]", "does not hold the JSON table"),
    ("pyproject.toml", "[project\nname = 1", "not valid TOML"),
    ("pom.xml", "<project><dependencies>", "not well-formed XML"),
    ("pom.xml", '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><project>&b;</project>',
     "XML entities"),
    ("pubspec.yaml", "dependencies: [unclosed", "not valid YAML"),
    ("composer.json", b"\x00\x01\x02binary", "binary"),
])
def test_malformed_manifests_become_findings(tmp_path, name, content, problem):
    outcome = platform.detect(tree_of(tmp_path, {name: content}), "software")
    unreadable = next(f for f in outcome.findings if "could not be used" in f.explanation)
    assert unreadable.evidence[0].path == name
    assert name in unreadable.explanation and problem in unreadable.explanation
    answer = summary(outcome)  # what the unread manifest declares is unknown, so "no" is not suggested
    assert answer.value is None and answer.confidence == Confidence.LOW


def test_huge_manifest_is_not_read(tmp_path):
    huge = '{"dependencies": {' + ", ".join(f'"p{i}": "1"' for i in range(80_000)) + "}}"
    outcome = platform.detect(tree_of(tmp_path, {"package.json": huge}), "software")
    assert any("larger than" in f.explanation for f in outcome.findings)


def test_vendored_manifests_are_not_the_products(tmp_path):
    tree = tree_of(tmp_path, {"package.json": package_json({"a": "1"}),
                              "node_modules/x/package.json": package_json({"stripe": "1"}),
                              "tests/fixtures/package.json": package_json({"stripe": "1"})})
    assert summary(platform.detect(tree, "software")).value == "no"


def test_without_manifests(tmp_path):
    tree = tree_of(tmp_path, {"data/cities.csv": "name,population\n"})
    assert platform.detect(tree, "data").findings[0].status == Status.NOT_APPLICABLE
    answer = summary(platform.detect(tree, "software"))
    assert answer.status == Status.NEEDS_PERSON and answer.confidence == Confidence.LOW


def test_services_list_is_well_formed():
    services = platform.services()
    assert len({service["id"] for service in services}) == len(services)
    for service in services:
        assert {"id", "name", "vendor", "kind", "note", "packages", "alternatives"} <= set(service)
        assert set(service["packages"]) <= set(ECOSYSTEMS), service["id"]
        assert service["alternatives"], service["id"]


def test_texts_searched_together_name_the_services_each_names_alone():
    import random

    from dpg_registry.checks.detectors.platform import _naming, _signatures

    pattern, ascii_only, owners = _signatures()
    assert ascii_only is not None
    signatures = sorted(owners)
    rng = random.Random(5)
    pieces = ["", "x", "é", "\n", "\0", " ", "ſ", "K", "\u0130", "\u212a", *signatures[:40],
              *(s.upper() for s in signatures[:10])]
    for _ in range(300):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(0, 12))]
        # a signature cut in two across neighbouring texts is no signature
        if len(texts) > 1:
            texts[0] += signatures[0][:3]
            texts[1] = signatures[0][3:] + texts[1]
        alone = [pattern.search(text.lower()) is not None for text in texts]
        assert _naming(texts, pattern, ascii_only) == alone, texts
        assert _naming(texts, pattern, None) == alone


def test_a_services_evidence_is_in_the_same_order_whatever_order_the_lock_files_gave(tmp_path):
    from dpg_registry.checks.manifests.inventory import Dependency

    service = platform.services()[0]
    uses = [Dependency("npm", name, "package-lock.json", "1.0.0", locked=True)
            for name in ("@firebase/app", "@firebase/auth", "firebase")]
    found = [platform._service_finding(service, order, [], {}) for order in (uses, uses[::-1], uses[1:] + uses[:1])]
    assert len({tuple(str(place) for place in finding.evidence) for finding in found}) == 1
