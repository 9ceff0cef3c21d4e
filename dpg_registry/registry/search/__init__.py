"""Full-text search of products: one function over two backends (SQLite FTS5, PostgreSQL full-text).

Texts are folded (lower case, accents removed) and cut into words in Python before either
engine sees them, so both index and match the same words. A query matches a product when every
query word is the start of a word of the product's text. Relevance is a tier, the same on both
engines: all words in the name (1), in the name or aliases (2), in those or the organisations (3),
anywhere (4); ties are broken by name.

Each backend also reads its indexed words in bulk (``read_words``) into one ``vocabulary.Vocabulary`` per field,
which the catalogue's in-memory index searches instead of the database.
"""

from django.db import connection
from django.db.models import prefetch_related_objects

from dpg_registry.registry.search import postgres, sqlite
from dpg_registry.registry.search.text import DOCUMENT_RELATIONS, document_of, query_words

__all__ = ["DOCUMENT_RELATIONS", "backend", "document_of", "query_words", "index_products", "reindex_all"]


def backend():
    return postgres if connection.vendor == "postgresql" else sqlite


def index_products(products) -> None:
    """(Re)index the given products' search documents."""
    products = list(products)
    prefetch_related_objects(products, *DOCUMENT_RELATIONS)
    backend().index([(product.pk, document_of(product)) for product in products])


def reindex_all(products) -> None:
    """Empty the index, then index ``products``: after a restore has replaced every product."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {backend().TABLE}")
    index_products(products)
