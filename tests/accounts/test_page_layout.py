"""The layout's menus, kept once rendered, are the HTML their templates give for every page, language and visitor."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import RequestContext, TemplateSyntaxError, engines
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from dpg_registry.accounts.templatetags import page_layout

KEPT = engines["django"].from_string(
    "{% load page_layout %}{% main_menu %}|{% account_menu %}|{% language_links %}")
INCLUDED = engines["django"].from_string(
    '{% include "layout/_primary.html" %}|{% include "layout/_account.html" %}|{% include "i18n/_switcher.html" %}')
PATHS = [
    "/", "/registry/", "/registry/?q=santé&sdg=3&status=all", "/registry/dhis2/", "/registry.json", "/eligibility/",
    "/communities/", "/reports/", "/reports/2024/", "/open-data/", "/privacy/", "/registry/?q=a%26b+%25c&next=/x",
]


def _both(path: str, user, language: str, offline: bool = False) -> tuple[str, str]:
    with translation.override(language):
        prefix = "" if language == "en" else f"/{language}"
        request = RequestFactory().get(prefix + path)
        request.user = user
        request.resolver_match = resolve(request.path)
        if offline:
            request.offline_copy = True
        context = {"request": request, "user": user, "role_grants": user.role_grants.all() if user.pk else []}
        return tuple(_unmasked(template.template.render(RequestContext(request, context)))
                     for template in (KEPT, INCLUDED))


def _unmasked(html: str) -> str:
    """The page with its CSRF tokens made equal (each rendering masks the token anew)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value=""', html)


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_kept_menus_are_what_the_templates_render(people, language):
    page_layout._kept.clear()
    for user in (AnonymousUser(), people["l1"], people["applicant"]):
        for _ in range(2):  # the second time from the kept copies
            for path in PATHS:
                kept, included = _both(path, user, language)
                assert kept == included, (path, user, language)
    assert _both("/registry/", AnonymousUser(), language, offline=True)[0] == _both(
        "/registry/", AnonymousUser(), language, offline=True)[1]


def test_each_page_gets_its_own_address_in_the_language_links_and_its_part_of_the_site_marked(people):
    page_layout._kept.clear()
    catalogue, _ = _both("/registry/?q=health", AnonymousUser(), "en")
    reports, _ = _both("/reports/2024/", AnonymousUser(), "en")
    assert "next=/registry/%3Fq%3Dhealth" in catalogue and "next=/reports/2024/" in reports
    assert catalogue.count('aria-current="true"') == 2 and reports.count('aria-current="true"') == 2
    assert reports.split('aria-current="true">', 1)[1].startswith("Reports")
    assert catalogue.split('aria-current="true">', 1)[1].startswith("Registry")
    signed_in, _ = _both("/registry/", people["l1"], "en")
    assert "Sign out" in signed_in and "Review" in signed_in and "Sign in" not in signed_in


PART = ('<a href="{% url \'home\' %}">{% translate "Menu" %}</a>{% if not request.offline_copy %}{% account_menu %}'
        '{% language_links %}{% endif %}{% main_menu %}')
KEPT_PART = engines["django"].from_string('{% load i18n page_layout %}{% kept "test-part" %}' + PART + "{% endkept %}")
PLAIN_PART = engines["django"].from_string("{% load i18n page_layout %}" + PART)


def _part(template, path: str, user, language: str, offline: bool = False) -> str:
    with translation.override(language):
        request = RequestFactory().get(("" if language == "en" else f"/{language}") + path)
        request.user = user
        request.resolver_match = resolve(request.path)
        if offline:
            request.offline_copy = True
        context = {"request": request, "user": user, "role_grants": user.role_grants.all() if user.pk else []}
        return _unmasked(template.template.render(RequestContext(request, context)))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_kept_part_is_what_it_encloses_renders_for_every_page_and_visitor(people, language):
    page_layout._kept.clear()
    for user in (AnonymousUser(), people["l1"]):
        for offline in (False, True):
            for _ in range(2):  # the second time from the kept copies
                for path in PATHS:
                    kept = _part(KEPT_PART, path, user, language, offline)
                    assert kept == _part(PLAIN_PART, path, user, language, offline), (path, user, language, offline)
    assert any(key[:2] == ("kept", "test-part") for key in page_layout._kept)


def test_a_kept_part_may_not_hold_a_block_a_page_could_replace():
    with pytest.raises(TemplateSyntaxError, match="holds a block"):
        engines["django"].from_string('{% load page_layout %}{% kept "x" %}{% block head %}{% endblock %}{% endkept %}')
