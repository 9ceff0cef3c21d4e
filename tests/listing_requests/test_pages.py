"""Over HTTP: who reaches the owners' forms and the staff's pages (strangers, unverified members, other owners,
reviewers without their authenticator), the forms' errors on their fields, the diff and the profile's links."""

import pytest
from django.test import Client

from dpg_registry.listing_requests.models import ChangeRequest, DelistingRequest
from dpg_registry.listing_requests.services.changes import request_change
from dpg_registry.listing_requests.services.delisting import request_delisting
from dpg_registry.ownership import services as ownership
from dpg_registry.registry.models import Product
from dpg_registry.registry.records import OrganisationRole, ProductRecord, SourceRef
from dpg_registry.registry.services import import_products
from tests.factories import make_user
from tests.listing_requests.conftest import proposal, text
from tests.ownership.owners import make_owner

pytestmark = pytest.mark.django_db

CHANGE = "/registry/clinic-records/change/"
DELIST = "/registry/clinic-records/delist/"


def change_form(**changes) -> dict:
    values = proposal(**changes)
    return {**{field: "\n".join(value) if isinstance(value, list) else value for field, value in values.items()},
            "reason": "The site moved."}


def other_owner(people):
    """An owner of another listed product."""
    import_products(records=[ProductRecord(
        slug="farm-ledger", name="Farm Ledger", status="dpg", categories=["software"],
        sources=[SourceRef("test", "farm-ledger", {"slug": "farm-ledger"}, 1)],
        organisations=[OrganisationRole(name="Farm Co-op", role="owner", website="https://farm.example")])])
    person = make_user("fara@farm.example")
    make_owner(Product.objects.get(slug="farm-ledger"), person, by=people["l2"])
    return person


def test_only_verified_owners_reach_the_forms(product, owner, people, client_of):
    assert Client().get(CHANGE).status_code == 302  # to sign in
    claimant = make_user("pat@clinic.example")
    ownership.start_claim(product=product, by=claimant, method="staff", statement="I work there.")
    for person in (people["stranger"], claimant, other_owner(people), people["l1"], people["admin"]):
        client = client_of(person)
        for url in (CHANGE, DELIST):
            assert client.get(url).status_code == 403
        assert client.post(CHANGE, change_form(website="https://taken.example/")).status_code == 403
        assert client.post(DELIST, {"reason": "Take it down."}).status_code == 403
    assert not ChangeRequest.objects.exists() and not DelistingRequest.objects.exists()
    assert client_of(owner).get("/registry/no-such-product/change/").status_code == 404


def test_an_owner_asks_for_a_change_from_the_prefilled_form(product, owner, client_of):
    client = client_of(owner)
    profile = text(client.get("/registry/clinic-records/"))
    assert f'href="{CHANGE}"' in profile and f'href="{DELIST}"' in profile
    assert f'href="{CHANGE}"' not in text(Client().get("/registry/clinic-records/"))
    page = text(client.get(CHANGE))
    assert "https://www.clinic.example/records" in page and "https://example.org/clinic.git" in page
    response = client.post(CHANGE, change_form(website="https://clinic.example/", deployment_countries=["Kenya"]),
                           follow=True)
    page = text(response)
    assert "Your request is sent" in page and "waiting for review" in page
    assert '<ins dir="auto">Kenya</ins>' in page
    assert '<del dir="auto">https://www.clinic.example/records</del>' in page
    assert ChangeRequest.objects.get().after == {"website": "https://clinic.example/", "deployment_countries": ["KE"]}
    assert "waiting for review" in text(client.get("/owned/"))


def test_a_bad_value_is_named_on_its_field_and_nothing_is_sent(product, owner, client_of):
    response = client_of(owner).post(CHANGE, change_form(website="javascript:alert(1)"))
    assert response.status_code == 400
    page = text(response)
    assert "is not a web address" in page and 'aria-invalid="true"' in page and 'id="id_website"' in page
    response = client_of(owner).post(CHANGE, change_form(deployment_countries=["Atlantis"]))
    assert "'Atlantis' is not a country this registry knows" in text(response)
    assert not ChangeRequest.objects.exists()


def test_staff_pages_need_the_role_and_the_authenticator(product, owner, people, client_of):
    change = request_change(product=product, by=owner, reason="New site.", **proposal(website="https://clinic.example/"))
    delisting = request_delisting(product=product, by=owner, reason="We stopped.")
    queue, review = "/listing-requests/", f"/listing-requests/changes/{change.pk}/"
    confirm = f"/listing-requests/delisting/{delisting.pk}/"
    assert Client().get(queue).status_code == 302
    for person in (people["stranger"], owner, people["applicant"]):
        for url in (queue, review, confirm):
            assert client_of(person).get(url).status_code == 403
    assert client_of(people["expert"]).get(review).status_code == 403
    lena = client_of(people["l1"])
    assert f'href="{review}"' in text(lena.get(queue))
    assert lena.get(confirm).status_code == 403
    assert lena.post(confirm, {"decision": "confirm", "reason": "Fine."}).status_code == 403
    without_mfa = Client()
    without_mfa.force_login(make_user("rex@review.example", "l1"))
    response = without_mfa.post(review, {"decision": "approve", "reason": "Fine."})
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]
    assert ChangeRequest.objects.get().state == "open" and DelistingRequest.objects.get().state == "open"
    assert Product.objects.get(pk=product.pk).status == "dpg"


def test_l1_reads_the_diff_and_approves_and_a_stale_request_says_so(product, owner, people, client_of):
    change = request_change(product=product, by=owner, reason="New site.", **proposal(website="https://clinic.example/"))
    lena = client_of(people["l1"])
    review = f"/listing-requests/changes/{change.pk}/"
    page = text(lena.get(review))
    assert "<ins dir=\"auto\">https://clinic.example/</ins>" in page and "New site." in page
    response = lena.post(review, {"decision": "approve", "reason": ""})
    assert response.status_code == 400 and "This field is required." in text(response)
    Product.objects.filter(pk=product.pk).update(website="https://records.clinic.example/")
    page = text(lena.get(review))
    assert "Changed since the request was made" in page and "https://records.clinic.example/" in page
    response = lena.post(review, {"decision": "approve", "reason": "Fine."})
    assert response.status_code == 400 and "the listing changed since the request was made (Website)" in text(response)
    assert Product.objects.get(pk=product.pk).website == "https://records.clinic.example/"
    response = lena.post(review, {"decision": "refuse", "reason": "The staff corrected it meanwhile."}, follow=True)
    assert f"Change request {change.pk} is decided." in text(response)
    assert ChangeRequest.objects.get().state == "refused"


def test_l2_confirms_a_delisting_and_the_profile_says_so(product, owner, people, client_of):
    delisting = request_delisting(product=product, by=owner, reason="We stopped.")
    luis = client_of(people["l2"])
    url = f"/listing-requests/delisting/{delisting.pk}/"
    assert "We stopped." in text(luis.get(url))
    response = luis.post(url, {"decision": "confirm", "reason": "Confirmed with the trust."}, follow=True)
    assert f"Delisting request {delisting.pk} is decided." in text(response)
    page = text(Client().get("/registry/clinic-records/"))
    assert "Archived" in page and "delisted at the owner's request" in page
    assert "Ask for a change" not in text(client_of(owner).get("/registry/clinic-records/"))


def test_line_breaks_sent_back_as_the_browser_writes_them_are_no_change(product, owner, client_of):
    product.description = "Patient records.\n\nFor rural clinics."
    product.save()
    form = change_form(description="Patient records.\r\n\r\nFor rural clinics.")
    response = client_of(owner).post(CHANGE, form)
    assert "nothing to change" in text(response)
    response = client_of(owner).post(CHANGE, {**form, "website": "https://clinic.example/"})
    assert ChangeRequest.objects.get().after == {"website": "https://clinic.example/"}
