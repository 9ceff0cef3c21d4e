"""CSV files the registry writes, safe to open in a spreadsheet (no formula injection).

A spreadsheet reads a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some programs, a tab or
carriage return before one) as a formula, so a product named ``=HYPERLINK("http://evil.example/","x")``
would run in the reader's spreadsheet. As OWASP recommends, such text cells get a leading single quote,
which spreadsheets show as text and do not display.

Real numbers (``int`` and ``float`` values, as the report's tables hold) are left alone: a negative count
written as ``-3`` is a number to every spreadsheet, not a formula, and quoting it would make it text. Only
text is neutralised, whatever it looks like: the string ``"-3"`` is a name someone typed, so it is quoted.
JSON and NDJSON are not spreadsheet formats and are written unchanged.
"""

import csv
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a spreadsheet shows it as text: a quote before a leading formula character."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row: Iterable):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options) -> _SafeWriter:
    """``csv.writer(file, **options)`` whose text cells are neutralised; every CSV the registry writes uses it."""
    return _SafeWriter(csv.writer(file, **options))
