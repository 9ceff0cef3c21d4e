"""The whole-registry dumps are files built once per registry generation and rebuilt after a write."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dpg_registry.importers.run import run_import
from dpg_registry.registry import dump_files
from tests.conftest import API_SAMPLE


def _names(fmt: str, body: bytes) -> set[str]:
    text = body.decode()
    if fmt == "json":
        return {product["name"] for product in json.loads(text)}
    if fmt == "ndjson":
        return {json.loads(line)["name"] for line in text.splitlines()}
    return {row["name"] for row in csv.DictReader(io.StringIO(text))}


@pytest.fixture
def dumps(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path / "dumps"


@pytest.mark.parametrize("fmt", ["json", "csv", "ndjson"])
def test_a_whole_dump_is_built_once_per_generation_and_again_after_a_write(client, standard, dumps, tmp_path, fmt):
    run_import([API_SAMPLE])
    first = client.get(f"/registry.{fmt}")
    body = b"".join(first.streaming_content)
    assert first.status_code == 200 and first["Content-Length"] == str(len(body))
    assert len(_names(fmt, body)) == len(json.loads(API_SAMPLE.read_text()))
    [built] = dumps.glob(f"*.{fmt}")
    stamp = (built.stat().st_ino, built.stat().st_mtime_ns)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"/registry.{fmt}")
        assert b"".join(again.streaming_content) == body
    assert not [query["sql"] for query in queries if "registry_product" in query["sql"]]
    assert [path.name for path in dumps.iterdir()] == [built.name]
    assert (built.stat().st_ino, built.stat().st_mtime_ns) == stamp

    renamed = json.loads(API_SAMPLE.read_text())[:1]
    renamed[0]["name"] = "Renamed In The Source"
    (tmp_path / "renamed.json").write_text(json.dumps(renamed))
    run_import([tmp_path / "renamed.json"])
    changed = client.get(f"/registry.{fmt}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "Renamed In The Source" in _names(fmt, b"".join(changed.streaming_content))
    [rebuilt] = dumps.glob(f"*.{fmt}")
    assert rebuilt.name != built.name and not built.exists()


def test_a_build_that_fails_leaves_no_file_and_the_next_request_builds_it(client, standard, dumps, monkeypatch):
    run_import([API_SAMPLE])

    def broken(products, fmt):
        yield "["
        raise OSError("disk full")

    monkeypatch.setattr(dump_files, "export_lines", broken)
    with pytest.raises(OSError, match="disk full"):
        client.get("/registry.json")
    assert list(dumps.iterdir()) == []
    monkeypatch.undo()
    response = client.get("/registry.json")
    assert len(json.loads(b"".join(response.streaming_content))) == len(json.loads(API_SAMPLE.read_text()))
    assert len(list(dumps.iterdir())) == 1


def test_filtered_dumps_are_not_kept_as_files(client, standard, dumps):
    run_import([API_SAMPLE])
    products = json.loads(b"".join(client.get("/registry.json?sdg=4").streaming_content))
    assert products and all(4 in [sdg["number"] for sdg in product["sdgs"]] for product in products)
    assert not dumps.exists() or list(dumps.iterdir()) == []


def test_a_registry_no_service_has_written_is_dumped_but_not_kept(client, standard, dumps):
    response = client.get("/registry.ndjson")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b""
    assert not dumps.exists() or list(dumps.iterdir()) == []


def test_a_small_filtered_dump_is_kept_until_the_registry_changes_and_a_large_one_streamed(
        client, standard, dumps, monkeypatch, tmp_path):
    from dpg_registry.registry.views import open_data

    run_import([API_SAMPLE])
    first = b"".join(client.get("/registry.csv?sdg=4").streaming_content)
    with CaptureQueriesContext(connection) as queries:
        again = b"".join(client.get("/registry.csv?sdg=4").streaming_content)
    assert again == first and first.count(b"\n") > 2
    assert all("registry_registrygeneration" in query["sql"] for query in queries)  # the ETag's and the key's
    renamed = json.loads(API_SAMPLE.read_text())
    renamed = [record for record in renamed if "SDG4" in json.dumps(record)][:1]
    assert renamed
    renamed[0]["name"] = "Renamed In The Source"
    (tmp_path / "renamed.json").write_text(json.dumps(renamed))
    run_import([tmp_path / "renamed.json"])
    changed = b"".join(client.get("/registry.csv?sdg=4").streaming_content)
    assert b"Renamed In The Source" in changed and b"Renamed In The Source" not in first
    monkeypatch.setattr(open_data, "KEPT_DUMP_RECORDS", 1)  # larger than this: streamed, read every time
    streamed = client.get("/registry.csv?sdg=4&status=dpg")
    assert len(list(streamed.streaming_content)) > 2  # a header line, then a record at a time
    with CaptureQueriesContext(connection) as queries:
        b"".join(client.get("/registry.csv?sdg=4&status=dpg").streaming_content)
    assert any("registry_product" in query["sql"] for query in queries)
