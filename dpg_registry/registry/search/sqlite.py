"""SQLite FTS5 backend: table ``registry_search``, one row per product (rowid = product id)."""

from django.db import connection

TABLE = "registry_search"
CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "name, aliases, organisations, body, tokenize = 'unicode61 remove_diacritics 2')"
)
DROP = f"DROP TABLE IF EXISTS {TABLE}"
# Tier n matches when every word is found within the first n column groups.
TIER_COLUMNS = ["{name}", "{name aliases}", "{name aliases organisations}", ""]
TIERS = len(TIER_COLUMNS)


def index(rows) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk, _ in rows])
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, name, aliases, organisations, body) VALUES (%s, %s, %s, %s, %s)",
            [(pk, doc.name, doc.aliases, doc.organisations, doc.body) for pk, doc in rows],
        )


def _match(words: list[str], columns: str) -> str:
    terms = " AND ".join(f'"{word}"*' for word in words)
    return f"{columns} : ({terms})" if columns else terms


def tier_ids(words: list[str], tier: int) -> tuple[str, list]:
    """SQL selecting the ids of products whose text within tier ``tier``'s columns (1 best) matches."""
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [_match(words, TIER_COLUMNS[tier - 1])]


def tier(words: list[str], id_column: str) -> tuple[str, list]:
    """SQL expression giving each product's relevance tier (1 best), and its parameters."""
    cases = " ".join(
        f"WHEN {id_column} IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s) THEN {number}"
        for number in range(1, len(TIER_COLUMNS))
    )
    return f"CASE {cases} ELSE {len(TIER_COLUMNS)} END", [_match(words, cols) for cols in TIER_COLUMNS[:-1]]
