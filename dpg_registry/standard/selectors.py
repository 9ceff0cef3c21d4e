"""Reads of the Standard."""

from dpg_registry.standard.models import Sector, StandardVersion


def current_version() -> StandardVersion | None:
    return StandardVersion.objects.filter(is_current=True).first()


def sector_names() -> set[str]:
    return set(Sector.objects.values_list("name", flat=True))
