"""The catalogue query: filters, facet counts, ordering. Shared by the pages, the API and the dumps.

Facets combine with AND across facets and OR within one. The counts of a facet are computed
with every other facet applied but not itself, so each count says how many products choosing
that value (too) would show.
"""

from dataclasses import dataclass, field, fields

from django.db.models import Count, F, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from dpg_registry.registry import search
from dpg_registry.registry.countries import country_name, region_names
from dpg_registry.registry.models import Product, ProductCountry, ProductSDG
from dpg_registry.standard.models import SDG, Category, Licence, Sector

SORTS = ("relevance", "name", "recent")
FACETS = (
    "category",
    "sdg",
    "license",
    "license_family",
    "country",
    "developed_in",
    "region",
    "sector",
    "status",
)


class FilterError(ValueError):
    """A filter value the registry does not know; ``parameter`` names the query parameter."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


@dataclass
class Filters:
    q: str = ""
    category: list[str] = field(default_factory=list)
    sdg: list[int] = field(default_factory=list)
    license: list[str] = field(default_factory=list)
    license_family: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    developed_in: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    sector: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    sort: str = ""

    @classmethod
    def from_query(cls, query) -> "Filters":
        """Read and check filters from a QueryDict (or any mapping with ``getlist``)."""
        values = {"q": (query.get("q") or "").strip()[:200], "sort": query.get("sort") or ""}
        for name in FACETS:
            values[name] = [value for value in dict.fromkeys(query.getlist(name)) if value != ""]
        filters = cls(**values)
        filters.check()
        return filters

    def check(self) -> None:
        sdgs = []
        for value in self.sdg:
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise FilterError("sdg", f"{value!r} is not a goal number (1 to 17)") from None
            if not 1 <= number <= 17:
                raise FilterError("sdg", f"SDG {number} does not exist (the goals are numbered 1 to 17)")
            sdgs.append(number)
        self.sdg = sdgs
        self.country = [code.upper() for code in self.country]
        self.developed_in = [code.upper() for code in self.developed_in]
        for name, allowed in (
            ("status", Product.Status.values),
            ("license_family", Licence.Family.values),
            ("region", list(region_names())),
        ):
            for value in getattr(self, name):
                if value not in allowed:
                    raise FilterError(name, f"unknown value {value!r} (expected one of {', '.join(allowed)})")
        for name in ("country", "developed_in"):
            for code in getattr(self, name):
                if len(code) != 2 or not code.isalpha():
                    raise FilterError(name, f"{code!r} is not an ISO 3166-1 alpha-2 country code")
        if self.sort and self.sort not in SORTS:
            raise FilterError("sort", f"unknown sort {self.sort!r} (expected one of {', '.join(SORTS)})")

    @property
    def words(self) -> list[str]:
        return search.query_words(self.q)

    @property
    def effective_sort(self) -> str:
        if self.sort:
            return "name" if self.sort == "relevance" and not self.words else self.sort
        return "relevance" if self.words else "name"

    def as_params(self) -> list[tuple[str, str]]:
        """The filters as query parameters, in a stable order (for shareable URLs)."""
        params = [("q", self.q)] if self.q else []
        for name in FACETS:
            params += [(name, str(value)) for value in getattr(self, name)]
        if self.sort:
            params.append(("sort", self.sort))
        return params

    def without(self, facet: str) -> "Filters":
        copy = Filters(**{f.name: getattr(self, f.name) for f in fields(self)})
        setattr(copy, facet, [])
        return copy

    def is_empty(self) -> bool:
        return not self.words and not any(getattr(self, name) for name in FACETS)


def _facet_condition(facet: str, values: list):
    """The ``id__in`` subquery for one facet (OR within the facet)."""
    through = Product.categories.through
    if facet == "category":
        return through.objects.filter(category__key__in=values).values("product_id")
    if facet == "sdg":
        return ProductSDG.objects.filter(sdg_id__in=values).values("product_id")
    if facet == "license":
        lowered = [value.lower() for value in values]
        return (
            Product.licences.through.objects.annotate(spdx=Lower("licence__spdx_id"))
            .filter(spdx__in=lowered)
            .values("product_id")
        )
    if facet == "license_family":
        return Product.licences.through.objects.filter(licence__family__in=values).values("product_id")
    if facet == "country":
        return ProductCountry.objects.filter(kind="deployed", code__in=values).values("product_id")
    if facet == "developed_in":
        return ProductCountry.objects.filter(kind="developed", code__in=values).values("product_id")
    if facet == "region":
        return ProductCountry.objects.filter(region__in=values).values("product_id")
    if facet == "sector":
        return Product.sectors.through.objects.filter(sector__name__in=values).values("product_id")
    raise ValueError(facet)


def filtered(filters: Filters) -> QuerySet[Product]:
    products = Product.objects.all()
    if filters.status:
        products = products.filter(status__in=filters.status)
    for facet in FACETS:
        values = getattr(filters, facet)
        if values and facet != "status":
            products = products.filter(id__in=_facet_condition(facet, values))
    words = filters.words
    if words:
        sql, params = search.backend().matching_ids(words)
        products = products.filter(id__in=RawSQL(sql, params))
    return products


def ordered(products: QuerySet[Product], filters: Filters) -> QuerySet[Product]:
    sort = filters.effective_sort
    if sort == "relevance":
        sql, params = search.backend().tier(filters.words, f"{Product._meta.db_table}.id")
        return products.annotate(search_tier=RawSQL(sql, params)).order_by("search_tier", "sort_name", "id")
    if sort == "recent":
        return products.order_by(F("listed_since").desc(nulls_last=True), "sort_name", "id")
    return products.order_by("sort_name", "id")


def results(filters: Filters) -> QuerySet[Product]:
    return ordered(filtered(filters), filters)


def facet_counts(filters: Filters) -> dict[str, list[dict]]:
    """For every facet, its values with the number of products each would show, most first."""
    counts = {}
    for facet in FACETS:
        base = filtered(filters.without(facet)).values("id")
        counts[facet] = _count(facet, base, getattr(filters, facet))
    return counts


def _rows(queryset, key: str) -> dict:
    return {row[key]: row["total"] for row in queryset.annotate(total=Count("product_id", distinct=True))}


def _count(facet: str, base, selected: list) -> list[dict]:
    if facet == "status":
        raw = {
            row["status"]: row["total"]
            for row in Product.objects.filter(id__in=base).values("status").annotate(total=Count("id"))
        }
        labels = dict(Product.Status.choices)
    elif facet == "category":
        raw = _rows(
            Product.categories.through.objects.filter(product_id__in=base).values("category__key"), "category__key"
        )
        labels = dict(Category.objects.values_list("key", "label"))
    elif facet == "sdg":
        raw = _rows(ProductSDG.objects.filter(product_id__in=base).values("sdg_id"), "sdg_id")
        labels = dict(SDG.objects.values_list("number", "name"))
    elif facet == "license":
        raw = _rows(
            Product.licences.through.objects.filter(product_id__in=base).values("licence__spdx_id"),
            "licence__spdx_id",
        )
        labels = {key: key for key in raw}
    elif facet == "license_family":
        raw = _rows(
            Product.licences.through.objects.filter(product_id__in=base).values("licence__family"),
            "licence__family",
        )
        labels = dict(Licence.Family.choices)
    elif facet in ("country", "developed_in"):
        kind = "deployed" if facet == "country" else "developed"
        raw = _rows(
            ProductCountry.objects.filter(product_id__in=base, kind=kind).exclude(code="").values("code"), "code"
        )
        labels = {code: country_name(code) for code in raw}
    elif facet == "region":
        raw = _rows(ProductCountry.objects.filter(product_id__in=base).exclude(region="").values("region"), "region")
        labels = region_names()
    else:  # sector
        raw = _rows(Product.sectors.through.objects.filter(product_id__in=base).values("sector__name"), "sector__name")
        labels = dict(Sector.objects.values_list("name", "name"))
    for value in selected:
        raw.setdefault(value, 0)
    rows = [
        {"value": value, "label": labels.get(value, str(value)), "count": total, "selected": value in selected}
        for value, total in raw.items()
    ]
    return sorted(rows, key=lambda row: (-row["count"], str(row["label"])))
