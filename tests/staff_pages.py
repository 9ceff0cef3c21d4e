"""Every page staff see, over a review in progress and a console with data: the scene the staff pages' language,
readability and accessibility tests share."""

from datetime import timedelta

from django.utils import timezone

from dpg_registry.accounts.services import verify_membership
from dpg_registry.applications.models import Application, RepositoryCheck
from dpg_registry.applications.selectors import indicator_codes
from dpg_registry.applications.services import applicant, challenges, review
from dpg_registry.console import services as console
from tests.applications.test_journey import review_all
from tests.ecosystem.conftest import make_product
from tests.factories import SOFTWARE_ANSWERS, fill, make_user


def _check(application: Application) -> None:
    now = timezone.now()
    RepositoryCheck.objects.create(
        application=application,
        target="https://example.org/clinic/code",
        status="done",
        requested_at=now,
        finished_at=now,
        commit="0123456789abcdef",
        report={
            "main_license": "Apache-2.0",
            "findings": [
                {
                    "indicator": "2",
                    "status": "met",
                    "confidence": "high",
                    "question_key": "licenses",
                    "explanation": "The LICENSE file holds the Apache License 2.0 text.",
                    "evidence": [{"path": "LICENSE", "line": 1}],
                    "value": "Apache-2.0",
                }
            ],
        },
    )


def _through_l1(people, application: Application) -> Application:
    application = applicant.submit(application=application, by=people["applicant"])
    application = review.pull_next(reviewer=people["l1"], level="l1")
    application = review_all(application, people["l1"], "l1")
    return review.finish_review(
        application=application, by=people["l1"], level="l1", expected_version=application.version
    )


def _new(people, name: str) -> Application:
    draft = applicant.create_application(
        user=people["applicant"], name=name, category_key="software", organisation_name=f"{name} Foundation"
    )
    return fill(draft, people["applicant"], {**SOFTWARE_ANSWERS, "sdgs": [2]})


def build(people, draft) -> dict:
    """Open Clinic waits for an expert's opinion (asked by L2, who also has a question for the applicant), School
    Meals waits for the applicant's clarification, Farm Ledger is in L1 review, Water Map is submitted; a listed
    product is challenged and was corrected by an admin; a role was granted; Kim, an L2 reviewer, has a conflict
    of interest with Open Clinic."""
    _check(draft)
    clinic = _through_l1(people, draft)
    codes = indicator_codes(clinic)
    clinic = review.pull_next(reviewer=people["l2"], level="l2")
    clinic = review_all(
        clinic,
        people["l2"],
        "l2",
        **{
            codes[0]: ("consult", {"expert": people["expert"], "question": "Do the visit records serve target 3.8?"}),
            codes[1]: ("clarification", {"public_reason": "Which file holds the licence?"}),
        },
    )
    clinic = review.finish_review(application=clinic, by=people["l2"], level="l2", expected_version=clinic.version)

    meals = _through_l1(people, _new(people, "School Meals"))
    meals = review.pull_next(reviewer=people["l2"], level="l2")
    meals = review_all(
        meals,
        people["l2"],
        "l2",
        **{codes[1]: ("clarification", {"public_reason": "Who holds the copyright of the mobile app?"})},
    )
    meals = review.finish_review(
        application=meals,
        by=people["l2"],
        level="l2",
        expected_version=meals.version,
        deadline=timezone.now() + timedelta(days=10),
    )

    farm = applicant.submit(application=_new(people, "Farm Ledger"), by=people["applicant"])
    farm = review.pull_next(reviewer=people["l1"], level="l1")
    water = applicant.submit(application=_new(people, "Water Map"), by=people["applicant"])
    console.add_tag(application=clinic, name="security", by=people["l2"])
    console.set_priority(application=farm, level=3, by=people["admin"])

    product = make_product("aam-digital", "Aam Digtal")
    console.edit_listing(
        product=product,
        name="Aam Digital",
        description="Case management for social work.",
        website="https://www.aam-digital.com",
        reason="Typo in the name.",
        by=people["admin"],
    )
    challenges.raise_challenge(product=product, by=people["stranger"], reasons="The code is no longer published.")
    console.grant_role(
        user=people["stranger"], role="expert", reason="Joins the experts on health.", by=people["admin"]
    )
    kim = make_user("kim@review.example", "l2")
    verify_membership(
        user=kim, organisation=clinic.organisation, by=people["admin"], role="admin", reason="Works at the foundation."
    )
    return {"clinic": clinic, "meals": meals, "farm": farm, "water": water, "product": product, "kim": kim}


def pages(people, scene: dict) -> list[tuple[str, object, str, int]]:
    """(what, who, path, status) for every staff page of the scene."""
    clinic, meals, farm = scene["clinic"].public_id, scene["meals"].public_id, scene["farm"].public_id
    return [
        ("the review home of L1", people["l1"], "/review/", 200),
        ("the review home of L2", people["l2"], "/review/", 200),
        ("the review home of an expert", people["expert"], "/review/", 200),
        ("the review home of an admin", people["admin"], "/review/", 200),
        ("the dashboard", people["admin"], "/review/dashboard/", 200),
        ("the L1 workbench with its decision forms", people["l1"], f"/review/{farm}/", 200),
        ("an application waiting for an expert, for L2", people["l2"], f"/review/{clinic}/", 200),
        ("the expert's opinion form", people["expert"], f"/review/{clinic}/", 200),
        ("an application waiting for a clarification, for an admin", people["admin"], f"/review/{meals}/", 200),
        ("the conflict of interest page", scene["kim"], f"/review/{clinic}/", 403),
        ("the console's queue", people["l2"], "/console/queue/", 200),
        ("the console's queue with a bad filter", people["admin"], "/console/queue/?sdg=99&state=l1_review", 200),
        ("the console's people", people["admin"], "/console/people/", 200),
        ("the console's search for people", people["admin"], "/console/people/?q=lena", 200),
        ("a person in the console", people["admin"], f"/console/people/{people['stranger'].pk}/", 200),
        ("the console's listings", people["admin"], "/console/listings/?q=aam", 200),
        ("a listing's edit page", people["admin"], f"/console/listings/{scene['product'].slug}/", 200),
    ]
