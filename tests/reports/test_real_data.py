"""The report of the real DPG Alliance data and the bundled ecosystem data, against counts made here by hand."""

import json
from collections import Counter

import pytest
from django.utils import timezone

from dpg_registry.ecosystem.seed import DATA_DIR, load_ecosystem
from dpg_registry.lib.names import country_name
from dpg_registry.registry.countries import un_states
from dpg_registry.registry.models import Product
from dpg_registry.reports.report import build_report


@pytest.fixture
def report(registry):
    load_ecosystem()
    today = timezone.now().date()
    return build_report(today.year, today=today)


def dpgs():
    """Every DPG as plain values: the DPG Alliance's records give no listing dates, so all count from the import."""
    return [
        {
            "categories": [category.label for category in product.categories.all()],
            "sdgs": [link.sdg_id for link in product.sdg_links.all()],
            "families": {licence.family for licence in product.licences.all()},
            "deployed": {country.code for country in product.countries.all() if country.kind == "deployed"} - {""},
            "regions": {country.region for country in product.countries.all() if country.kind == "deployed"} - {""},
        }
        for product in Product.objects.filter(status="dpg").prefetch_related("categories", "sdg_links", "licences",
                                                                             "countries")
    ]


def rows(table) -> dict:
    return {row[0]: row[-1] for row in table.rows}


def test_the_registry_section_counts_every_dpg_of_the_real_data(report):
    listed = dpgs()
    assert len(listed) > 150
    assert dict(report.headline)["DPGs listed at the end of the year"] == len(listed)
    assert dict(report.headline)["of which dated by their import into the registry, not by a review"] == len(listed)
    assert rows(report.table("categories")) == Counter(label for dpg in listed for label in dpg["categories"])
    by_sdg = Counter(number for dpg in listed for number in dpg["sdgs"])
    assert [row[-1] for row in report.table("sdgs").rows] == [by_sdg[number] for number in range(1, 18)]
    families = rows(report.table("licence-families"))
    assert families["Permissive"] == sum("permissive" in dpg["families"] for dpg in listed)
    assert families["Copyleft"] == sum("copyleft" in dpg["families"] for dpg in listed)
    assert rows(report.table("regions"))["Africa"] == sum("002" in dpg["regions"] for dpg in listed)
    deployed = Counter(code for dpg in listed for code in dpg["deployed"])
    assert rows(report.table("deployed-in")) == {country_name(code): total for code, total in deployed.items()}
    # Countries reached: UN member and observer states only, not territories such as Bouvet Island.
    states = [code for code in deployed if code in un_states()]
    assert dict(report.headline)["countries with a DPG deployed"] == len(states) < len(deployed)


def test_the_ecosystem_section_counts_the_bundled_ecosystem_data(report):
    data = json.loads(next(DATA_DIR.glob("ecosystem-*.json")).read_text())
    figures = rows(report.table("ecosystem"))
    assert figures["Communities of Practice"] == len(data["communities"])
    assert figures["Pathfinder pilots"] == len(data["pilots"])
    assert figures["Countries with a pathfinder pilot"] == len({pilot["country"] for pilot in data["pilots"]})
    assert figures["Countries in the 50-in-5 campaign"] == len(data["fifty_in_five"])
    assert sum(rows(report.table("pilots")).values()) == len(data["pilots"])
