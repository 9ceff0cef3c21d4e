"""Every task run twice leaves the state of one run: what a worker that died after doing the work, but
before the queue recorded it, leads to (the task is run again from its start)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from dpg_registry.applications.models import Application, Notification, RepositoryCheck
from dpg_registry.applications.scheduled import run_review_clock
from dpg_registry.applications.services import notifications
from dpg_registry.applications.services.applicant import create_application
from dpg_registry.applications.tasks import deliver_emails, run_repository_check
from dpg_registry.audit.models import AuditEvent
from tests.applications.test_clock import approve, to_clarification
from tests.applications.test_repository_checks import git_repository
from tests.factories import fill

pytestmark = pytest.mark.django_db


def state() -> dict:
    return {
        "applications": sorted(Application.objects.values_list("public_id", "state", "last_reminder_at")),
        "notifications": sorted(Notification.objects.values_list("user_id", "kind", "application_id")),
        "audit": AuditEvent.objects.count(),
        "checks": sorted(RepositoryCheck.objects.values_list("pk", "status", "commit", "finished_at")),
    }


def test_e_mails_sent_twice_go_out_once(people, draft):
    notes = notifications.send([people["applicant"], people["l1"]], "submitted", draft)
    ids = [note.pk for note in notes]
    assert deliver_emails.call(ids) == 2
    assert deliver_emails.call(ids) == 0
    assert sorted(message.to[0] for message in mail.outbox) == ["amina@clinic.example", "lena@review.example"]
    assert len({message.extra_headers["Message-ID"] for message in mail.outbox}) == 2


def test_the_review_clock_run_twice_closes_reminds_renews_and_expires_once(people, draft):
    start = timezone.now()
    late = to_clarification(people, draft, start + timedelta(days=10))
    applicant = people["applicant"]
    listed = approve(people, fill(create_application(
        user=applicant, name="Open Maps", category_key="software", organisation_name="Open Maps Trust"), applicant))
    expiry = listed.product.expires_on
    # Day 8: a reminder is due. Then the deadline passes, the renewal opens, the listing expires.
    midnight = timezone.datetime.min.time()
    for moment in (start + timedelta(days=8), start + timedelta(days=11),
                   timezone.make_aware(timezone.datetime.combine(expiry - timedelta(days=59), midnight)),
                   timezone.make_aware(timezone.datetime.combine(expiry + timedelta(days=1), midnight))):
        with time_machine.travel(moment, tick=False):
            once = run_review_clock.call()
            after_once = state()
            again = run_review_clock.call()
        assert any(once.values()), moment
        assert not any(again.values()), again
        assert state() == after_once
    late.refresh_from_db()
    listed.refresh_from_db()
    assert late.state == Application.State.INELIGIBLE and listed.state == Application.State.RENEWAL_DUE
    # At expiry the registry submitted the renewal draft, once: the product stays listed while it is reviewed.
    assert listed.renewals.get().state == Application.State.SUBMITTED and listed.product.status == "dpg"
    assert Notification.objects.filter(kind="reminder", application=late).count() == 1


def test_a_repository_check_run_twice_keeps_its_first_result(people, draft, tmp_path, local_repositories):
    check = RepositoryCheck.objects.create(application=draft, target=f"file://{git_repository(tmp_path / 'clinic')}",
                                           autofill=True, requested_at=timezone.now())
    assert run_repository_check.call(check.pk) == "done"
    after_once = state()
    assert run_repository_check.call(check.pk) == "done"
    assert state() == after_once
