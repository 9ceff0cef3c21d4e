"""Data quality: listed DPGs whose record contradicts the current DPG Standard, flagged for staff, never changed.

Four rules, each a finding with what it is about (its subject) and the values of its reason:

- ``licence_not_approved``: a licence statement the current Standard approves for none of the product's
  categories (a non-commercial licence on a content DPG), read by ``standard.selectors.unapproved_licences``,
  the definition eligibility and review use; categories without a licence list in the Standard are left out;
- ``licence_to_confirm``: a statement kept as a ``LicenseRef-``, not on the SPDX list;
- ``too_many_countries``: more deployment countries than ``DPG_QUALITY_MAX_COUNTRIES``;
- ``evidence_missing``: an indicator for which the Standard requires evidence of the product's categories and
  the record gives nothing: no answer to any of its questions (indicators 3 to 9), no statement with a link to
  where the licence is stated (indicator 2). Indicator 1's evidence is the SDG relevance, always imported.

``refresh`` runs after every write to the registry (``services._after_write``) and from ``dpg manage quality_flags``
after a new Standard is loaded or the limit changed.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.audit.services import record
from dpg_registry.lib.validation import FieldError
from dpg_registry.registry.licence_refs import is_licence_ref
from dpg_registry.registry.models import Product, QualityFlag
from dpg_registry.standard.licences import InvalidLicence
from dpg_registry.standard.models import ApprovedLicence, Question, StandardVersion
from dpg_registry.standard.selectors import current_version, unapproved_licences

Rule = QualityFlag.Rule
State = QualityFlag.State
Finding = tuple[str, str, dict]  # rule, subject, details


class _Standard:
    """What the rules need of the current Standard, read once per refresh."""

    def __init__(self, version: StandardVersion):
        self.version = version
        self.with_licences = set(
            ApprovedLicence.objects.filter(version=version).values_list("category__key", flat=True).distinct()
        )
        self.needs_evidence = {}  # category key -> the indicators that require evidence of it
        questions = Question.objects.filter(indicator__version=version, evidence_required=True, required=True)
        for code, key in questions.values_list("indicator__code", "categories__key"):
            self.needs_evidence.setdefault(key, set()).add(code)


def findings(product: Product, standard: _Standard) -> list[Finding]:
    """What in ``product``'s record contradicts ``standard``; nothing for a product that is not a listed DPG."""
    if product.status != Product.Status.DPG:
        return []
    categories = [category.key for category in product.categories.all()]
    found = _licence_findings(product, categories, standard)
    deployed = {
        country.code or country.source_name
        for country in product.countries.all()
        if country.kind == country.Kind.DEPLOYED
    }
    if len(deployed) > settings.DPG_QUALITY_MAX_COUNTRIES:
        found.append(
            (Rule.TOO_MANY_COUNTRIES, "", {"count": len(deployed), "limit": settings.DPG_QUALITY_MAX_COUNTRIES})
        )
    return found + _evidence_findings(product, categories, standard)


def _licence_findings(product: Product, categories: list[str], standard: _Standard) -> list[Finding]:
    judged = [key for key in categories if key in standard.with_licences]
    found = []
    for statement in product.licence_statements.all():
        expression = statement.expression
        if is_licence_ref(expression):
            found.append((Rule.LICENCE_TO_CONFIRM, expression, {"declared": statement.declared}))
            continue
        if not judged:
            continue
        try:
            blocked = all(
                unapproved_licences(version=standard.version, category_key=key, expression=expression) for key in judged
            )
        except InvalidLicence:  # an expression the licence list no longer reads is approved for nothing
            blocked = True
        if blocked:
            found.append(
                (Rule.LICENCE_NOT_APPROVED, expression, {"categories": judged, "standard": standard.version.version})
            )
    return found


def _evidence_findings(product: Product, categories: list[str], standard: _Standard) -> list[Finding]:
    answered = {answer.indicator_code for answer in product.indicator_answers.all()}
    if any(statement.evidence_urls for statement in product.licence_statements.all()):
        answered.add("2")
    wanted = sorted({code for key in categories for code in standard.needs_evidence.get(key, ())} - {"1"})
    return [(Rule.EVIDENCE_MISSING, code, {"indicator": code}) for code in wanted if code not in answered]


# What the rules read of a product.
RELATIONS = ("categories", "licence_statements", "countries", "indicator_answers", "quality_flags")


def refresh(products=None) -> dict[str, int]:
    """Open a flag for each finding in ``products`` (read from the database after the write; every product when
    None), close those whose cause is gone.

    A dismissed flag stays dismissed while its finding holds, unless the product was written after the dismissal:
    then it opens again. Returns how many flags were opened and closed.
    """
    version = current_version()
    standard = _Standard(version) if version is not None else None
    if products is None:
        products = Product.objects.prefetch_related(*RELATIONS)
    else:
        prefetch_related_objects(products, *RELATIONS)
    now = timezone.now()
    counts = {"opened": 0, "closed": 0}
    with transaction.atomic():
        for product in products:
            found = findings(product, standard) if standard is not None else []
            _apply(product, found, now, counts)
    return counts


def _apply(product: Product, found: list[Finding], now, counts: dict[str, int]) -> None:
    flags = {(flag.rule, flag.subject): flag for flag in product.quality_flags.all()}
    for rule, subject, details in found:
        flag = flags.pop((rule, subject), None)
        if flag is None:
            QualityFlag.objects.create(product=product, rule=rule, subject=subject, details=details, opened_at=now)
            counts["opened"] += 1
            continue
        reopen = flag.state == State.CLOSED or (
            flag.state == State.DISMISSED and product.updated_at > flag.dismissed_at
        )
        if reopen:
            flag.state, flag.opened_at, flag.closed_at = State.OPEN, now, None
            flag.dismissed_at, flag.dismissed_by, flag.dismissal = None, None, ""
            counts["opened"] += 1
        if reopen or flag.details != details:
            flag.details = details
            flag.save()
    for flag in flags.values():
        if flag.state != State.CLOSED:
            flag.state, flag.closed_at = State.CLOSED, now
            flag.save(update_fields=["state", "closed_at"])
            counts["closed"] += 1


def dismiss(*, flag: QualityFlag, reason: str, by, role: str) -> QualityFlag:
    """Staff judge a flag needs no change to the record; the reason is kept on the flag and in the audit trail."""
    reason = reason.strip()
    if not reason:
        raise FieldError("reason", gettext("say why the flag is dismissed: the reason is kept in the audit trail"))
    with transaction.atomic():
        flag = QualityFlag.objects.select_for_update().get(pk=flag.pk)
        if flag.state != State.OPEN:
            raise FieldError("reason", gettext("this flag is not open any more"))
        flag.state, flag.dismissed_at, flag.dismissed_by, flag.dismissal = State.DISMISSED, timezone.now(), by, reason
        flag.save()
        record(
            actor=by,
            role=role,
            action="quality.dismiss",
            subject=flag,
            before={"product": flag.product.slug, "rule": flag.rule, "subject": flag.subject, "state": State.OPEN},
            after={"state": State.DISMISSED},
            reason=reason,
        )
    return flag
