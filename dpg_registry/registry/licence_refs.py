"""Licences outside the SPDX list, kept as ``LicenseRef-`` identifiers beside the text the source gave.

SPDX lets a document name a licence the list lacks as ``LicenseRef-<idstring>`` (letters, digits, ``.``
and ``-``). Such a licence is not approved by the registry: indicator 2 counts it as to be confirmed.
"""

import re

PREFIX = "LicenseRef-"
_NOT_IDSTRING = re.compile(r"[^A-Za-z0-9.]+")
_MAX_IDSTRING = 280  # the expression column holds 300 characters


def licence_ref(text: str) -> str:
    """The ``LicenseRef-`` identifier for a licence text the SPDX list does not know."""
    idstring = _NOT_IDSTRING.sub("-", text.strip()).strip("-")[:_MAX_IDSTRING].strip("-")
    return PREFIX + (idstring or "unnamed")


def is_licence_ref(expression: str) -> bool:
    return expression.startswith(PREFIX)
