"""World maps drawn on the server as SVG from Natural Earth shapes (world-atlas, 1:110 million).

No tiles and no JavaScript: the map is plain SVG, so it works offline, in any browser and in the report's PDF.
Countries are shaded by how many products are deployed there and named in the page's language; a legend
says what the shades mean. Shapes that cross the 180th meridian (Russia, Fiji) are drawn on both edges of
the map instead of across it, and countries too small to see at this scale, or absent from it, are drawn
as markers when they have something to show (``data/map-markers.json``, made by ``scripts/map-markers.py``).
Colours are attributes, so the same markup looks the same on a page and in the PDF.
"""

import json
from functools import cache
from pathlib import Path

import pycountry
from django.utils.html import escape
from django.utils.translation import get_language_bidi, gettext

from dpg_registry.lib.names import country_name

DATA = Path(__file__).resolve().parent / "data"
SHAPES_FILE = DATA / "world-110m.topojson.json"
MARKERS_FILE = DATA / "map-markers.json"
WIDTH, HEIGHT = 960, 440
FULL_HEIGHT = HEIGHT + 30  # the map, and the legend below it
TOP_LATITUDE, BOTTOM_LATITUDE = 84.0, -58.0  # Antarctica is left out; it has no deployments
SHADES = ((1, "s1"), (2, "s2"), (5, "s3"), (10, "s4"), (25, "s5"))
# Yellow-green to dark blue: the first shade differs from the grey of "none" in hue as well as in lightness.
FILLS = {"s0": "#dde1e6", "s1": "#a1dab4", "s2": "#41b6c4", "s3": "#2c7fb8", "s4": "#253494", "s5": "#081d58"}
SEA = "#f3f6f9"
YES = "s4"  # the shade of every country with a count on a yes-or-no map: strong against "none"
SMALLEST = 10  # px: a country whose shape is smaller than this both ways is also drawn as a marker
FONT = 'font-family="DejaVu Sans, Verdana, sans-serif" font-size="12"'


def _x(lon: float) -> float:
    return (lon + 180.0) / 360.0 * WIDTH


def _y(lat: float) -> float:
    return (TOP_LATITUDE - lat) / (TOP_LATITUDE - BOTTOM_LATITUDE) * HEIGHT


def _ring(points: list[tuple[float, float]]) -> str:
    """Path data for one ring of longitude/latitude points; a ring crossing the 180th meridian is drawn twice,
    once reaching past each edge of the map (the map's frame clips what lies outside)."""
    unwrapped = [points[0]]
    for lon, lat in points[1:]:
        previous = unwrapped[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        unwrapped.append((lon, lat))
    if all(lat < BOTTOM_LATITUDE + 13 for _, lat in unwrapped) and any(lat < BOTTOM_LATITUDE - 2 for _, lat in
                                                                        unwrapped):
        return ""  # Antarctic islands below the map
    copies = [0.0]
    if max(lon for lon, _ in unwrapped) > 180:
        copies.append(-360.0)
    if min(lon for lon, _ in unwrapped) < -180:
        copies.append(360.0)
    data = ""
    for shift in copies:
        drawn: list[tuple[int, int]] = []
        for lon, lat in unwrapped:
            point = (round(_x(lon + shift)), round(_y(lat)))
            if not drawn or point != drawn[-1]:
                drawn.append(point)
        if len(drawn) >= 3:
            data += "M" + "L".join(f"{x},{y}" for x, y in drawn) + "Z"
    return data


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """A TopoJSON topology's arcs as lists of (longitude, latitude) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


@cache
def _shapes() -> dict[str, tuple[str, tuple[float, float, float, float]]]:
    """Path data and bounding box (left, top, right, bottom, inside the map) per ISO 3166-1 alpha-2 code."""
    topology = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3))
        if country is None or "arcs" not in geometry:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        data = ""
        for polygon in polygons:
            for indices in polygon:
                points: list[tuple[float, float]] = []
                for index in indices:
                    points += arcs[index] if index >= 0 else arcs[~index][::-1]
                data += _ring(points)
        if data:
            code = country.alpha_2
            shapes[code] = (shapes.get(code, ("", None))[0] + data, None)
    return {code: (data, _box(data)) for code, (data, _) in shapes.items()}


def _box(data: str) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for pair in data.replace("M", "L").replace("Z", "").split("L"):
        if pair:
            x, y = pair.split(",")
            if 0 <= int(x) <= WIDTH:
                xs.append(int(x))
                ys.append(int(y))
    return (min(xs), min(ys), max(xs), max(ys)) if xs else (0, 0, 0, 0)


def country_paths() -> dict[str, str]:
    """SVG path data per ISO 3166-1 alpha-2 code."""
    return {code: data for code, (data, _) in _shapes().items()}


@cache
def marker_points() -> dict[str, tuple[int, int]]:
    """Where to draw a marker for each country too small for its shape to be seen, or without a shape."""
    points = {code: (round(_x(lon)), round(_y(lat)))
              for code, (lon, lat) in json.loads(MARKERS_FILE.read_text(encoding="utf-8")).items()}
    for code, (_, (left, top, right, bottom)) in _shapes().items():
        if right - left < SMALLEST and bottom - top < SMALLEST:
            points[code] = (round((left + right) / 2), round((top + bottom) / 2))
    return points


def shade(count: int) -> str:
    name = "s0"
    for threshold, css_class in SHADES:
        if count >= threshold:
            name = css_class
    return name


def _legend(key: str | None) -> str:
    """A strip below the map with the shades and what they mean, running right to left in a right-to-left
    language; ``key`` names the one shade of a yes-or-no map."""
    if key:
        rows = [("s0", gettext("none")), (YES, key)]
    else:
        bounds = [threshold for threshold, _ in SHADES]
        rows = [("s0", gettext("none"))]
        for (low, css_class), high in zip(SHADES, bounds[1:] + [None], strict=True):
            if high is None:
                label = gettext("%(count)s or more") % {"count": low}
            elif high - low == 1:
                label = str(low)
            else:
                label = f"{low}–{high - 1}"
            rows.append((css_class, label))
    rtl = get_language_bidi()
    parts = [f'<g class="legend" {FONT} fill="#1b1f24">']
    x, y = (WIDTH - 8 if rtl else 8), HEIGHT + 9
    for css_class, label in rows:
        width = 7 * len(label)  # about the width of the label at this size
        left = x - 14 if rtl else x
        parts.append(f'<rect class="{css_class}" x="{left}" y="{y}" width="14" height="12" fill="{FILLS[css_class]}" '
                     f'stroke="#4a5360" stroke-width="0.5"/>')
        if rtl:
            parts.append(f'<text x="{x - 20}" y="{y + 10}" direction="rtl">{escape(label)}</text>')
            x -= 14 + 6 + width + 18
        else:
            parts.append(f'<text x="{x + 20}" y="{y + 10}">{escape(label)}</text>')
            x += 14 + 6 + width + 18
    parts.append("</g>")
    return "".join(parts)


def map_layers(counts: dict[str, int], *, key: str | None = None) -> str:
    """The map's drawing without its frame (``WIDTH`` by ``FULL_HEIGHT``): sea, countries, markers for the small
    ones that have a count, and the legend."""
    parts = [f'<rect width="{WIDTH}" height="{FULL_HEIGHT}" fill="#fff"/><rect width="{WIDTH}" height="{HEIGHT}" '
             f'fill="{SEA}"/><svg width="{WIDTH}" height="{HEIGHT}">']
    def shade_of(count: int) -> str:
        return YES if key and count else shade(count)

    for code, (data, _) in sorted(_shapes().items()):
        count = counts.get(code, 0)
        css_class = shade_of(count)
        parts.append(f'<path class="{css_class}" d="{data}" fill="{FILLS[css_class]}" stroke="#fff" '
                     f'stroke-width="0.4"><title>{escape(country_name(code))}: {count}</title></path>')
    for code, (x, y) in sorted(marker_points().items()):
        count = counts.get(code, 0)
        if count:
            css_class = shade_of(count)
            parts.append(f'<circle class="marker {css_class}" cx="{x}" cy="{y}" r="4.5" fill="{FILLS[css_class]}" '
                         f'stroke="#1b1f24" stroke-width="1"><title>{escape(country_name(code))}: {count}</title>'
                         f'</circle>')
    parts.append("</svg>")  # the shapes reaching past the map's edges end there
    parts.append(_legend(key))
    return "".join(parts)


def world_map(counts: dict[str, int], *, title: str, description: str, key: str | None = None) -> str:
    """An SVG map with each country shaded by its count, and a title and description for screen readers.
    ``key`` makes it a yes-or-no map: every country with a count is "key" in the legend."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {FULL_HEIGHT}" class="map" role="img" '
        f'aria-labelledby="map-title map-desc"><title id="map-title">{escape(title)}</title>'
        f'<desc id="map-desc">{escape(description)}</desc>{map_layers(counts, key=key)}</svg>'
    )
