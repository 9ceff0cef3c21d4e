"""Translations of the Standard's data files.

The Standard's indicators and questions, the SDG names, the categories and the sectors are data, not
code, so gettext does not see them. Their translations sit beside them, one file per language
(``standard/data/translations/<language>.json``), mapping each English text to its translation. A text
whose English changes loses its translation until it is translated again, as with gettext; the test suite
fails while any text lacks one.
"""

import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

STANDARD_DATA = Path(__file__).resolve().parent / "data"
TRANSLATIONS = STANDARD_DATA / "translations"


def _read(name: str):
    return json.loads((STANDARD_DATA / name).read_text(encoding="utf-8"))


def source_texts() -> set[str]:
    """Every English text of the data files that readers see."""
    texts: set[str] = set()
    for path in sorted(STANDARD_DATA.glob("standard-*.json")):
        standard = _read(path.name)
        texts.add(standard["summary"])
        texts.update(standard.get("notes", []))
        for indicator in standard["indicators"]:
            texts.update((indicator["title"], indicator["requirement"]))
            for question in indicator["questions"]:
                texts.add(question["prompt"])
                if question.get("help"):
                    texts.add(question["help"])
    texts.update(goal["name"] for goal in _read("sdgs.json")["sdgs"])
    texts.update(category["label"] for category in _read("categories.json")["categories"])
    texts.update(_read("sectors.json")["sectors"])
    texts.discard("")
    return texts


@lru_cache(maxsize=len(settings.LANGUAGES))
def catalogue(language: str) -> dict[str, str]:
    path = TRANSLATIONS / f"{language}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def translate(text: str) -> str:
    """``text`` in the current language, or as it is when it has no translation."""
    language = get_language() or settings.LANGUAGE_CODE
    if not text or language == settings.LANGUAGE_CODE:
        return text
    return catalogue(language).get(text, text)
