"""The application pages, the inbox and the e-mails speak the reader's language; accounts remember it."""

import html
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from dpg_registry.accounts.models import LanguagePreference
from dpg_registry.accounts.selectors import language_of
from dpg_registry.applications.models import Notification
from dpg_registry.applications.services.applicant import submit
from dpg_registry.applications.services.review import finish_review, pull_next
from dpg_registry.applications.tasks import deliver_emails
from tests.applications.test_journey import review_all
from tests.factories import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(people):
    client = Client()
    sign_in(client, people["applicant"])
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def test_the_applicants_pages_read_in_french_spanish_and_arabic(applicant, draft):
    french = page(applicant, "/fr/applications/")
    assert ">Mes candidatures</h1>" in french and ">Commencer une nouvelle candidature</a>" in french
    assert '<th scope="col">Catégorie</th>' in french and "<td>Brouillon</td>" in french
    spanish = page(applicant, f"/es/applications/{draft.public_id}/")
    assert "Personas que pueden editar" in spanish and ">Empezar desde mi repositorio</h2>" in spanish
    assert ">Enviar a revisión</button>" in spanish and f"Solicitud {draft.public_id} · " in spanish
    arabic = page(applicant, f"/ar/applications/{draft.public_id}/indicator/2/")
    assert '<html lang="ar" dir="rtl">' in arabic and ">حفظ ومتابعة</button>" in arabic
    assert 'aria-label="خطوات الطلب"' in arabic and ">عن المنتج</a>" in arabic
    assert "<h1>طلب جديد</h1>" in page(applicant, "/ar/applications/new/")
    inbox = page(applicant, "/fr/inbox/")
    assert "<h1>Messages</h1>" in inbox and "Aucun message pour l’instant." in inbox


def test_the_public_application_page_reads_in_the_page_language(people, draft):
    submit(application=draft, by=people["applicant"])
    spanish = page(Client(), f"/es/r/{draft.public_id}/")
    assert "<h2>Historial de decisiones</h2>" in spanish and "<dt>Enviada</dt>" in spanish
    assert "Enviada, en espera de la revisión L1" in spanish
    arabic = page(Client(), f"/ar/r/{draft.public_id}/")
    assert "<h2>الإجابات</h2>" in arabic and "<dt>تاريخ الإرسال</dt>" in arabic


def test_an_invalid_step_in_french_names_the_field_in_french(applicant, draft):
    response = applicant.post(f"/fr/applications/{draft.public_id}/indicator/2/", {
        "version": draft.version, "licenses": "CC-BY-NC-4.0", "license_evidence_urls": "not a web address",
    })
    text = html.unescape(response.content.decode())
    assert response.status_code == 200 and "Rien n’a été enregistré ; veuillez corriger :" in text
    assert re.search(r'<a href="#id_licenses">[^<]+</a>: non approuvée pour cette catégorie : CC-BY-NC-4\.0', text)
    assert "'not a web address' n’est pas une adresse web (elle doit commencer par http:// ou https://)" in text
    new = html.unescape(applicant.post("/fr/applications/new/", {"name": "", "organisation": "Org"}).content.decode())
    assert re.search(r"Nom du produit.*Ce champ est obligatoire", new, re.S)


def test_a_signed_in_person_s_language_is_remembered_from_the_switcher_and_forms(people):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, people["applicant"])
    assert language_of(people["applicant"]) == "en"
    switcher = page(client, "/applications/")
    token = re.search(r'<nav aria-label="Language" class="languages"><form method="post"[^>]*>'
                      r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">', switcher)[1]
    assert 'formaction="/language/es/" lang="es">Español</button>' in switcher
    assert 'href="/language/' not in switcher
    response = client.post("/language/es/", {"csrfmiddlewaretoken": token, "next": "/applications/"})
    assert response["Location"] == "/es/applications/" and language_of(people["applicant"]) == "es"
    assert client.post("/language/fr/", {"next": "/applications/"}).status_code == 403  # no CSRF token
    assert language_of(people["applicant"]) == "es"
    form = page(client, "/fr/applications/new/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    client.post("/fr/applications/new/", {"csrfmiddlewaretoken": token, "name": "", "organisation": "Org"})
    assert language_of(people["applicant"]) == "fr"  # a form sent from a French page
    page(Client(), "/ar/")  # someone not signed in leaves no trace
    assert language_of(people["applicant"]) == "fr"


def test_a_get_never_changes_the_saved_language(applicant, people):
    # Another site can make a signed-in person's browser GET any address: with a link, or an image.
    response = applicant.get("/language/ar/", {"next": "/applications/"})
    assert response.status_code == 302 and response["Location"] == "/ar/applications/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"  # this browser's pages still switch
    page(applicant, "/es/applications/")
    page(applicant, "/fr/")
    assert language_of(people["applicant"]) == "en"
    assert not LanguagePreference.objects.filter(user=people["applicant"]).exists()


def _ask_for_a_clarification(people, draft):
    submit(application=draft, by=people["applicant"])
    application = pull_next(reviewer=people["l1"], level="l1")
    application = review_all(application, people["l1"], "l1")
    application = finish_review(application=application, by=people["l1"], level="l1",
                                         expected_version=application.version)
    application = pull_next(reviewer=people["l2"], level="l2")
    application = review_all(application, people["l2"], "l2", **{
        "3": ("clarification", {"public_reason": "Who holds the copyright of the mobile app?"}),
    })
    return finish_review(application=application, by=people["l2"], level="l2",
                                  expected_version=application.version)


@pytest.mark.parametrize(("language", "subject", "body", "link"), [
    ("fr", "[Registre des BPN] Question des examinateurs sur Open Clinic",
     "Merci de répondre avant le", "/fr/applications/"),
    ("ar", "[سجل المنافع العامة الرقمية] سؤال من المراجعين بشأن Open Clinic",
     "يُرجى الرد قبل", "/ar/applications/"),
    ("", "[DPG Registry] Question from the reviewers about Open Clinic", "Please answer by", "/applications/"),
])
def test_the_clarification_e_mail_is_in_the_applicant_s_language(applicant, people, draft, language, subject, body,
                                                                  link):
    if language:  # the applicant chose this language with the switcher
        assert applicant.post(f"/language/{language}/", {"next": "/applications/"}).status_code == 302
    application = _ask_for_a_clarification(people, draft)
    notes = Notification.objects.filter(user=people["applicant"], kind="clarification")
    deliver_emails.call(list(notes.values_list("pk", flat=True)))
    [message] = [m for m in mail.outbox if m.subject.startswith(subject[:12])]
    assert message.subject == subject and message.to == [people["applicant"].email]
    assert body in message.body and "Who holds the copyright of the mobile app?" in message.body
    assert f"{link}{application.public_id}/" in message.body
    html_part, _ = message.alternatives[0]
    assert f'lang="{language or "en"}"' in html_part
    inbox = page(applicant, f"/{language}/inbox/" if language else "/inbox/")
    assert subject.split("] ")[1] in inbox
    # the reviewer, who never chose a language, reads their own messages in English
    assert not Notification.objects.filter(user=people["l2"]).exclude(subject__regex=r"^[ -~]*$").exists()


def test_staff_set_up_their_authenticator_app_in_their_language(people):
    client = Client()
    signed_in = client.post("/fr/accounts/login/", {"login": people["l1"].email, "password": PASSWORD})
    assert signed_in.status_code == 302 and language_of(people["l1"]) == "fr"
    response = client.get("/fr/review/")
    assert response.status_code == 302 and response["Location"].startswith("/fr/accounts/2fa/totp/activate")
    reauthenticate = client.get(response["Location"])["Location"]  # setting it up asks for the password again
    assert reauthenticate.startswith("/fr/accounts/reauthenticate/")
    assert "Confirmer l'accès" in page(client, reauthenticate)
    client.post(reauthenticate, {"password": PASSWORD})
    activate = page(client, response["Location"])
    assert "Activer l'application d'authentification" in activate and "Registre des BPN</title>" in activate


def test_account_e_mails_follow_the_recipient_s_language(people):
    from dpg_registry.accounts.services import remember_language

    remember_language(user=people["applicant"], language="fr")
    response = Client().post("/accounts/password/reset/", {"email": people["applicant"].email})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject == "[Registre des BPN] E-mail de réinitialisation de mot de passe"
    assert "demandé une réinitialisation" in message.body
    Client().post("/accounts/password/reset/", {"email": people["stranger"].email})
    assert mail.outbox[-1].subject == "[DPG Registry] Password Reset Email"
