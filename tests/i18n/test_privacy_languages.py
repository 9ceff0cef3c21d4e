"""The privacy notice and a person's own data pages read in French, Spanish and Arabic."""

import html

import pytest
from django.test import Client

from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(("language", "direction", "heading", "section", "footer"), [
    ("fr", "ltr", "Confidentialité", "<h2>Ce que nous détenons à votre sujet</h2>", ">Confidentialité</a></footer>"),
    ("es", "ltr", "Privacidad", "<h2>Qué datos tenemos sobre usted</h2>", ">Privacidad</a></footer>"),
    ("ar", "rtl", "الخصوصية", "<h2>ما نحتفظ به عنك</h2>", ">الخصوصية</a></footer>"),
], ids=["fr", "es", "ar"])
def test_the_privacy_notice_reads_in_the_page_language(settings, language, direction, heading, section, footer):
    settings.DPG_PRIVACY_CONTACT = "privacy@registry.example"
    notice = page(Client(), f"/{language}/privacy/")
    assert f'<html lang="{language}" dir="{direction}">' in notice
    assert f"<h1>{heading}</h1>" in notice and f"<title>{heading} · DPG Registry</title>" in notice
    assert section in notice and footer in notice
    assert f'href="/{language}/accounts/data/"' in notice and "privacy@registry.example" in notice
    assert "What we hold about you" not in notice and "salted hash" not in notice


def test_the_own_data_and_deletion_pages_read_in_french_and_name_the_field_in_an_error(people):
    client = Client()
    sign_in(client, people["applicant"])
    data = page(client, "/fr/accounts/data/")
    assert "<h1>Vos données</h1>" in data and ">Télécharger vos données (JSON)</a>" in data
    spanish = page(client, "/es/accounts/delete/")
    assert "<h1>Eliminar su cuenta</h1>" in spanish and ">Eliminar mi cuenta</button>" in spanish
    response = client.post("/fr/accounts/delete/", {"confirmation": ""})
    refused = html.unescape(response.content.decode())
    assert response.status_code == 200 and "Votre mot de passe" in refused
    assert "Ce champ est obligatoire." in refused
