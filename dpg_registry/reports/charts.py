"""Charts drawn on the server as SVG: pure functions from a table to markup, the same markup every time.

Each chart is an image with a title and a description for screen readers; the table that follows it holds
every figure. Colours are attributes, not classes, so the charts look the same in the PDF. Texts and numbers
are in the active language; for a right-to-left language the bar and line charts are mirrored (labels on
the right, bars growing to the left, time running right to left) and every text says ``direction="rtl"``,
so ``text-anchor`` start and end mean the same in a browser and in the PDF. Maps are never mirrored.
"""

import math

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import get_language_bidi, gettext

from dpg_registry.registry.maps import FULL_HEIGHT as MAP_HEIGHT
from dpg_registry.registry.maps import WIDTH as MAP_WIDTH
from dpg_registry.registry.maps import map_layers
from dpg_registry.reports.tables import Table

WIDTH = 760
FONT = 'font-family="DejaVu Sans, Verdana, sans-serif" font-size="12"'
INK, MUTED, GRID = "#1b1f24", "#4a5360", "#d5dae1"
SERIES = ("#0b5cad", "#c2410c", "#2e7d32", "#6a1b9a")
LABEL_WIDTH, BAR_HEIGHT, ROW_HEIGHT, LABEL_CHARS = 300, 14, 22, 44
PLOT_HEIGHT, PLOT_LEFT, PLOT_TOP = 220, 48, 34


def chart_svg(table: Table) -> str:
    return {"bar": bar_chart, "line": line_chart, "map": map_chart}[table.chart](table)


def number(value) -> str:
    """A figure as the active language writes it (decimal comma, digit grouping)."""
    return number_format(value, force_grouping=True)


class Canvas:
    """Horizontal positions given left to right, mirrored for a right-to-left language."""

    def __init__(self, width: int):
        self.width, self.rtl = width, get_language_bidi()

    def x(self, x: float) -> float:
        return round(self.width - x, 1) if self.rtl else round(x, 1)

    def rect(self, x: float, y: float, width: float, height: float, fill: str) -> str:
        left = self.width - x - width if self.rtl else x
        return f'<rect x="{round(left, 1)}" y="{y}" width="{width}" height="{height}" fill="{fill}"/>'

    def text(self, x: float, y: float, content: str, *, anchor: str = "start", fill: str = INK) -> str:
        """``anchor`` is logical: ``start`` is where reading begins, on the left or, mirrored, on the right."""
        direction = "rtl" if self.rtl else "ltr"
        return (f'<text x="{self.x(x)}" y="{y}" direction="{direction}" text-anchor="{anchor}" {FONT} '
                f'fill="{fill}">{escape(content)}</text>')


def _open(table: Table, width: int, height: int, description: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{table.slug}-title {table.slug}-desc">'
        f'<title id="{table.slug}-title">{escape(table.title)}</title>'
        f'<desc id="{table.slug}-desc">{escape(description)}</desc>'
    )


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(table: Table) -> str:
    """One horizontal bar per row: the first column names it, the last gives its length."""
    top = max((row[-1] for row in table.rows), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - 60) / top
    height = max(len(table.rows), 1) * ROW_HEIGHT
    canvas = Canvas(WIDTH)
    description = gettext("Bar chart: %(counts)s; the table below lists every bar.") % {"counts": table.counts}
    parts = [_open(table, WIDTH, height, description)]
    for index, row in enumerate(table.rows):
        label, value, y = str(row[0]), row[-1], index * ROW_HEIGHT
        length = round(value * scale, 1)
        parts.append(
            f'<g class="bar"><title>{escape(label)}: {number(value)}</title>'
            + canvas.text(0, y + 15, _short(label))
            + canvas.rect(LABEL_WIDTH, y + 4, length, BAR_HEIGHT, SERIES[0])
            + canvas.text(LABEL_WIDTH + length + 6, y + 15, number(value))
            + "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _ticks(top: int) -> list[int]:
    """Four or five round steps from 0 to at least ``top``."""
    raw = max(top, 1) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return list(range(0, step * math.ceil(max(top, 1) / step) + 1, step))


def line_chart(table: Table) -> str:
    """One line per count column, over the rows (years or months) named by the first column."""
    names = table.columns[1:]
    ticks = _ticks(max((value for row in table.rows for value in row[1:]), default=0))
    width, height = WIDTH, PLOT_TOP + PLOT_HEIGHT + 30
    canvas = Canvas(width)
    plot_width = width - PLOT_LEFT - 20
    step = plot_width / max(len(table.rows), 1)

    def x(index: int) -> float:
        return canvas.x(PLOT_LEFT + step * (index + 0.5))

    def y(value: int) -> float:
        return round(PLOT_TOP + PLOT_HEIGHT - value / ticks[-1] * PLOT_HEIGHT, 1)

    description = gettext("Line chart: %(counts)s; the table below gives each point.") % {"counts": table.counts}
    parts = [_open(table, width, height, description)]
    spacing = min(200, (width - PLOT_LEFT) // max(len(names), 1))
    for index, name in enumerate(names):
        colour = SERIES[index % len(SERIES)]
        parts.append(canvas.rect(PLOT_LEFT + index * spacing, 4, 12, 12, colour)
                     + canvas.text(PLOT_LEFT + index * spacing + 18, 15, name))
    for tick in ticks:
        parts.append(f'<line x1="{canvas.x(PLOT_LEFT)}" x2="{canvas.x(width - 20)}" y1="{y(tick)}" y2="{y(tick)}" '
                     f'stroke="{GRID}"/>' + canvas.text(PLOT_LEFT - 6, y(tick) + 4, number(tick), anchor="end",
                                                        fill=MUTED))
    for index, row in enumerate(table.rows):
        parts.append(canvas.text(PLOT_LEFT + step * (index + 0.5), height - 8, str(row[0]), anchor="middle",
                                 fill=MUTED))
    for column, name in enumerate(names, 1):
        colour = SERIES[(column - 1) % len(SERIES)]
        points = " ".join(f"{x(index)},{y(row[column])}" for index, row in enumerate(table.rows))
        parts.append(f'<g class="series"><polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for index, row in enumerate(table.rows):
            parts.append(f'<circle cx="{x(index)}" cy="{y(row[column])}" r="3.5" fill="{colour}">'
                         f'<title>{escape(str(row[0]))}, {escape(name)}: {number(row[column])}</title></circle>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def map_chart(table: Table) -> str:
    """A world map with each country shaded by the last column; rows give ISO codes in their second column."""
    counts = {row[1]: row[-1] for row in table.rows}
    description = gettext("World map: %(counts)s; darker means more, and the table below lists every "
                          "country.") % {"counts": table.counts}
    return _open(table, MAP_WIDTH, MAP_HEIGHT, description) + map_layers(counts) + "</svg>"
