"""`dpg snapshot DIR` writes a copy of the registry that works when opened from disk."""

import json
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest
from playwright.sync_api import expect

from tests.conftest import LEGACY_DIR, run_dpg

# `dpg import` and `dpg snapshot` run as subprocesses
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


# Words as people type them: a name, a prefix, two words, an organisation, accents and case that fold away,
# a word only in the texts, a word that finds nothing.
WORDS = ["dhis", "health", "open data", "unicef", "Ministère", "ÉDUCATION", "malaria", "gov", "zzzyx"]


def live_results(site: str, words: str) -> list[str]:
    """The slugs the live registry's search gives for ``words``, in its order, every page followed."""
    url, slugs = f"{site}/api/v1/products?{urlencode({'q': words, 'limit': 100})}", []
    while url:
        with urlopen(url) as response:
            page = json.load(response)
        slugs += [product["slug"] for product in page["results"]]
        url = page["next"]
    return slugs


def test_snapshot_opens_from_disk_links_and_finds_and_ranks_what_the_live_search_does(page, live_server, tmp_path):
    assert run_dpg("migrate").returncode == 0
    assert run_dpg("import", str(LEGACY_DIR)).returncode == 0
    target = tmp_path / "snapshot"
    result = run_dpg("snapshot", str(target))
    assert result.returncode == 0, result.stderr
    assert len(json.loads((target / "registry.json").read_text())) == 750
    assert (target / "registry" / "api.gouv.fr" / "index.html").is_file()

    page.goto((target / "index.html").as_uri())
    assert "165" in page.locator(".figures").inner_text()
    page.get_by_role("link", name="Registry", exact=True).click()
    assert page.url.endswith("/registry/index.html")
    total = int(page.locator("#snapshot-count").inner_text())
    assert total == 750
    page.get_by_label("Search").fill("dhis")
    assert int(page.locator("#snapshot-count").inner_text()) < total
    assert page.locator("li[data-slug=dhis2]").is_visible()
    assert page.locator("li[data-slug=aam-digital]").is_hidden()
    page.locator("li[data-slug=dhis2] a").click()
    assert page.url.endswith("/registry/dhis2/index.html")
    expect(page.locator("h1")).to_have_count(1)  # the profile has loaded, not only its address
    assert page.locator("svg.map path").count() > 150
    assert page.locator("link[rel=stylesheet]").evaluate("link => link.sheet !== null")
    for link in page.locator("a[href]:not([href^=http])").evaluate_all("links => links.map(a => a.href)"):
        assert (target / link.split(target.name + "/", 1)[1].split("#")[0]).exists(), link

    page.goto((target / "registry" / "index.html").as_uri())
    for words in WORDS:
        page.get_by_label("Search").fill(words)
        offline = page.locator("ul.products li:not([hidden])").evaluate_all(
            "items => items.map(item => item.dataset.slug)")
        assert offline == live_results(live_server.url, words), words
        assert int(page.locator("#snapshot-count").inner_text()) == len(offline)
