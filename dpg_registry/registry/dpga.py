"""The DPG Alliance registry's words for our categories and answer choices.

Its API writes a category as a label ("Open Software") and the privacy answers as whole sentences; the
importer reads them into our keys, and the legacy API answers with them again for existing consumers.
"""

import json
from functools import cache
from pathlib import Path

SDG_LABELS_FILE = Path(__file__).resolve().parent / "data" / "dpga-sdg-labels.json"

CATEGORY_LABELS = {
    "Open Software": "software",
    "Open Data": "data",
    "Open Content": "content",
    "Open AI Model": "aimodel",
    "Open Standard": "standard",
}
PII_OPTIONS = {
    "PII data is NOT collected NOT stored and NOT distributed.": "not_collected",
    "PII data is collected but NOT stored and NOT distributed.": "collected_not_stored",
    "PII data is collected and stored but NOT distributed.": "collected_stored_not_distributed",
    "PII data is collected and stored and distributed.": "collected_stored_distributed",
}
CONTENT_OPTIONS = {
    "Content is NOT collected NOT stored and NOT distributed.": "not_collected",
    "Content is collected but NOT stored and NOT distributed.": "collected_not_stored",
    "Content is collected and stored but NOT distributed.": "collected_stored_not_distributed",
    "Content is collected stored and distributed.": "collected_stored_distributed",
}


@cache
def sdg_labels() -> dict[int, str]:
    """Each goal as the DPGA's API writes it: ``"SDG3: Good Health and Well-being"``."""
    data = json.loads(SDG_LABELS_FILE.read_text(encoding="utf-8"))
    return {int(number): f"SDG{number}: {label}" for number, label in data["labels"].items()}
