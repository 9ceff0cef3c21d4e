"""Owners ask for delisting; an L2 reviewer or an admin confirms (the product is archived, nothing deleted, the
profile says why) or declines; each step is audited and the owner told."""

import pytest
from django.test import Client

from dpg_registry.applications.models import Notification
from dpg_registry.audit.models import AuditEvent
from dpg_registry.lib.validation import FieldError
from dpg_registry.listing_requests.errors import ListingRequestError, NotAllowed
from dpg_registry.listing_requests.models import DelistingRequest
from dpg_registry.listing_requests.services.changes import decide_change, request_change
from dpg_registry.listing_requests.services.delisting import decide_delisting, request_delisting
from dpg_registry.registry.models import Product
from tests.listing_requests.conftest import proposal, text

pytestmark = pytest.mark.django_db


def ask(product, owner):
    return request_delisting(product=product, by=owner, reason="The trust stopped maintaining it.")


def test_confirming_archives_the_product_keeps_its_record_and_tells_the_owner(product, owner, people):
    delisting = ask(product, owner)
    assert AuditEvent.objects.get(action="listing_delisting.request").reason == "The trust stopped maintaining it."
    decide_delisting(delisting=delisting, by=people["l2"], confirm=True, reason="Confirmed with the trust.")
    product.refresh_from_db()
    assert (product.status, product.status_reason) == ("archived", "delisted at the owner's request")
    assert product.repositories.exists()  # nothing deleted
    event = AuditEvent.objects.get(action="listing_delisting.confirm")
    assert (event.role, event.before, event.after["status"], event.reason) == (
        "l2", {"status": "dpg"}, "archived", "Confirmed with the trust.")
    (note,) = Notification.objects.filter(user=owner)
    assert note.subject == "Clinic Records is delisted"
    profile = text(Client().get("/registry/clinic-records/"))
    assert "delisted at the owner's request" in profile and "The trust stopped maintaining it." not in profile
    assert "clinic-records" not in text(Client().get("/registry/"))  # the DPG list


def test_declining_keeps_the_listing(product, owner, people):
    delisting = ask(product, owner)
    decide_delisting(delisting=delisting, by=people["admin"], confirm=False, reason="Ask the trust's board first.")
    product.refresh_from_db()
    assert product.status == "dpg"
    assert AuditEvent.objects.get(action="listing_delisting.decline").role == "admin"
    assert "declined" in Notification.objects.get(user=owner).subject


def test_only_l2_or_admin_decide_and_never_about_their_own_product(product, owner, people):
    delisting = ask(product, owner)
    for person in (people["l1"], people["expert"], people["stranger"], owner):
        with pytest.raises(NotAllowed):
            decide_delisting(delisting=delisting, by=person, confirm=True, reason="Fine.")
    with pytest.raises(FieldError):
        decide_delisting(delisting=delisting, by=people["l2"], confirm=True, reason=" ")
    assert Product.objects.get(pk=product.pk).status == "dpg"


def test_one_open_request_and_only_for_a_listed_product(product, owner, people):
    ask(product, owner)
    with pytest.raises(ListingRequestError, match="already waiting"):
        ask(product, owner)
    with pytest.raises(NotAllowed):
        request_delisting(product=product, by=people["stranger"], reason="Please.")
    assert DelistingRequest.objects.count() == 1


def test_a_change_asked_before_the_delisting_is_not_applied_after_it(product, owner, people):
    change = request_change(product=product, by=owner, reason="New site.",
                            **proposal(website="https://clinic.example/"))
    decide_delisting(delisting=ask(product, owner), by=people["l2"], confirm=True, reason="Confirmed.")
    with pytest.raises(ListingRequestError, match="no longer listed"):
        decide_change(change=change, by=people["l1"], approve=True, reason="Fine.")
    decide_change(change=change, by=people["l1"], approve=False, reason="The product was delisted.")
    with pytest.raises(ListingRequestError, match="not listed"):
        request_change(product=product, by=owner, reason="Again.", **proposal(website="https://clinic.example/x"))
