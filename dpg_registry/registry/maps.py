"""World maps drawn on the server as SVG from Natural Earth shapes (world-atlas, 1:110 million).

No tiles and no JavaScript: the map is plain SVG, so it works offline and in any browser.
Countries are shaded by how many products are deployed there, and named in the page's language.
"""

import json
from functools import cache
from pathlib import Path

import pycountry
from django.utils.html import escape

from dpg_registry.lib.names import country_name

SHAPES_FILE = Path(__file__).resolve().parent / "data" / "world-110m.topojson.json"
WIDTH, HEIGHT = 960, 440
TOP_LATITUDE, BOTTOM_LATITUDE = 84.0, -58.0  # Antarctica is left out; it has no deployments
SHADES = ((1, "s1"), (2, "s2"), (5, "s3"), (10, "s4"), (25, "s5"))


def _project(lon: float, lat: float) -> tuple[int, int]:
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (TOP_LATITUDE - lat) / (TOP_LATITUDE - BOTTOM_LATITUDE) * HEIGHT
    return round(x), round(y)


@cache
def country_paths() -> dict[str, str]:
    """SVG path data per ISO 3166-1 alpha-2 code."""
    topology = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(_project(x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> str:
        points: list[tuple[int, int]] = []
        for index in indices:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            for point in part:
                if not points or point != points[-1]:
                    points.append(point)
        if any(y > HEIGHT + 5 for _, y in points) and all(y > HEIGHT - 40 for _, y in points):
            return ""
        if len(points) < 3:
            return ""
        return "M" + "L".join(f"{x},{y}" for x, y in points) + "Z"

    paths = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3))
        if country is None or "arcs" not in geometry:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        data = "".join(ring(r) for polygon in polygons for r in polygon)
        if data:
            paths[country.alpha_2] = paths.get(country.alpha_2, "") + data
    return paths


def shade(count: int) -> str:
    name = "s0"
    for threshold, css_class in SHADES:
        if count >= threshold:
            name = css_class
    return name


def world_map(counts: dict[str, int], *, title: str, description: str) -> str:
    """An SVG map with each country shaded by its count, and a title and description for screen readers."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="map" role="img" '
        f'aria-labelledby="map-title map-desc"><title id="map-title">{escape(title)}</title>'
        f'<desc id="map-desc">{escape(description)}</desc>'
    ]
    for code, data in sorted(country_paths().items()):
        count = counts.get(code, 0)
        label = f"{country_name(code)}: {count}"
        parts.append(f'<path class="{shade(count)}" d="{data}"><title>{escape(label)}</title></path>')
    parts.append("</svg>")
    return "".join(parts)
