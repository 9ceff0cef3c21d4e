"""The whole review through the services, as reviewers and applicants meet it."""

import pytest
from django.core import mail

from dpg_registry.applications.models import Application, IndicatorDecision
from dpg_registry.applications.selectors import indicator_codes
from dpg_registry.applications.services import applicant, review
from dpg_registry.registry.models import Product
from tests.factories import run_tasks
from tests.ownership.owners import make_owner

S = Application.State


def review_all(application, reviewer, level, **overrides):
    for code in indicator_codes(application):
        decision = overrides.get(code, ("pass", {}))
        application = review.decide_indicator(
            application=application, by=reviewer, level=level, indicator_code=code, decision=decision[0],
            expected_version=application.version, **decision[1],
        )
    return application


@pytest.mark.django_db(transaction=True)
def test_application_goes_from_draft_to_listed_dpg(people, draft):
    application = applicant.submit(application=draft, by=people["applicant"])
    assert application.state == S.SUBMITTED
    run_tasks()
    assert any("received" in message.subject for message in mail.outbox)

    application = review.pull_next(reviewer=people["l1"], level="l1")
    assert application.state == S.L1_REVIEW and application.l1_reviewer == people["l1"]
    application = review_all(application, people["l1"], "l1")
    application = review.finish_review(application=application, by=people["l1"], level="l1",
                                         expected_version=application.version)
    assert application.state == S.L2_REVIEW

    application = review.pull_next(reviewer=people["l2"], level="l2")
    application = review_all(application, people["l2"], "l2", **{
        "3": ("clarification", {"public_reason": "Who holds the copyright of the mobile app?"}),
        "9a": ("consult", {"expert": people["expert"], "question": "Is storing visit notes on phones safe?"}),
    })
    application = review.finish_review(application=application, by=people["l2"], level="l2",
                                         expected_version=application.version)
    assert application.state == S.EXPERT_CONSULTATION
    consultation = application.consultations.get()
    application = review.give_opinion(consultation=consultation, by=people["expert"],
                                        opinion="Encrypted at rest; acceptable.", recommendation="pass")
    assert application.state == S.L2_REVIEW
    application = review.decide_indicator(application=application, by=people["l2"], level="l2",
                                            indicator_code="9a", decision="pass",
                                            expected_version=application.version)
    application = review.finish_review(application=application, by=people["l2"], level="l2",
                                         expected_version=application.version)
    assert application.state == S.CLARIFICATION_REQUESTED
    clarification = application.clarifications.get()
    application = applicant.respond_to_clarification(clarification=clarification, by=people["applicant"],
                                                    response="The foundation holds it; see the CLA.")
    assert application.state == S.L2_REVIEW
    assert IndicatorDecision.objects.get(application=application, level="l2", indicator_code="3").decision == "pending"
    application = review.decide_indicator(application=application, by=people["l2"], level="l2",
                                            indicator_code="3", decision="pass",
                                            expected_version=application.version)
    application = review.finish_review(application=application, by=people["l2"], level="l2",
                                         expected_version=application.version)
    assert application.state == S.DPG
    product = Product.objects.get(pk=application.product_id)
    assert product.status == "dpg" and product.name == "Open Clinic"
    assert (product.expires_on - product.listed_since).days == 365
    assert product.countries.filter(kind="deployed", code="KE").exists()
    assert list(product.licences.values_list("spdx_id", flat=True)) == ["Apache-2.0"]


@pytest.mark.django_db
def test_renewing_an_imported_product_starts_from_its_record(registry):
    from tests.factories import make_user

    owner = make_user("owner@dhis2.example")
    product = Product.objects.get(slug="dhis2")
    make_owner(product, owner, by=make_user("ada@review.example", "admin"))
    application = applicant.create_application(user=owner, name=product.name, category_key="software",
                                              organisation_name="HISP Centre", renewal_of=product)
    copied = {answer.question_key: answer.value for answer in application.answers.all()}
    imported = {answer.question_key: answer.value for answer in product.indicator_answers.all()}
    # Addresses are copied only if they are web addresses: dhis2's record has a sentence among its links.
    assert "Some information is available here:" in imported["standards_evidence_urls"]
    imported["standards_evidence_urls"].remove("Some information is available here:")
    assert copied and all(imported[key] == value for key, value in copied.items())
    assert application.repository_urls == list(product.repositories.values_list("url", flat=True))
    assert application.product == product and application.state == S.DRAFT
