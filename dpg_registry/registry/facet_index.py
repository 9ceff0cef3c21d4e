"""The registry's products in memory, for the catalogue: every facet value's products as a compressed bitmap.

Each server process builds the index on its first catalogue read, from the facet rows and the products' statuses,
and builds it again when the registry's generation has changed (every write gives a new one, ``cache.bump``).
Products are numbered by their place in name order (sort name, then id, as the database sorts them), so a
bitmap lists its products by name and a page of results is a slice of it; the place of each in the "recently
listed" order is kept too. A search's facet counts are then the sizes of intersections of bitmaps.

The search words are kept the same way, from the full-text index's own rows: for each field of the search
documents (name, aliases, organisations, the rest) a sorted vocabulary and each word's products. A search then
reads no full-text table: a query word's products within a field are those of the vocabulary's words that start
with it (one range of the sorted vocabulary), and relevance tier n (``search``) asks each word within the first
n fields.

Once built, the index (with everything else the process holds by then: Django, the URL patterns, the templates)
is moved out of the garbage collector's reach (``gc.freeze``): a full collection would otherwise walk its hundreds
of thousands of objects while every thread of the process waits, a pause of 100 to 700 ms at 100,000 products
that lands on whichever requests are running. Reference counting still frees what the index drops.
"""

import gc
import threading

from django.db import connection, transaction
from django.db.models import F
from pyroaring import BitMap, FrozenBitMap

from dpg_registry.registry import cache as registry_cache
from dpg_registry.registry import search
from dpg_registry.registry.models import Product, ProductFacet

_ROWS_AT_ONCE = 20_000


class Index:
    """The products of one generation of the registry."""

    def __init__(self, generation: int):
        self.generation = generation
        # Product ids in name order; a product's number in every bitmap is its place in this list.
        ordered = list(Product.objects.order_by("sort_name", "id").values_list("id", "status"))
        self.ids: list[int] = [pk for pk, _status in ordered]
        self.number = {pk: number for number, pk in enumerate(self.ids)}
        self.everything = FrozenBitMap(range(len(self.ids)))
        recent = Product.objects.order_by(F("listed_since").desc(nulls_last=True), "sort_name", "id")
        self.recent_place = [0] * len(self.ids)
        for place, pk in enumerate(recent.values_list("id", flat=True).iterator(chunk_size=_ROWS_AT_ONCE)):
            if pk in self.number:  # a product added meanwhile waits for the next generation
                self.recent_place[self.number[pk]] = place
        numbers: dict[str, dict[str, list[int]]] = {}
        for number, (_pk, status) in enumerate(ordered):
            numbers.setdefault("status", {}).setdefault(status, []).append(number)
        # Plain SQL: a million rows at 100,000 products, which the ORM would take seconds to turn into tuples; on
        # PostgreSQL a server-side cursor sends them a chunk at a time.
        with transaction.atomic(), connection.chunked_cursor() as cursor:
            cursor.execute(f"SELECT facet, value, product_id FROM {ProductFacet._meta.db_table} WHERE facet <> %s",
                           ["status"])
            while rows := cursor.fetchmany(_ROWS_AT_ONCE):
                for facet, value, pk in rows:
                    if pk in self.number:
                        numbers.setdefault(facet, {}).setdefault(value, []).append(self.number[pk])
        self.values: dict[str, dict[str, FrozenBitMap]] = {
            facet: {value: FrozenBitMap(found) for value, found in by_value.items()}
            for facet, by_value in numbers.items()
        }
        self.fields = search.backend().read_words(self.ids)
        # The facet values' labels by (facet, language), filled by the catalogue on first use: read once a
        # generation, as the pages the response cache keeps are.
        self.labels: dict[tuple[str, str], dict[str, str]] = {}

    def search(self, words: list[str]) -> list[list[BitMap]]:
        """For each query word, its products by relevance tier: item n - 1 lists the products having a word
        that starts with it within the first n fields (the last item: anywhere)."""
        tiers = []
        for word in words:
            found = BitMap()
            by_tier = []
            for field in self.fields:
                found |= field.starting_with(word)
                by_tier.append(BitMap(found))
            tiers.append(by_tier)
        return tiers

    def having(self, facet: str, values) -> BitMap:
        """The products with any of ``values`` in ``facet``."""
        by_value = self.values.get(facet, {})
        return BitMap.union(BitMap(), *(by_value[value] for value in values if value in by_value))


_lock = threading.Lock()
_current: Index | None = None


def current() -> Index:
    """The index of the registry's current generation, built if there is none yet."""
    global _current
    generation = registry_cache.generation()
    index = _current
    if index is None or index.generation != generation:
        with _lock:  # one build at a time: the other threads wait for it instead of building their own
            index = _current
            if index is None or index.generation != generation:
                index = _current = Index(generation)
                _freeze()
    return index


def _freeze() -> None:
    """Move every object alive now out of the collector's reach, after one last full collection of everything,
    including what the previous build froze (so garbage kept alive then is collected now, not kept for good)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def forget() -> None:
    """Drop the index, so that the next read builds it from the rows as they are (after a test's rollback)."""
    global _current
    _current = None
