"""Writes dpg_registry/registry/data/map-markers.json: a point for each country too small for the 1:110 million
shapes the maps draw, so that the maps can show it as a marker.

Run from the project's root with the world-atlas 2.0.2 package unpacked beside it:
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/map-markers.py package/countries-10m.json package/countries-110m.json
The point is the centroid of the country's largest polygon in Natural Earth's 1:10 million shapes.
"""

import json
import sys

import pycountry

from dpg_registry.registry.maps import decode_arcs


def polygons(topology: dict) -> dict[str, list[list[tuple[float, float]]]]:
    """The outer rings of each country's polygons, in longitude and latitude, by ISO 3166-1 alpha-2 code."""
    arcs = decode_arcs(topology)
    found = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3))
        if country is None or "arcs" not in geometry:
            continue
        parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in parts:
            ring = []
            for index in polygon[0]:
                ring += arcs[index] if index >= 0 else arcs[~index][::-1]
            rings.append(ring)
        found.setdefault(country.alpha_2, []).extend(rings)
    return found


def centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Area, and the centroid's longitude and latitude, of a ring (longitudes kept continuous across 180°)."""
    points = [ring[0]]
    for lon, lat in ring[1:]:
        while lon - points[-1][0] > 180:
            lon -= 360
        while lon - points[-1][0] < -180:
            lon += 360
        points.append((lon, lat))
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        xs, ys = [x for x, _ in points], [y for _, y in points]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    lon, lat = cx / (3 * area), cy / (3 * area)
    return abs(area) / 2, (lon + 180) % 360 - 180, lat


# Territories with an ISO code of their own that Natural Earth draws as part of another country: the approximate
# centre of their main island.
TERRITORIES = {
    "BQ": [-68.26, 12.18], "CC": [96.87, -12.16], "CX": [105.69, -10.49], "GP": [-61.55, 16.25],
    "GS": [-36.59, -54.43], "MQ": [-61.02, 14.64], "RE": [55.53, -21.13], "SJ": [16.0, 78.5],
    "TK": [-171.85, -9.2], "UM": [-177.38, 28.21], "YT": [45.15, -12.82],
}


def main(detailed_path: str, drawn_path: str) -> None:
    detailed = polygons(json.load(open(detailed_path, encoding="utf-8")))
    drawn = set(polygons(json.load(open(drawn_path, encoding="utf-8"))))
    markers = {}
    for code, rings in sorted(detailed.items()):
        if code in drawn:
            continue
        _, lon, lat = max(centroid(ring) for ring in rings)
        markers[code] = [round(lon, 2), round(lat, 2)]
    markers = dict(sorted({**TERRITORIES, **markers}.items()))
    with open("dpg_registry/registry/data/map-markers.json", "w", encoding="utf-8") as out:
        out.write("{\n" + ",\n".join(f'"{code}": {json.dumps(point)}' for code, point in markers.items()) + "\n}\n")
    print(f"{len(markers)} countries shown as markers")


if __name__ == "__main__":
    main(*sys.argv[1:3])
