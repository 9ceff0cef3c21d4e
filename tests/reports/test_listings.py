"""Which products count as listed at the end of a year, for products imported with and without dates."""

from datetime import date

import pytest
import time_machine

from dpg_registry.registry.models import Product
from dpg_registry.registry.records import ProductRecord, SourceRef
from dpg_registry.registry.services import import_products
from dpg_registry.reports.listings import listed_at_end_of


def record(slug: str, status: str, **dates) -> ProductRecord:
    return ProductRecord(slug=slug, name=slug.title(), status=status, categories=["software"],
                         sources=[SourceRef("test", slug, {"slug": slug}, 1)], **dates)


@pytest.fixture
def products(standard):
    with time_machine.travel(date(2023, 7, 1), tick=False):
        import_products(records=[
            record("kept", "dpg", listed_since=date(2021, 5, 1)),
            record("left-later", "archived", listed_since=date(2021, 5, 1), status_changed_on=date(2024, 2, 1)),
            record("left-early", "expired", listed_since=date(2021, 5, 1), status_changed_on=date(2022, 3, 1)),
            record("left-undated", "archived", listed_since=date(2021, 5, 1)),
            record("undated", "dpg"),  # counts from the day the registry recorded it: 2023
            record("never", "nominee"),
        ])


def listed(year: int) -> list[str]:
    return sorted(Product.objects.filter(listed_at_end_of(year)).values_list("slug", flat=True))


def test_listed_from_the_listing_date_until_the_status_changed(products):
    assert listed(2020) == []
    assert listed(2021) == ["kept", "left-early", "left-later"]
    assert listed(2022) == ["kept", "left-later"]
    assert listed(2023) == ["kept", "left-later", "undated"]
    assert listed(2024) == ["kept", "undated"]
