"""`dpg backup` and `dpg restore` as an operator runs them: SQLite to PostgreSQL and back (or the other way
on the PostgreSQL run), every table compared, and bad files refused without a change."""

import gzip
import json
import os
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from dpg_registry.applications.services import applicant, review
from dpg_registry.registry.models import Product
from tests.conftest import API_SAMPLE, run_dpg

# Each test uses both databases whichever the suite runs on: they run once, in the PostgreSQL pass.
pytestmark = pytest.mark.slow

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def other_database(tmp_path):
    """An empty database of the other engine than the tests use."""
    if connection.vendor == "postgresql":
        yield f"sqlite:///{tmp_path / 'other.sqlite3'}"
        return
    name = f"dpg_backup_{os.getpid()}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    yield f"postgres://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def rows(path: Path) -> tuple[dict, list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        header, *data = lines.read().splitlines()
    return json.loads(header), data


def tables(data: list[str]) -> dict[str, int]:
    counts = {}
    for line in data:
        model = json.loads(line)["model"]
        counts[model] = counts.get(model, 0) + 1
    return counts


@pytest.mark.django_db(transaction=True)
def test_a_backup_moves_to_the_other_database_and_back_unchanged(people, draft, tmp_path, other_database):
    assert run_dpg("import", str(API_SAMPLE)).returncode == 0
    applicant.submit(application=draft, by=people["applicant"])
    application = review.pull_next(reviewer=people["l1"], level="l1")
    review.decide_indicator(application=application, by=people["l1"], level="l1", indicator_code="1",
                              decision="pass", expected_version=application.version)
    first, second, third = tmp_path / "first.gz", tmp_path / "second.gz", tmp_path / "third.gz"

    made = run_dpg("backup", str(first))
    assert made.returncode == 0, made.stderr
    restored = run_dpg("restore", str(first), DATABASE_URL=other_database)
    assert restored.returncode == 0, restored.stderr
    assert run_dpg("backup", str(second), DATABASE_URL=other_database).returncode == 0
    verified = run_dpg("audit", "verify", DATABASE_URL=other_database)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert run_dpg("restore", str(second)).returncode == 0
    assert run_dpg("backup", str(third)).returncode == 0

    header, original = rows(first)
    assert rows(second) == (header, original) and rows(third) == (header, original)
    counts = tables(original)
    for model in ("registry.product", "applications.application", "audit.auditevent", "auth.user",
                  "standard.licence", "account.emailaddress"):
        assert counts.get(model, 0) > 0, model
    found = run_dpg("export", "--format", "json", DATABASE_URL=other_database)
    assert {p["slug"] for p in json.loads(found.stdout)} == set(Product.objects.values_list("slug", flat=True))


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_and_nothing_changes(people, tmp_path):
    assert run_dpg("import", str(API_SAMPLE)).returncode == 0
    good = tmp_path / "good.gz"
    assert run_dpg("backup", str(good)).returncode == 0
    header, data = rows(good)
    products = Product.objects.count()

    broken = tmp_path / "broken.gz"
    row = json.loads(data[-1])
    row["fields"]["no_such_field"] = 1
    with gzip.open(broken, "wt", encoding="utf-8") as out:
        out.write("\n".join([json.dumps(header), *data[:-1], json.dumps(row)]) + "\n")
    refused = run_dpg("restore", str(broken))
    assert refused.returncode == 1
    assert f"{broken} line {len(data) + 1}:" in refused.stderr and "nothing was changed" in refused.stderr
    assert Product.objects.count() == products

    other = tmp_path / "other.gz"
    with gzip.open(other, "wt", encoding="utf-8") as out:
        out.write(json.dumps({**header, "migrations": [*header["migrations"], ["registry", "9999_future"]]}) + "\n")
    newer = run_dpg("restore", str(other))
    assert newer.returncode == 1 and "registry.9999_future" in newer.stderr

    plain = tmp_path / "notes.txt"
    plain.write_text("not a backup\n")
    assert "not a readable backup" in run_dpg("restore", str(plain)).stderr
    assert "no such file" in run_dpg("restore", str(tmp_path / "missing.gz")).stderr
    assert Product.objects.count() == products
