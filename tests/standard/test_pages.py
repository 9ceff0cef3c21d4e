"""The Standard's public pages over HTTP, read as a visitor reads them."""

import html
import re

from dpg_registry.standard.selectors import indicator_url


def visible(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def indicator_section(page: str, code: str) -> str:
    found = re.search(rf'<section class="indicator" id="indicator-{re.escape(code)}".*?</section>', page, re.S)
    assert found, code
    return visible(found.group(0))


def test_the_current_version_shows_every_indicator_with_its_parts(client, standard):
    response = client.get("/standard/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>DPG Standard 1.1.7</h1>" in page
    assert "This is the current version" in visible(page)
    for code in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "9a", "9b", "9c"):
        assert f'href="#indicator-{code}"' in page
        text = indicator_section(page, code)
        for heading in ("Requirement", "Why it matters", "Questions asked", "Open Software", "Open Data",
                        "Open Content", "Open AI Model", "Evidence reviewers look for"):
            assert heading in text, (code, heading)
    licence = indicator_section(page, "2")
    assert "The product is published under a licence from the approved list" in licence
    assert "Under which licence are the trained model weights published?" in licence
    assert "Open Software: 111 approved licences" in licence
    assert "Open Content: 16 approved licences" in licence
    assert 'href="https://spdx.org/licenses/Apache-2.0.html"' in page
    assert "CC-BY-NC-4.0" not in licence
    assert "Open Standard" not in page  # a legacy category, not offered


def test_an_earlier_version_is_kept_with_its_own_licences_and_questions(client, standard):
    page = client.get("/standard/1.1.6/").content.decode()
    assert "<h1>DPG Standard 1.1.6</h1>" in page
    assert "This is an earlier version" in visible(page)
    licence = indicator_section(page, "2")
    assert "CC-BY-NC-4.0" in licence and "Open Content: 26 approved licences" in licence
    assert "trained model weights" not in licence
    assert "Principles for Digital Development" in indicator_section(page, "8")
    assert 'href="/standard/changes/?from=1.1.6&amp;to=1.1.7"' not in page
    current = client.get("/standard/1.1.7/").content.decode()
    assert 'href="/standard/changes/?from=1.1.6&amp;to=1.1.7"' in current


def test_an_unknown_version_is_not_found(client, standard):
    assert client.get("/standard/9.9.9/").status_code == 404


def test_indicator_urls_lead_to_the_indicator(client, standard):
    assert indicator_url("9a") == "/standard/#indicator-9a"
    assert indicator_url("2", "1.1.6") == "/standard/1.1.6/#indicator-2"
    path, anchor = indicator_url("9a").split("#")
    assert f'id="{anchor}"' in client.get(path).content.decode()


def test_the_page_reads_in_french_and_arabic(client, standard):
    french = client.get("/fr/standard/").content.decode()
    assert "<h1>Norme des BPN 1.1.7</h1>" in french
    assert "Pourquoi c’est important" in visible(french)
    arabic = client.get("/ar/standard/").content.decode()
    assert 'dir="rtl"' in arabic
    assert "Relevance to the Sustainable Development Goals" not in arabic


def test_the_changelog_lists_what_changed(client, standard):
    response = client.get("/standard/changes/?from=1.1.6&to=1.1.7")
    assert response.status_code == 200
    text = visible(response.content.decode())
    assert "Indicator 2: its requirement changed." in text
    assert "Indicator 2: question “model_license” added." in text
    assert "Indicator 8: question “follows_best_practices”: its wording changed." in text
    assert "CC-BY-NC-4.0 removed from the approved licences for Open Content." in text
    assert "CC-BY-NC-SA-4.0 removed from the approved licences for Open Data." in text
    backwards = visible(client.get("/standard/changes/?from=1.1.7&to=1.1.6").content.decode())
    assert "CC-BY-NC-4.0 added to the approved licences for Open Content." in backwards
    same = visible(client.get("/standard/changes/?from=1.1.7&to=1.1.7").content.decode())
    assert "Nothing changed between these versions." in same


def test_the_changelog_defaults_to_the_last_change(client, standard):
    text = visible(client.get("/standard/changes/").content.decode())
    assert "From 1.1.6 to 1.1.7" in text


def test_an_unknown_version_in_the_changelog_names_the_parameter(client, standard):
    response = client.get("/standard/changes/?from=0.9&to=1.1.7")
    assert response.status_code == 400
    text = visible(response.content.decode())
    assert "from: the registry holds no version “0.9” of the Standard; choose one of 1.1.7, 1.1.6." in text
    assert "removed from the approved licences" not in text
