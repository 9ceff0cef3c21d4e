"""Cached reads never outlive the data they were computed from."""

import datetime as dt
import json

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dpg_registry.importers.run import run_import
from tests.conftest import API_SAMPLE, LEGACY_DIR


def test_an_import_changes_what_cached_pages_and_api_reads_say(client, standard):
    run_import([LEGACY_DIR])
    urls = ("/api/v1/products?status=dpg&limit=1", "/api/v1/facets?status=dpg", "/registry/results.json?status=dpg")
    assert [client.get(url).json()["count"] for url in urls] == [165, 165, 165]
    assert "<strong>165</strong> digital public goods" in client.get("/").content.decode()
    run_import([API_SAMPLE])
    assert [client.get(url).json()["count"] for url in urls] == [174, 174, 174]
    assert "<strong>174</strong> digital public goods" in client.get("/").content.decode()


def test_a_repeated_read_is_answered_from_the_cache(client, standard):
    run_import([API_SAMPLE])
    first = client.get("/api/v1/products?status=dpg")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/products?status=dpg")
    # The registry's generation, nothing else; the API's rate-limit count is kept in the shared cache,
    # which is a database table unless Redis is configured.
    others = [query["sql"] for query in queries
              if "dpg_cache" not in query["sql"] and "SAVEPOINT" not in query["sql"]]
    assert len(others) == 1 and "registry_registrygeneration" in others[0]
    assert again.content == first.content


def test_an_uncached_read_asks_for_the_generation_once_and_reads_no_rate_count_row(client, standard):
    run_import([API_SAMPLE])
    # The rate limit's counts are per minute: started on a minute's first second, the five reads share one window
    # and so one block of counts.
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC), tick=True):
        client.get("/api/v1/products?q=health")  # the API's first block of counts, and the facet index
        for url in ("/api/v1/products?q=open", "/api/v1/facets?q=open", "/registry/?q=open", "/registry/?q=data"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            statements = [query["sql"] for query in queries]
            assert sum("registry_registrygeneration" in sql for sql in statements) == 1, url
            assert not [sql for sql in statements if "dpg_cache" in sql], url


def test_dumps_carry_a_cdn_cache_lifetime_and_an_etag_that_changes_with_the_data(client, standard, tmp_path):
    run_import([API_SAMPLE])
    for url in ("/registry.json?status=dpg", "/registry.csv", "/registry.ndjson", "/ecosystem.json"):
        first = client.get(url)
        assert first.status_code == 200 and first["Cache-Control"] == "public, max-age=300", url
        etag = first["ETag"]
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag, url
        assert client.get("/registry.json", HTTP_IF_NONE_MATCH=etag).status_code == 200, url  # one URL, one ETag
    before = client.get("/registry.json")["ETag"]
    renamed = json.loads(API_SAMPLE.read_text())[:1]
    renamed[0]["name"] = "Renamed In The Source"
    (tmp_path / "renamed.json").write_text(json.dumps(renamed))
    run_import([tmp_path / "renamed.json"])
    changed = client.get("/registry.json", HTTP_IF_NONE_MATCH=before)
    assert changed.status_code == 200 and changed["ETag"] != before
    assert "Renamed In The Source" in {product["name"] for product in json.loads(b"".join(changed.streaming_content))}
