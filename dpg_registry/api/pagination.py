"""Cursor pagination shared by the API's lists: the cursor is an opaque token for an offset."""

import base64
import binascii
import json
from typing import Annotated

from pydantic import Field

from dpg_registry.registry.catalogue import FilterError

# Far beyond any list the registry holds, and well inside the 64-bit integers databases take as an offset
# (an offset of 2**63 or more overflows them).
MAX_OFFSET = 2**31 - 1

# "cursor" is this API's own format: only values a page's `next` gave out are valid.
Cursor = Annotated[
    str,
    Field(description="the token in the previous page's `next`; empty for the first page",
          json_schema_extra={"format": "cursor"}),
]


def offset_of(cursor: str) -> int:
    """The offset a cursor stands for (0 for no cursor); a cursor the API did not give out is a FilterError."""
    if not cursor:
        return 0
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor.encode() + b"==").decode())["offset"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise FilterError("cursor", "not a cursor this API gave out") from None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_OFFSET:
        raise FilterError("cursor", "not a cursor this API gave out")
    return value


def cursor_at(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"offset": offset}).encode()).decode().rstrip("=")
