"""Public pages over HTTP (Django's test client): catalogue, profile, home, open data."""

import json
import re

from django.http import QueryDict

from dpg_registry.importers.run import run_import
from dpg_registry.registry import selectors
from dpg_registry.registry.catalogue import Filters, results
from dpg_registry.registry.export import FORMATS, export_lines
from tests.conftest import legacy_copy_with_contact


def text(response) -> str:
    return response.content.decode()


def test_home_shows_headline_figures_sdg_grid_and_map(client, registry):
    page = text(client.get("/"))
    assert re.search(r"<strong>174</strong> digital public goods", page)
    assert re.search(r"<strong>\d+</strong> countries reached", page)
    assert 'href="/registry/?status=dpg&amp;sdg=3"' in page
    assert "<svg" in page and "Where digital public goods are deployed" in page


def test_catalogue_filters_are_shareable_urls_with_removable_chips(client, registry):
    page = text(client.get("/registry/?q=health&status=dpg&sdg=3"))
    count = int(re.search(r"(\d+) results?", page).group(1))
    assert 0 < count < 174
    assert 'aria-label="Remove filter “health”"' in page
    assert 'href="?sdg=3&amp;status=dpg"' in page  # removing the query keeps the facets
    assert 'href="?q=health&amp;sdg=3&amp;status=all"' in page  # removing a facet keeps the query
    assert 'value="health"' in page


def test_catalogue_is_paginated_and_light(client, registry):
    first = client.get("/registry/?status=dpg")
    page = text(first)
    assert "Page 1 of 9" in page and 'rel="next"' in page
    assert len(re.findall(r"<li>\s*<h3>", page)) == 20
    second = text(client.get("/registry/?status=dpg&page=2"))
    assert "Page 2 of 9" in second
    assert len(first.content) < 60_000


def test_catalogue_json_mirrors_the_page(client, registry):
    data = client.get("/registry/results.json?status=dpg&category=data").json()
    assert data["count"] == len([p for p in data["results"]]) or data["pages"] > 1
    assert all(p["status"] == "dpg" and "data" in p["categories"] for p in data["results"])
    assert {row["value"] for row in data["facets"]["category"]} >= {"data", "software"}


def test_bad_filter_gets_a_clear_error(client, registry):
    response = client.get("/registry/?sdg=18")
    assert response.status_code == 400
    assert "sdg: SDG 18 does not exist" in text(response)


def test_profile_shows_indicators_licences_countries_and_badge(client, registry):
    page = text(client.get("/registry/aam-digital/"))
    assert "<h1><bdi>Aam Digital</bdi>" in page
    assert "GPL-3.0" in page and "https://github.com/Aam-Digital/ndb-core/blob/master/LICENSE.md" in page
    assert "SDG 10: Reduced inequalities" in page
    assert "7. Privacy and applicable laws" in page and "GDPR" in page
    assert "Germany" in page and "<svg" in page
    assert "/registry/aam-digital/badge.svg" in page
    assert client.get("/registry/api.gouv.fr/").status_code == 200
    assert client.get("/registry/no-such-thing/").status_code == 404


def test_each_evidence_link_names_the_goal_it_supports(client, registry):
    page = text(client.get("/registry/kobotoolbox/"))
    links = re.findall(r'<a href="[^"]+" rel="nofollow">([^<]+)</a>', page)
    assert "Evidence for SDG 3" in links
    assert "Evidence" not in links  # never a row of links all called the same


def test_profile_json_and_badge(client, registry):
    record = client.get("/registry/aam-digital.json").json()
    assert record["name"] == "Aam Digital" and record["status"] == "dpg"
    badge = client.get("/registry/aam-digital/badge.svg")
    assert badge["Content-Type"] == "image/svg+xml"
    assert "digital public good" in text(badge) and "max-age" in badge["Cache-Control"]
    archived = text(client.get("/registry/5calls-ios/badge.svg"))
    assert "archived" in archived


def test_dumps_take_the_same_filters(client, registry):
    dump = b"".join(client.get("/registry.json?status=dpg&sdg=4").streaming_content)
    products = json.loads(dump)
    api = client.get("/api/v1/products?status=dpg&sdg=4&limit=100").json()
    assert [p["slug"] for p in products] == [p["slug"] for p in api["results"]]
    lines = b"".join(client.get("/registry.ndjson?status=dpg&sdg=4").streaming_content).decode().splitlines()
    assert len(lines) == len(products)
    csv_text = b"".join(client.get("/registry.csv?status=dpg&sdg=4").streaming_content).decode()
    assert len(csv_text.strip().splitlines()) == len(products) + 1


def test_filtered_dumps_give_the_records_and_order_of_the_database_read(client, registry):
    # Filtered dumps read their matches from the in-memory index and their records flat (page_reads); the
    # database's own query and model instances are the reference.
    sizes = {}
    for query in ("status=dpg&sdg=4", "q=health", "q=data&sort=recent", "country=KE", "license_family=copyleft",
                  "q=open&category=software&sort=name", "region=002&status=nominee"):
        filters = Filters.from_query(QueryDict(query))
        for fmt in FORMATS:
            expected = "".join(export_lines(selectors.with_public_record(results(filters)), fmt))
            dump = b"".join(client.get(f"/registry.{fmt}?{query}").streaming_content).decode()
            assert dump == expected, (query, fmt)
            if fmt == "json":
                sizes[query] = len(json.loads(dump))
    assert sizes["status=dpg&sdg=4"] > 1 and sizes["q=health"] > 1 and sizes["q=data&sort=recent"] > 1, sizes


def test_feed_sitemap_and_robots(client, registry):
    feed = text(client.get("/registry/feed.atom"))
    assert feed.startswith("<?xml") and "<entry>" in feed
    sitemap = b"".join(client.get("/sitemap.xml").streaming_content).decode()
    assert sitemap.count("<url>") == 4 * (2 + 759)  # each page in English, French, Spanish and Arabic
    assert "/registry/api.gouv.fr/" in sitemap
    assert "Sitemap: http://testserver/sitemap.xml" in text(client.get("/robots.txt"))


def test_no_contact_detail_or_raw_record_reaches_public_pages(client, standard, tmp_path):
    run_import([legacy_copy_with_contact(tmp_path, "dhis2", "Private Person", "private.person@example.org")])
    for url in ("/registry/dhis2/", "/registry/dhis2.json", "/api/v1/products/dhis2", "/api/dpg/dhis2", "/api/dpgs"):
        body = text(client.get(url))
        assert "private.person@example.org" not in body and "Private Person" not in body, url
    dump = b"".join(client.get("/registry.json").streaming_content).decode()
    assert "private.person@example.org" not in dump


def test_catalogue_page_is_small_and_needs_nothing_from_elsewhere(client, registry):
    import gzip
    import re as regex

    from django.contrib.staticfiles import finders

    page = client.get("/registry/?status=dpg").content
    css = open(finders.find("css/site.css"), "rb").read()
    assert len(gzip.compress(page)) + len(gzip.compress(css)) < 60_000
    html = page.decode()
    # Only what the browser fetches counts; the page's versions in other languages are links, not resources.
    fetched = r'<(?:script|img|iframe|link(?![^>]*rel="alternate"))[^>]+(?:src|href)="(https?:)?//'
    external = regex.findall(fetched, html)
    assert external == []
    assert "@import" not in css.decode() and "url(http" not in css.decode()


def test_each_facet_value_links_to_the_filters_with_it_toggled_in_the_order_shared_urls_have(registry):
    from django.utils.http import urlencode

    from dpg_registry.registry import catalogue
    from dpg_registry.registry.views.pages import FACET_ROWS_SHOWN, _facet_links

    for query in ({}, {"q": "health & data", "sort": "name"}, {"status": ["dpg"], "sdg": [3]},
                  {"country": ["KE"], "license_family": ["copyleft"], "sort": "recent"},
                  {"q": "open", "status": ["nominee", "dpg"], "sector": ["Health"], "region": ["002"]}):
        filters = catalogue.Filters(**query)
        filters.check()
        counts = catalogue.facet_counts(catalogue.Selection(filters))
        links = _facet_links(filters, counts)
        params = filters.as_params()
        for name, rows in links.items():
            assert len(rows) == min(len(counts[name]), FACET_ROWS_SHOWN)
            for row in rows:
                pair = (name, str(row["value"]))
                toggled = [p for p in params if p != pair] if row["selected"] else params + [pair]
                assert row["url"] == "?" + urlencode(catalogue.keep_status(toggled)), (query, pair)
