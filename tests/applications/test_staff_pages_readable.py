"""No staff page and no e-mail to staff shows a stored value's Python spelling (['…'], [], None, True, False)
or a question's key: over a review in progress, from the review home to the console."""

import html
import re

import pytest
from django.core import mail
from django.test import Client

from dpg_registry.applications.models import Notification
from dpg_registry.applications.tasks import deliver_emails
from tests import staff_pages
from tests.applications.test_workbench_pages import KEYS, RAW
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def texts_of(fragment: str) -> list[str]:
    fragment = re.sub(r"<(script|style)\b.*?</\1>", "", fragment, flags=re.S)
    return [" ".join(html.unescape(piece).split()) for piece in re.split(r"<[^>]+>", fragment) if piece.strip()]


# The console's own keys: staff roles and a listing's fields, as stored in the audit trail.
CONSOLE_KEYS = ["l1", "l2", "expert", "admin", "name", "description", "website"]


def raw_values(texts: list[str]) -> list[str]:
    """Each Python spelling or internal key the texts show: a question key with "_" anywhere, a one-word key as a
    text of its own, a role key naming a role change."""
    text = " ".join(texts)
    found = [raw for raw in RAW if raw in text]
    found += [key for key in KEYS if ("_" in key and key in text) or any(t.rstrip(":").strip() == key for t in texts)]
    found += [key for key in CONSOLE_KEYS if key in texts or re.search(rf"\b{key} (granted|revoked) by\b", text)]
    return found


def test_the_check_sees_a_raw_value():
    assert raw_values(["Licences: ['MIT']", "sdg_relevance"]) == ["['", "sdg_relevance"]
    assert raw_values(["licenses:"]) == ["licenses"]
    assert raw_values(["website", "Before"]) == ["website"]
    assert raw_values(["1 May 2026 · l2 granted by account 4: joins"]) == ["l2"]


def test_every_staff_page_and_e_mail_reads_as_words(people, draft):
    scene = staff_pages.build(people, draft)
    clients, found = {}, {}
    for what, user, path, status in staff_pages.pages(people, scene):
        if user.pk not in clients:
            clients[user.pk] = Client()
            sign_in(clients[user.pk], user)
        response = clients[user.pk].get(path)
        assert response.status_code == status, what
        main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
        if raw := raw_values(texts_of(main)):
            found[what] = raw
    staff = [people[key] for key in ("l1", "l2", "expert", "admin")]
    notes = Notification.objects.filter(user__in=staff)
    assert notes.exists()
    deliver_emails.call(list(notes.values_list("pk", flat=True)))
    for message in mail.outbox:
        html_part, _ = message.alternatives[0]
        if raw := raw_values([message.subject, *message.body.splitlines(), *texts_of(html_part)]):
            found[f"the e-mail {message.subject!r}"] = raw
    assert not found, found
