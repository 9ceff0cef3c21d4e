"""Background work, run by ``dpg worker``: e-mails, and the review clock (``dpg scheduler`` enqueues it).

A worker that dies in the middle of a task leaves it to be run again from its start (see
``dpg_registry/worker/recovery.py``), so every task here is idempotent: run twice, it leaves the
state of one run. E-mails skip the notifications already e-mailed; the review clock re-reads each
application under a lock before it moves it; a repository check already recorded is not run again.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from dpg_registry.accounts.selectors import language_of
from dpg_registry.applications import services
from dpg_registry.applications.models import Notification


@task()
def deliver_emails(notification_ids: list[int]) -> int:
    """E-mail each notification not e-mailed yet, marking each as soon as the mail server took it.

    Only a crash between the server's acceptance and that mark can send one twice; the message's
    Message-ID is derived from the notification, so the copy is the same message to mail systems.
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


@task()
def run_review_clock() -> dict[str, list[str]]:
    """Everything time decides: missed deadlines, reminders, renewals opening, listings expiring."""
    now = timezone.now()
    return {
        "closed": services.close_missed_deadlines(now=now),
        "reminded": services.send_reminders(now=now),
        "renewals_opened": services.open_renewals(now=now),
        "expired": services.expire_listings(now=now),
    }


@task()
def run_repository_check(check_id: int) -> str:
    """Run `dpg check` on an application's repository and keep the report with the commit it saw."""
    from dpg_registry.applications import repository_checks
    from dpg_registry.applications.models import RepositoryCheck
    from dpg_registry.checks.run import CheckError, run_check

    check = RepositoryCheck.objects.select_related("application__category").get(pk=check_id)
    if check.status != RepositoryCheck.Status.QUEUED:
        return check.status  # a run before a crash recorded it already
    try:
        report = run_check(check.target, category=check.application.category.key, public_only=True)
    except CheckError as error:
        repository_checks.record_result(check=check, report=None, error=str(error))
        return "failed"
    repository_checks.record_result(check=check, report=report.as_dict())
    return "done"
