"""A page of products read flat: one ``values()`` query per relation for the page's ids, joined in Python.

A page of search results shows 20 products; building them as model instances with their prefetched relations
costs hundreds of objects a request. These reads give the same plain dicts (``export.public_record``'s shape, or
the short row a list of results shows) straight from the rows, in the order of the ids asked for.
"""

from collections import defaultdict

from dpg_registry.registry.countries import country_name
from dpg_registry.registry.licence_refs import is_licence_ref
from dpg_registry.registry.models import (
    DeploymentOrganisation,
    IndicatorAnswer,
    Product,
    ProductCountry,
    ProductLicence,
    ProductOrganisation,
    ProductSDG,
    Repository,
)

PRODUCT_FIELDS = (
    "id", "slug", "name", "aliases", "description", "website", "status", "status_reason", "status_changed_on",
    "listed_since", "expires_on", "standard_version__version", "sdg_relevance", "awards", "unlisted", "dpga_id",
    "dpga_gid",
)


def _by_product(rows) -> dict[int, list]:
    """``(product_id, *rest)`` rows grouped by product, each group in the rows' order."""
    grouped: dict[int, list] = defaultdict(list)
    for product_id, *rest in rows:
        grouped[product_id].append(rest[0] if len(rest) == 1 else rest)
    return grouped


def _categories(ids, field: str) -> dict[int, list]:
    through = Product.categories.through.objects.filter(product_id__in=ids)
    rows = through.order_by("product_id", "category__position", "category_id").values_list("product_id", field)
    return _by_product(rows)


def _licences(ids) -> dict[int, list]:
    rows = ProductLicence.objects.filter(product_id__in=ids).order_by("product_id", "position", "id")
    return _by_product(rows.values_list("product_id", "expression", "evidence_urls", "declared"))


def _sdgs(ids) -> dict[int, list]:
    rows = ProductSDG.objects.filter(product_id__in=ids).order_by("product_id", "position", "id")
    return _by_product(rows.values_list("product_id", "sdg_id", "sdg__name", "relevance", "evidence_urls"))


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _countries(rows) -> dict[str, list[dict]]:
    countries: dict[str, list[dict]] = {"developed": [], "deployed": []}
    seen = set()
    for kind, code, source_name in rows:
        # Two spellings of one country ("Scotland", "United Kingdom") are one country here.
        key = (kind, code or source_name)
        if key not in seen:
            seen.add(key)
            countries[kind].append({"code": code or None, "name": country_name(code) if code else source_name})
    return countries


def public_records(ids: list[int]) -> list[dict]:
    """The public records of the products ``ids``, in that order (ids of no product are left out)."""
    products = {row["id"]: row for row in Product.objects.filter(id__in=ids).values(*PRODUCT_FIELDS)}
    categories = _categories(ids, "category__key")
    licences = _licences(ids)
    sdgs = _sdgs(ids)
    sectors = _by_product(
        Product.sectors.through.objects.filter(product_id__in=ids)
        .order_by("product_id", "sector__name", "sector_id")
        .values_list("product_id", "sector__name")
    )
    repositories = _by_product(
        Repository.objects.filter(product_id__in=ids).order_by("product_id", "position", "id")
        .values_list("product_id", "name", "url")
    )
    organisations = _by_product(
        ProductOrganisation.objects.filter(product_id__in=ids).order_by("product_id", "position", "id")
        .values_list("product_id", "organisation__name", "website", "role")
    )
    countries = _by_product(
        ProductCountry.objects.filter(product_id__in=ids).order_by("product_id", "kind", "position", "id")
        .values_list("product_id", "kind", "code", "source_name")
    )
    deployment = _by_product(
        DeploymentOrganisation.objects.filter(product_id__in=ids).order_by("product_id", "kind", "position", "id")
        .values_list("product_id", "kind", "name")
    )
    answers = _by_product(
        IndicatorAnswer.objects.filter(product_id__in=ids).order_by("product_id", "position", "id")
        .values_list("product_id", "indicator_code", "question_key", "value")
    )
    records = []
    for pk in ids:
        product = products.get(pk)
        if product is None:
            continue
        where = _countries(countries.get(pk, []))
        indicators: dict[str, dict] = {}
        for code, key, value in answers.get(pk, []):
            indicators.setdefault(code, {})[key] = value
        records.append({
            "slug": product["slug"],
            "name": product["name"],
            "aliases": product["aliases"],
            "description": product["description"],
            "website": product["website"],
            "categories": categories.get(pk, []),
            "status": product["status"],
            "status_reason": product["status_reason"],
            "status_changed_on": _date(product["status_changed_on"]),
            "listed_since": _date(product["listed_since"]),
            "expires_on": _date(product["expires_on"]),
            "standard_version": product["standard_version__version"],
            "licenses": [
                {
                    "expression": expression,
                    "evidence_urls": evidence_urls,
                    "on_spdx_list": not is_licence_ref(expression),
                    "declared": declared or None,
                }
                for expression, evidence_urls, declared in licences.get(pk, [])
            ],
            "sdgs": [
                {"number": number, "name": name, "relevance": relevance, "evidence_urls": evidence_urls}
                for number, name, relevance, evidence_urls in sdgs.get(pk, [])
            ],
            "sdg_relevance": product["sdg_relevance"],
            "sectors": sectors.get(pk, []),
            "repositories": [{"name": name, "url": url} for name, url in repositories.get(pk, [])],
            "organisations": [
                {"name": name, "website": website, "role": role} for name, website, role in organisations.get(pk, [])
            ],
            "development_countries": where["developed"],
            "deployment_countries": where["deployed"],
            "deployment_organisations": [{"kind": kind, "name": name} for kind, name in deployment.get(pk, [])],
            "indicators": indicators,
            "awards": product["awards"],
            "unlisted": product["unlisted"],
            "dpga_id": product["dpga_id"],
            "dpga_gid": product["dpga_gid"],
        })
    return records


def listing_rows(ids: list[int]) -> list[dict]:
    """What a list of results shows of the products ``ids``, in that order: name, status, description, category
    labels, SDG numbers and licence expressions."""
    rows = Product.objects.filter(id__in=ids).values("id", "slug", "name", "status", "description")
    products = {row["id"]: row for row in rows}
    categories = _categories(ids, "category__label")
    licences = _licences(ids)
    sdgs = _sdgs(ids)
    statuses = dict(Product.Status.choices)
    return [
        {
            **products[pk],
            "status_label": statuses.get(products[pk]["status"], products[pk]["status"]),
            "categories": categories.get(pk, []),
            "sdgs": [number for number, *_ in sdgs.get(pk, [])],
            "licences": [expression for expression, *_ in licences.get(pk, [])],
        }
        for pk in ids
        if pk in products
    ]
