"""Reads of the Standard."""

from dpg_registry.standard.models import ApprovedLicence, Question, Sector, StandardVersion


def current_version() -> StandardVersion | None:
    return StandardVersion.objects.filter(is_current=True).first()


def sector_names() -> set[str]:
    return set(Sector.objects.values_list("name", flat=True))


def approved_licence_ids(version: StandardVersion, category_key: str) -> set[str]:
    return set(
        ApprovedLicence.objects.filter(version=version, category__key=category_key).values_list(
            "licence__spdx_id", flat=True
        )
    )


def questions_for(version: StandardVersion, category_key: str) -> list[Question]:
    """The questions an applicant of ``category_key`` answers, in the Standard's order."""
    return list(
        Question.objects.filter(indicator__version=version, categories__key=category_key)
        .select_related("indicator")
        .order_by("indicator__position", "position")
    )
