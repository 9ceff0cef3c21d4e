"""The review in one year, from the applications and the audit trail.

An application is received in the year it was first submitted and decided in the year of its decision (DPG
or ineligible, including ineligible for a missed clarification deadline). The outcome is the state the
decision moved it to, as the audit trail recorded it, whatever happened to the application since.
"""

from collections import Counter
from dataclasses import dataclass

from babel import Locale
from django.utils.translation import get_language, gettext, to_locale
from django.utils.translation import gettext_lazy as _

from dpg_registry.applications.models import Application, IndicatorDecision
from dpg_registry.audit.models import AuditEvent
from dpg_registry.reports.listings import year_start
from dpg_registry.reports.statistics import median_days, percentile_days
from dpg_registry.reports.tables import Table
from dpg_registry.standard.models import Indicator
from dpg_registry.standard.translations import translate

S = Application.State
DECISIONS = ("application.decide", "application.deadline")
MISSED_DEADLINE = _("No answer to a clarification by its deadline")


@dataclass(frozen=True)
class Pipeline:
    received: int
    renewals_received: int
    decided: int
    listed: int
    ineligible: int
    renewed: int
    expired: int
    median_days: float | None
    p90_days: float | None
    by_month: Table
    ineligibility: Table


def _month_names() -> list[str]:
    """January to December, abbreviated as the page's language does (CLDR, through Babel)."""
    months = Locale.parse(to_locale(get_language() or "en")).months["stand-alone"]["abbreviated"]
    return [months[number] for number in range(1, 13)]


def _decisions(year: int, actions) -> dict[int, AuditEvent]:
    """The applications with one of ``actions`` in the year, each with its last such event."""
    events = AuditEvent.objects.filter(subject_type="applications.application", action__in=actions,
                                       at__gte=year_start(year), at__lt=year_start(year + 1)).order_by("id")
    return {int(event.subject_id): event for event in events.only("action", "subject_id", "after")}


def pipeline(year: int) -> Pipeline:
    in_year = {"submitted_at__gte": year_start(year), "submitted_at__lt": year_start(year + 1)}
    submitted = list(Application.objects.filter(**in_year).values_list("submitted_at", "renewal_of_id"))
    decisions = _decisions(year, DECISIONS)
    decided = list(Application.objects.filter(pk__in=list(decisions))
                   .values_list("pk", "submitted_at", "decided_at", "renewal_of_id").order_by("pk"))
    outcomes = {pk: decisions[pk].after.get("state") for pk, *_ in decided}
    days = [(decided_at - submitted_at).total_seconds() / 86400 for _, submitted_at, decided_at, _ in decided]
    received_by_month = Counter(submitted_at.month for submitted_at, _ in submitted)
    decided_by_month = Counter(decided_at.month for _, _, decided_at, _ in decided)
    ineligible = [pk for pk, state in outcomes.items() if state == S.INELIGIBLE]
    return Pipeline(
        received=len(submitted),
        renewals_received=sum(1 for _, renewal_of in submitted if renewal_of),
        decided=len(decided),
        listed=sum(1 for state in outcomes.values() if state == S.DPG),
        ineligible=len(ineligible),
        renewed=sum(1 for pk, *_, renewal_of in decided if renewal_of and outcomes[pk] == S.DPG),
        expired=len(_decisions(year, ["application.expire"])),
        median_days=median_days(days),
        p90_days=percentile_days(days, 90),
        by_month=Table("applications-by-month", gettext("Applications received and decided, by month"),
                       gettext("Applications first submitted, and applications decided, in each month of the year"),
                       (gettext("Month"), gettext("Received"), gettext("Decided")),
                       tuple((name, received_by_month[n], decided_by_month[n])
                             for n, name in enumerate(_month_names(), 1)),
                       "line"),
        ineligibility=_ineligibility(ineligible, decisions),
    )


def _ineligibility(ineligible: list[int], decisions: dict[int, AuditEvent]) -> Table:
    """Why applications were found ineligible: each failed indicator, or the missed deadline."""
    failed = list(IndicatorDecision.objects.filter(
        application_id__in=[pk for pk in ineligible if decisions[pk].action == "application.decide"],
        level=IndicatorDecision.Level.L2, decision=IndicatorDecision.Decision.FAIL,
    ).values_list("application__standard_version_id", "indicator_code"))
    titles = {(i.version_id, i.code): (i.position, gettext("Indicator %(code)s: %(title)s")
                                        % {"code": i.code, "title": translate(i.title)})
              for i in Indicator.objects.filter(version_id__in={version for version, _ in failed})}
    rows = [(title, total) for (_, title), total in sorted(Counter(titles[key] for key in failed).items())]
    missed = sum(1 for pk in ineligible if decisions[pk].action == "application.deadline")
    if missed:
        rows.append((str(MISSED_DEADLINE), missed))
    return Table("ineligibility", gettext("Why applications were found ineligible"),
                 gettext("Applications found ineligible during the year, by failed indicator (an application may "
                         "fail several) or by a missed clarification deadline"),
                 (gettext("Reason"), gettext("Applications")), tuple(rows), "bar")
