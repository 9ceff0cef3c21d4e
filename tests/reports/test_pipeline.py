"""The report's figures for a registry whose history the test wrote, day by day, through the services."""

from datetime import date

import pytest

from dpg_registry.reports.pipeline import MISSED_DEADLINE
from dpg_registry.reports.report import available_years, build_report
from tests.reports import scenario

TODAY = date(2026, 3, 1)


@pytest.fixture
def history(people):
    return scenario.build(people)


def figures(table) -> dict:
    return {row[0]: row[1:] if len(row) > 2 else row[1] for row in table.rows}


def test_the_review_of_2024_in_figures(history):
    report = build_report(2024, today=TODAY)
    review = figures(report.table("review"))
    assert review == {
        "Applications received": 6,  # Atlas, Cedar, Delta, Atlas's renewal, Fennel, Elm
        "of which renewals of a listing": 1,
        "Applications decided": 4,  # Atlas, Cedar, Delta, the renewal; Beacon in 2023, Fennel in 2025
        "Decided: listed as a DPG": 2,
        "Decided: found ineligible": 2,
        "Listings renewed": 1,
        "Listings expired": 1,  # Beacon
        "Median days to a decision": 15.5,  # of 10, 11, 20 and 25 days
        "90th percentile of days to a decision": 25.0,
    }
    months = figures(report.table("applications-by-month"))
    assert months["Jan"] == (1, 1) and months["Feb"] == (1, 1) and months["Mar"] == (1, 1)
    assert months["Nov"] == (1, 0) and months["Dec"] == (2, 1) and months["Jun"] == (0, 0)
    assert figures(report.table("ineligibility")) == {
        "Indicator 2: Approved open licence": 1,
        "Indicator 5: Documentation": 1,
        MISSED_DEADLINE: 1,
    }


def test_what_was_listed_at_the_end_of_each_year(history):
    report = build_report(2024, today=TODAY)
    # Beacon, then Atlas: both dated by their review, none by an import
    assert figures(report.table("growth")) == {2023: (1, 1, 0, 0), 2024: (1, 1, 0, 1)}
    assert figures(report.table("categories")) == {"Open Software": 1}
    assert figures(report.table("sdgs"))["3. Good health and well-being"] == 1
    assert figures(report.table("licence-families"))["Permissive"] == 1
    assert figures(report.table("regions"))["Africa"] == 1
    assert figures(report.table("deployed-in")) == {"Kenya": ("KE", 1)}
    headline = dict(report.headline)
    assert headline["DPGs listed at the end of the year"] == 1 and headline["median days to a decision"] == 15.5

    earlier = build_report(2023, today=TODAY)
    assert figures(earlier.table("review"))["Applications decided"] == 1
    assert figures(earlier.table("growth")) == {2023: (1, 1, 0, 0)}


def test_reports_exist_from_the_first_application_to_this_year(history):
    assert available_years(TODAY) == [2023, 2024, 2025, 2026]
    assert build_report(2022, today=TODAY) is None
    assert build_report(2027, today=TODAY) is None
    assert build_report(2024, today=TODAY).complete and not build_report(2026, today=TODAY).complete


def test_the_same_data_gives_the_same_report(history):
    assert build_report(2024, today=TODAY) == build_report(2024, today=TODAY)
