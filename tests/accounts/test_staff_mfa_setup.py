"""Setting up the authenticator app as a new staff member: only pages are sent to the set-up, the secret shown
stays good however often the page loads, and activation leads back to the page that asked for it."""

import pytest
from django.test import Client

from tests.factories import PASSWORD, make_user, totp_code

# Activation counts as proof of the authenticator once its transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _static_files_from_the_app_folders(settings):
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture
def reviewer(standard):
    """A reviewer signed in with their password, who has no authenticator app yet."""
    user = make_user("rita@review.example", "l1")
    user.client = Client()
    assert user.client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code == 302
    return user


def activation_page(client, path="/accounts/2fa/totp/activate/"):
    """The activation form, after giving the password again when asked to."""
    response = client.get(path)
    if response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]:
        client.post(response["Location"], {"password": PASSWORD})
        response = client.get(path)
    assert response.status_code == 200
    return response


def test_pages_are_sent_to_the_set_up_and_nothing_else_is(reviewer):
    client = reviewer.client
    for page in ("/review/", "/", "/registry/", "/inbox/"):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/accounts/2fa/totp/activate/"), page
    assert client.get("/fr/review/")["Location"].startswith("/fr/accounts/2fa/totp/activate/")

    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301 and favicon["Location"] == "/static/favicon.svg"
    assert client.get("/static/favicon.svg").status_code == 200
    assert client.get("/static/css/site.css").status_code == 200
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/healthz").status_code in (200, 503)
    assert client.get("/registry.json").status_code == 200
    assert client.get("/.well-known/security.txt").status_code == 404
    # The API is refused, not redirected: a script gets an answer it can read.
    api = client.get("/api/v1/products")
    assert api.status_code == 403 and api["Content-Type"] == "application/problem+json"
    assert "authenticator" in api.json()["detail"]


def test_the_secret_shown_stays_good_whatever_else_the_browser_loads(reviewer):
    client = reviewer.client
    client.get("/review/")
    first = activation_page(client).context["form"].secret
    # A reload, a second tab, the favicon and the stylesheet the browser fetches by itself.
    client.get("/favicon.ico")
    client.get("/static/css/site.css")
    assert client.get("/accounts/2fa/totp/activate/").context["form"].secret == first
    assert client.get("/accounts/2fa/totp/activate/").context["form"].secret == first

    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200 and wrong.context["form"].errors["code"]
    assert wrong.context["form"].secret == first
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(first)})
    assert response.status_code == 302


def test_activation_leads_back_to_the_page_that_asked_for_it_with_the_recovery_codes_offered(reviewer):
    client = reviewer.client
    assert client.get("/review/?queue=l1").status_code == 302
    client.get("/favicon.ico")  # a later file does not take the place of the page
    secret = activation_page(client).context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == "/review/?queue=l1"

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Keep your recovery codes somewhere safe" in html
    assert 'href="/accounts/2fa/recovery-codes/"' in html
    codes = client.get("/accounts/2fa/recovery-codes/")
    assert codes.status_code == 200 and len(codes.context["unused_codes"]) == 10
    # The new secret is for this activation only: the next one starts afresh.
    assert "mfa.totp.secret" not in client.session


def test_a_page_address_leading_off_the_site_is_not_remembered(reviewer):
    client = reviewer.client
    response = client.get("/%2F%2Fevil.example/")  # the path //evil.example/, which a browser reads as a site
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/totp/activate/")
    secret = activation_page(client).context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/recovery-codes/"


def test_without_a_page_to_go_back_to_activation_shows_the_recovery_codes(standard):
    applicant = make_user("amir@clinic.example")
    client = Client()
    client.post("/accounts/login/", {"login": applicant.email, "password": PASSWORD})
    secret = activation_page(client).context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/recovery-codes/"


def test_a_french_page_leads_back_to_itself_with_the_notice_in_french(reviewer):
    client = reviewer.client
    response = client.get("/fr/review/")
    assert response["Location"].startswith("/fr/accounts/2fa/totp/activate/")
    secret = activation_page(client, "/fr/accounts/2fa/totp/activate/").context["form"].secret
    response = client.post("/fr/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == "/fr/review/"
    html = client.get("/fr/review/").content.decode()
    assert "Gardez vos codes de récupération en lieu sûr" in html
    assert 'href="/fr/accounts/2fa/recovery-codes/">Voir vos codes de récupération</a>' in html
