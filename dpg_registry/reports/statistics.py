"""Order statistics of days to a decision, computed the same way on every database and every run."""

import math
from statistics import median


def median_days(days: list[float]) -> float | None:
    return round(median(days), 1) if days else None


def percentile_days(days: list[float], percent: int) -> float | None:
    """The nearest-rank percentile: the smallest observed value with ``percent`` % of values at or below it."""
    if not days:
        return None
    ordered = sorted(days)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return round(ordered[rank - 1], 1)
