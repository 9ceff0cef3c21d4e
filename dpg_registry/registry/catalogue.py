"""The catalogue query: filters, facet counts, ordering. Shared by the pages, the API and the dumps.

Facets combine with AND across facets and OR within one. The counts of a facet are computed
with every other facet applied but not itself, so each count says how many products choosing
that value (too) would show; their labels are given in the language of the request. The pages and
the API read a ``Selection`` (the in-memory index of facets and search words); the dumps read ``results`` (the
database).
"""

import heapq
from dataclasses import dataclass, field, fields

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language, gettext
from pyroaring import BitMap

from dpg_registry.lib.names import country_name, country_names
from dpg_registry.registry import facet_index, search
from dpg_registry.registry.countries import region_names
from dpg_registry.registry.errors import FilterError
from dpg_registry.registry.models import Product, ProductFacet
from dpg_registry.standard import licences
from dpg_registry.standard.models import SDG, Category, Licence
from dpg_registry.standard.translations import translate

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
                raise FilterError(
                    "sdg", gettext("%(value)r is not a goal number (1 to 17)") % {"value": value}
                ) from None
            if not 1 <= number <= 17:
                raise FilterError(
                    "sdg",
                    gettext("SDG %(number)d does not exist (the goals are numbered 1 to 17)") % {"number": number},
                )
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
                    raise FilterError(
                        name,
                        gettext("unknown value %(value)r (expected one of %(allowed)s)")
                        % {"value": value, "allowed": ", ".join(allowed)},
                    )
        for name in ("country", "developed_in"):
            for code in getattr(self, name):
                if len(code) != 2 or not code.isalpha():
                    raise FilterError(
                        name, gettext("%(code)r is not an ISO 3166-1 alpha-2 country code") % {"code": code}
                    )
        if self.sort and self.sort not in SORTS:
            raise FilterError(
                "sort",
                gettext("unknown sort %(sort)r (expected one of %(allowed)s)")
                % {"sort": self.sort, "allowed": ", ".join(SORTS)},
            )

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


DEFAULT_STATUS = Product.Status.DPG
ALL_STATUSES = "all"


def page_filters(query) -> Filters:
    """The filters of the catalogue page and its JSON: listed DPGs unless ``status`` says otherwise.

    ``status=all`` (and no status chosen in ``page_params``) shows every status. The API and the dumps
    read ``Filters.from_query``, where no status means every status.
    """
    query = query.copy()
    statuses = query.getlist("status")
    if not statuses:
        query.setlist("status", [DEFAULT_STATUS])
    elif ALL_STATUSES in statuses:
        query.setlist("status", [])
    return Filters.from_query(query)


def page_params(filters: Filters) -> list[tuple[str, str]]:
    """The page's filters as query parameters, saying ``status=all`` when every status is shown."""
    return keep_status(filters.as_params())


def keep_status(params: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``params`` with ``status=all`` when no status is chosen, so that the default does not come back."""
    rest = [param for param in params if param != ("status", ALL_STATUSES)]
    if any(name == "status" for name, _ in rest):
        return rest
    at = next((index for index, (name, _) in enumerate(rest) if name == "sort"), len(rest))
    return rest[:at] + [("status", ALL_STATUSES)] + rest[at:]


def _canonical_licence(value: str) -> str:
    try:
        return licences.canonical_id(value)
    except licences.InvalidLicence:
        return value


def filtered(filters: Filters) -> QuerySet[Product]:
    """The products the filters allow. With a search, its matches lead and each is looked up in the facet
    index; without one, each chosen facet's list of products does."""
    products = Product.objects.all()
    if filters.status:
        products = products.filter(status__in=filters.status)
    words = filters.words
    for facet in FACETS:
        values = getattr(filters, facet)
        if values and facet != "status":
            if facet == "license":
                values = [_canonical_licence(value) for value in values]
            chosen = ProductFacet.objects.filter(facet=facet, value__in=[str(value) for value in values])
            if words:
                products = products.filter(Exists(chosen.filter(product_id=OuterRef("id"))))
            else:
                products = products.filter(id__in=chosen.values("product_id"))
    if words:
        sql, params = search.backend().tier_ids(words, search.backend().TIERS)
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


class Selection:
    """The products the filters allow, read from the in-memory index (``facet_index``): their number, a page of
    their ids in the filters' order, and the facet counts. The search's matches and relevance tiers come from the
    index's words, the filters from its facet values: all bitmaps, no query. ``results`` gives the same products
    from the database alone."""

    def __init__(self, filters: Filters):
        self.filters = filters
        self.index = facet_index.current()
        words = filters.words
        self._word_tiers = self.index.search(words)
        self.matches = self._search_tier(search.backend().TIERS) if words else BitMap(self.index.everything)
        self.chosen = {}
        for facet in FACETS:
            values = getattr(filters, facet)
            if values:
                if facet == "license":
                    values = [_canonical_licence(value) for value in values]
                self.chosen[facet] = self.index.having(facet, [str(value) for value in values])
        self.found = BitMap.intersection(self.matches, *self.chosen.values())
        self.count = len(self.found)

    def _search_tier(self, tier: int) -> BitMap:
        """The products having every query word within the first ``tier`` fields."""
        return BitMap.intersection(*(by_tier[tier - 1] for by_tier in self._word_tiers))

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, window: slice) -> list[int]:
        """The ids of a slice of the results (as a paginator asks for them)."""
        start, stop, _ = window.indices(self.count)
        return self.ids(start, max(stop - start, 0))

    def ids(self, offset: int, limit: int) -> list[int]:
        """The ids of ``limit`` results from ``offset``, in the order of ``ordered``."""
        sort = self.filters.effective_sort
        if sort == "recent":
            place = self.index.recent_place
            numbers = heapq.nsmallest(offset + limit, self.found, key=place.__getitem__)[offset:]
        elif sort == "relevance":
            numbers = []
            for group in self.tiers():
                if offset < len(group):
                    numbers += list(group[offset : offset + limit - len(numbers)])
                    if len(numbers) == limit:
                        break
                offset = max(offset - len(group), 0)
        else:
            numbers = self.found[offset : offset + limit]
        return [self.index.ids[number] for number in numbers]

    def tiers(self):
        """The results in groups by relevance tier, best first (each group in name order)."""
        seen = BitMap()
        for tier in range(1, search.backend().TIERS):
            group = (self.found & self._search_tier(tier)) - seen
            seen |= group
            yield group
        yield self.found - seen

    def facet_counts(self) -> dict[str, dict[str, int]]:
        """For every facet, the number of results each of its values would show (values with none left out)."""
        counts = {}
        for facet in FACETS:
            if facet in self.chosen:
                others = [found for name, found in self.chosen.items() if name != facet]
                base = BitMap.intersection(self.matches, *others) if others else self.matches
            else:
                base = self.found
            values = self.index.values.get(facet, {})
            counts[facet] = {
                value: total for value, products in values.items() if (total := base.intersection_cardinality(products))
            }
        return counts


def facet_counts(selection: Selection) -> dict[str, list[dict]]:
    """For every facet, its values with the number of products each would show, most first, labelled in the
    current language.

    Facets combine with AND across facets and OR within one. The counts of a facet are computed with every other
    facet applied but not itself, so each count says how many products choosing that value (too) would show.
    """
    counts = selection.facet_counts()
    return {
        facet: _labelled(facet, counts[facet], getattr(selection.filters, facet), selection.index) for facet in FACETS
    }


def _labels(facet: str, values, index: facet_index.Index) -> dict[str, str]:
    """The labels of ``values`` in the current language: those of the index's values read once a generation."""
    key = (facet, get_language())
    known = index.labels.get(key)
    if known is None:
        known = index.labels[key] = _read_labels(facet, index.values.get(facet, {}).keys())
    missing = [value for value in values if value not in known]
    return {**known, **_read_labels(facet, missing)} if missing else known


def _read_labels(facet: str, values) -> dict[str, str]:
    if facet == "status":
        return {value: str(label) for value, label in Product.Status.choices}
    if facet == "category":
        return {key: translate(label) for key, label in Category.objects.values_list("key", "label")}
    if facet == "sdg":
        return {str(number): translate(name) for number, name in SDG.objects.values_list("number", "name")}
    if facet == "license_family":
        return {value: str(label) for value, label in Licence.Family.choices}
    if facet in ("country", "developed_in"):
        return country_names(values)
    if facet == "region":
        return {code: country_name(code, default=name) for code, name in region_names().items()}
    if facet == "sector":
        return {value: translate(value) for value in values}
    return {value: value for value in values}


def _labelled(facet: str, cached_counts: dict[str, int], selected: list, index: facet_index.Index) -> list[dict]:
    counts = dict(cached_counts)
    chosen = [str(value) for value in selected]
    for value in chosen:
        counts.setdefault(value, 0)
    labels = _labels(facet, counts, index)
    rows = [
        {
            "value": int(value) if facet == "sdg" else value,
            "label": labels.get(value, value),
            "count": total,
            "selected": value in chosen,
        }
        for value, total in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row["count"], str(row["label"])))
