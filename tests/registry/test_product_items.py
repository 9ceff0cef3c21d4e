"""A list of results links each product to its profile, as ``reverse`` would, and cuts descriptions as Django's
``Truncator`` would."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from django.utils.translation import override

from dpg_registry.registry.templatetags.product_items import DESCRIPTION_WORDS, product_items


def _row(slug="dhis2", description="A health information system.", **fields) -> dict:
    return {"slug": slug, "name": "DHIS2 <core>", "status": "dpg", "status_label": "Digital public good",
            "description": description, "categories": ["Open Software"], "sdgs": [3, 4], "licences": ["BSD-3-Clause"],
            **fields}


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_each_product_links_to_its_profile_in_the_page_language(language):
    slugs = ["dhis2", "api.gouv.fr", "open_crvs-2"]
    with override(language):
        html = product_items([_row(slug) for slug in slugs])
        for slug in slugs:
            assert f'<a href="{reverse("profile", args=[slug])}"><bdi>DHIS2 &lt;core&gt;</bdi></a>' in html
    assert html.count("<li>") == 3


def test_a_slug_the_profile_address_cannot_hold_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        product_items([_row("dhis2"), _row("a slug")])


@pytest.mark.parametrize("description", [
    "one  two\nthree",
    " ".join(f"w{number}" for number in range(DESCRIPTION_WORDS)),
    " ".join(f"w{number}" for number in range(DESCRIPTION_WORDS + 1)),
    " ".join(["w"] * (DESCRIPTION_WORDS - 1) + ["…", "more"]),
    "",
])
def test_descriptions_are_cut_as_the_truncator_cuts_them(description):
    html = product_items([_row(description=description)])
    expected = Truncator(description).words(DESCRIPTION_WORDS, truncate=" …")
    assert f'<p dir="auto">{expected}</p>' in html


def test_the_meta_line_names_categories_goals_and_licences_in_the_page_language():
    with override("fr"):
        html = product_items([_row(), _row(sdgs=[], licences=[])])
    assert '<p class="meta">Logiciel ouvert · ODD 3, 4 · BSD-3-Clause</p>' in html
    assert '<p class="meta">Logiciel ouvert</p>' in html
