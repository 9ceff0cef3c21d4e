"""The bundled DPG Alliance data on the review clock: imported DPGs are listed from the day of their import and
renew like reviewed ones. Renewals open for all of them, owners are told and reminded, the products nobody
claimed wait in the staff console, and at expiry only those with a renewal in review stay listed; nothing is
deleted, and the feed and the report say which listing dates are dates of import."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from dpg_registry.applications.models import Application, Notification
from dpg_registry.applications.selectors import missing, renewal_in_review
from dpg_registry.applications.services import applicant
from dpg_registry.applications.services.clock import (
    close_missed_deadlines,
    expire_listings,
    open_renewals,
    send_reminders,
)
from dpg_registry.audit.models import AuditEvent
from dpg_registry.ownership.selectors import owner_organisation
from dpg_registry.registry.models import Product, SourceRecord
from dpg_registry.reports import listings
from tests.console.conftest import text
from tests.factories import fill, make_user, sign_in
from tests.ownership.owners import make_owner

S = Application.State
pytestmark = pytest.mark.django_db


def run_clock(at: datetime) -> None:
    """The clock's services in the order the scheduled task runs them, at ``at``."""
    with time_machine.travel(at, tick=False):
        close_missed_deadlines(now=at)
        open_renewals(now=at)
        expire_listings(now=at)
        send_reminders(now=at)


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def renewal_of(product: Product) -> Application:
    return product.applications.get(state__in=[S.DRAFT, S.SUBMITTED])


def test_imported_dpgs_renew_and_expire_on_the_same_clock_as_reviewed_ones(registry, people):
    imported_on = timezone.localdate()
    dpgs = list(Product.objects.filter(status="dpg").order_by("slug"))
    assert {(p.listed_since, p.listed_since_source) for p in dpgs} == {(imported_on, "import")}
    assert {p.expires_on for p in dpgs} == {imported_on + timedelta(days=365)}
    products, sources = Product.objects.count(), SourceRecord.objects.count()
    assert "Recently listed" not in text(Client().get("/"))  # a date of import is no news of a listing
    software = [p for p in dpgs if p.categories.filter(key="software").exists() and owner_organisation(p)]
    renewing, lapsing, late_claim = software[0], software[1], software[2]
    owners = {"renewing": make_user("rita@owner.example"), "lapsing": make_user("lars@owner.example"),
              "late": make_user("lea@owner.example")}
    make_owner(renewing, owners["renewing"], by=people["admin"])
    make_owner(lapsing, owners["lapsing"], by=people["admin"])
    start = timezone.make_aware(datetime.combine(imported_on, datetime.min.time())) + timedelta(hours=9)

    # Day 310, within the 60 days' notice: every imported DPG's renewal opens, the owners are told.
    run_clock(start + timedelta(days=310))
    drafts = Application.objects.filter(state=S.DRAFT, product__in=dpgs)
    assert drafts.count() == len(dpgs) and all(draft.renewal_of_id is None for draft in drafts)
    assert list(renewal_of(renewing).editors.all()) == [owners["renewing"]]
    assert not renewal_of(late_claim).editors.exists()
    told = Notification.objects.filter(kind="renewal_due")
    assert sorted(told.values_list("user__email", flat=True)) == ["lars@owner.example", "rita@owner.example"]
    run_clock(start + timedelta(days=311))
    assert Application.objects.filter(product__in=dpgs).count() == len(dpgs)  # opened once

    # The products nobody claimed wait in the staff console, each linked to its record.
    with time_machine.travel(start + timedelta(days=311), tick=False):
        page = text(signed_in(people["admin"]).get("/console/renewals-with-no-owner/"))
        assert f'href="/registry/{late_claim.slug}/"' in page
        assert f'href="/registry/{renewing.slug}/"' not in page and f'href="/registry/{lapsing.slug}/"' not in page
        assert page.count("<tr>") == len(dpgs) - 2 + 1  # the heading's row too
        assert signed_in(people["stranger"]).get("/console/renewals-with-no-owner/").status_code == 403

    # A product claimed after its renewal opened: the next reminder makes its owner an editor of the draft.
    with time_machine.travel(start + timedelta(days=312), tick=False):
        make_owner(late_claim, owners["late"], by=people["admin"])
    run_clock(start + timedelta(days=318))
    reminded = Notification.objects.filter(kind="reminder")
    assert sorted(reminded.values_list("user__email", flat=True)) == [
        "lars@owner.example", "lea@owner.example", "rita@owner.example"]
    assert list(renewal_of(late_claim).editors.all()) == [owners["late"]]
    assert AuditEvent.objects.filter(action="application.share_with_owners").count() == 1

    # One owner brings the renewal up to date and submits it; another leaves an incomplete draft.
    with time_machine.travel(start + timedelta(days=320), tick=False):
        draft = renewal_of(renewing)
        draft.answers.all().delete()  # answered again from scratch, to the current Standard
        draft = fill(draft, owners["renewing"])
        applicant.submit(application=draft, by=owners["renewing"])
    renewal_of(lapsing).answers.all().delete()
    assert missing(renewal_of(lapsing))

    # Day 400: past expiry. Only DPGs with a renewal in review stay listed; nothing is deleted.
    run_clock(start + timedelta(days=400))
    for product in Product.objects.filter(pk__in=[p.pk for p in dpgs]):
        assert product.status == "expired" or renewal_in_review(product) is not None, product.slug
    renewing.refresh_from_db()
    lapsing.refresh_from_db()
    assert renewing.status == "dpg" and lapsing.status == "expired"
    assert "without a renewal in review" in lapsing.status_reason
    expired = Product.objects.filter(status="expired", pk__in=[p.pk for p in dpgs])
    assert AuditEvent.objects.filter(action="product.expire").count() == expired.count() > 0
    assert (Product.objects.count(), SourceRecord.objects.count()) == (products, sources)
    assert Application.objects.filter(product=lapsing, state=S.DRAFT).exists()
    assert Notification.objects.filter(kind="expired", user=owners["lapsing"]).exists()
    visitor = Client()
    catalogue = text(visitor.get("/registry/?status=dpg"))
    assert renewing.name in catalogue and lapsing.name not in catalogue
    assert "A renewal is in review" in text(visitor.get(f"/registry/{renewing.slug}/"))

    # The feed and the report give the listing dates and say they are dates of import.
    feed = text(visitor.get("/registry/feed.atom"))
    assert renewing.name in feed
    assert f"Listed since {imported_on.isoformat()}: the date of import into this registry, not of a review." in feed
    year = listings.growth(imported_on.year).rows[-1]
    assert year[2:4] == (len(dpgs), len(dpgs))  # newly listed, all by their date of import
    left_on = (start + timedelta(days=400)).year
    assert listings.growth(left_on).rows[-1][4] == expired.count()
