"""Backups that move between databases: every table of the registry as JSON lines, restored all or nothing.

A backup is a gzip file of JSON lines. The first line says what it is and under which migrations
the data was written, with the audit trail's newest signed checkpoint (``audit_checkpoint``, which
`dpg audit verify --checkpoint FILE` reads back); each further line is one row as Django serialises it,
with natural keys for content types and permissions, so that a backup made on SQLite restores on PostgreSQL and back.
Content types and permissions (which migrations make), sessions (which expire) and the response
cache's counter are left out.
The search index is not a table of rows to keep: a restore rebuilds it.
"""

import datetime
import gzip
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from dpg_registry.audit.selectors import latest_checkpoints
from dpg_registry.ops.errors import BackupError
from dpg_registry.registry.cache import bump
from dpg_registry.registry.models import Product
from dpg_registry.registry.search import reindex_all

# What a row that does not fit this version's tables raises while it is read and written.
ROW_ERRORS = (ValueError, TypeError, LookupError, FieldDoesNotExist, ValidationError, DatabaseError,
              DeserializationError)
FORMAT = "dpg-registry-backup"
VERSION = 1
# Made by migrations (content types, permissions), expiring (sessions), or the cache's own counter.
LEFT_OUT = {"contenttypes.contenttype", "auth.permission", "sessions.session", "registry.registrygeneration"}
BATCH = 1000


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but with times to the microsecond: it rounds them to milliseconds, and the audit
    trail's hashes cover the exact time of each event."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


def backed_up_models() -> list:
    """Every model whose rows a backup holds, each after the models it refers to."""
    app_models = [(config, None) for config in apps.get_app_configs() if config.models_module]
    ordered = serializers.sort_dependencies(app_models, allow_cycles=True)
    return [model for model in ordered if model._meta.label_lower not in LEFT_OUT
            and model._meta.managed and not model._meta.proxy]


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def write_backup(path: Path) -> int:
    """Write every row to ``path`` (replaced only once the backup is complete); returns the rows written."""
    path = Path(path)
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    os.close(handle)
    rows = 0
    try:
        with transaction.atomic(), gzip.open(partial, "wt", encoding="utf-8") as out:
            if connection.vendor == "postgresql":  # one snapshot for every table read below
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            checkpoint = next((found.as_dict() for found in latest_checkpoints(1)), None)
            out.write(json.dumps({"format": FORMAT, "version": VERSION, "migrations": applied_migrations(),
                                  "audit_checkpoint": checkpoint}) + "\n")
            for model in backed_up_models():
                for row in _rows(model):
                    out.write(json.dumps(row, cls=_Encoder, ensure_ascii=False, sort_keys=True) + "\n")
                    rows += 1
        _sync(partial)
        os.replace(partial, path)
        _sync(path.parent)  # the new name itself survives a crash
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return rows


def _sync(path) -> None:
    """Flush a file, or a folder's entries, to the disk: a full disk or a crash fails here, not after the rename."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _rows(model) -> Iterator[dict]:
    batch = []
    for instance in model._base_manager.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(instance)
        if len(batch) == BATCH:
            yield from serializers.serialize("python", batch, use_natural_foreign_keys=True)
            batch = []
    yield from serializers.serialize("python", batch, use_natural_foreign_keys=True)


def restore_backup(path: Path) -> int:
    """Replace every backed-up table with the rows of ``path``, all or nothing; returns the rows restored.

    The database must be migrated to the same migrations as the backup (``dpg restore`` migrates first).
    """
    path = Path(path)
    lines = _lines(path)
    header = _header(path, next(lines, (1, "")))
    _same_migrations(path, header["migrations"])
    models = backed_up_models()
    rows, deferred = 0, []
    with transaction.atomic():
        _empty(models)
        for number, line in lines:
            try:
                for found in serializers.deserialize("python", [json.loads(line)], handle_forward_references=True):
                    found.save(force_insert=True)  # the tables are empty: no update to try first
                    if found.deferred_fields:
                        deferred.append((number, found))
            except ROW_ERRORS as error:
                raise BackupError(f"{path} line {number}: {error}") from None
            rows += 1
        for number, found in deferred:
            try:
                found.save_deferred_fields()
            except ROW_ERRORS as error:
                raise BackupError(f"{path} line {number}: {error}") from None
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        reindex_all(Product.objects.all())
    bump()
    return rows


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as source:
            for number, line in enumerate(source, start=1):
                if line.strip():
                    yield number, line
    except FileNotFoundError:
        raise BackupError(f"{path}: no such file") from None
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise BackupError(f"{path}: not a readable backup ({error})") from None


def _header(path: Path, first: tuple[int, str]) -> dict:
    try:
        header = json.loads(first[1])
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"{path} line 1: not a DPG Registry backup")
    if header.get("version") != VERSION:
        raise BackupError(f"{path} line 1: backup format version {header.get('version')!r}; this version reads "
                          f"{VERSION}")
    return header


def _same_migrations(path: Path, recorded: list) -> None:
    mine = {tuple(pair) for pair in applied_migrations()}
    theirs = {tuple(pair) for pair in recorded}
    if mine != theirs:
        newer = sorted(theirs - mine)
        older = sorted(mine - theirs)
        said = [f"the backup has migrations this database lacks ({_named(newer)})" if newer else "",
                f"this database has migrations the backup lacks ({_named(older)})" if older else ""]
        raise BackupError(f"{path}: made under other migrations: {'; '.join(filter(None, said))}. Restore it with "
                          "the version of the registry that made it.")


def _named(pairs: list) -> str:
    shown = ", ".join(f"{app}.{name}" for app, name in pairs[:3])
    return shown + (f" and {len(pairs) - 3} more" if len(pairs) > 3 else "")


def _empty(models: list) -> None:
    """Delete every row of the backed-up tables (and their many-to-many tables) in one statement set."""
    tables = set()
    for model in models:
        tables.add(model._meta.db_table)
        tables.update(field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many
                      if field.remote_field.through._meta.auto_created)
    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), sorted(tables), allow_cascade=True):
            cursor.execute(statement)
