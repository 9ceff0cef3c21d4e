"""PostgreSQL backend: table ``registry_search`` with a weighted ``tsvector`` (simple configuration)."""

import sys
from array import array

from django.db import connection, transaction

from dpg_registry.registry.search.vocabulary import Vocabulary

TABLE = "registry_search"
# No foreign key, as in SQLite's FTS5 table: a row of a deleted product matches nothing, since
# every search joins the product table, and Django can still empty the product table at once.
CREATE = (
    f"CREATE TABLE {TABLE} (product_id bigint PRIMARY KEY, document tsvector NOT NULL); "
    f"CREATE INDEX {TABLE}_document ON {TABLE} USING gin (document)"
)
DROP = f"DROP TABLE IF EXISTS {TABLE}"
# Weights: A name, B aliases, C organisations, D the rest; tier n allows the first n labels.
TIER_LABELS = ["A", "AB", "ABC", ""]
TIERS = len(TIER_LABELS)
LABELS = "ABCD"
# Rows fetched at once: a few hundred lexemes keep the memory the fetch takes (and the process keeps) small.
_ROWS_AT_ONCE = 200


def index(rows) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE} (product_id, document) VALUES (%s, "
            "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
            "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')) "
            "ON CONFLICT (product_id) DO UPDATE SET document = EXCLUDED.document",
            [(pk, doc.name, doc.aliases, doc.organisations, doc.body) for pk, doc in rows],
        )


def read_words(ids: list[int]) -> list[Vocabulary]:
    """The vocabulary of each label (A name, B aliases, C organisations, D the rest), read from the documents as
    PostgreSQL stores them: each lexeme with the products having it under that label, numbered by the place of
    their id in ``ids`` (documents of other ids are left out)."""
    # One row per lexeme, grouped in the database, in byte order (code point order in UTF-8, the vocabulary's
    # order); each label's products come as 4-byte big-endian numbers, which become an array without a Python
    # object per product. A server-side cursor sends the rows a few hundred at a time.
    having = ", ".join(
        f"string_agg(int4send(numbered.place::int - 1), ''::bytea) FILTER (WHERE '{label}' = ANY(weights))"
        for label in LABELS
    )
    labelled = [([], array("I", [0]), array("I")) for _ in LABELS]
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Room to group the lexemes in memory, for this transaction only: with the default 4 MB the grouping
            # spills to disk, a second or so more at 100,000 products.
            cursor.execute("SET LOCAL work_mem = '64MB'")
        with connection.chunked_cursor() as cursor:
            cursor.execute(
                f"SELECT lexeme, {having} FROM unnest(%s::bigint[]) WITH ORDINALITY AS numbered(id, place) "
                f"JOIN {TABLE} ON product_id = numbered.id, unnest(document) "
                'GROUP BY lexeme ORDER BY lexeme COLLATE "C"',
                [ids],
            )
            while rows := cursor.fetchmany(_ROWS_AT_ONCE):
                for lexeme, *products in rows:
                    for (words, starts, numbers), found in zip(labelled, products, strict=True):
                        if found:
                            words.append(lexeme)
                            numbers.frombytes(found)
                            starts.append(len(numbers))
    if sys.byteorder == "little":
        for _words, _starts, numbers in labelled:
            numbers.byteswap()
    return [Vocabulary(*parts) for parts in labelled]


def _query(words: list[str], labels: str) -> str:
    return " & ".join(f"{word}:*{labels}" for word in words)


def tier_ids(words: list[str], tier: int) -> tuple[str, list]:
    """SQL selecting the ids of products whose text within tier ``tier``'s labels (1 best) matches."""
    return f"SELECT product_id FROM {TABLE} WHERE document @@ to_tsquery('simple', %s)", [
        _query(words, TIER_LABELS[tier - 1])
    ]


def tier(words: list[str], id_column: str) -> tuple[str, list]:
    cases = " ".join(
        f"WHEN document @@ to_tsquery('simple', %s) THEN {number}" for number in range(1, len(TIER_LABELS))
    )
    sql = f"(SELECT CASE {cases} ELSE {len(TIER_LABELS)} END FROM {TABLE} WHERE product_id = {id_column})"
    return sql, [_query(words, labels) for labels in TIER_LABELS[:-1]]
