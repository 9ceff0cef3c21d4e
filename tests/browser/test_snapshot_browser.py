"""`dpg snapshot DIR` writes a copy of the registry that works when opened from disk."""

import json

import pytest

from tests.conftest import LEGACY_DIR, run_dpg

pytestmark = pytest.mark.django_db(transaction=True)


def test_snapshot_opens_from_disk_searches_and_links(page, tmp_path):
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
    assert page.locator("svg.map path").count() > 150
    assert page.locator("link[rel=stylesheet]").evaluate("link => link.sheet !== null")
    for link in page.locator("a[href]:not([href^=http])").evaluate_all("links => links.map(a => a.href)"):
        assert (target / link.split(target.name + "/", 1)[1].split("#")[0]).exists(), link
