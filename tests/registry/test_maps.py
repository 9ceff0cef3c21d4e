"""The world map: shapes that cross the 180th meridian, small countries, the colour scale and its legend."""

import re

import pytest
from django.utils import translation

from dpg_registry.registry import maps

pytestmark = pytest.mark.django_db  # the country names come from the CLDR files, not the database; no rows used


def rings(svg: str, code: str) -> list[list[tuple[int, int]]]:
    """The rings of the country's shape, as points."""
    name = re.escape(maps.country_name(code))
    path = re.search(rf'<path class="s\d" d="([^"]+)"[^>]*><title>{name}: ', svg).group(1)
    return [[tuple(map(int, point.split(","))) for point in ring.split("L")]
            for ring in path.replace("Z", "").split("M") if ring]


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("code", ["RU", "FJ", "US"])  # the Aleutians cross it too
def test_no_shape_is_drawn_across_the_whole_map(code):
    svg = maps.world_map({}, title="t", description="d")
    for ring in rings(svg, code):
        jumps = [abs(x1 - x0) for (x0, _), (x1, _) in zip(ring, ring[1:], strict=False)]
        assert max(jumps) < maps.WIDTH / 2, f"{code} has an edge {max(jumps)} px long"


def test_russia_and_fiji_reach_both_edges_of_the_map():
    svg = maps.world_map({"RU": 3, "FJ": 1}, title="t", description="d")
    for code in ("RU", "FJ"):
        xs = [x for ring in rings(svg, code) for x, _ in ring]
        assert min(xs) < 5 and max(xs) > maps.WIDTH - 5


def test_small_countries_with_a_count_are_marked():
    svg = maps.world_map({"SZ": 1, "GM": 2, "RW": 7, "SG": 30, "MT": 0}, title="t", description="d")
    markers = {name: shade for shade, name in re.findall(r'<circle class="marker (s\d)"[^>]*><title>([^:]+): ', svg)}
    assert markers == {"Eswatini": "s1", "Gambia": "s2", "Rwanda": "s3", "Singapore": "s5"}
    assert "Malta" not in re.findall(r"<circle[^>]*><title>([^:]+):", svg)  # nothing to show, no marker


def test_the_legend_says_what_each_shade_means_in_the_page_language():
    svg = maps.world_map({"KE": 2}, title="t", description="d")
    legend = re.search(r'<g class="legend".*?</g>', svg).group(0)
    assert re.findall(r">([^<]+)</text>", legend) == ["none", "1", "2–4", "5–9", "10–24", "25 or more"]
    with translation.override("fr"):
        yes_no = maps.world_map({"KE": 1}, title="t", description="d", key="déployé ici")
    legend = re.search(r'<g class="legend".*?</g>', yes_no).group(0)
    assert re.findall(r">([^<]+)</text>", legend) == ["aucun", "déployé ici"]


def test_shades_grow_darker_and_stand_apart_from_countries_without_any():
    fills = [maps.FILLS[f"s{n}"] for n in range(6)]
    assert [luminance(fill) for fill in fills] == sorted((luminance(fill) for fill in fills), reverse=True)
    assert contrast(fills[5], fills[0]) >= 7
    assert contrast(fills[2], fills[0]) >= 1.5  # two products already differ clearly from none
    assert contrast("#1b1f24", "#ffffff") >= 4.5  # the legend's text on its panel
