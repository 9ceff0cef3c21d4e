"""Imported DPGs join the listing's clock: each is listed from the day it was imported, until
``DPG_LISTING_DAYS`` later, and every listing date says where it came from."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations


def date_listings(apps, schema_editor):
    Product = apps.get_model("registry", "Product")
    SourceRecord = apps.get_model("registry", "SourceRecord")
    reviewed = set(SourceRecord.objects.filter(source_format="application").values_list("product_id", flat=True))
    for product in Product.objects.filter(listed_since__isnull=False, listed_since_source=""):
        product.listed_since_source = "review" if product.pk in reviewed else "record"
        product.save(update_fields=["listed_since_source"])
    for product in Product.objects.filter(status="dpg", listed_since__isnull=True):
        product.listed_since = product.created_at.date()
        product.listed_since_source = "import"
        product.expires_on = product.expires_on or product.listed_since + timedelta(days=settings.DPG_LISTING_DAYS)
        product.save(update_fields=["listed_since", "listed_since_source", "expires_on"])


def undate_imports(apps, schema_editor):
    Product = apps.get_model("registry", "Product")
    Product.objects.filter(listed_since_source="import").update(listed_since=None, expires_on=None)


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0007_listed_since_source"),
    ]

    operations = [
        migrations.RunPython(date_listings, undate_imports),
    ]
