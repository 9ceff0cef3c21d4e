"""Correcting a listing in the console over HTTP: admins change its public name, description and website with a
reason; the audit trail keeps each change before and after, shown on the page; the public page follows."""

import pytest
from django.test import Client

from dpg_registry.audit.models import AuditEvent
from dpg_registry.registry.models import Product
from dpg_registry.registry.services import edit_listing
from tests.console.conftest import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(registry):
    return Product.objects.filter(status=Product.Status.DPG).order_by("slug").first()


def edit(client, product, **changes):
    data = {"name": product.name, "description": product.description, "website": product.website,
            "reason": "The owner wrote to correct it.", **changes}
    return client.post(f"/console/listings/{product.slug}/", data, follow=True)


def test_an_admin_edits_a_listing_and_the_trail_holds_before_and_after(people, client_of, product):
    old_name, old_website = product.name, product.website
    client = client_of(people["admin"])
    response = edit(client, product, name="Renamed Product", website="https://renamed.example/")
    assert "The listing is saved." in text(response)
    product.refresh_from_db()
    assert (product.name, product.website) == ("Renamed Product", "https://renamed.example/")
    event = AuditEvent.objects.get(action="product.edit", subject_id=str(product.pk))
    assert event.before == {"name": old_name, "website": old_website}
    assert event.after == {"name": "Renamed Product", "website": "https://renamed.example/"}
    assert (event.actor_id, event.role, event.reason) == (people["admin"].pk, "admin", "The owner wrote to correct it.")
    page = text(client.get(f"/console/listings/{product.slug}/"))
    assert f"<del>{old_name}</del>" in page and "<ins>Renamed Product</ins>" in page
    assert "Renamed Product" in text(Client().get(f"/registry/{product.slug}/"))


def test_a_bad_website_or_no_reason_is_refused_on_its_field_and_nothing_changes(people, client_of, product):
    before = (product.name, product.website, product.description)
    client = client_of(people["admin"])
    page = text(edit(client, product, name="New name", website="javascript:alert(1)"))
    assert "is not a web address" in page and 'id="id_website"' in page
    page = text(edit(client, product, name="New name", reason=""))
    assert "This field is required." in page
    product.refresh_from_db()
    assert (product.name, product.website, product.description) == before
    assert not AuditEvent.objects.filter(action="product.edit").exists()


def test_saving_without_changes_writes_nothing(people, client_of, product):
    page = text(edit(client_of(people["admin"]), product))
    assert "Nothing changed" in page
    assert not AuditEvent.objects.filter(action="product.edit").exists()


def test_only_admins_edit_listings(people, client_of, product):
    assert Client().get(f"/console/listings/{product.slug}/").status_code == 302
    for role in ("l1", "l2", "expert", "applicant"):
        client = client_of(people[role])
        assert client.get(f"/console/listings/{product.slug}/").status_code == 403
        assert edit(client, product, name="Taken over").status_code == 403
    product.refresh_from_db()
    assert product.name != "Taken over"
    assert client_of(people["admin"]).get("/console/listings/no-such-product/").status_code == 404


def test_admins_find_a_listing_to_edit_by_name(people, client_of, product):
    client = client_of(people["admin"])
    page = client.get(f"/console/listings/?q={product.name[:5].lower()}").content.decode()
    assert f'href="/console/listings/{product.slug}/"' in page
    assert "No listing matches." in text(client.get("/console/listings/?q=zzzz-nothing"))
    assert client_of(people["l2"]).get("/console/listings/?q=a").status_code == 403


def test_corrections_of_lists_read_as_lines_under_the_fields_names(people, client_of, product):
    edit_listing(product=product, by=people["admin"], role="admin", reason="The owners asked for it.",
                 repositories=["https://github.com/example/one", "https://github.com/example/two"],
                 deployment_countries=["CI", "KE"])
    page = text(client_of(people["admin"]).get(f"/console/listings/{product.slug}/"))
    assert "Source code repositories" in page and "Countries where it is deployed" in page
    assert "https://github.com/example/one<br>https://github.com/example/two" in page
    assert "Côte d’Ivoire" in page or "Côte d'Ivoire" in page
    assert "['" not in page and ">repositories<" not in page and "deployment_countries" not in page
