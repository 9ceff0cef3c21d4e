"""Imported records that name no owner organisation: their products are claimed on the product itself, through
the repository's token or the staff's decision; the owner renews it, and is nobody's member."""

import pytest
from django.test import Client

from dpg_registry.accounts.models import OrganisationMembership
from dpg_registry.audit.models import AuditEvent
from dpg_registry.ownership.models import Claim, ProductOwner
from dpg_registry.registry.models import Product
from dpg_registry.registry.records import ProductRecord, SourceRef
from dpg_registry.registry.services import import_products
from tests.factories import run_tasks, sign_in
from tests.ownership.products import git_repository, manifest


def orphan(repository: str = "https://example.org/orphan.git") -> Product:
    """A listed product imported from a record that names no organisation at all."""
    import_products(records=[ProductRecord(
        slug="orphan-maps", name="Orphan Maps", status="dpg", categories=["software"],
        sources=[SourceRef("test", "orphan-maps", {"slug": "orphan-maps"}, 1)],
        repositories=[("code", repository)],
    )])
    return Product.objects.get(slug="orphan-maps")


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


@pytest.mark.django_db(transaction=True)
def test_a_product_naming_no_owner_is_claimed_through_its_repository(people, tmp_path, local_claim_repositories):
    folder = tmp_path / "orphan"
    product = orphan(f"file://{folder}")
    client = signed_in(people["applicant"])
    assert 'href="/registry/orphan-maps/claim/">Is this your product? Claim it' in client.get(
        "/registry/orphan-maps/").content.decode()
    page = client.get("/registry/orphan-maps/claim/").content.decode()
    assert "names no owner organisation. If you speak for the people who make it, prove it" in page

    client.post("/registry/orphan-maps/claim/", {"method": "repository"})
    claim = Claim.objects.get(product=product)
    assert claim.organisation is None and claim.state == "pending"
    git_repository(folder, {"dpg.json": manifest(claim.token)})
    client.post(f"/claims/{claim.pk}/check/")
    run_tasks()

    claim.refresh_from_db()
    assert claim.state == "verified"
    assert ProductOwner.objects.filter(product=product, user=people["applicant"], organisation=None).exists()
    assert not OrganisationMembership.objects.exists()  # no organisation to be a member of
    assert AuditEvent.objects.get(action="ownership.approve").after["organisation"] == ""
    profile = Client().get("/registry/orphan-maps/").content.decode()
    assert "Claimed by its verified owners" in profile and "Claim it" not in profile
    assert client.get("/applications/new/?renew=orphan-maps").status_code == 200


@pytest.mark.django_db
def test_a_product_naming_no_owner_is_claimed_by_a_staff_decision(people):
    product = orphan()
    client = signed_in(people["applicant"])
    missing = client.post("/registry/orphan-maps/claim/", {"method": "staff", "statement": ""})
    assert missing.status_code == 400 and "tell the staff who you are and how you speak for Orphan Maps" in (
        missing.content.decode())
    client.post("/registry/orphan-maps/claim/", {"method": "staff", "statement": "I maintain Orphan Maps."})
    claim = Claim.objects.get(product=product)
    l2 = signed_in(people["l2"])
    queue = l2.get("/claims/").content.decode()
    assert f"Claim {claim.pk}: Orphan Maps, whose record names no owner organisation" in queue
    assert "I maintain Orphan Maps." in queue
    l2.post(f"/claims/{claim.pk}/decide/", {"decision": "approve", "reason": "The maintainer, known to us."})
    claim.refresh_from_db()
    assert claim.state == "verified" and ProductOwner.objects.filter(product=product,
                                                                    user=people["applicant"]).exists()
    assert client.get("/applications/new/?renew=orphan-maps").status_code == 200
