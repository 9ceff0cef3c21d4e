"""The facet values of products, kept in ``ProductFacet`` so counting them is one grouped query."""

from django.db.models import prefetch_related_objects

from dpg_registry.registry.licence_refs import is_licence_ref
from dpg_registry.registry.models import Product, ProductFacet


def values_of(product: Product) -> set[tuple[str, str]]:
    values = {("status", product.status)}
    values |= {("category", category.key) for category in product.categories.all()}
    values |= {("sdg", str(link.sdg_id)) for link in product.sdg_links.all()}
    values |= {("sector", sector.name) for sector in product.sectors.all()}
    for licence in product.licences.all():
        values |= {("license", licence.spdx_id), ("license_family", licence.family)}
    # A licence off the SPDX list has no family: it is found by its LicenseRef- until it is confirmed.
    values |= {
        ("license", statement.expression)
        for statement in product.licence_statements.all()
        if is_licence_ref(statement.expression)
    }
    for country in product.countries.all():
        if country.code:
            values.add(("country" if country.kind == "deployed" else "developed_in", country.code))
        if country.region:
            values.add(("region", country.region))
    return values


RELATIONS = ("categories", "sdg_links", "sectors", "licences", "licence_statements", "countries")


def refresh(products: list[Product]) -> None:
    """Rewrite the facet values of ``products``, read from the database after the write."""
    prefetch_related_objects(products, *RELATIONS)
    ProductFacet.objects.filter(product_id__in=[product.pk for product in products]).delete()
    ProductFacet.objects.bulk_create(
        ProductFacet(product_id=product.pk, facet=facet, value=value)
        for product in products
        for facet, value in values_of(product)
    )
