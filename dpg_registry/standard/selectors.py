"""Reads of the Standard."""

from dataclasses import dataclass

from django.urls import reverse

from dpg_registry.standard.guidance import why_it_matters
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


def licence_choices(version: StandardVersion | None, category_key: str | None = None) -> list[tuple[str, str]]:
    """(SPDX id, name) of the licences approved in ``version`` for the category, or for any category, by id."""
    rows = ApprovedLicence.objects.filter(version=version)
    if category_key:
        rows = rows.filter(category__key=category_key)
    return list(rows.order_by("licence__spdx_id").values_list("licence__spdx_id", "licence__name").distinct())


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


@dataclass(frozen=True)
class IndicatorSheet:
    """What the Standard's page says of one indicator."""

    indicator: Indicator
    why: str
    by_category: list[tuple[Category, list[Question]]]  # the questions asked of each offered category
    evidence: list[Question]  # the questions that need evidence


def indicator_sheets(version: StandardVersion) -> list[IndicatorSheet]:
    categories = offered_categories()
    sheets = []
    for indicator in indicators_of(version):
        questions = list(indicator.questions.all())
        sheets.append(IndicatorSheet(
            indicator=indicator,
            why=why_it_matters(indicator.code),
            by_category=[(category, [q for q in questions if category in q.categories.all()])
                         for category in categories],
            evidence=[q for q in questions if q.evidence_required],
        ))
    return sheets


def earlier_version(version: StandardVersion) -> StandardVersion | None:
    """The version released just before ``version``, if the registry holds one."""
    return StandardVersion.objects.filter(released_on__lt=version.released_on).order_by("-released_on").first()


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
