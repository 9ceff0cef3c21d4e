"""A year's State of the Ecosystem report: every figure, computed from the database into plain values.

Everything is read as of the end of the year, so the same data always gives the same report; the only thing
the clock decides is whether the year is over yet. Its texts are in the language active when it is built.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Min
from django.utils.translation import gettext

from dpg_registry.applications.models import Application
from dpg_registry.registry.countries import un_states
from dpg_registry.registry.models import ProductCountry
from dpg_registry.reports import ecosystem_figures, listings
from dpg_registry.reports.pipeline import pipeline
from dpg_registry.reports.tables import Table


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    tables: tuple[Table, ...]


@dataclass(frozen=True)
class Report:
    year: int
    complete: bool
    headline: tuple[tuple[str, object], ...]
    sections: tuple[Section, ...]

    def table(self, slug: str) -> Table | None:
        return next((table for section in self.sections for table in section.tables if table.slug == slug), None)


def available_years(today: date) -> list[int]:
    """The years from the registry's first listing or application to this one."""
    submitted = Application.objects.aggregate(first=Min("submitted_at"))["first"]
    firsts = [year for year in (listings.first_year(), submitted and submitted.year) if year]
    return list(range(min(firsts), today.year + 1)) if firsts else []


def build_report(year: int, *, today: date) -> Report | None:
    """The report of ``year``, or None when the registry has no data for it."""
    if year not in available_years(today):
        return None
    growth = listings.growth(year)
    deployed = listings.by_country(year, ProductCountry.Kind.DEPLOYED)
    review = pipeline(year)
    _, listed, new, imported, _ = growth.rows[-1]
    review_table = Table(
        "review", gettext("The review in figures"),
        gettext("Applications first submitted, and decided, during the year; days from first submission to decision"),
        (gettext("Figure"), gettext("Number")),
        (
            (gettext("Applications received"), review.received),
            (gettext("of which renewals of a listing"), review.renewals_received),
            (gettext("Applications decided"), review.decided),
            (gettext("Decided: listed as a DPG"), review.listed),
            (gettext("Decided: found ineligible"), review.ineligible),
            (gettext("Listings renewed"), review.renewed),
            (gettext("Listings expired"), review.expired),
            (gettext("Median days to a decision"), review.median_days),
            (gettext("90th percentile of days to a decision"), review.p90_days),
        ),
        "",
    )
    return Report(
        year=year,
        complete=year < today.year,
        headline=(
            (gettext("DPGs listed at the end of the year"), listed),
            (gettext("newly listed during the year"), new),
            (gettext("of which dated by their import into the registry, not by a review"), imported),
            (gettext("countries with a DPG deployed"), sum(1 for row in deployed.rows if row[1] in un_states())),
            (gettext("applications received"), review.received),
            (gettext("applications decided"), review.decided),
            (gettext("median days to a decision"), review.median_days),
        ),
        sections=(
            Section("registry", gettext("The registry"), (
                listings.by_category(year), listings.by_sdg(year), listings.by_licence_family(year),
                listings.by_region(year), deployed, listings.by_country(year, ProductCountry.Kind.DEVELOPED),
            )),
            Section("history", gettext("Growth over time"), (growth,)),
            Section("pipeline", gettext("The review pipeline"), (review_table, review.by_month, review.ineligibility)),
            Section("communities", gettext("Communities, pilots and 50-in-5"), (
                ecosystem_figures.figures(year), ecosystem_figures.pilots_by_country(year),
                ecosystem_figures.fifty_in_five_stages(year),
            )),
        ),
    )


def no_report_reason(year: int, years: list[int]) -> str:
    if not years:
        return gettext("There is no report for %(year)s: the registry has no listings or applications yet.") % {
            "year": year}
    if len(years) == 1:
        return gettext("There is no report for %(year)s: the registry has a report for %(first)s only.") % {
            "year": year, "first": years[0]}
    return gettext("There is no report for %(year)s: the registry has reports for %(first)s to %(last)s.") % {
        "year": year, "first": years[0], "last": years[-1]}
