"""Background work, run by ``dpg worker``: e-mails, and the review clock (``dpg scheduler`` enqueues it)."""

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
            )
            message.attach_alternative(render_to_string("notifications/email.html", context), "text/html")
        message.send()
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


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
    try:
        report = run_check(check.target, category=check.application.category.key, public_only=True)
    except CheckError as error:
        repository_checks.record_result(check=check, report=None, error=str(error))
        return "failed"
    repository_checks.record_result(check=check, report=report.as_dict())
    return "done"
