"""A registry with a known history: applications submitted, decided, renewed and expired on given days."""

from datetime import UTC, datetime

import time_machine

from dpg_registry.applications.services import applicant, clock
from dpg_registry.applications.services.review import finish_review, pull_next
from tests.applications.test_journey import review_all
from tests.factories import fill


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC)


def apply(people, name: str, submitted: str):
    """A complete application for ``name``, submitted on the day ``submitted``."""
    with time_machine.travel(at(submitted), tick=False):
        application = applicant.create_application(user=people["applicant"], name=name, category_key="software",
                                                  organisation_name=f"{name} Foundation")
        application = fill(application, people["applicant"])
        return applicant.submit(application=application, by=people["applicant"])


def review(people, day: str, deadline: str | None = None, **l2_decisions):
    """The oldest application waiting for review goes through L1 and L2 on ``day``."""
    with time_machine.travel(at(day), tick=False):
        for level in ("l1", "l2"):
            application = pull_next(reviewer=people[level], level=level)
            application = review_all(application, people[level], level, **(l2_decisions if level == "l2" else {}))
            application = finish_review(application=application, by=people[level], level=level,
                                                 expected_version=application.version,
                                                 deadline=deadline and at(deadline))
    return application


def fail(reason: str) -> tuple:
    return ("fail", {"public_reason": reason})


def build(people) -> dict:
    """The history the 2024 report is checked against (see test_pipeline for what it should say)."""
    apply(people, "Beacon", "2023-05-01")
    beacon = review(people, "2023-06-01")  # listed in 2023, expires on 2024-05-31
    apply(people, "Atlas", "2024-01-02")
    atlas = review(people, "2024-01-12")  # 10 days
    apply(people, "Cedar", "2024-02-01")
    review(people, "2024-02-21", **{"2": fail("The licence is not an approved one."),
                                    "5": fail("There is no user documentation.")})  # 20 days
    apply(people, "Delta", "2024-03-01")
    review(people, "2024-03-11", deadline="2024-03-25",
           **{"3": ("clarification", {"public_reason": "Who owns the code?"})})
    with time_machine.travel(at("2024-03-26"), tick=False):
        clock.close_missed_deadlines()  # ineligible after 25 days
    with time_machine.travel(at("2024-06-02"), tick=False):
        clock.expire_listings()  # Beacon leaves the list
    with time_machine.travel(at("2024-11-15"), tick=False):
        clock.open_renewals()  # Atlas expires on 2025-01-11
    renewal = atlas.renewals.get()
    with time_machine.travel(at("2024-11-20"), tick=False):
        applicant.submit(application=renewal, by=people["applicant"])
    review(people, "2024-12-01")  # the renewal: 11 days
    apply(people, "Fennel", "2024-12-20")
    apply(people, "Elm", "2024-12-30")
    review(people, "2025-01-05")  # Fennel, decided the next year
    return {"beacon": beacon, "atlas": atlas}
