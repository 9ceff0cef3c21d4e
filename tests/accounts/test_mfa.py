"""Staff roles need TOTP: set up before any staff work, proven at every sign-in, and not removable."""

import pytest
from django.test import Client

from tests.factories import PASSWORD, give_totp, make_user, totp_code


@pytest.mark.django_db(transaction=True)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(standard):
    reviewer = make_user("rita@review.example", "l1")
    client = Client()
    assert client.post("/accounts/login/", {"login": reviewer.email, "password": PASSWORD}).status_code == 302
    response = client.get("/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")
    api = client.get("/api/v1/review/queue")
    assert api.status_code == 403 and "authenticator" in api.json()["detail"]
    # Setting it up asks for the password again, then for a code from the new app.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)}).status_code == 302
    assert client.get("/review/").status_code == 200


@pytest.mark.django_db
def test_a_password_alone_does_not_open_staff_pages(standard):
    reviewer = make_user("rita@review.example", "l2")
    secret = give_totp(reviewer)
    client = Client()
    response = client.post("/accounts/login/", {"login": reviewer.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/review/").status_code == 302  # not signed in yet

    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200 and client.get("/review/").status_code == 302

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/review/").status_code == 200


@pytest.mark.django_db
def test_a_session_that_did_not_prove_the_authenticator_is_asked_again(standard):
    reviewer = make_user("rita@review.example", "expert")
    give_totp(reviewer)
    client = Client()
    client.force_login(reviewer)  # e.g. a session from before the role was granted
    response = client.get("/review/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/reauthenticate/")


@pytest.mark.django_db
def test_staff_cannot_remove_their_authenticator_but_applicants_can(standard):
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator

    reviewer = make_user("rita@review.example", "admin")
    applicant = make_user("amir@clinic.example")
    give_totp(reviewer)
    give_totp(applicant)
    adapter = get_adapter()
    assert not adapter.can_delete_authenticator(Authenticator.objects.get(user=reviewer, type="totp"))
    assert adapter.can_delete_authenticator(Authenticator.objects.get(user=applicant, type="totp"))


@pytest.mark.django_db
def test_applicants_need_no_authenticator(standard):
    applicant = make_user("amir@clinic.example")
    client = Client()
    assert client.post("/accounts/login/", {"login": applicant.email, "password": PASSWORD}).status_code == 302
    assert client.get("/applications/").status_code == 200
