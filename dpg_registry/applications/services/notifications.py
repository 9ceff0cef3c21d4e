"""Notifications: a message in each person's inbox and an e-mail with plain-text and HTML parts.

Each kind has a template ``notifications/<kind>.txt`` whose first line is the subject. Each message is
written in its reader's language (the one they last used the site in), links included. E-mails are
sent by a task (queued with the notifications, ``lib/queue.py``), so a slow mail server never holds up a
review and a rolled-back change sends nothing; notifications a failed queue left un-e-mailed are queued
again by the review clock's sweep.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from dpg_registry.accounts.selectors import language_of
from dpg_registry.applications.models import Notification
from dpg_registry.applications.tasks import deliver_emails
from dpg_registry.lib.queue import enqueue

# Where each kind of message sends its reader: the applicant's page or the reviewer's.
REVIEWER_KINDS = {"consultation", "opinion", "clarified", "assigned", "unassigned", "assignment_conflict"}


def send(users, kind: str, application, **context) -> list[Notification]:
    now = timezone.now()
    notes = []
    for user in {user.pk: user for user in users}.values():
        with translation.override(language_of(user)):
            text = render_to_string(f"notifications/{kind}.txt", {"application": application, "user": user, **context})
            url = _url(kind, application)
        subject, _, body = text.strip().partition("\n")
        notes.append(Notification(user=user, kind=kind, subject=subject.strip(), body=body.strip(),
                                  url=url, application=application, created_at=now))
    with transaction.atomic():
        ids = [note.pk for note in Notification.objects.bulk_create(notes)]
        if ids:
            enqueue(deliver_emails, ids)
    return notes


def recipients(*users) -> list:
    """The people given, leaving out those missing: an L2 reviewer not assigned yet, an account since deleted."""
    return [user for user in users if user is not None]


def mark_all_read(*, user) -> None:
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def _url(kind: str, application) -> str:
    if application is None:
        return ""
    name = "review:application" if kind in REVIEWER_KINDS else "applications:detail"
    return reverse(name, args=[application.public_id])
