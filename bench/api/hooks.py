"""Schemathesis hooks for `fuzz.py` (loaded by the CLI through SCHEMATHESIS_HOOKS).

The API's cursors are its own format: only tokens a page's `next` gave out are valid. They are
URL-safe base64 of {"offset": N} (dpg_registry/api/pagination.py, which needs Django to import).
"""

import base64
import json

import schemathesis
from hypothesis import strategies as st


def cursor_at(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"offset": offset}).encode()).decode().rstrip("=")


schemathesis.openapi.format("cursor", st.just("") | st.integers(min_value=0, max_value=1000).map(cursor_at))
