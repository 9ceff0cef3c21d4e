"""The catalogue's read path (the in-memory index of facets and search words) gives exactly what plain database
queries give: the same products in the same order, the same relevance tiers, the same count and the same facet
counts, for any combination of filters and search words (whole words, their prefixes, several at once); and a
write through the registry's services shows in the next read."""

from array import array
from itertools import accumulate

import pytest
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpg_registry.registry import search, services
from dpg_registry.registry.catalogue import FACETS, SORTS, Filters, Selection, filtered, results
from dpg_registry.registry.models import Organisation, Product, ProductFacet
from dpg_registry.registry.search import vocabulary as vocabulary_module
from dpg_registry.registry.search.text import words
from dpg_registry.registry.search.vocabulary import Vocabulary


def _database_counts(filters: Filters) -> dict[str, dict[str, int]]:
    """Every facet's value counts over the products the other facets allow, by grouped queries."""
    counts = {}
    for facet in FACETS:
        products = filtered(filters.without(facet)).values("id")
        rows = ProductFacet.objects.filter(facet=facet, product_id__in=products).values("value")
        counts[facet] = {row["value"]: row["total"] for row in rows.annotate(total=Count("product_id"))}
    return counts


def _reads_agree(filters: Filters, offset: int, limit: int) -> None:
    expected = list(results(filters).values_list("id", flat=True))
    found = Selection(filters)
    assert found.count == len(expected)
    assert found.ids(0, len(expected) + 1) == expected
    assert found.ids(offset, limit) == expected[offset : offset + limit]
    assert found.facet_counts() == _database_counts(filters)


@pytest.fixture
def vocabulary(registry):
    """The values a visitor could choose: words of the products' names, aliases, organisations and descriptions
    (each list on its own, so words that rank in every tier are drawn), and every facet's values."""
    def vocabulary_of(texts) -> list[str]:
        return sorted({word for text in texts for word in words(text) if len(word) > 2})

    texts = [
        vocabulary_of(Product.objects.values_list("name", flat=True)),
        vocabulary_of(" ".join(aliases) for aliases in Product.objects.values_list("aliases", flat=True)),
        vocabulary_of(Organisation.objects.filter(product_roles__isnull=False).values_list("name", flat=True)),
        vocabulary_of(Product.objects.values_list("description", flat=True)),
    ]
    values = {facet: sorted(set(ProductFacet.objects.filter(facet=facet).values_list("value", flat=True)))
              for facet in FACETS}
    return texts, values


def _filters(draw, texts: list[list[str]], values: dict[str, list[str]]) -> Filters:
    chosen = draw(st.lists(st.one_of(*(st.sampled_from(found) for found in texts if found)), max_size=2))
    query = {"q": " ".join(chosen), "sort": draw(st.sampled_from(SORTS))}
    for facet in draw(st.lists(st.sampled_from(FACETS), max_size=3, unique=True)):
        query[facet] = draw(st.lists(st.sampled_from(values[facet]), min_size=1, max_size=2, unique=True))
    filters = Filters(**query)
    filters.check()
    return filters


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_filters_read_the_same_products_order_and_counts_as_the_database(vocabulary, data):
    texts, values = vocabulary
    filters = _filters(data.draw, texts, values)
    _reads_agree(filters, data.draw(st.integers(0, 60)), data.draw(st.integers(1, 30)))


def _tiers_agree(filters: Filters) -> None:
    """The products of each relevance tier, in memory and by the database's tier expression."""
    expected: dict[int, list[int]] = {}
    for pk, tier in results(filters).values_list("id", "search_tier"):
        expected.setdefault(tier, []).append(pk)
    found = Selection(filters)
    groups = [[found.index.ids[number] for number in group] for group in found.tiers()]
    assert groups == [expected.get(tier, []) for tier in range(1, search.backend().TIERS + 1)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_prefixes_and_several_words_rank_in_the_same_tiers_as_the_database(vocabulary, data):
    texts, values = vocabulary
    word = st.one_of(*(st.sampled_from(found) for found in texts if found))
    prefix = word.flatmap(lambda whole: st.integers(1, len(whole)).map(lambda length: whole[:length]))
    typed = st.one_of(word, prefix, word.map(str.upper), st.sampled_from(["zzqx", "é", "0", "2"]))
    query = {"q": " ".join(data.draw(st.lists(typed, min_size=1, max_size=4))), "sort": "relevance"}
    for facet in data.draw(st.lists(st.sampled_from(FACETS), max_size=1)):
        query[facet] = data.draw(st.lists(st.sampled_from(values[facet]), min_size=1, max_size=2, unique=True))
    filters = Filters(**query)
    filters.check()
    _tiers_agree(filters)
    _reads_agree(filters, data.draw(st.integers(0, 60)), data.draw(st.integers(1, 30)))


@settings(max_examples=300, deadline=None)
@given(
    products=st.dictionaries(st.text(st.sampled_from("ab\U0010ffff"), min_size=1, max_size=4),
                             st.lists(st.integers(0, 50), min_size=1, max_size=5, unique=True)),
    prefix=st.text(st.sampled_from("ab\U0010ffff"), min_size=1, max_size=3),
)
def test_a_prefix_finds_the_products_of_every_word_starting_with_it(products, prefix):
    expected = {number for word, numbers in products.items() if word.startswith(prefix) for number in numbers}
    words = sorted(products)
    starts = array("I", accumulate((len(products[word]) for word in words), initial=0))
    vocabulary = Vocabulary(words, starts, array("I", [number for word in words for number in products[word]]))
    assert set(vocabulary.starting_with(prefix)) == expected


def test_a_prefix_of_many_products_keeps_its_union_and_gives_the_same_answer(monkeypatch):
    monkeypatch.setattr(vocabulary_module, "KEPT_UNION", 1)
    vocabulary = Vocabulary(["ab", "abc", "ac", "b"], array("I", [0, 2, 3, 5, 6]), array("I", [1, 2, 3, 5, 6, 4]))
    for _ in range(2):  # the second time from the kept unions
        assert [set(vocabulary.starting_with(prefix)) for prefix in ("ab", "a", "abc", "b", "c")] == [
            {1, 2, 3}, {1, 2, 3, 5, 6}, {3}, {4}, set()]


def test_common_words_and_filters_alone_read_the_same_as_the_database(registry):
    for query in ({}, {"q": "data"}, {"q": "open health", "sort": "relevance"}, {"status": ["dpg"], "sort": "recent"},
                  {"sdg": [3, 4], "category": ["software"]}, {"q": "a", "license": ["mit"]},
                  {"q": "d h", "sort": "relevance"}, {"q": "o u s", "sort": "relevance"}):
        filters = Filters(**query)
        filters.check()
        _reads_agree(filters, 5, 20)


def test_a_write_through_the_services_shows_in_the_next_read(registry, people):
    before = Selection(Filters(country=["IS"], q="zymurgical"))
    assert before.count == 0
    product = Product.objects.get(slug="dhis2")
    services.edit_listing(product=product, by=people["admin"], role="admin", reason="Deployed in Iceland.",
                          name="Zymurgical DHIS2", deployment_countries=["IS"])
    after = Selection(Filters(country=["IS"], q="zymurgical"))
    assert after.ids(0, 20) == [product.pk]
    assert after.facet_counts()["country"] == {"IS": 1}
    assert Selection(Filters(q="zymurgical")).facet_counts()["status"] == {"dpg": 1}


def test_facet_labels_are_read_once_a_generation_in_each_language(registry, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from dpg_registry.registry.catalogue import facet_counts
    from dpg_registry.standard.models import Category

    def labels_read(language: str, query: dict) -> tuple[int, dict]:
        with translation.override(language), CaptureQueriesContext(connection) as captured:
            counts = facet_counts(Selection(Filters(**query)))
        standard = [q["sql"] for q in captured.captured_queries if "standard_" in q["sql"]]
        return len(standard), {row["value"]: row["label"] for row in counts["category"]}

    read, labels = labels_read("en", {"q": "health"})
    assert read == 2 and labels["software"] == "Open Software"  # the categories' and the goals' names
    assert labels_read("en", {"q": "data", "sdg": [3]})[0] == 0
    read, french = labels_read("fr", {"q": "health"})
    assert read == 2 and french["software"] != "Open Software"
    Category.objects.filter(key="software").update(label="Open-source software")
    assert labels_read("en", {"q": "health"})[1]["software"] == "Open Software"  # the same generation
    services.edit_listing(product=Product.objects.get(slug="dhis2"), by=people["admin"], role="admin",
                          reason="A new generation.", name="DHIS2 again")
    read, labels = labels_read("en", {"q": "health"})
    assert read == 2 and labels["software"] == "Open-source software"


def test_the_index_is_out_of_the_collectors_reach_and_freed_when_a_write_replaces_it(registry, people):
    import gc
    import weakref

    from dpg_registry.registry import facet_index

    index = facet_index.current()
    # Frozen: a full collection no longer walks it (gc.get_objects lists only the generations it walks).
    assert gc.get_freeze_count() > 0
    walked = {id(obj) for obj in gc.get_objects()}
    assert id(index.ids) not in walked and id(index.number) not in walked and id(index.fields[0].words) not in walked
    replaced = weakref.ref(index)
    del index
    services.edit_listing(product=Product.objects.get(slug="dhis2"), by=people["admin"], role="admin",
                          reason="A new generation.", name="DHIS2 again")
    assert facet_index.current() is not replaced()
    assert replaced() is None  # reference counting freed the old generation's index, frozen as it was
