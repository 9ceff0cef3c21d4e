"""Imported DPGs get a listing date and an expiry: the record's own date, else ``--listed-since`` (default: the
import's date), marked as a date of import; importing again restarts no clock; the migration dates DPGs imported
before the rule from the day they were imported."""

from datetime import date, timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from dpg_registry.importers.run import run_import
from dpg_registry.registry.models import Product
from dpg_registry.registry.records import ProductRecord, SourceRef
from dpg_registry.registry.services import import_products
from tests.conftest import LEGACY_DIR, run_dpg

IMPORT = Product.DateSource.IMPORT


def record(description: str = "Records for clinics.", **fields) -> ProductRecord:
    return ProductRecord(slug="clinic-records", name="Clinic Records", status="dpg", categories=["software"],
                         description=description,
                         sources=[SourceRef("test", "clinic-records", {"description": description}, 1)], **fields)


@pytest.mark.django_db(transaction=True)
def test_dpg_import_listed_since_dates_the_dpgs_without_a_date_of_their_own():
    assert run_dpg("standard", "load").returncode == 0
    result = run_dpg("import", str(LEGACY_DIR), "--listed-since", "2024-03-01")
    assert result.returncode == 0, result.stderr
    dpgs = Product.objects.filter(status="dpg")
    assert dpgs.count() == 165
    assert set(dpgs.values_list("listed_since", "expires_on", "listed_since_source")) == {
        (date(2024, 3, 1), date(2024, 3, 1) + timedelta(days=365), IMPORT)}
    assert not Product.objects.exclude(status="dpg").filter(listed_since__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("given", "says"), [
    ("01/03/2024", "'01/03/2024' is not a date written YYYY-MM-DD"),
    ("2999-01-01", "2999-01-01 is in the future"),
])
def test_a_bad_listed_since_is_refused_naming_the_option_and_nothing_is_written(given, says):
    assert run_dpg("standard", "load").returncode == 0
    result = run_dpg("import", str(LEGACY_DIR), "--listed-since", given)
    assert result.returncode == 1
    assert f"--listed-since: {says}; nothing was written" in result.stderr
    assert not Product.objects.exists()


@pytest.mark.django_db
def test_the_import_date_is_the_default_and_importing_again_keeps_it(standard):
    import_products(records=[record()], listed_since=date(2025, 5, 2))
    import_products(records=[record("Changed.")], listed_since=date(2026, 1, 1))
    product = Product.objects.get(slug="clinic-records")
    assert product.description == "Changed."
    assert (product.listed_since, product.expires_on, product.listed_since_source) == (
        date(2025, 5, 2), date(2026, 5, 2), IMPORT)

    Product.objects.all().delete()
    import_products(records=[record()])
    assert Product.objects.get().listed_since == timezone.localdate()


@pytest.mark.django_db
def test_a_record_that_gives_its_own_date_keeps_it(standard):
    import_products(records=[record(listed_since=date(2022, 7, 1))], listed_since=date(2025, 5, 2))
    product = Product.objects.get()
    assert (product.listed_since, product.expires_on, product.listed_since_source) == (
        date(2022, 7, 1), date(2023, 7, 1), Product.DateSource.RECORD)


@pytest.mark.django_db
def test_the_migration_dates_dpgs_imported_before_the_rule_from_their_import(standard):
    run_import([LEGACY_DIR])
    imported_at = timezone.now() - timedelta(days=100)
    Product.objects.update(created_at=imported_at, listed_since=None, expires_on=None, listed_since_source="")
    migration = import_module("dpg_registry.registry.migrations.0008_date_imported_dpgs")
    migration.date_listings(apps, None)
    dpgs = Product.objects.filter(status="dpg")
    assert set(dpgs.values_list("listed_since", "expires_on", "listed_since_source")) == {
        (imported_at.date(), imported_at.date() + timedelta(days=365), IMPORT)}
    assert not Product.objects.exclude(status="dpg").filter(listed_since__isnull=False).exists()
