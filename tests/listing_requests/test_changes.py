"""Owners ask for a change to their listing; an L1 reviewer approves it through the registry's listing edit, or
refuses it; each step is audited with the diff, the owner is told, and a stale request never overwrites."""

import pytest
from django.core import mail

from dpg_registry.applications.models import Notification
from dpg_registry.applications.services.emails import deliver
from dpg_registry.audit.models import AuditEvent
from dpg_registry.lib.validation import FieldError
from dpg_registry.listing_requests.errors import ListingRequestError, NotAllowed, StaleRequest
from dpg_registry.listing_requests.models import ChangeRequest
from dpg_registry.listing_requests.selectors import diff
from dpg_registry.listing_requests.services.changes import decide_change, request_change
from dpg_registry.ownership import services as ownership
from dpg_registry.registry import services as registry
from dpg_registry.registry.cache import generation
from dpg_registry.registry.selectors import listing_fields
from tests.factories import make_user
from tests.listing_requests.conftest import proposal
from tests.ownership.owners import make_owner

pytestmark = pytest.mark.django_db

NEW = {"website": "https://clinic.example/", "repositories": ["https://example.org/clinic.git",
                                                              "https://example.org/clinic-mobile.git"],
       "deployment_countries": ["Kenya", "sn"], "deployment_organisations": ["Ministry of Health, Kenya"]}


def ask(product, owner, **changes):
    return request_change(product=product, by=owner, reason="We moved the site and deploy in two countries.",
                          **proposal(**changes))


def actions(change) -> list[str]:
    return list(AuditEvent.objects.filter(subject_type="listing_requests.changerequest", subject_id=str(change.pk))
                .order_by("pk").values_list("action", flat=True))


def test_a_request_keeps_only_the_changed_fields_with_the_listing_values_then(product, owner):
    change = ask(product, owner, **NEW)
    assert change.state == "open"
    assert change.before == {"website": "https://www.clinic.example/records",
                             "repositories": ["https://example.org/clinic.git"], "deployment_countries": [],
                             "deployment_organisations": []}
    assert change.after == {"website": "https://clinic.example/", "repositories": NEW["repositories"],
                            "deployment_countries": ["KE", "SN"],
                            "deployment_organisations": ["Ministry of Health, Kenya"]}
    event = AuditEvent.objects.get(action="listing_change.request")
    assert (event.actor_id, event.role, event.before, event.after) == (owner.pk, "owner", change.before, change.after)
    assert event.reason == "We moved the site and deploy in two countries."
    assert listing_fields(product)["website"] == "https://www.clinic.example/records"  # nothing changes yet


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"website": "javascript:alert(1)"}, "website", "is not a web address"),
    ({"repositories": ["http://example.org/clinic.git"]}, "repositories", "https://"),
    ({"deployment_countries": ["Atlantis"]}, "deployment_countries", "'Atlantis' is not a country"),
    ({"deployment_organisations": ["Health\x1bMinistry"]}, "deployment_organisations", "control character"),
])
def test_a_bad_value_is_refused_naming_its_field_and_nothing_is_written(product, owner, changes, field, words):
    with pytest.raises(FieldError) as caught:
        ask(product, owner, **changes)
    assert caught.value.field == field and words in caught.value.message
    assert not ChangeRequest.objects.exists()
    assert not AuditEvent.objects.filter(action="listing_change.request").exists()


def test_a_reason_is_needed_and_a_request_must_change_something(product, owner):
    with pytest.raises(FieldError) as caught:
        request_change(product=product, by=owner, reason="  ", **proposal(website="https://clinic.example/"))
    assert caught.value.field == "reason"
    with pytest.raises(ListingRequestError, match="nothing to change"):
        ask(product, owner)
    assert not ChangeRequest.objects.exists()


def test_only_verified_owners_ask(product, owner, people):
    stranger, claimant = people["stranger"], make_user("pat@clinic.example")
    ownership.start_claim(product=product, by=claimant, method="staff", statement="I work there.")  # not verified
    for person in (stranger, claimant, people["l1"], people["admin"]):
        with pytest.raises(NotAllowed):
            ask(product, person, **NEW)
    assert not ChangeRequest.objects.exists()


def test_one_open_request_per_product(product, owner, people):
    ask(product, owner, website="https://clinic.example/")
    second_owner = make_user("ines@clinic.example")
    make_owner(product, second_owner, by=people["l2"])
    with pytest.raises(ListingRequestError, match="already waiting for review"):
        ask(product, second_owner, website="https://clinic.example/other")
    assert ChangeRequest.objects.count() == 1


def test_l1_approves_and_the_listing_changes_through_the_registry(product, owner, people):
    change = ask(product, owner, **NEW)
    before_generation = generation()
    decide_change(change=change, by=people["l1"], approve=True, reason="The new site is the trust's.")
    product.refresh_from_db()
    values = listing_fields(product)
    assert values["website"] == "https://clinic.example/"
    assert values["repositories"] == NEW["repositories"]
    assert values["deployment_countries"] == ["KE", "SN"]
    assert values["deployment_organisations"] == ["Ministry of Health, Kenya"]
    assert generation() != before_generation
    edit = AuditEvent.objects.get(action="product.edit", subject_id=str(product.pk))
    assert (edit.actor_id, edit.role, edit.before, edit.after) == (people["l1"].pk, "l1", change.before, change.after)
    assert actions(change) == ["listing_change.request", "listing_change.approve"]
    approval = AuditEvent.objects.get(action="listing_change.approve")
    assert (approval.before, approval.after, approval.reason) == (change.before, change.after,
                                                                 "The new site is the trust's.")
    change.refresh_from_db()
    assert (change.state, change.decided_by, change.outcome) == ("approved", people["l1"],
                                                                 "The new site is the trust's.")
    (note,) = Notification.objects.filter(user=owner)
    assert note.subject == "Your change to Clinic Records is approved"
    deliver(notification_ids=[note.pk])  # what the queued task does
    (message,) = [m for m in mail.outbox if m.to == [owner.email]]
    assert "The new site is the trust's." in message.body and "/registry/clinic-records/" in message.body


def test_refusing_leaves_the_listing_and_tells_the_owner(product, owner, people):
    change = ask(product, owner, **NEW)
    before = listing_fields(product)
    decide_change(change=change, by=people["l1"], approve=False, reason="Kenya's ministry did not confirm.")
    assert listing_fields(product) == before
    assert actions(change) == ["listing_change.request", "listing_change.refuse"]
    (note,) = Notification.objects.filter(user=owner)
    assert "refused" in note.subject and "Kenya's ministry did not confirm." in note.body
    with pytest.raises(ListingRequestError, match="already decided"):
        decide_change(change=change, by=people["l1"], approve=True, reason="Changed my mind.")
    ask(product, owner, website="https://clinic.example/")  # the owner may ask again


def test_a_stale_request_shows_it_and_cannot_overwrite_the_newer_value(product, owner, people):
    change = ask(product, owner, **NEW)
    registry.edit_listing(product=product, by=people["admin"], role="admin", website="https://records.clinic.example/",
                          reason="Corrected by the staff.")
    rows = {row["field"]: row for row in diff(change)}
    assert rows["website"]["stale"] and rows["website"]["now"] == ["https://records.clinic.example/"]
    assert not rows["repositories"]["stale"]
    with pytest.raises(StaleRequest, match="Website"):
        decide_change(change=change, by=people["l1"], approve=True, reason="Looks right.")
    values = listing_fields(product)
    assert values["website"] == "https://records.clinic.example/"
    assert values["repositories"] == ["https://example.org/clinic.git"]  # all or nothing
    assert actions(change) == ["listing_change.request"]
    decide_change(change=change, by=people["l1"], approve=False, reason="The staff corrected the site meanwhile.")


def test_who_decides_a_change(product, owner, people):
    change = ask(product, owner, **NEW)
    for person in (people["expert"], people["stranger"], owner):
        with pytest.raises(NotAllowed):
            decide_change(change=change, by=person, approve=True, reason="Fine.")
    reviewer_owner = make_user("rita@review.example", "l1")
    make_owner(product, reviewer_owner, by=people["l2"])
    with pytest.raises(NotAllowed, match="own or speak for"):
        decide_change(change=change, by=reviewer_owner, approve=True, reason="Fine.")
    assert ChangeRequest.objects.get(pk=change.pk).state == "open"
