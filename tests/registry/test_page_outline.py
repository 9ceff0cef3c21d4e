"""What search engines and screen readers read first: every public page has a description in its own language
(a profile's is the product's), its headings step down one level at a time, and each box a wide table scrolls in
is a named region a keyboard reaches."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from dpg_registry.registry.models import Product
from tests.browser.test_accessibility import PREFIXES, PUBLIC_PAGES
from tests.ecosystem.conftest import build_ecosystem

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.descriptions, self.levels = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "description":
            self.descriptions.append(attrs.get("content") or "")
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))


def outline(client: Client, url: str) -> Outline:
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = Outline()
    parsed.feed(response.content.decode())
    return parsed


def skipped_levels(levels: list[int]) -> list[tuple[int, int]]:
    return [(before, after) for before, after in zip(levels, levels[1:], strict=False) if after > before + 1]


def test_every_public_page_describes_itself_in_its_language_and_its_headings_skip_no_level(people):
    build_ecosystem(people)
    client = Client()
    english = outline(client, "/").descriptions
    assert len(english) == 1 and "digital public goods" in english[0]
    problems = {}
    for prefix in PREFIXES:
        for path in PUBLIC_PAGES:
            page = outline(client, f"{prefix}{path}")
            untranslated = prefix and page.descriptions == english and "/open-clinic/" not in path
            if len(page.descriptions) != 1 or len(page.descriptions[0]) < 50 or page.levels[:1] != [1] \
                    or skipped_levels(page.levels) or untranslated:
                problems[f"{prefix}{path}"] = (page.descriptions, page.levels)
    assert problems == {}


def test_a_profile_is_described_by_its_product(people):
    build_ecosystem(people)
    Product.objects.filter(slug="open-clinic").update(description="Open Clinic keeps patient records. " * 10)
    description = outline(Client(), "/ar/registry/open-clinic/").descriptions[0]
    assert description.startswith("Open Clinic keeps patient records.") and len(description) <= 160


TABLE_BOX = re.compile(r'<div class="table-wrap"([^>]*)>')


def test_every_table_box_on_a_public_page_is_a_named_region_a_keyboard_reaches(people):
    build_ecosystem(people)
    client, boxes, unnamed = Client(), 0, {}
    for path in PUBLIC_PAGES:
        html = client.get(path).content.decode()
        for attributes in TABLE_BOX.findall(html):
            boxes += 1
            label = re.search(r'aria-labelledby="([^"]+)"', attributes)
            name = label and re.search(rf'id="{re.escape(label[1])}"[^>]*>\s*([^<\s][^<]*)', html)
            if 'tabindex="0"' not in attributes or 'role="region"' not in attributes or not name:
                unnamed.setdefault(path, []).append(attributes)
    assert unnamed == {}
    assert boxes >= 6  # the home page's countries, the communities, a community's three, the campaign
