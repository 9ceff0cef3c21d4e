"""Reads about applications: what is missing, queues, assignments, inboxes, the public trail, review figures."""

from datetime import timedelta
from statistics import median

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.applications.answers import missing_parts
from dpg_registry.applications.models import Application, Challenge, Consultation, IndicatorDecision, Notification
from dpg_registry.audit.models import AuditEvent
from dpg_registry.registry.models import Product
from dpg_registry.standard.models import Indicator, Question
from dpg_registry.standard.selectors import questions_for

S = Application.State
LISTED_BY_DECISION = (S.DPG, S.RENEWAL_DUE, S.EXPIRED, S.RENEWED)  # approved, whatever happened since
UNDER_REVIEW = (S.SUBMITTED, S.L1_REVIEW, S.L2_REVIEW, S.EXPERT_CONSULTATION, S.CLARIFICATION_REQUESTED)


def renewal_in_review(product) -> Application | None:
    """The application under review for a listed ``product``: its renewal, which keeps it listed past expiry."""
    return product.applications.filter(state__in=UNDER_REVIEW).order_by("-submitted_at").first()


def listed_without_review():
    """Listed DPGs that no approved application stands behind (imported records): the clock renews them
    product by product."""
    return Product.objects.filter(status=Product.Status.DPG).exclude(applications__state__in=[S.DPG, S.RENEWAL_DUE])


def last_approved(product, *, excluding: Application | None = None) -> Application | None:
    """The application whose approval last listed ``product``, or None (an imported record never reviewed)."""
    approved = product.applications.filter(decided_at__isnull=False, state__in=LISTED_BY_DECISION)
    if excluding is not None:
        approved = approved.exclude(pk=excluding.pk)
    return approved.order_by("-decided_at").first()


def renewals_with_no_owner(now=None) -> list[tuple[Product, Application | None]]:
    """Imported DPGs whose renewal is due (``DPG_RENEWAL_NOTICE_DAYS`` before expiry, or later, or opened early by
    an upheld challenge) and that nobody has claimed, soonest expiry first, each with its newest open renewal: no
    owner is reminded of these, so staff follow them up."""
    now = now or timezone.now()
    horizon = now.date() + timedelta(days=settings.DPG_RENEWAL_NOTICE_DAYS)
    renewing = Application.objects.filter(state__in=(S.DRAFT, *UNDER_REVIEW)).values("product_id")
    products = listed_without_review().filter(
        Q(expires_on__lte=horizon) | Q(pk__in=renewing), owners__isnull=True
    ).order_by("expires_on", "sort_name")
    return [(product, product.applications.filter(state__in=(S.DRAFT, *UNDER_REVIEW)).order_by("-created_at").first())
            for product in products]


def questions_by_key(application: Application) -> dict[str, Question]:
    return {q.key: q for q in questions_for(application.standard_version, application.category.key)}


def indicators_of(application: Application) -> list[Indicator]:
    """The indicators with at least one question for the application's category, in the Standard's order."""
    return list(
        Indicator.objects.filter(
            version=application.standard_version, questions__categories=application.category
        ).distinct().order_by("position")
    )


def indicator_codes(application: Application) -> list[str]:
    return [indicator.code for indicator in indicators_of(application)]


def missing(application: Application) -> dict[str, list[str]]:
    """What keeps the application from being submitted: section ("about" or an indicator code) → needs."""
    gaps: dict[str, list[str]] = {}
    if not application.description.strip():
        gaps.setdefault("about", []).append(gettext("a description of the product"))
    if application.category.key == "software" and not application.repository_urls:
        gaps.setdefault("about", []).append(gettext("the address of the source code repository"))
    answers = {answer.question_key: answer for answer in application.answers.all()}
    for question in questions_by_key(application).values():
        for need in missing_parts(question, answers.get(question.key)):
            gaps.setdefault(question.indicator.code, []).append(f"{question.key}: {need}")
    return gaps


def applications_of(user):
    return Application.objects.filter(editors=user).select_related("category").order_by("-created_at")


def inbox_of(user):
    """The latest 200 notifications of ``user``, as the inbox shows them."""
    return Notification.objects.filter(user=user)[:200]


def is_late(application: Application, now=None) -> bool:
    limit = settings.DPG_REVIEW_LIMIT_DAYS.get(application.state)
    if limit is None:
        return False
    return (now or timezone.now()) - application.state_entered_at > timedelta(days=limit)


def queue(level: str):
    """Applications waiting for a reviewer of ``level``, oldest first."""
    if level == IndicatorDecision.Level.L1:
        return Application.objects.filter(state=S.SUBMITTED).order_by("submitted_at", "pk")
    return Application.objects.filter(state=S.L2_REVIEW, l2_reviewer__isnull=True).order_by("state_entered_at", "pk")


def assignments_of(user):
    return (
        Application.objects.filter(
            Q(l1_reviewer=user, state=S.L1_REVIEW)
            | Q(l2_reviewer=user, state__in=[S.L2_REVIEW, S.EXPERT_CONSULTATION, S.CLARIFICATION_REQUESTED])
        )
        .select_related("category", "organisation")
        .order_by("state_entered_at")
    )


def consultations_of(expert, *, open_only=True):
    consultations = Consultation.objects.filter(expert=expert).select_related("application")
    return consultations.filter(answered_at__isnull=True) if open_only else consultations


def open_challenges():
    return Challenge.objects.filter(state=Challenge.State.OPEN).select_related("product").order_by("raised_at")


def public_trail(application: Application) -> list[dict]:
    """The decision trail shown to everyone: what happened and when, never who or any private answer."""
    events = AuditEvent.objects.filter(subject_type="applications.application", subject_id=str(application.pk))
    trail = []
    for event in events:
        after = event.after
        step = {"at": event.at, "action": event.action, "state": after.get("state", ""), "indicator": None,
                "level": None, "decision": None}
        if event.action == "indicator.decide":
            step.update(indicator=after.get("indicator"), level=after.get("level"), decision=after.get("decision"))
            decision = IndicatorDecision.Decision(step["decision"]).label.lower()
            step["text"] = gettext("indicator %(code)s, %(level)s review: %(decision)s") % {
                "code": step["indicator"], "level": step["level"].upper(), "decision": decision}
        elif event.action == "consultation.opinion":
            step.update(indicator=after.get("indicator"),
                        text=gettext("an expert gave an opinion on indicator %(code)s")
                        % {"code": after.get("indicator")})
        elif event.action == "clarification.respond":
            step.update(indicator=after.get("indicator"),
                        text=gettext("the applicant answered the question on indicator %(code)s")
                        % {"code": after.get("indicator")})
        elif event.action == "application.answers":
            if application.submitted_at is None or event.at <= application.submitted_at:
                continue  # a draft's edits are the applicant's own business
            step["text"] = gettext("the applicant updated answers on indicator %(codes)s") % {
                "codes": ", ".join(_indicators_asked(application, after.get("questions", [])))}
        elif event.action == "application.create":
            continue  # drafts are not public
        elif step["state"]:
            step["text"] = S(step["state"]).label.lower()
            if event.action == "application.clarify":
                step["text"] = gettext("%(state)s on indicator %(codes)s") % {
                    "state": step["text"], "codes": ", ".join(after.get("indicators", []))}
        else:
            continue  # creation, co-editors, the product's basics while a draft
        trail.append(step)
    return trail


def _indicators_asked(application: Application, keys: list[str]) -> list[str]:
    """The codes of the indicators the questions ``keys`` belong to, in the Standard's order (never the keys)."""
    questions = questions_by_key(application)
    found = {questions[key].indicator for key in keys if key in questions}
    return [indicator.code for indicator in sorted(found, key=lambda indicator: indicator.position)]


def dashboard(now=None, weeks: int = 12) -> dict:
    """The backlog by state, applications received and decided per week, and the median days to a decision."""
    now = now or timezone.now()
    backlog = {state: 0 for state in (S.SUBMITTED, S.L1_REVIEW, S.L2_REVIEW, S.EXPERT_CONSULTATION,
                                      S.CLARIFICATION_REQUESTED)}
    late = 0
    for application in Application.objects.filter(state__in=list(backlog)).only("state", "state_entered_at"):
        backlog[application.state] += 1
        late += is_late(application, now)
    start = (now - timedelta(weeks=weeks - 1, days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    week_starts = [start + timedelta(weeks=i) for i in range(weeks)]
    received = [0] * weeks
    decided = [0] * weeks
    for submitted_at in Application.objects.filter(submitted_at__gte=start).values_list("submitted_at", flat=True):
        received[(submitted_at - start).days // 7] += 1
    for decided_at in Application.objects.filter(decided_at__gte=start).values_list("decided_at", flat=True):
        decided[(decided_at - start).days // 7] += 1
    durations = [
        (decided_at - submitted_at).total_seconds() / 86400
        for submitted_at, decided_at in Application.objects.filter(
            decided_at__isnull=False, submitted_at__isnull=False
        ).values_list("submitted_at", "decided_at")
    ]
    return {
        "backlog": [(S(state).label, count) for state, count in backlog.items()],
        "late": late,
        "weeks": [
            {"start": week.date(), "received": received[i], "decided": decided[i]} for i, week in enumerate(week_starts)
        ],
        "median_days": round(median(durations), 1) if durations else None,
        "decided_total": len(durations),
    }


def assignment_history(application: Application) -> list[AuditEvent]:
    """Reviews handed back for a conflict of interest and reassigned, oldest first, with their reasons (staff only)."""
    return list(AuditEvent.objects.filter(
        subject_type="applications.application", subject_id=str(application.pk),
        action__in=("assignment.conflict", "assignment.reassign"),
    ))
