"""Fill a registry database with N synthetic products whose shape follows the real DPG data.

Counts per product (categories, SDGs, licences, countries, sectors, organisations) and the values
themselves are drawn from the real legacy records, so facets and search behave as they would on
a registry that grew N-fold. Rows go in with bulk inserts: the benchmark measures reads.
"""

import random

from django.db import transaction

from dpg_registry.importers.run import read_path
from dpg_registry.registry import facets
from dpg_registry.registry.models import (
    Organisation,
    Product,
    ProductCountry,
    ProductLicence,
    ProductOrganisation,
    ProductSDG,
)
from dpg_registry.registry.search import index_products
from dpg_registry.registry.search.text import fold
from dpg_registry.registry.services import country_rows
from dpg_registry.standard.models import Category, Licence, Sector
from dpg_registry.standard.services import ensure_licence

STATUSES = ["dpg"] * 5 + ["nominee"] * 2 + ["archived"] * 6 + ["excluded"]
BATCH = 2000


def generate(count: int, legacy_dir, seed: int = 7) -> None:
    rng = random.Random(seed)
    samples = read_path(legacy_dir)
    vocabulary = sorted({w for r in samples for w in (r.name + " " + r.description).split() if w.isalpha()})
    categories = {c.key: c for c in Category.objects.all()}
    sectors = {s.name: s for s in Sector.objects.all()}
    licences = {}
    for record in samples:
        for statement in record.licences:
            spdx = statement.expression
            licences.setdefault(spdx, ensure_licence(spdx))
    organisations = [Organisation.objects.get_or_create(name=f"Organisation {n}")[0] for n in range(2000)]
    licence_rows = list(Licence.objects.filter(spdx_id__in=licences))
    by_id = {licence.spdx_id: licence for licence in licence_rows}
    for start in range(0, count, BATCH):
        with transaction.atomic():
            size = min(BATCH, count - start)
            _batch(rng, start, size, samples, vocabulary, categories, sectors, by_id, organisations)


def _batch(rng, start, size, samples, vocabulary, categories, sectors, licences, organisations):
    products, shapes = [], []
    for number in range(start, start + size):
        shape = rng.choice(samples)
        name = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 3))).title() + f" {number}"
        description = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(12, 40)))
        products.append(
            Product(
                slug=f"synthetic-{number}",
                name=name,
                sort_name=fold(name),
                description=description,
                status=rng.choice(STATUSES),
                aliases=[],
            )
        )
        shapes.append(shape)
    Product.objects.bulk_create(products)
    products = list(Product.objects.filter(slug__in=[p.slug for p in products]).order_by("id"))
    shapes_by_slug = dict(zip([f"synthetic-{n}" for n in range(start, start + size)], shapes, strict=True))
    category_links, sector_links, licence_links, sdgs, countries, statements, roles = [], [], [], [], [], [], []
    for product in products:
        shape = shapes_by_slug[product.slug]
        category_links += [
            Product.categories.through(product_id=product.id, category_id=categories[key].id)
            for key in shape.categories
        ]
        sector_links += [
            Product.sectors.through(product_id=product.id, sector_id=sectors[name].id) for name in shape.sectors
        ]
        for position, statement in enumerate(shape.licences):
            statements.append(
                ProductLicence(product=product, expression=statement.expression, position=position, evidence_urls=[])
            )
            licence_links.append(
                Product.licences.through(product_id=product.id, licence_id=licences[statement.expression].id)
            )
        sdgs += [
            ProductSDG(product=product, sdg_id=number, position=position, relevance="", evidence_urls=[])
            for position, number in enumerate(sorted({link.number for link in shape.sdgs}))
        ]
        countries += country_rows(product, "developed", shape.developed_in)
        countries += country_rows(product, "deployed", shape.deployed_in)
        roles.append(
            ProductOrganisation(product=product, organisation=rng.choice(organisations), role="owner", position=0)
        )
    for model, rows in (
        (Product.categories.through, category_links),
        (Product.sectors.through, sector_links),
        (Product.licences.through, licence_links),
        (ProductLicence, statements),
        (ProductSDG, sdgs),
        (ProductCountry, countries),
        (ProductOrganisation, roles),
    ):
        model.objects.bulk_create(rows, ignore_conflicts=model is not ProductLicence)
    # In bulk: the search documents' relations for many products at once, not per product (in slices SQLite's
    # expression depth allows).
    for at in range(0, len(products), 500):
        index_products(products[at : at + 500])
    facets.refresh(products)
