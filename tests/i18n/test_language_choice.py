"""The visitor's language: from the browser on a first visit, from the switcher after that, in the URL always."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _standard(standard):
    pass


def test_a_first_visit_follows_the_browser(client):
    response = client.get("/registry/?status=dpg", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/es/registry/?status=dpg"
    assert "Accept-Language" in response["Vary"]


def test_english_and_unknown_browsers_stay_on_english_pages(client):
    for header in ("en-GB,en;q=0.9", "de-DE,de;q=0.9", ""):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 200, header
        assert b'<html lang="en" dir="ltr">' in response.content


def test_a_chosen_language_wins_over_the_browser(client):
    response = client.get("/language/en/?next=/registry/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302 and response["Location"] == "/registry/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/registry/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200


def test_the_switcher_keeps_the_page_and_its_filters(client):
    response = client.get("/language/ar/", {"next": "/registry/?status=dpg&sdg=3"})
    assert response["Location"] == "/ar/registry/?status=dpg&sdg=3"
    page = client.get(response["Location"])
    assert b'<html lang="ar" dir="rtl">' in page.content
    # Each language is offered in its own name, the current one marked.
    assert 'lang="fr" hreflang="fr">Français</a>' in page.content.decode()
    assert 'hreflang="ar" aria-current="true">العربية</a>' in page.content.decode()


def test_the_switcher_refuses_unknown_languages_and_foreign_targets(client):
    assert client.get("/language/xx/").status_code == 404
    response = client.get("/language/fr/", {"next": "https://elsewhere.example/phish"})
    assert response["Location"] == "/fr/"


def test_pages_speak_their_language(client):
    french = client.get("/fr/").content.decode()
    assert '<html lang="fr" dir="ltr">' in french and ">Données ouvertes</a>" in french
    spanish = client.get("/es/").content.decode()
    assert ">Datos abiertos</a>" in spanish
    arabic = client.get("/ar/").content.decode()
    assert ">البيانات المفتوحة</a>" in arabic


def test_api_and_dumps_answer_in_every_language_without_redirect(client):
    for url in ("/api/v1/products", "/registry.json", "/healthz"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200, url


def test_cached_pages_keep_their_language(client):
    assert b'lang="en"' in client.get("/registry/").content
    assert b'lang="fr"' in client.get("/fr/registry/").content
    assert b'lang="en"' in client.get("/registry/").content


def test_cached_public_pages_keep_links_and_signed_in_people_get_the_buttons(client):
    from tests.factories import make_user, sign_in

    for _ in range(2):  # the second answer comes from the page cache
        anonymous = client.get("/registry/").content.decode()
        assert 'href="/language/fr/?next=/registry/"' in anonymous and "csrfmiddlewaretoken" not in anonymous
    sign_in(client, make_user("amina@clinic.example"))
    signed_in = client.get("/registry/").content.decode()
    assert 'formaction="/language/fr/" lang="fr">Français</button>' in signed_in
    assert 'name="csrfmiddlewaretoken"' in signed_in and 'href="/language/' not in signed_in


@pytest.mark.parametrize(("code", "came_from", "goes_to"), [
    ("en", "/fr/registry/?status=dpg", "/registry/?status=dpg"),
    ("en", "/ar/registry/dhis2/", "/registry/dhis2/"),
    ("es", "/fr/eligibility/", "/es/eligibility/"),
    ("ar", "/registry/", "/ar/registry/"),
    ("en", "/", "/"),
])
def test_the_switcher_leaves_any_language_for_any_other(client, code, came_from, goes_to):
    assert client.get(f"/language/{code}/", {"next": came_from})["Location"] == goes_to
    # Signed-in people's buttons post the same choice.
    assert client.post(f"/language/{code}/", {"next": came_from})["Location"] == goes_to
