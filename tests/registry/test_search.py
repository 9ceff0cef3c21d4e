"""The same queries give the same results on SQLite and PostgreSQL (the suite runs on both)."""

import pytest
from django.http import QueryDict

from dpg_registry.registry.catalogue import FilterError, Filters, Selection, facet_counts, results
from dpg_registry.registry.models import Product
from dpg_registry.registry.search import index_products


def names(query: str, limit: int = 10) -> list[str]:
    return [product.name for product in results(Filters.from_query(QueryDict(query)))[:limit]]


def test_name_matches_come_first_then_by_name(registry):
    found = names("q=health&status=dpg", limit=200)
    in_name = [name for name in found if any(word.startswith("health") for word in name.lower().split())]
    assert found[: len(in_name)] == sorted(in_name, key=str.lower)
    assert found[0] == "Avyantra Health Technologies"
    assert len(found) > len(in_name)  # matches in aliases, organisations and descriptions follow


def test_accents_do_not_matter(registry):
    assert names("q=sante") == names("q=santé") == ["Santé publique France COVID-19 Dashboard", "SanteIMS", "SantéMPI"]


def test_words_match_as_prefixes_and_all_must_match(registry):
    assert names("q=kobo") == ["KoBoToolbox"]
    assert names("q=dhis2")[0] == "DHIS2"
    assert "DHIS2" in names("q=district+health")
    assert names("q=kobotoolbox+zzzz") == []


def test_aliases_and_organisations_are_searched(registry):
    assert "DHIS2" in names("q=university+oslo")


def test_facets_combine_and_across_or_within(registry):
    both = set(names("status=dpg&sdg=3&sdg=4", limit=1000))
    three = set(names("status=dpg&sdg=3", limit=1000))
    four = set(names("status=dpg&sdg=4", limit=1000))
    assert both == three | four
    narrowed = set(names("status=dpg&sdg=3&category=content", limit=1000))
    content = set(names("status=dpg&category=content", limit=1000))
    assert narrowed == three & content


def test_facet_counts_leave_their_own_facet_out(registry):
    filters = Filters.from_query(QueryDict("status=dpg&category=software"))
    counts = facet_counts(Selection(filters))
    category = {row["value"]: row["count"] for row in counts["category"]}
    assert category["software"] == len(names("status=dpg&category=software", limit=1000))
    assert category["content"] == len(names("status=dpg&category=content", limit=1000))
    status = {row["value"]: row["count"] for row in counts["status"]}
    assert status["nominee"] == len(names("status=nominee&category=software", limit=1000))


def test_bad_filter_values_name_the_parameter():
    for query, parameter in (
        ("sdg=18", "sdg"),
        ("sdg=x", "sdg"),
        ("status=gone", "status"),
        ("country=Kenya", "country"),
    ):
        with pytest.raises(FilterError) as error:
            Filters.from_query(QueryDict(query))
        assert error.value.parameter == parameter


def test_indexing_reads_the_products_related_rows_in_a_fixed_number_of_queries(registry, django_assert_max_num_queries):
    products = list(Product.objects.all()[:200])
    assert len(products) == 200
    with django_assert_max_num_queries(12):  # not one per product: the organisations and goals are fetched at once
        index_products(products)
