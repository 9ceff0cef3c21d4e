"""An upheld challenge against a DPG imported without a review opens its renewal now, as it does for a reviewed
listing: the product's verified owners answer again; a product nobody claimed waits in the staff console."""

import pytest

from dpg_registry.applications.models import Application, Notification
from dpg_registry.applications.selectors import renewals_with_no_owner
from dpg_registry.applications.services.challenges import raise_challenge, resolve_challenge
from dpg_registry.registry.models import Product
from tests.factories import make_user
from tests.ownership.owners import make_owner

pytestmark = pytest.mark.django_db


def uphold(product: Product, people) -> None:
    challenge = raise_challenge(product=product, by=people["stranger"], reasons="The repository is archived.")
    resolve_challenge(challenge=challenge, by=people["l2"], upheld=True, resolution="Its owners must answer again.")


def test_upholding_a_challenge_opens_the_imported_listings_renewal_for_its_owners(registry, people):
    product = Product.objects.get(slug="kobotoolbox")
    owner = make_user("olga@owner.example")
    make_owner(product, owner, by=people["admin"])
    assert not product.applications.exists()
    uphold(product, people)
    renewal = product.applications.get()
    assert renewal.state == Application.State.DRAFT and list(renewal.editors.all()) == [owner]
    assert renewal.answers.exists()  # the imported answers, copied
    assert Notification.objects.filter(user=owner, application=renewal).exists()
    product.refresh_from_db()
    assert product.status == Product.Status.DPG  # still listed while its owners answer
    uphold(product, people)  # a second upheld challenge does not open a second renewal
    assert product.applications.count() == 1


def test_an_unclaimed_imported_listing_whose_challenge_is_upheld_waits_for_staff(registry, people):
    product = Product.objects.get(slug="kobotoolbox")
    assert product not in [listed for listed, _renewal in renewals_with_no_owner()]  # its expiry is a year away
    uphold(product, people)
    renewal = product.applications.get()
    assert (product, renewal) in renewals_with_no_owner()
