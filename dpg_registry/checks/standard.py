"""The current DPG Standard's approved licences, and the SDGs' names, read from its data files (no database needed)."""

import json
from functools import cache
from pathlib import Path

STANDARD_DIR = Path(__file__).resolve().parent.parent / "standard" / "data"
CATEGORIES = ("software", "data", "content", "aimodel")


@cache
def current() -> dict:
    versions = [json.loads(path.read_text(encoding="utf-8")) for path in STANDARD_DIR.glob("standard-*.json")]
    return max(versions, key=lambda data: data["released_on"])


def approved_licences(category: str) -> set[str]:
    return {entry["spdx"] for entry in current()["approved_licenses"].get(category, [])}


@cache
def sdg_names() -> dict[int, str]:
    """The 17 goals' names by number, as the Standard's SDG data writes them."""
    data = json.loads((STANDARD_DIR / "sdgs.json").read_text(encoding="utf-8"))
    return {goal["number"]: goal["name"] for goal in data["sdgs"]}


def version() -> str:
    return current()["version"]
