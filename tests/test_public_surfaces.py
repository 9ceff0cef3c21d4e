"""No contact detail leaves the private side: every public surface, scanned for e-mail addresses and known names.

The real bundled data is imported, with a contact person on one imported product, and applications whose
contacts, accounts and private answers carry known names and addresses go through the review. Then every
page reachable from the home page and the sitemap (signed out), every GET endpoint of the API with real
identifiers, the DPGA API shapes, the dumps, the feed, badges, report pages and CSVs, and the output of
`dpg export` and `dpg snapshot` are read. Any e-mail-shaped string fails the test unless the project itself
publishes it (listed below), and so does any of the known names.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from dpg_registry.applications.answers import AnswerInput
from dpg_registry.applications.models import Application
from dpg_registry.applications.services import applicant
from dpg_registry.lib.languages import unprefixed
from dpg_registry.registry.models import PrivateContact, Product
from tests.conftest import legacy_copy_with_contact, run_dpg

# About a thousand pages and a snapshot: CI runs these in its PostgreSQL pass only.
pytestmark = pytest.mark.slow

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Addresses published on purpose: the registry's privacy contact (set below, as an operator would), and the
# role addresses five DPGs give in their own public screening answers (codes of conduct, data protection teams).
PUBLISHED = {"privacy@registry.example", "directors@publiccode.net", "noss@aiti-kace.com.gh", "info@notesmaster.com",
             "pudl@catalyst.coop", "gdpr@boxtribute.org"}
IMPORTED_CONTACT = ("Zebulon Quartermaine", "zebulon.quartermaine@contacts.example")
APPLICATION_CONTACT = ("Philomena Ashdown-Vries", "philomena.ashdown@clinic.example")
APPLICANT = "ignatius.applicant@clinic.example"
PRIVATE_NOTE = "Ring Ottoline Brankovic on ottoline@clinic.example"
SECRETS = {*IMPORTED_CONTACT, *APPLICATION_CONTACT, APPLICANT, "ignatius.applicant", "Ottoline Brankovic"}
SKIPPED_PREFIXES = ("/static/", "/language/", "/accounts/", "/applications/", "/review/", "/inbox/")
# A product's JSON and badge are its public record, which the dumps hold for every product: the crawl reads them
# for the products with contacts and leaves the other 750 pairs to the dumps, to stay fast.
PER_PRODUCT = re.compile(r"^(?:/fr|/es|/ar)?/registry/([^/]+)(?:\.json|/badge\.svg)$")
# In French, Spanish and Arabic the same templates show the same records: the crawl reads there the profiles of
# the products with contacts and one page of each other kind of per-record page (a country, a pilot, ...),
# and leaves the rest, read in English, to keep the crawl to minutes.
TRANSLATED_RECORD = re.compile(r"^/(fr|es|ar)/([^/]+)/([^/]+)/$")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker, tmp_path_factory):
    """The real data with private contacts, committed so that `dpg` subprocesses see it; emptied afterwards."""
    from django.core.management import call_command

    from dpg_registry.ecosystem.seed import load_ecosystem
    from dpg_registry.importers.run import run_import
    from dpg_registry.standard.services import load_standard
    from tests.applications.test_clock import approve
    from tests.factories import fill, make_user

    with django_db_blocker.unblock():
        load_standard()
        legacy = legacy_copy_with_contact(tmp_path_factory.mktemp("data"), "aam-digital", *IMPORTED_CONTACT)
        run_import([legacy])
        load_ecosystem()
        people = {
            "applicant": make_user(APPLICANT),
            "l1": make_user("lorcan.reviewer@review.example", "l1"),
            "l2": make_user("leocadia.reviewer@review.example", "l2"),
        }
        ids = []
        for name in ("Quiet Clinic Records", "Quiet Clinic Scheduler"):
            draft = applicant.create_application(user=people["applicant"], name=name, category_key="software",
                                                organisation_name="Quiet Clinic Foundation")
            draft = fill(draft, people["applicant"])
            draft = applicant.save_about(
                application=draft, by=people["applicant"], expected_version=draft.version, name=draft.name,
                description=draft.description, website=draft.website, repository_urls=draft.repository_urls,
                sectors=draft.sectors, deployment_countries=draft.deployment_countries,
                contact_name=APPLICATION_CONTACT[0], contact_email=APPLICATION_CONTACT[1],
            )
            draft = applicant.save_answers(
                application=draft, by=people["applicant"], expected_version=draft.version,
                answers={"privacy_adherence": AnswerInput("Reviewed by our data officer.", justification=PRIVATE_NOTE,
                                                          is_private=True)},
            )
            ids.append(draft.public_id)
        listed = approve(people, Application.objects.get(public_id=ids[0]))
        applicant.submit(application=Application.objects.get(public_id=ids[1]), by=people["applicant"])
        assert PrivateContact.objects.filter(email=IMPORTED_CONTACT[1]).exists()
    yield {"listed": listed, "in_review": ids[1], "snapshot": tmp_path_factory.mktemp("snapshot")}
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def visitor(published, db, settings):
    settings.DPG_PRIVACY_CONTACT = "privacy@registry.example"
    return Client()


def leaks(text: str) -> list[str]:
    found = [address for address in EMAIL.findall(text) if address.lower() not in PUBLISHED]
    return found + [secret for secret in SECRETS if secret.lower() in text.lower()]


def read(client: Client, path: str) -> tuple[int, str, str]:
    response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, response.get("Content-Type", ""), body.decode("utf-8", errors="replace")


def test_every_page_reachable_signed_out_shows_no_contact(visitor, published):
    listed = published["listed"]
    _, _, sitemap = read(visitor, "/sitemap.xml")
    start = ["/", "/privacy/", f"/r/{listed.public_id}/", f"/r/{published['in_review']}/",
             *(urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap))]
    assert f"/registry/{listed.product.slug}/" in start and "/registry/aam-digital/" in start
    with_contacts = {listed.product.slug, "aam-digital"}
    translated_kinds = set()

    def wanted(path: str) -> bool:
        if (per_product := PER_PRODUCT.match(path)) and per_product.group(1) not in with_contacts:
            return False
        if (unprefixed(path).startswith(SKIPPED_PREFIXES)  # /fr/accounts/ is as private as /accounts/
                or path.endswith((".pdf", "/challenge/", "/claim/"))):
            return False  # sign-in and private pages; the report's PDF is the same data as its page
        if (translated := TRANSLATED_RECORD.match(path)) and translated.group(3) not in with_contacts:
            if translated.group(1, 2) in translated_kinds:
                return False
            translated_kinds.add(translated.group(1, 2))
        return True

    queue, seen, problems = [path for path in dict.fromkeys(start) if wanted(path)], set(), {}
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        status, kind, body = read(visitor, path)
        assert status == 200, (path, status)
        if leaks(body):
            problems[path] = leaks(body)
        if "html" not in kind:
            continue
        parser = Links()
        parser.feed(body)
        for link in parser.found:
            target = urlsplit(urldefrag(link)[0])
            if target.netloc or target.scheme or not target.path.startswith("/"):
                continue  # other sites, mailto:
            if target.path not in seen and target.path not in queue and wanted(target.path):
                queue.append(target.path)
    assert not problems, problems
    assert len(seen) > 750  # every product profile, the ecosystem, the reports and their CSVs
    assert any(path.endswith(".csv") and path.startswith("/reports/") for path in seen)
    assert any(path.startswith("/countries/") for path in seen) and "/registry/feed.atom" in seen
    for language in ("fr", "es", "ar"):
        assert {f"/{language}/registry/aam-digital/", f"/{language}/registry/{listed.product.slug}/"} <= seen
        assert {(language, "communities"), (language, "countries"), (language, "reports")} <= translated_kinds


def test_every_api_endpoint_and_dump_shows_no_contact(visitor, published):
    listed = published["listed"]
    status, _, schema = read(visitor, "/api/v1/openapi.json")
    assert status == 200

    community = json.loads(read(visitor, "/api/v1/communities")[2])["results"][0]["slug"]
    pilot = json.loads(read(visitor, "/api/v1/pilots")[2])["results"][0]["slug"]
    values = {"products": listed.product.slug, "communities": community, "pilots": pilot, "countries": "KE",
              "applications": listed.public_id}
    paths = []
    for template, operations in json.loads(schema)["paths"].items():
        if "get" not in operations:
            continue
        section = template.removeprefix("/api/v1/").split("/")[0]
        paths.append(re.sub(r"\{[^}]+\}", values.get(section, ""), template))
    slug = listed.product.slug
    imported = Product.objects.get(slug="aam-digital")
    legacy_shape = "dpg" if imported.status == Product.Status.DPG else "nominee"
    paths += ["/api/v1/products/aam-digital", "/api/dpgs", "/api/nominees", f"/api/dpg/{slug}",
              f"/api/{legacy_shape}/aam-digital", "/registry.json", "/registry.csv", "/registry.ndjson",
              "/ecosystem.json", "/registry/feed.atom", f"/registry/{slug}/badge.svg", f"/registry/{slug}.json",
              "/registry/aam-digital.json", "/registry/results.json", "/robots.txt"]
    problems = {}
    for path in paths:
        status, _, body = read(visitor, path)
        private = path.startswith(("/api/v1/me/", "/api/v1/review/"))  # signed-in only
        assert status in ((401, 403) if private else (200,)), (path, status)
        if leaks(body):
            problems[path] = leaks(body)
    assert not problems, problems
    assert len(paths) > 30
    dump = read(visitor, "/registry.json")[2]
    assert "Quiet Clinic Records" in dump and "Aam Digital" in dump  # the scan reads the real records


def test_dpg_export_and_snapshot_show_no_contact(published):  # no transaction held: the commands write
    for fmt in ("json", "csv", "ndjson"):
        exported = run_dpg("export", "--format", fmt)
        assert exported.returncode == 0, exported.stderr
        assert "Quiet Clinic Records" in exported.stdout
        assert not leaks(exported.stdout), (fmt, leaks(exported.stdout))
    out = published["snapshot"]
    made = run_dpg("snapshot", str(out), timeout=300)
    assert made.returncode == 0, made.stderr
    files = [path for path in out.rglob("*") if path.is_file() and path.suffix in {".html", ".json", ".csv", ".svg",
                                                                                      ".js", ".xml", ".ndjson"}]
    assert len(files) > 200
    problems = {str(path.relative_to(out)): leaks(path.read_text(errors="replace")) for path in files}
    assert not {path: found for path, found in problems.items() if found}
    assert (out / "registry" / published["listed"].product.slug / "index.html").exists()
