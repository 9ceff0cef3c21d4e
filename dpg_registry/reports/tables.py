"""A report's unit: one table of figures, drawn as one chart, downloadable as one CSV file."""

import io
from dataclasses import dataclass

from dpg_registry.lib.spreadsheets import csv_writer


@dataclass(frozen=True)
class Table:
    """Rows of a label (or year, or month) followed by counts, in the order they are shown.

    ``chart`` names how the table is drawn: ``"bar"`` (the label and the last column), ``"line"`` (one line
    per count column) or ``"map"`` (a world map shaded by the last column; the second column holds ISO codes).
    """

    slug: str
    title: str
    counts: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    chart: str

    def as_csv(self) -> str:
        out = io.StringIO()
        writer = csv_writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()
