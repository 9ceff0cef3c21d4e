"""The catalogue opens on the listed DPGs; nominees, archived and excluded records are one link away."""

import html
import re

from dpg_registry.registry.models import Product


def text(response) -> str:
    return response.content.decode()


def result_count(page: str) -> int:
    return int(re.search(r"(\d+) results?", page).group(1))


def statuses_in_json(client, query: str) -> set[str]:
    data = client.get(f"/registry/results.json?{query}").json()
    return {product["status"] for product in data["results"]}


def notice_links(page: str) -> dict[str, str]:
    notice = re.search(r'<p class="status-notice">(.*?)</p>', page, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', notice)
    return {html.unescape(label): html.unescape(href) for href, label in links}


def test_the_catalogue_opens_on_listed_dpgs_and_names_the_other_records(client, registry):
    counts = {status: Product.objects.filter(status=status).count() for status in Product.Status.values}
    page = text(client.get("/registry/"))
    assert result_count(page) == counts["dpg"]
    assert "Showing digital public goods." in page
    links = notice_links(page)
    assert links == {
        f"{counts['nominee']} nominees": "?status=nominee",
        f"{counts['archived']} archived records": "?status=archived",
        f"{counts['excluded']} excluded records": "?status=excluded",
        "Show every record": "?status=all",
    }
    assert statuses_in_json(client, "") == {"dpg"}

    nominees = text(client.get("/registry/" + links[f"{counts['nominee']} nominees"]))
    assert result_count(nominees) == counts["nominee"]
    assert "Showing digital public goods." not in nominees


def test_every_status_is_one_shareable_url_away(client, registry):
    everything = text(client.get("/registry/?status=all"))
    assert result_count(everything) == Product.objects.count()
    assert 'href="?status=all&amp;page=2"' in everything  # the next page keeps every status
    assert 'href="?sdg=3&amp;status=all"' in everything  # so does a facet
    assert '<input type="hidden" name="status" value="all">' in everything  # and the search form
    data = client.get("/registry/results.json?status=all").json()
    assert data["count"] == Product.objects.count()


def test_an_explicit_status_still_filters_and_removing_it_shows_every_record(client, registry):
    page = text(client.get("/registry/?status=archived&sdg=3"))
    assert result_count(page) == Product.objects.filter(status="archived", sdg_links__sdg_id=3).distinct().count()
    assert "Showing digital public goods." not in page
    assert 'href="?sdg=3&amp;status=all"' in page  # the chip's ✕ drops the status, not back to DPGs only
    both = text(client.get("/registry/?status=dpg&status=nominee"))
    assert result_count(both) == Product.objects.filter(status__in=["dpg", "nominee"]).count()


def test_a_search_counts_the_other_records_it_matches(client, registry):
    page = text(client.get("/registry/?q=health"))
    links = notice_links(page)
    nominee_label = next(label for label in links if label.endswith("nominees") or label.endswith("nominee"))
    assert links[nominee_label] == "?q=health&status=nominee"
    matched = text(client.get("/registry/" + links[nominee_label]))
    assert nominee_label.startswith(f"{result_count(matched)} nominee")
