"""A listing's life past its expiry date: the registry submits the renewal draft, the DPG stays listed (profile, API,
catalogue) while the renewal is reviewed, and only a refusal or a missed clarification deadline ends the listing,
with nothing deleted and the trail kept."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from dpg_registry.applications.models import Answer, Application, Notification
from dpg_registry.audit.models import AuditEvent
from dpg_registry.registry.models import Product
from tests.applications.test_clock import approve, through_review, tick, to_clarification
from tests.console.conftest import text

S = Application.State
pytestmark = pytest.mark.django_db(transaction=True)


def day(on, hour=0):
    return timezone.make_aware(datetime.combine(on, datetime.min.time())) + timedelta(hours=hour)


@pytest.fixture
def listed(people, draft):
    """Open Clinic, listed, its renewal opened by the clock 60 days before expiry."""
    application = approve(people, draft)
    product = Product.objects.get(pk=application.product_id)
    tick(day(product.expires_on - timedelta(days=60)))
    application.refresh_from_db()
    return application, product, application.renewals.get()


def refresh(*objects):
    for each in objects:
        each.refresh_from_db()


def test_at_expiry_the_renewal_draft_is_submitted_and_the_dpg_stays_listed_everywhere(listed):
    application, product, renewal = listed
    tick(day(product.expires_on + timedelta(days=1)))
    refresh(application, product, renewal)
    assert (renewal.state, application.state, product.status) == (S.SUBMITTED, S.RENEWAL_DUE, "dpg")
    event = AuditEvent.objects.get(action="application.submit", subject_id=str(renewal.pk))
    assert event.actor_id is None and "stays listed" in event.reason

    visitor = Client()
    profile = text(visitor.get(f"/registry/{product.slug}/"))
    assert "Digital public good" in profile
    assert "A renewal is in review: the product stays listed until it is decided." in profile
    assert visitor.get(f"/api/v1/products/{product.slug}").json()["status"] == "dpg"
    assert product.name in text(visitor.get("/registry/?status=dpg"))

    # No reminder to submit a renewal that is already in review.
    tick(day(product.expires_on + timedelta(days=30)))
    assert not Notification.objects.filter(kind="reminder", application=application,
                                           created_at__gt=day(product.expires_on)).exists()
    refresh(product)
    assert product.status == "dpg"


def test_a_refused_renewal_ends_the_listing_and_deletes_nothing(people, listed):
    application, product, renewal = listed
    tick(day(product.expires_on + timedelta(days=1)))
    with time_machine.travel(day(product.expires_on + timedelta(days=3)), tick=False):
        through_review(people, Application.objects.get(pk=renewal.pk),
                       **{"5": ("fail", {"public_reason": "The user guide is gone."})})
    refresh(application, product, renewal)
    assert (renewal.state, application.state, product.status) == (S.INELIGIBLE, S.EXPIRED, "expired")
    assert "was not approved" in product.status_reason and renewal.public_id in product.status_reason
    assert Application.objects.filter(pk__in=[application.pk, renewal.pk]).count() == 2
    assert Answer.objects.filter(application=application).exists()
    assert AuditEvent.objects.filter(action="application.expire", subject_id=str(application.pk)).exists()
    profile = text(Client().get(f"/registry/{product.slug}/"))
    assert "Expired" in profile and "A renewal is in review" not in profile


def test_a_missed_clarification_deadline_on_the_renewal_ends_the_listing(people, listed):
    application, product, renewal = listed
    tick(day(product.expires_on + timedelta(days=1)))
    deadline = day(product.expires_on + timedelta(days=20))
    with time_machine.travel(day(product.expires_on + timedelta(days=2)), tick=False):
        to_clarification(people, Application.objects.get(pk=renewal.pk), deadline)
    tick(deadline - timedelta(hours=1))
    refresh(product)
    assert product.status == "dpg"  # listed while the question is open
    tick(deadline + timedelta(hours=1))
    refresh(application, product, renewal)
    assert (renewal.state, application.state, product.status) == (S.INELIGIBLE, S.EXPIRED, "expired")


def test_an_approved_renewal_past_expiry_extends_the_listing(people, listed):
    application, product, renewal = listed
    first_expiry = product.expires_on
    tick(day(first_expiry + timedelta(days=1)))
    with time_machine.travel(day(first_expiry + timedelta(days=10)), tick=False):
        through_review(people, Application.objects.get(pk=renewal.pk))
    refresh(application, product)
    assert application.state == S.RENEWED and product.status == "dpg"
    assert product.expires_on == first_expiry + timedelta(days=10 + 365)


def test_a_renewal_refused_before_expiry_leaves_the_listing_to_its_expiry_date(people, listed):
    application, product, renewal = listed
    with time_machine.travel(day(product.expires_on - timedelta(days=20)), tick=False):
        through_review(people, Application.objects.get(pk=renewal.pk),
                       **{"5": ("fail", {"public_reason": "The user guide is gone."})})
    refresh(product)
    assert product.status == "dpg"
    tick(day(product.expires_on - timedelta(days=1)))
    refresh(product)
    assert product.status == "dpg"
    tick(day(product.expires_on + timedelta(days=1)))
    refresh(application, product)
    assert (application.state, product.status) == (S.EXPIRED, "expired")
    assert "without a renewal in review" in product.status_reason


def test_an_incomplete_renewal_draft_is_not_submitted_and_the_listing_expires(listed):
    application, product, renewal = listed
    renewal.answers.filter(question_key="sdgs").delete()
    tick(day(product.expires_on + timedelta(days=1)))
    refresh(application, product, renewal)
    assert (renewal.state, application.state, product.status) == (S.DRAFT, S.EXPIRED, "expired")
    assert Notification.objects.filter(kind="expired", application=application).exists()
