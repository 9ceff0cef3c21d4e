"""Forgotten passwords: a reset link by e-mail sets a new one."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.factories import PASSWORD, make_user


@pytest.mark.django_db
def test_a_reset_link_by_e_mail_sets_a_new_password(standard):
    make_user("amir@clinic.example")
    client = Client()
    assert client.post("/accounts/password/reset/", {"email": "amir@clinic.example"}).status_code == 302
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[-1].body).group(1)
    form = client.get(link, follow=True)
    new_password = "a brand new passphrase"
    response = client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                           {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    signed_in = Client().post("/accounts/login/", {"login": "amir@clinic.example", "password": new_password})
    assert signed_in.status_code == 302
    refused = Client().post("/accounts/login/", {"login": "amir@clinic.example", "password": PASSWORD})
    assert refused.status_code == 200 and "not correct" in refused.content.decode()
