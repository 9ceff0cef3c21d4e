import re
import unicodedata
from dataclasses import dataclass

# Letters and digits only: both engines then see the same words.
_WORD = re.compile(r"[^\W_]+")
MAX_QUERY_WORDS = 8


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def query_words(query: str) -> list[str]:
    """The words of a search box entry, de-duplicated, at most ``MAX_QUERY_WORDS``."""
    seen: list[str] = []
    for word in words(query or ""):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_WORDS]


@dataclass(frozen=True)
class Document:
    """A product's searchable text, field by field, already folded into plain words."""

    name: str
    aliases: str
    organisations: str
    body: str


# What ``document_of`` reads beyond the product's own row; fetch it with ``prefetch_related_objects`` for many.
DOCUMENT_RELATIONS = ("organisation_roles__organisation", "sdg_links")


def document_of(product) -> Document:
    organisations = [role.organisation.name for role in product.organisation_roles.all()]
    relevance = [link.relevance for link in product.sdg_links.all()]
    return Document(
        name=" ".join(words(product.name)),
        aliases=" ".join(words(" ".join(product.aliases))),
        organisations=" ".join(words(" ".join(organisations))),
        body=" ".join(words(" ".join([product.description, product.sdg_relevance, *relevance]))),
    )
