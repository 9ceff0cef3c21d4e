"""A year's State of the Ecosystem report: every figure, computed from the database into plain values.

Everything is read as of the end of the year, so the same data always gives the same report; the only thing
the clock decides is whether the year is over yet.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Min

from dpg_registry.applications.models import Application
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
    _, listed, new, _ = growth.rows[-1]
    review_table = Table(
        "review", "The review in figures",
        "Applications first submitted, and decided, during the year; days from first submission to decision",
        ("Figure", "Number"),
        (
            ("Applications received", review.received),
            ("of which renewals of a listing", review.renewals_received),
            ("Applications decided", review.decided),
            ("Decided: listed as a DPG", review.listed),
            ("Decided: found ineligible", review.ineligible),
            ("Listings renewed", review.renewed),
            ("Listings expired", review.expired),
            ("Median days to a decision", review.median_days),
            ("90th percentile of days to a decision", review.p90_days),
        ),
        "",
    )
    return Report(
        year=year,
        complete=year < today.year,
        headline=(
            ("DPGs listed at the end of the year", listed),
            ("newly listed during the year", new),
            ("countries with a DPG deployed", len(deployed.rows)),
            ("applications received", review.received),
            ("applications decided", review.decided),
            ("median days to a decision", review.median_days),
        ),
        sections=(
            Section("registry", "The registry", (
                listings.by_category(year), listings.by_sdg(year), listings.by_licence_family(year),
                listings.by_region(year), deployed, listings.by_country(year, ProductCountry.Kind.DEVELOPED),
            )),
            Section("history", "Growth over time", (growth,)),
            Section("pipeline", "The review pipeline", (review_table, review.by_month, review.ineligibility)),
            Section("communities", "Communities, pilots and 50-in-5", (
                ecosystem_figures.figures(year), ecosystem_figures.pilots_by_country(year),
                ecosystem_figures.fifty_in_five_stages(year),
            )),
        ),
    )


def no_report_reason(year: int, years: list[int]) -> str:
    if not years:
        return f"There is no report for {year}: the registry has no listings or applications yet."
    span = str(years[0]) if len(years) == 1 else f"{years[0]} to {years[-1]}"
    return f"There is no report for {year}: the registry has reports for {span}."
