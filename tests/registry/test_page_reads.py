"""A page of products read flat gives the records and list rows the model instances give."""

from dpg_registry.registry import page_reads, selectors
from dpg_registry.registry.export import public_record
from dpg_registry.registry.models import Product


def test_public_records_equal_the_records_of_model_instances(registry):
    ids = list(Product.objects.order_by("?").values_list("id", flat=True)[:60]) + [10**9]
    expected = {product.pk: public_record(product) for product in selectors.with_public_record(
        Product.objects.filter(id__in=ids))}
    assert page_reads.public_records(ids) == [expected[pk] for pk in ids if pk in expected]
    assert len(expected) == 60


def test_listing_rows_show_categories_goals_and_licences_in_order(registry):
    product = Product.objects.get(slug="dhis2")
    [row] = page_reads.listing_rows([product.pk])
    assert row["name"] == "DHIS2" and row["status"] == "dpg" and row["status_label"] == "Digital public good"
    assert row["categories"] == [category.label for category in product.categories.all()]
    assert row["sdgs"] == [link.sdg_id for link in product.sdg_links.all()]
    assert row["licences"] == [statement.expression for statement in product.licence_statements.all()]
