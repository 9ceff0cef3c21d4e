"""Reads of the registry. Public reads never touch contacts or raw source records."""

from django.db.models import Count, Prefetch, QuerySet

from dpg_registry.registry.models import Product, ProductCountry, ProductOrganisation


def public_products() -> QuerySet[Product]:
    """Every product with what its public record shows, fetched in a fixed number of queries."""
    return (
        Product.objects.order_by("sort_name", "slug")
        .select_related("standard_version")
        .prefetch_related(
            "categories",
            "sectors",
            "licence_statements",
            "licences",
            "sdg_links__sdg",
            "repositories",
            Prefetch("organisation_roles", queryset=ProductOrganisation.objects.select_related("organisation")),
            Prefetch("countries", queryset=ProductCountry.objects.order_by("kind", "position")),
            "deployment_organisations",
            "indicator_answers",
        )
    )


def listed_dpgs() -> QuerySet[Product]:
    return (
        Product.objects.filter(status=Product.Status.DPG).order_by("sort_name").prefetch_related("categories", "sdg_links")
    )


def status_counts() -> dict[str, int]:
    counts = dict(Product.objects.values_list("status").annotate(total=Count("id")).values_list("status", "total"))
    return {status: counts.get(status, 0) for status in Product.Status.values}
