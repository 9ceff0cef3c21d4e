"""The approved licences of the current DPG Standard, read from its data file (no database needed)."""

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


def version() -> str:
    return current()["version"]
