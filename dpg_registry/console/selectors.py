"""The console's reads: the filtered queue, reviewers' workload, time spent in each stage, people and their work."""

import math
from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from dpg_registry.accounts.models import RoleGrant
from dpg_registry.applications.models import Answer, Application, Consultation
from dpg_registry.applications.services.transitions import IN_REVIEW
from dpg_registry.audit.models import AuditEvent
from dpg_registry.console.models import ApplicationPriority, ApplicationTag
from dpg_registry.registry.models import Product

S = Application.State
# Review stages in the order an application goes through them.
STAGES = (S.SUBMITTED, S.L1_REVIEW, S.L2_REVIEW, S.EXPERT_CONSULTATION, S.CLARIFICATION_REQUESTED)
L2_HELD = (S.L2_REVIEW, S.EXPERT_CONSULTATION, S.CLARIFICATION_REQUESTED)
STAGE_WINDOW_DAYS = 90


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters as the page's GET parameters give them, already checked."""

    state: str = ""
    overdue: bool = False
    category: str = ""
    sdg: int | None = None
    kind: str = ""  # "new" or "renewal"
    assignee: str = ""  # a user's id, or "none" for unassigned
    tag: str = ""
    q: str = ""


def overdue_condition(now) -> Q:
    """Applications longer in their stage than ``DPG_REVIEW_LIMIT_DAYS`` allows (the review clock's limits)."""
    condition = Q(pk__in=[])
    for state, days in settings.DPG_REVIEW_LIMIT_DAYS.items():
        condition |= Q(state=state, state_entered_at__lt=now - timedelta(days=days))
    return condition


def with_sdg(number: int) -> list[int]:
    """The ids of applications in review whose answer on SDGs names goal ``number``."""
    answers = Answer.objects.filter(application__state__in=IN_REVIEW, question_key="sdgs")
    return [pk for pk, value in answers.values_list("application_id", "value")
            if isinstance(value, list) and number in {int(n) for n in value if str(n).isdigit()}]


def queue(filters: QueueFilters, now=None):
    """Applications in review matching ``filters``: the most urgent first, then the longest waiting."""
    now = now or timezone.now()
    found = Application.objects.filter(state__in=IN_REVIEW)
    if filters.state:
        found = found.filter(state=filters.state)
    if filters.overdue:
        found = found.filter(overdue_condition(now))
    if filters.category:
        found = found.filter(category__key=filters.category)
    if filters.sdg is not None:
        found = found.filter(pk__in=with_sdg(filters.sdg))
    if filters.kind:
        found = found.filter(renewal_of__isnull=filters.kind == "new")
    if filters.assignee == "none":
        found = found.filter(Q(state=S.L1_REVIEW, l1_reviewer__isnull=True) | Q(state__in=L2_HELD,
                                                                                  l2_reviewer__isnull=True)
                             | Q(state=S.SUBMITTED))
    elif filters.assignee:
        found = found.filter(Q(state=S.L1_REVIEW, l1_reviewer=filters.assignee)
                             | Q(state__in=L2_HELD, l2_reviewer=filters.assignee))
    if filters.tag:
        found = found.filter(console_tags__name=filters.tag)
    if filters.q:
        term = filters.q.strip()
        found = found.filter(Q(name__icontains=term) | Q(public_id__iexact=term))
    return (
        found.annotate(priority=Coalesce("console_priority__level", Value(ApplicationPriority.Level.NORMAL),
                                         output_field=IntegerField()))
        .select_related("category", "l1_reviewer", "l2_reviewer", "renewal_of")
        .prefetch_related("console_tags")
        .order_by("-priority", "state_entered_at", "pk")
    )


def is_overdue(application: Application, now=None) -> bool:
    limit = settings.DPG_REVIEW_LIMIT_DAYS.get(application.state)
    return limit is not None and (now or timezone.now()) - application.state_entered_at > timedelta(days=limit)


def assignee_of(application: Application):
    """The reviewer holding the application now, or None while it waits in a queue."""
    if application.state == S.L1_REVIEW:
        return application.l1_reviewer
    if application.state in L2_HELD:
        return application.l2_reviewer
    return None


def tags_in_use() -> list[str]:
    return list(ApplicationTag.objects.filter(application__state__in=IN_REVIEW)
                .order_by("name").values_list("name", flat=True).distinct())


def reviewers():
    """Active people holding a reviewer's role, by e-mail address."""
    return (get_user_model().objects.filter(is_active=True, role_grants__role__in=["l1", "l2", "expert", "admin"])
            .distinct().order_by("email"))


def workload() -> list[dict]:
    """Open assignments per reviewer (L1 and L2 reviews held, expert questions unanswered), the busiest first."""
    counts: dict[int, dict] = {}

    def add(user_id, key, number):
        counts.setdefault(user_id, {"l1": 0, "l2": 0, "consultations": 0})[key] += number

    for row in (Application.objects.filter(state=S.L1_REVIEW, l1_reviewer__isnull=False)
                .values("l1_reviewer").annotate(n=Count("pk"))):
        add(row["l1_reviewer"], "l1", row["n"])
    for row in (Application.objects.filter(state__in=L2_HELD, l2_reviewer__isnull=False)
                .values("l2_reviewer").annotate(n=Count("pk"))):
        add(row["l2_reviewer"], "l2", row["n"])
    for row in (Consultation.objects.filter(answered_at__isnull=True, expert__isnull=False)
                .values("expert").annotate(n=Count("pk"))):
        add(row["expert"], "consultations", row["n"])
    people = []
    for person in reviewers():
        open_work = counts.get(person.pk, {"l1": 0, "l2": 0, "consultations": 0})
        people.append({"person": person, **open_work, "total": sum(open_work.values())})
    return sorted(people, key=lambda row: (-row["total"], row["person"].email))


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with at least ``share`` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def stage_times(now=None, days: int = STAGE_WINDOW_DAYS) -> list[dict]:
    """Per review stage, the median and 90th-percentile days spent in it by applications that left it in the
    last ``days`` days, from the state changes the audit trail records (each holds the state before and after)."""
    now = now or timezone.now()
    since = now - timedelta(days=days)
    changes = AuditEvent.objects.filter(subject_type="applications.application", action__startswith="application.")
    left_recently = {subject for subject, before in changes.filter(at__gte=since).values_list("subject_id", "before")
                     if before.get("state") in STAGES}
    spans: dict[str, list[float]] = {stage: [] for stage in STAGES}
    entered: dict[str, tuple[str, object]] = {}
    for subject, at, before, after in (changes.filter(subject_id__in=left_recently)
                                       .values_list("subject_id", "at", "before", "after").order_by("id")):
        old, new = before.get("state"), after.get("state")
        if not new or old == new:
            continue
        start = entered.get(subject)
        if start and start[0] == old and old in spans and at >= since:
            spans[old].append((at - start[1]).total_seconds() / 86400)
        entered[subject] = (new, at)
    return [
        {"stage": S(stage).label, "count": len(values),
         "median": round(median(values), 1) if values else None,
         "p90": round(percentile(values, 0.9), 1) if values else None}
        for stage, values in spans.items()
    ]


def find_people(term: str):
    """Accounts whose e-mail address, user name or name contains ``term``, with their roles."""
    term = term.strip()
    if not term:
        return get_user_model().objects.none()
    people = get_user_model().objects.filter(
        Q(email__icontains=term) | Q(username__icontains=term) | Q(first_name__icontains=term)
        | Q(last_name__icontains=term)
    )
    return people.prefetch_related("role_grants").order_by("email")[:50]


def staff_people():
    """Everyone holding a staff role, with their roles."""
    held = RoleGrant.objects.values_list("user_id", flat=True)
    return get_user_model().objects.filter(pk__in=held).prefetch_related("role_grants").order_by("email")


def open_work_of(user) -> dict:
    """What ``user`` holds now: reviews assigned to them and expert questions waiting for their opinion."""
    reviews = Application.objects.filter(
        Q(l1_reviewer=user, state=S.L1_REVIEW) | Q(l2_reviewer=user, state__in=L2_HELD)
    ).order_by("state_entered_at")
    consultations = (Consultation.objects.filter(expert=user, answered_at__isnull=True)
                     .select_related("application").order_by("requested_at"))
    return {"reviews": list(reviews), "consultations": list(consultations)}


def role_history(user) -> list[AuditEvent]:
    """Grants and revocations of ``user``'s roles, newest first, with who did it (by pseudonym) and why."""
    return list(AuditEvent.objects.filter(subject_type=user._meta.label_lower, subject_id=str(user.pk),
                                          action__in=("role.grant", "role.revoke")).order_by("-id"))


def find_listings(term: str):
    """Listed products whose name or slug contains ``term``, by name; at most 50."""
    term = term.strip()
    if not term:
        return Product.objects.none()
    return Product.objects.filter(Q(name__icontains=term) | Q(slug__icontains=term)).order_by("sort_name")[:50]


def listing_edits(product) -> list[AuditEvent]:
    """Corrections of a listing's public fields, newest first, each with before and after."""
    return list(AuditEvent.objects.filter(subject_type="registry.product", subject_id=str(product.pk),
                                          action="product.edit").order_by("-id"))
