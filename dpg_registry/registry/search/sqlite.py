"""SQLite FTS5 backend: table ``registry_search``, one row per product (rowid = product id)."""

from array import array
from collections import Counter
from itertools import accumulate, chain

from django.db import connection, transaction

from dpg_registry.registry.search.vocabulary import Vocabulary

TABLE = "registry_search"
CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "name, aliases, organisations, body, tokenize = 'unicode61 remove_diacritics 2')"
)
DROP = f"DROP TABLE IF EXISTS {TABLE}"
# Tier n matches when every word is found within the first n column groups.
TIER_COLUMNS = ["{name}", "{name aliases}", "{name aliases organisations}", ""]
TIERS = len(TIER_COLUMNS)
_ROWS_AT_ONCE = 5000


def index(rows) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk, _ in rows])
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, name, aliases, organisations, body) VALUES (%s, %s, %s, %s, %s)",
            [(pk, doc.name, doc.aliases, doc.organisations, doc.body) for pk, doc in rows],
        )


def read_words(ids: list[int]) -> list[Vocabulary]:
    """The vocabulary of each column (name, aliases, organisations, body), read from the index's own text: the
    folded words ``document_of`` gave, separated by spaces. Products are numbered by the place of their id in
    ``ids`` (rows of other ids are left out).

    Two passes over the rows, in one transaction (so both read the same rows): the first counts each word's
    products, the second writes their numbers into arrays of that size. A list per word instead, in one pass, was
    faster but left the process some 40 MB larger at 100,000 products (memory it does not give back)."""
    number = {pk: at for at, pk in enumerate(ids)}
    with transaction.atomic():
        counts = [Counter() for _ in range(TIERS)]
        for rows in _documents(number):
            for column, found in enumerate(counts):
                found.update(chain.from_iterable(set(texts[column].split()) for _at, texts in rows))
        vocabularies, free = [], []
        for found in counts:
            words = sorted(found)
            starts = array("I", accumulate((found[word] for word in words), initial=0))
            vocabularies.append(Vocabulary(words, starts, array("I", [0]) * starts[-1]))
            free.append(dict(zip(words, starts, strict=False)))
        for rows in _documents(number):
            for at, texts in rows:
                for vocabulary, slot, text in zip(vocabularies, free, texts, strict=True):
                    numbers = vocabulary.numbers
                    for word in set(text.split()):
                        place = slot[word]
                        numbers[place] = at
                        slot[word] = place + 1
    return vocabularies


def _documents(number: dict[int, int]):
    """The indexed products' numbers and their columns' texts, a few thousand ``(number, texts)`` at a time."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, name, aliases, organisations, body FROM {TABLE}")
        while rows := cursor.fetchmany(_ROWS_AT_ONCE):
            yield [(number[pk], texts) for pk, *texts in rows if pk in number]


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
