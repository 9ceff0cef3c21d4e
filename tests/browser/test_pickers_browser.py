"""Pickers in a real browser: countries, licences and products chosen by typing a few letters, with the
keyboard alone, under the site's Content-Security-Policy; and the same forms with JavaScript off."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from dpg_registry.applications.models import Application
from dpg_registry.ecosystem.models import CollectionEntry
from tests.applications.test_clock import approve
from tests.browser.axe import violations
from tests.ecosystem.conftest import build_ecosystem

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def person(browser, live_server):
    """A page signed in as the given user, JavaScript on or off, under the site's real security policy."""
    contexts = []

    def open_page(user, *, javascript=True, width=1024, axe=False):
        client = Client()
        client.force_login(user)
        # axe-core is injected into the page, which the policy refuses: only the pages axe checks lift it.
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": width, "height": 800}, bypass_csp=axe
        )
        context.set_default_timeout(15_000)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def countries_box(page):
    return page.get_by_role("combobox", name="Countries where it is deployed")


def test_type_ivo_pick_cote_d_ivoire_with_the_keyboard(person, live_server, people, draft):
    page = person(people["applicant"])
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/applications/{draft.public_id}/about/")
    box = countries_box(page)
    chips = page.locator(".picker-chip")
    expect(chips).to_have_text(["Kenya×"])  # the draft's country, by name

    box.press_sequentially("ivo")
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option")).to_have_text(["Côte d’Ivoire"])
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == listbox.get_by_role("option").first.get_attribute("id")
    box.press("Enter")  # picks; does not send the form
    expect(chips).to_have_text(["Côte d’Ivoire×", "Kenya×"])  # in the order of the names
    expect(listbox).to_be_hidden()
    assert box.input_value() == ""

    box.press_sequentially("fra")
    expect(listbox).to_be_visible()
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.fill("")
    box.press("Backspace")  # the last chip goes
    expect(chips).to_have_text(["Côte d’Ivoire×"])
    box.press_sequentially("ken")
    box.press("Enter")
    expect(chips).to_have_text(["Côte d’Ivoire×", "Kenya×"])
    page.get_by_role("button", name="Remove Kenya").click()
    expect(chips).to_have_text(["Côte d’Ivoire×"])
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("status")).to_contain_text("Saved.")
    assert Application.objects.get(pk=draft.pk).deployment_countries == ["CI"]
    assert not errors

    # The owner's country, an answer of indicator 3: picked the same way, shown by its name on the record.
    page.goto(f"{live_server.url}/applications/{draft.public_id}/indicator/3/")
    owner = page.locator("#question-owner_country").get_by_role("combobox")
    owner.press_sequentially("ivo")
    owner.press("Enter")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("status")).to_contain_text("Indicator 3 saved.")
    assert draft.answers.get(question_key="owner_country").value == ["CI"]

    listed = approve(people, Application.objects.get(pk=draft.pk))
    page.goto(f"{live_server.url}/registry/{listed.product.slug}/")
    expect(page.locator("main")).to_contain_text("Côte d’Ivoire")
    page.goto(f"{live_server.url}/r/{listed.public_id}/")
    expect(page.locator("#answer-owner_country, main").first).to_contain_text("Côte d’Ivoire")


def test_countries_are_named_in_the_readers_language_and_the_picker_is_mirrored(person, live_server, people, draft):
    page = person(people["applicant"], width=360, axe=True)
    page.goto(f"{live_server.url}/ar/applications/{draft.public_id}/about/")
    box = page.locator("#id_deployment_countries-search")
    expect(page.locator(".picker-chip span")).to_have_text(["كينيا"])
    box.press_sequentially("ساحل")
    option = page.get_by_role("option", name="ساحل العاج")
    expect(option).to_be_visible()
    list_box, input_box = page.get_by_role("listbox").bounding_box(), box.bounding_box()
    assert abs((list_box["x"] + list_box["width"]) - (input_box["x"] + input_box["width"])) < 2  # from the right
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box.press("Enter")
    assert not violations(page)
    page.get_by_role("button", name="حفظ ومتابعة").click()
    assert Application.objects.get(pk=draft.pk).deployment_countries == ["CI", "KE"]


def test_without_javascript_the_countries_are_a_plain_list(person, live_server, people, draft):
    page = person(people["applicant"], javascript=False)
    page.goto(f"{live_server.url}/applications/{draft.public_id}/about/")
    countries = page.get_by_label("Countries where it is deployed")
    assert countries.evaluate("node => node.tagName") == "SELECT"
    countries.select_option(["CI", "KE"])
    page.get_by_role("button", name="Save and continue").click()
    assert Application.objects.get(pk=draft.pk).deployment_countries == ["CI", "KE"]


def test_a_licence_is_completed_word_by_word(browser, live_server, standard):
    page = browser.new_context(bypass_csp=True).new_page()  # for axe-core
    page.goto(f"{live_server.url}/eligibility/")
    licence = page.get_by_role("combobox", name="Licence")
    licence.press_sequentially("apache")
    expect(page.get_by_role("option", name="Apache License 2.0 (Apache-2.0)")).to_be_visible()
    licence.press_sequentially("-2")  # a licence expression is completed one word (one identifier) at a time
    expect(page.get_by_role("option")).to_have_text(["Apache License 2.0 (Apache-2.0)"])
    licence.press("Enter")
    assert licence.input_value() == "Apache-2.0"
    licence.press_sequentially(" OR gpl-3.0-or")
    licence.press("ArrowDown")
    licence.press("Enter")
    assert licence.input_value() == "Apache-2.0 OR GPL-3.0-or-later"
    assert not violations(page)


def test_a_product_is_added_to_a_collection_by_its_name(person, live_server, people):
    ecosystem = build_ecosystem(people)
    page = person(ecosystem["people"]["focal"])
    page.goto(f"{live_server.url}/communities/health/edit/entry/")
    product = page.get_by_role("combobox", name="Product")
    product.press_sequentially("side")
    product.press("Enter")
    expect(page.locator(".picker-chip span")).to_have_text(["Side Project"])
    page.get_by_label("Why it is in the collection").fill("It tracks side effects.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_be_visible()
    entry = CollectionEntry.objects.get(product__slug="side-project")
    assert entry.collection == ecosystem["collection"] and entry.reason == "It tracks side effects."
