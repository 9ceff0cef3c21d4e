"""Reads of the Standard."""

from django.urls import reverse

from dpg_registry.standard.licences import unapproved_ids
from dpg_registry.standard.models import ApprovedLicence, Category, Indicator, Question, Sector, StandardVersion


def current_version() -> StandardVersion | None:
    return StandardVersion.objects.filter(is_current=True).first()


def versions() -> list[StandardVersion]:
    """Every version held, newest first."""
    return list(StandardVersion.objects.order_by("-released_on", "-version"))


def version_named(number: str) -> StandardVersion | None:
    return StandardVersion.objects.filter(version=number).first()


def sector_names() -> set[str]:
    return set(Sector.objects.values_list("name", flat=True))


def approved_licence_ids(version: StandardVersion, category_key: str) -> set[str]:
    return set(
        ApprovedLicence.objects.filter(version=version, category__key=category_key).values_list(
            "licence__spdx_id", flat=True
        )
    )


def unapproved_licences(*, version: StandardVersion, category_key: str, expression: str) -> list[str]:
    """The licence ids that keep ``expression`` from being approved for the category in ``version``; [] when it is.

    The one reading of "an approved licence for this category": the eligibility check and the review both ask it.
    """
    return unapproved_ids(expression, approved_licence_ids(version, category_key))


def approved_licences_by_category(version: StandardVersion) -> list[tuple[Category, list]]:
    """Each category's approved licences in ``version``, categories in their order, licences by identifier."""
    by_category: dict[int, list] = {}
    rows = ApprovedLicence.objects.filter(version=version).select_related("licence").order_by("licence__spdx_id")
    for row in rows:
        by_category.setdefault(row.category_id, []).append(row.licence)
    return [(category, by_category[category.pk]) for category in Category.objects.all() if category.pk in by_category]


def offered_categories() -> list[Category]:
    """The categories applicants choose from (legacy ones are kept for older records only)."""
    return list(Category.objects.filter(is_legacy=False))


def indicators_of(version: StandardVersion) -> list[Indicator]:
    """The version's indicators in order, each with its questions and their categories."""
    return list(
        Indicator.objects.filter(version=version).prefetch_related("questions__categories").order_by("position")
    )


def indicator_url(code: str, version: StandardVersion | str | None = None) -> str:
    """Where an indicator is explained: on the current version's page, or on ``version``'s when given."""
    if version is None:
        return reverse("standard:current") + f"#indicator-{code}"
    number = version.version if isinstance(version, StandardVersion) else version
    return reverse("standard:version", args=[number]) + f"#indicator-{code}"


def questions_for(version: StandardVersion, category_key: str) -> list[Question]:
    """The questions an applicant of ``category_key`` answers, in the Standard's order."""
    return list(
        Question.objects.filter(indicator__version=version, categories__key=category_key)
        .select_related("indicator")
        .order_by("indicator__position", "position")
    )
