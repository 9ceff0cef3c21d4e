"""The review clock with a frozen clock: deadlines, reminders, renewal and expiry, run as queued tasks."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from dpg_registry.applications.models import Application, Notification
from dpg_registry.applications.scheduled import run_review_clock
from dpg_registry.applications.services import applicant, review
from dpg_registry.registry.models import Product
from tests.applications.test_journey import review_all
from tests.factories import run_tasks

S = Application.State


def tick(at) -> None:
    """Enqueue the review clock at ``at`` and let the worker run it, as `dpg scheduler` and `dpg worker` do."""
    with time_machine.travel(at, tick=False):
        run_review_clock.enqueue()
        run_tasks()


def through_review(people, draft, deadline=None, **l2_decisions):
    """Submit ``draft``, pass it at L1, and finish L2 with ``l2_decisions`` (every other indicator passes)."""
    applicant.submit(application=draft, by=people["applicant"])
    for level in ("l1", "l2"):
        application = review.pull_next(reviewer=people[level], level=level)
        application = review_all(application, people[level], level, **(l2_decisions if level == "l2" else {}))
        application = review.finish_review(application=application, by=people[level], level=level,
                                             expected_version=application.version, deadline=deadline)
    return application


def to_clarification(people, draft, deadline):
    return through_review(people, draft, deadline,
                          **{"5": ("clarification", {"public_reason": "Where is the user guide?"})})


def approve(people, draft):
    return through_review(people, draft)


@pytest.mark.django_db(transaction=True)
def test_a_missed_clarification_deadline_makes_the_application_ineligible(people, draft):
    deadline = timezone.now() + timedelta(days=14)
    application = to_clarification(people, draft, deadline)
    assert application.state == S.CLARIFICATION_REQUESTED

    tick(deadline - timedelta(minutes=1))
    application.refresh_from_db()
    assert application.state == S.CLARIFICATION_REQUESTED

    tick(deadline + timedelta(minutes=1))
    application.refresh_from_db()
    assert application.state == S.INELIGIBLE
    assert "no answer by the deadline" in application.decision_reason and "indicator 5" in application.decision_reason
    assert any("ineligible" in message.subject for message in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_reminders_go_out_every_seven_days_while_a_clarification_is_open(people, draft):
    start = timezone.now()
    to_clarification(people, draft, start + timedelta(days=30))
    for day in (3, 7, 10, 14, 15, 21):
        tick(start + timedelta(days=day, minutes=1))
    reminders = Notification.objects.filter(kind="reminder", user=people["applicant"])
    assert reminders.count() == 3  # days 7, 14 and 21
    assert all(note.emailed_at for note in reminders)


@pytest.mark.django_db(transaction=True)
def test_renewal_opens_sixty_days_before_expiry_and_the_registry_submits_it_at_expiry(people, draft):
    application = approve(people, draft)
    product = Product.objects.get(pk=application.product_id)
    expires = product.expires_on
    assert product.status == "dpg"

    tick(timezone.make_aware(timezone.datetime.combine(expires - timedelta(days=61), timezone.datetime.min.time())))
    application.refresh_from_db()
    assert application.state == S.DPG

    tick(timezone.make_aware(timezone.datetime.combine(expires - timedelta(days=60), timezone.datetime.min.time())))
    application.refresh_from_db()
    assert application.state == S.RENEWAL_DUE
    renewal = application.renewals.get()
    assert renewal.state == S.DRAFT and renewal.answers.count() == application.answers.count()
    assert Notification.objects.filter(kind="renewal_due", user=people["applicant"]).exists()

    tick(timezone.make_aware(timezone.datetime.combine(expires + timedelta(days=1), timezone.datetime.min.time())))
    application.refresh_from_db()
    product.refresh_from_db()
    renewal.refresh_from_db()
    assert renewal.state == S.SUBMITTED  # the registry submitted the renewal draft as it stood
    assert application.state == S.RENEWAL_DUE
    assert product.status == "dpg"  # listed while the renewal is in review
    assert Notification.objects.filter(kind="submitted", application=renewal, user=people["applicant"]).exists()


@pytest.mark.django_db(transaction=True)
def test_an_approved_renewal_keeps_the_product_listed_for_another_year(people, draft):
    application = approve(people, draft)
    product = Product.objects.get(pk=application.product_id)
    first_expiry = product.expires_on
    at = timezone.make_aware(timezone.datetime.combine(first_expiry - timedelta(days=30), timezone.datetime.min.time()))
    tick(at)
    renewal = application.renewals.get()
    with time_machine.travel(at + timedelta(days=1), tick=False):
        approve(people, renewal)
    application.refresh_from_db()
    product.refresh_from_db()
    assert application.state == S.RENEWED
    assert product.status == "dpg" and product.expires_on == first_expiry - timedelta(days=29) + timedelta(days=365)
    assert product.listed_since < first_expiry
