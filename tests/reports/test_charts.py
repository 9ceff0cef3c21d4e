"""The charts are pure functions of a table: the right bars and points, escaped labels, the same markup twice."""

import re

from dpg_registry.reports.charts import LABEL_WIDTH, WIDTH, bar_chart, line_chart, map_chart
from dpg_registry.reports.statistics import median_days, percentile_days
from dpg_registry.reports.tables import Table

CATEGORIES = Table("categories", "DPGs by category", "DPGs in each category", ("Category", "DPGs"),
                   (("Open Software", 120), ("Open <Data>", 30), ("Open Content", 0)), "bar")


def test_a_bar_per_row_as_long_as_its_value():
    svg = bar_chart(CATEGORIES)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="categories-title categories-desc"' in svg
    assert '<title id="categories-title">DPGs by category</title>' in svg
    assert re.findall(r'<g class="bar"><title>([^<]*)</title>', svg) == [
        "Open Software: 120", "Open &lt;Data&gt;: 30", "Open Content: 0"]
    widths = [float(width) for width in re.findall(r'<rect x="300" y="[\d.]+" width="([\d.]+)"', svg)]
    assert widths == [WIDTH - LABEL_WIDTH - 60, (WIDTH - LABEL_WIDTH - 60) / 4, 0]
    assert "<script" not in svg and bar_chart(CATEGORIES) == svg


def test_a_line_per_column_and_a_point_per_row():
    growth = Table("growth", "Growth", "DPGs", ("Year", "Listed", "New"), ((2023, 10, 10), (2024, 25, 15)), "line")
    svg = line_chart(growth)
    assert svg.count("<polyline") == 2
    assert re.findall(r"<circle[^>]*><title>([^<]*)</title>", svg) == [
        "2023, Listed: 10", "2024, Listed: 25", "2023, New: 10", "2024, New: 15"]
    assert line_chart(growth) == svg


def test_a_map_shades_the_countries_of_the_table():
    deployed = Table("deployed-in", "Deployed in", "DPGs deployed", ("Country", "ISO code", "DPGs"),
                     (("Kenya", "KE", 30), ("India", "IN", 1)), "map")
    svg = map_chart(deployed)
    assert '<title>Kenya: 30</title>' in svg and '<title>India: 1</title>' in svg and '<title>France: 0</title>' in svg
    assert svg.count("<path") > 150


def test_median_and_nearest_rank_percentile():
    assert median_days([]) is None and percentile_days([], 90) is None
    assert median_days([25, 10, 20, 11]) == 15.5
    assert percentile_days([25, 10, 20, 11], 90) == 25
    assert percentile_days(list(range(1, 101)), 90) == 90
    assert percentile_days([3.14159], 90) == 3.1
