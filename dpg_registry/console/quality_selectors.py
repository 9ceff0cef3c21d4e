"""Reads for the console's data-quality page: the flags on listed products and the challenges, in one place."""

from django.db.models import Count

from dpg_registry.applications.models import Challenge
from dpg_registry.registry.models import QualityFlag

RESOLVED_SHOWN = 25  # the most recently resolved challenges listed under the open ones


def flags(*, rule: str = "", state: str = QualityFlag.State.OPEN):
    """The flags in ``state`` (and of ``rule`` when given), by product name, then rule."""
    found = QualityFlag.objects.filter(state=state).select_related("product", "dismissed_by")
    return found.filter(rule=rule) if rule else found


def rule_counts(*, state: str = QualityFlag.State.OPEN) -> dict[str, int]:
    """How many flags of each rule are in ``state``; a rule without any counts 0."""
    counts = dict(QualityFlag.objects.filter(state=state).values_list("rule").annotate(n=Count("pk")))
    return {rule: counts.get(rule, 0) for rule in QualityFlag.Rule.values}


def open_challenges_of(product_ids) -> dict[int, Challenge]:
    """The earliest open challenge of each of these products, by product id: its review is already open."""
    found = {}
    for challenge in Challenge.objects.filter(product_id__in=product_ids, state=Challenge.State.OPEN).order_by(
        "-raised_at"
    ):
        found[challenge.product_id] = challenge
    return found


def challenges() -> list[Challenge]:
    """Every open challenge, the oldest first, then the most recently resolved ones."""
    rows = Challenge.objects.select_related("product")
    opened = list(rows.filter(state=Challenge.State.OPEN).order_by("raised_at"))
    resolved = list(rows.exclude(state=Challenge.State.OPEN).order_by("-resolved_at")[:RESOLVED_SHOWN])
    return opened + resolved
