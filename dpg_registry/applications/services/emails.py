"""E-mailing notifications, run by the task ``notifications.send`` queues: each note once, in its reader's language."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from dpg_registry.accounts.selectors import language_of
from dpg_registry.applications.models import Notification


def deliver(*, notification_ids: list[int]) -> int:
    """E-mail each notification not e-mailed yet, marking each as soon as the mail server took it.

    Each mark is its own write, not one transaction for all: a failure halfway keeps the marks of the
    e-mails already sent. Only a crash between the server's acceptance and that mark can send one twice;
    the message's Message-ID is derived from the notification, so the copy is the same message to mail systems.
    """
    sent = 0
    for note in Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related("user"):
        if not note.user.email:
            continue
        context = {"note": note, "link": f"{settings.DPG_SITE_URL}{note.url}" if note.url else ""}
        with translation.override(language_of(note.user)):  # the note itself was written in this language
            message = EmailMultiAlternatives(
                subject=f"[{gettext('DPG Registry')}] {note.subject}",
                body=render_to_string("notifications/email.txt", context),
                to=[note.user.email],
                headers={"Message-ID": message_id(note)},
            )
            message.attach_alternative(render_to_string("notifications/email.html", context), "text/html")
        message.send()
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def message_id(note: Notification) -> str:
    host = urlsplit(settings.DPG_SITE_URL).hostname or "localhost"
    return f"<notification-{note.pk}.{int(note.created_at.timestamp())}@{host}>"
