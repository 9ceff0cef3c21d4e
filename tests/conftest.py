import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import translation

from dpg_registry.registry import facet_index
from dpg_registry.standard.services import load_standard

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"
LEGACY_DIR = ROOT / "dpg_registry" / "data" / "dpga-legacy"
API_SAMPLE = TEST_DATA / "dpga-registry-api-sample.json"


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering
def pytest_collection_modifyitems(config, items):
    """Keep each module's tests together, the modules that hold slow tests first.

    pytest-django orders the tests by kind (in a transaction, then transactional, then without a database)
    across the whole suite, which splits a module with tests of several kinds; its module-scoped fixtures
    (an import of the real data) would then run once per part. Under `pytest -n --dist loadfile` a worker
    runs a whole module at a time anyway; this makes a run without workers do the same, and puts the slow
    modules first so that the workers finish together. Within a module, pytest-django's order stays.
    """
    for item in items:
        node_id = getattr(item, "id", None)  # the structured node id of pytest 9.2 and later
        if "[" in item.name and getattr(node_id, "params", "") is None:
            # Schemathesis names each generated test after its operation ("test_x[GET /api/v1/products]"), but
            # under pytest 9.2 their node ids are all "test_x": give each its own, or `--dist loadfile` (which
            # keys a module's tests by node id) would run only one of them.
            item._id = node_id.with_params(item.name.partition("[")[2].removesuffix("]"))
    position, slow = {}, set()
    for item in items:
        position.setdefault(item.nodeid.split("::")[0], len(position))
        if item.get_closest_marker("slow"):
            slow.add(item.nodeid.split("::")[0])
    items.sort(key=lambda item: (item.nodeid.split("::")[0] not in slow, position[item.nodeid.split("::")[0]]))


def worker_number() -> int:
    """0, 1, ... for the workers of `pytest -n`; 0 without workers. Names of shared resources use it."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


# The Redis at 127.0.0.1:6379 (`.ci/run` starts it): databases 11 to 15, one per test worker.
REDIS_URL = f"redis://127.0.0.1:6379/{11 + worker_number() % 5}"


@pytest.fixture
def empty_redis():
    """This test worker's Redis database, emptied before and after the test."""
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """On PostgreSQL, the database is emptied after each transactional test with DELETE; on both databases that
    flush keeps the content types and permissions (tests/database_copy.py says why)."""
    from django.core.management.commands import flush as flush_command
    from django.db.backends.postgresql.base import DatabaseOperations as PostgreSQL
    from django.db.backends.sqlite3.base import DatabaseOperations as SQLite

    from tests.database_copy import flush_by_delete, keeping_types, post_migrate_unless_types_kept

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PostgreSQL, "sql_flush", keeping_types(flush_by_delete))
        patch.setattr(SQLite, "sql_flush", keeping_types(SQLite.sql_flush))
        patch.setattr(flush_command, "emit_post_migrate_signal", post_migrate_unless_types_kept)
        yield


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    settings.WHITENOISE_AUTOREFRESH = True  # serve from the app folders: tests do not run collectstatic
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    # The manifest storage needs `collectstatic`; `dpg serve` runs it, tests render without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _english_to_start_with():
    # A request for a /fr/ or /ar/ page leaves that language active in the thread (the locale middleware
    # activates it and nothing resets it), and with two workers any test may follow any other.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The default hasher is slow on purpose; tests create many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache(request):
    # Tests roll their writes back, and the registry's generation with them.
    caches["pages"].clear()
    facet_index.forget()
    # Rate-limit counts start at zero; the shared cache is a table in the test database.
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("_django_db_helper")
        caches["default"].clear()


@pytest.fixture
def standard(db):
    load_standard()


@pytest.fixture(scope="session")
def _real_data_copy(django_db_setup, django_db_blocker):
    """The real legacy data and the API sample, imported once per test worker and kept as a copy of the whole
    database, which each module that needs the data restores (a fraction of a second instead of an import)."""
    from dpg_registry.importers.run import run_import
    from tests import database_copy

    with django_db_blocker.unblock():
        load_standard()
        run_import([LEGACY_DIR, API_SAMPLE])
        database_copy.save()
    yield database_copy
    with django_db_blocker.unblock():
        database_copy.discard()


@pytest.fixture(scope="module")
def _loaded_registry(_real_data_copy, django_db_blocker):
    """The real legacy data and the API sample, for a whole test module."""
    with django_db_blocker.unblock():
        _real_data_copy.restore()
    yield
    with django_db_blocker.unblock():
        _real_data_copy.empty()


@pytest.fixture
def registry(_loaded_registry, db):
    """A registry holding the real data; each test's own writes are rolled back after it."""


def legacy_copy_with_contact(tmp_path: Path, slug: str, name: str, email: str) -> Path:
    """A copy of the legacy data in which one product's first organisation has a contact person."""
    import json
    import shutil

    legacy = tmp_path / "legacy"
    shutil.copytree(LEGACY_DIR, legacy)
    nominee = legacy / "nominees" / f"{slug}.json"
    data = json.loads(nominee.read_text())
    data["organizations"][0].update(contact_name=name, contact_email=email)
    nominee.write_text(json.dumps(data))
    return legacy


def database_url() -> str:
    """The URL of the database the tests use, for `dpg` run as a subprocess."""
    config = connection.settings_dict
    if config["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{config['NAME']}"
    user = config.get("USER") or "postgres"
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{config.get('HOST') or '127.0.0.1'}:{config.get('PORT') or 5432}/{config['NAME']}"
    )


def dpg_env(**extra) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url(), "DPG_VAR_DIR": str(settings.VAR_DIR), **extra}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def run_dpg(*args: str, timeout: int = 600, **extra_env) -> subprocess.CompletedProcess:
    """Run the `dpg` command as a user would, against the test database. The timeout only ends a command that
    hangs: on a busy machine an import of the real data can take minutes."""
    return subprocess.run(
        [sys.executable, "-m", "dpg_registry.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dpg_env(**extra_env),
        cwd=ROOT,
    )


@pytest.fixture
def people(standard):
    """One account per role, with verified e-mail addresses, and a stranger."""
    from tests.factories import make_user

    return {
        "applicant": make_user("amina@clinic.example"),
        "l1": make_user("lena@review.example", "l1"),
        "l2": make_user("luis@review.example", "l2"),
        "expert": make_user("eve@review.example", "expert"),
        "admin": make_user("ada@review.example", "admin"),
        "stranger": make_user("sam@elsewhere.example"),
    }


@pytest.fixture
def draft(people):
    """A complete software application, still a draft."""
    from dpg_registry.applications.services import applicant
    from tests.factories import fill

    application = applicant.create_application(
        user=people["applicant"], name="Open Clinic", category_key="software",
        organisation_name="Open Clinic Foundation",
    )
    return fill(application, people["applicant"])



@pytest.fixture
def local_repositories(monkeypatch):
    """Let the worker's repository check read local git folders.

    The worker clones only https addresses of public hosts (tests/test_input_safety.py shows it); tests
    of what the check does with a repository give it a folder on this machine instead.
    """
    from dpg_registry.applications import tasks

    public_only_check = tasks.run_check
    monkeypatch.setattr(tasks, "run_check",
                        lambda target, **options: public_only_check(target, **{**options, "public_only": False}))
