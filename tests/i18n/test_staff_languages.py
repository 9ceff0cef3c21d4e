"""Every staff page and every e-mail to staff reads in French, Spanish and Arabic, with no English sentence left
but what people typed."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from dpg_registry.accounts.services import remember_language, verify_membership
from dpg_registry.applications.models import Answer, Application, Challenge, Notification
from dpg_registry.applications.services import assignment
from dpg_registry.applications.tasks import deliver_emails
from dpg_registry.audit.models import AuditEvent
from dpg_registry.console.models import ApplicationTag
from dpg_registry.registry.models import Product
from tests import staff_pages
from tests.factories import make_user, sign_in

pytestmark = pytest.mark.django_db

# Words of English that are no words of French or Spanish: one left outside what people typed is a text nobody
# translated.
ENGLISH = set(
    """
the of and is are you your yours was has have been with this that these from into than then when which who
review reviews reviewer reviewers application applications waiting now since late received decided week take
next nothing assigned asked dashboard times send recorded finish finished history repository found choose
decision decisions every each reason resolve dismiss uphold outcome people listings grant granted revoke
revoked reassign reassigned none yes true false search find filter filters clear workload median days
priority nobody overdue renewal applicant answer answers evidence before after field saved edit indicator
indicators account system
""".split()
)


def visible_texts(body: str) -> list[str]:
    """The title, the main part's texts and its labels for assistive technology, as a reader meets them."""
    title = re.search(r"<title>(.*?)</title>", body, re.S)
    main = re.search(r"<main.*?</main>", body, re.S)
    texts = [title.group(1)] if title else []
    if main:
        part = re.sub(r"<(script|style)\b.*?</\1>", "", main.group(0), flags=re.S)
        texts += re.findall(r'(?:aria-label|placeholder|title|alt)="([^"]*)"', part)
        texts += re.split(r"<[^>]+>", part)
    return [" ".join(html.unescape(text).split()) for text in texts if text.strip()]


def typed_by_people() -> list[str]:
    """What people wrote (names, answers, questions, reasons, addresses) and the repository check's findings: shown
    as written, in whatever language their authors used."""
    found = []
    for application in Application.objects.select_related("organisation"):
        found += [
            application.name,
            application.description,
            application.website,
            application.public_id,
            application.organisation.name,
            *application.repository_urls,
        ]
        found += [text for row in application.decisions.all() for text in (row.public_reason, row.note)]
        found += [text for row in application.consultations.all() for text in (row.question, row.opinion)]
        found += [text for row in application.clarifications.all() for text in (row.question, row.response)]
        for check in application.repository_checks.all():
            found += [check.target] + [finding["explanation"] for finding in (check.report or {}).get("findings", [])]
    for answer in Answer.objects.all():
        values = answer.value if isinstance(answer.value, list) else [answer.value]
        found += [str(value) for value in values] + [answer.justification] + list(answer.evidence_urls or [])
    found += [event.reason for event in AuditEvent.objects.exclude(reason="")]
    found += [
        value
        for event in AuditEvent.objects.filter(action="product.edit")
        for part in (event.before, event.after)
        for value in part.values()
    ]
    found += [text for user in get_user_model().objects.all() for text in (user.email, user.username)]
    found += [text for product in Product.objects.all() for text in (product.name, product.description, product.slug)]
    found += [challenge.reasons for challenge in Challenge.objects.all()]
    found += [tag.name for tag in ApplicationTag.objects.all()]
    return sorted({" ".join(str(text).split()) for text in found if text and str(text).strip()}, key=len, reverse=True)


def english_left(texts: list[str], typed: list[str]) -> list[str]:
    """The texts that still hold an English word once what people typed is taken out."""
    left = []
    for text in texts:
        rest = re.sub(r"https?://\S+", " ", text)  # web addresses are no sentences
        for written in typed:
            rest = rest.replace(written, " ")
        words = {word.lower() for word in re.findall(r"[A-Za-z']+", rest)}
        if words & ENGLISH:
            left.append(text)
    return left


@pytest.fixture
def scene(people, draft):
    return staff_pages.build(people, draft)


def rendered(people, scene, clients: dict, prefix: str) -> dict[str, str]:
    bodies = {}
    for what, user, path, status in staff_pages.pages(people, scene):
        if user.pk not in clients:  # one client per person: an account's authenticator app is set up once
            clients[user.pk] = Client()
            sign_in(clients[user.pk], user)
        response = clients[user.pk].get(f"{prefix}{path}")
        assert response.status_code == status, (what, response.status_code)
        bodies[what] = response.content.decode()
    return bodies


def test_every_staff_page_reads_in_french_spanish_and_arabic(people, scene):
    clients, typed = {}, typed_by_people()
    # The check cannot pass by finding nothing: in English, every staff page holds English words.
    for what, body in rendered(people, scene, clients, "").items():
        assert english_left(visible_texts(body), typed), f"{what}: no English found on the English page"
    bodies = {language: rendered(people, scene, clients, f"/{language}") for language in ("fr", "es", "ar")}
    left = {
        f"{what} ({language})": found
        for language, pages in bodies.items()
        for what, body in pages.items()
        if (found := english_left(visible_texts(body), typed))
    }
    assert not left, "English left on staff pages:\n" + "\n".join(f"{what}: {found}" for what, found in left.items())

    french = {what: html.unescape(body) for what, body in bodies["fr"].items()}
    home = french["the review home of L1"]
    assert "<h1>Examen</h1>" in home and "Prendre la prochaine candidature pour l’examen de niveau 1" in home
    dashboard = french["the dashboard"]
    assert "<h1>Tableau de bord de l’examen</h1>" in dashboard and '<th scope="col">Semaine du</th>' in dashboard
    assert '<th scope="col">Reçues</th><th scope="col">Décidées</th>' in dashboard  # counts, not a date
    assert re.search(r"<td><time datetime=\"\d{4}-\d\d-\d\d\">\d{1,2} \w+ \d{4}</time></td>", dashboard)
    workbench = french["the L1 workbench with its decision forms"]
    assert "Vous examinez cette candidature au niveau <strong>L1</strong>." in workbench
    spanish = html.unescape(bodies["es"]["the review home of an admin"])
    assert "Impugnaciones de BPD registrados" in spanish and "Resolver</button>" in spanish
    arabic = html.unescape(bodies["ar"]["the dashboard"])
    assert '<html lang="ar" dir="rtl">' in arabic and "<h1>لوحة متابعة المراجعة</h1>" in arabic


def test_every_e_mail_to_staff_reads_in_the_language_of_its_reader(people, draft):
    lin = make_user("lin@review.example", "l1")
    languages = {people["l1"]: "fr", people["l2"]: "es", people["expert"]: "ar", people["admin"]: "fr", lin: "ar"}
    for person, language in languages.items():
        remember_language(user=person, language=language)
    scene = staff_pages.build(people, draft)
    assignment.reassign(
        application=scene["farm"], level="l1", to=lin, by=people["admin"], reason="Lena is away this week."
    )
    verify_membership(
        user=people["l2"],
        organisation=scene["meals"].organisation,
        by=people["admin"],
        role="admin",
        reason="Joined the foundation.",
    )
    assignment.send_back(application=Application.objects.get(pk=scene["meals"].pk), reviewer=people["l2"])
    notes = Notification.objects.filter(user__in=list(languages))
    assert set(notes.values_list("kind", flat=True)) >= {
        "assigned",
        "unassigned",
        "assignment_conflict",
        "consultation",
    }
    deliver_emails.call(list(notes.values_list("pk", flat=True)))
    typed = typed_by_people()
    language_of = {person.email: language for person, language in languages.items()}
    sent = [message for message in mail.outbox if message.to[0] in language_of]
    assert len(sent) == notes.count()
    for message in sent:
        html_part, _ = message.alternatives[0]
        texts = [message.subject, *message.body.splitlines(), *visible_texts(f"<main>{html_part}</main>")]
        assert not english_left(texts, typed), (message.subject, english_left(texts, typed))
        assert f'lang="{language_of[message.to[0]]}"' in html_part
