"""Ways to fill and empty the test database faster than importing and truncating.

- A copy of everything in the database, saved once and restored as often as needed: a file beside the database
  on SQLite (its backup API), a schema of its own on PostgreSQL (which flushes leave alone).
- PostgreSQL empties tables after a transactional test with DELETE rather than TRUNCATE: TRUNCATE makes new
  files for every table and index, half a second for the registry's 86 tables on a quiet machine (two under
  load), where DELETE of a test's few rows takes 0.04 s. The foreign keys Django makes on PostgreSQL are
  checked at commit, so the order of the deletes does not matter.
- That flush, on both databases, keeps the content types and permissions: every migration writes the same rows
  and no test changes them. Django then need not write them again (its post_migrate signal) after each
  transactional test: 260 statements, a quarter of a second on PostgreSQL and 0.08 s on SQLite.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.core.management.commands import flush as flush_command
from django.db import connection, transaction
from django.db.backends.postgresql.operations import DatabaseOperations

SCHEMA = "saved_copy"


def save() -> None:
    """Keep a copy of every table's rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
            for table in _tables():
                cursor.execute(f'CREATE TABLE {SCHEMA}."{table}" AS TABLE public."{table}"')
        return
    connection.ensure_connection()
    with closing(sqlite3.connect(_sqlite_file())) as copy:
        connection.connection.backup(copy)


def restore() -> None:
    """Replace every table's rows with the copy's; each table's next id follows the copy's largest."""
    if connection.vendor == "postgresql":
        tables = _tables()
        with transaction.atomic(), connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f'DELETE FROM public."{table}"')
                cursor.execute(f'INSERT INTO public."{table}" OVERRIDING SYSTEM VALUE SELECT * FROM {SCHEMA}."{table}"')
            for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
                cursor.execute(statement)
        return
    connection.ensure_connection()
    with closing(sqlite3.connect(_sqlite_file())) as copy:
        copy.backup(connection.connection)


def empty() -> None:
    """Delete every row (TRUNCATE on PostgreSQL: a copy of the real data would otherwise stay behind as dead rows
    for every later scan to read, autovacuum or not)."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0, reset_sequences=True)


def discard() -> None:
    """Remove the copy."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        return
    Path(_sqlite_file()).unlink(missing_ok=True)


def flush_by_delete(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    """`DatabaseOperations.sql_flush` for PostgreSQL with DELETE; sequences restarted or cascades still TRUNCATE."""
    if reset_sequences or allow_cascade or not tables:
        return TRUNCATING_FLUSH(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]


TRUNCATING_FLUSH = DatabaseOperations.sql_flush

# Written by the migrations' post_migrate signal, the same every time.
KEPT_TABLES = {"django_content_type", "auth_permission"}
_types_kept = False


def keeping_types(sql_flush):
    """``sql_flush`` leaving the content types and permissions in place when a test empties the database (no
    sequences restarted, no cascade: a transactional test's teardown)."""

    def flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        global _types_kept
        _types_kept = not reset_sequences and not allow_cascade
        if _types_kept:
            tables = [table for table in tables if table not in KEPT_TABLES]
        return sql_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)

    return flush


def post_migrate_unless_types_kept(*args, **kwargs):
    """The flush command's post_migrate signal, sent only when the flush emptied the content types too."""
    if not _types_kept:
        EMIT_POST_MIGRATE(*args, **kwargs)


EMIT_POST_MIGRATE = flush_command.emit_post_migrate_signal


def _tables() -> list[str]:
    return sorted(connection.introspection.table_names())


def _sqlite_file() -> str:
    return f"{connection.settings_dict['NAME']}.copy"
