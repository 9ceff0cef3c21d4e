"""Reads of the Standard."""

from dpg_registry.standard.models import Category, Sector, StandardVersion


def current_version() -> StandardVersion | None:
    return StandardVersion.objects.filter(is_current=True).first()


def category_by_key() -> dict[str, Category]:
    return {category.key: category for category in Category.objects.all()}


def sector_names() -> set[str]:
    return set(Sector.objects.values_list("name", flat=True))
