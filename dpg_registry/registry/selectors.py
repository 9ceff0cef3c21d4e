"""Reads of the registry. Public reads never touch contacts or raw source records."""

from django.db.models import Count, Prefetch, Q, QuerySet

from dpg_registry.registry import page_reads
from dpg_registry.registry.countries import un_states
from dpg_registry.registry.models import Product, ProductCountry, ProductOrganisation, ProductSDG
from dpg_registry.standard.models import Question
from dpg_registry.standard.selectors import current_version

PUBLIC_PREFETCH = (
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


def with_public_record(products: QuerySet[Product]) -> QuerySet[Product]:
    """The products with everything their public record shows, fetched in a fixed number of queries."""
    return products.select_related("standard_version").prefetch_related(*PUBLIC_PREFETCH)


def public_products() -> QuerySet[Product]:
    return with_public_record(Product.objects.order_by("sort_name", "slug"))


def for_listing(products: QuerySet[Product]) -> list[dict]:
    """What a list of results shows of ``products``, in their order (``page_reads.listing_rows``)."""
    return page_reads.listing_rows(list(products.values_list("id", flat=True)))


# The fields of a listing its owners may ask to change, in the order forms and diffs show them.
LISTING_FIELDS = ("name", "description", "website", "repositories", "deployment_countries", "deployment_organisations")


def listing_fields(product: Product) -> dict:
    """A listing's editable public fields as values to compare: texts, and lists of repository addresses, deployment
    countries (ISO codes; a name the registry could not match is kept as the source wrote it) and the names of the
    organisations that deploy it."""
    countries = product.countries.filter(kind=ProductCountry.Kind.DEPLOYED).order_by("position")
    return {
        "name": product.name,
        "description": product.description,
        "website": product.website,
        "repositories": list(product.repositories.order_by("position").values_list("url", flat=True)),
        "deployment_countries": [country.code or country.source_name for country in countries],
        "deployment_organisations": list(product.deployment_organisations.order_by("position")
                                         .values_list("name", flat=True)),
    }


def public_product(slug: str) -> Product | None:
    return with_public_record(Product.objects.filter(slug=slug)).first()


def product_by_old_slug(slug: str) -> Product | None:
    """The product an old profile address (``/r/<slug>``) named."""
    return Product.objects.filter(slug=slug).only("slug").first()


def product_by_dpga_id(identifier: str) -> Product | None:
    """The product of a DPG Alliance application id (``11642``) or registry id (``GID0091385``)."""
    identifier = identifier.strip()
    if not identifier:
        return None
    found = Product.objects.filter(Q(dpga_id=identifier) | Q(dpga_gid__iexact=identifier)).only("slug")
    return found.order_by("pk").first()


def status_counts() -> dict[str, int]:
    counts = dict(Product.objects.values_list("status").annotate(total=Count("id")).values_list("status", "total"))
    return {status: counts.get(status, 0) for status in Product.Status.values}


def dpgs_by_category() -> list[tuple[str, str, int]]:
    rows = (
        Product.categories.through.objects.filter(product__status=Product.Status.DPG)
        .values("category__key", "category__label", "category__position")
        .annotate(total=Count("product_id"))
        .order_by("category__position")
    )
    return [(row["category__key"], row["category__label"], row["total"]) for row in rows]


def dpgs_by_sdg() -> dict[int, int]:
    rows = ProductSDG.objects.filter(product__status=Product.Status.DPG).values("sdg_id").annotate(total=Count("id"))
    return {row["sdg_id"]: row["total"] for row in rows}


def recently_listed(limit: int = 6) -> list[dict]:
    """The DPGs listed last by a review or a record's own date: a date of import says nothing of a listing."""
    return for_listing(
        Product.objects.filter(status=Product.Status.DPG, listed_since__isnull=False)
        .exclude(listed_since_source=Product.DateSource.IMPORT)
        .order_by("-listed_since", "sort_name")[:limit]
    )


def dpg_deployment_counts() -> dict[str, int]:
    """Number of DPGs deployed in each country (ISO alpha-2)."""
    rows = ProductCountry.objects.filter(kind="deployed", product__status=Product.Status.DPG).exclude(code="")
    return dict(rows.values("code").annotate(total=Count("product_id", distinct=True)).values_list("code", "total"))


def countries_reached() -> int:
    """UN member and observer states where at least one listed DPG is deployed (see ``countries.un_states``)."""
    return len(set(dpg_deployment_counts()) & un_states())


def questions_by_key() -> dict[str, Question]:
    """The current Standard's questions by key, to label a product's indicator answers."""
    version = current_version()
    if version is None:
        return {}
    questions = Question.objects.filter(indicator__version=version).select_related("indicator")
    return {question.key: question for question in questions}
