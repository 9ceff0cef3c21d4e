"""What a decision does to the public registry: list the reviewed product, or take it out of the list."""

from datetime import date, timedelta

from django.conf import settings

from dpg_registry.applications.models import Application
from dpg_registry.applications.public_part import public_answers
from dpg_registry.registry import services as registry_services
from dpg_registry.registry.countries import country_name
from dpg_registry.registry.models import Product
from dpg_registry.registry.records import (
    Answer,
    CountryRef,
    LicenceStatement,
    OrganisationRole,
    ReviewedProduct,
    SDGLink,
    SourceRef,
)

SOURCE_FORMAT = "application"
MAPPING_VERSION = 1


def publish(application: Application, *, decided_on: date) -> Product:
    """List ``application``'s product as a DPG until ``DPG_LISTING_DAYS`` after the decision.

    The listing is built from the public answers only (``public_part``): a private licence answer leaves the
    listing without that licence statement, private SDGs without goals, a private owner without an owner.
    """
    answers = public_answers(application)

    def value(key, default=None):
        answer = answers.get(key)
        return default if answer is None or answer.value is None else answer.value

    def evidence(key) -> list[str]:
        answer = answers.get(key)
        return list(answer.evidence_urls) if answer else []

    licences = [
        LicenceStatement(value(key), evidence_urls)
        for key, evidence_urls in (("licenses", value("license_evidence_urls", [])),
                                   ("model_license", evidence("model_license")))
        if value(key)
    ]
    reviewed = ReviewedProduct(
        name=application.name,
        description=application.description,
        website=application.website,
        categories=[application.category.key],
        sectors=list(application.sectors),
        licences=licences,
        sdgs=[SDGLink(number, evidence_urls=evidence("sdg_relevance")) for number in value("sdgs", [])],
        sdg_relevance=value("sdg_relevance", ""),
        repositories=[(url.rstrip("/").rsplit("/", 1)[-1], url) for url in application.repository_urls],
        owner=OrganisationRole(value("owner_name"), "owner") if value("owner_name") else None,
        deployed_in=[CountryRef(country_name(code), code) for code in application.deployment_countries],
        # The forms save a question left blank as an answer without a value; the listing has only given answers.
        answers=[Answer(a.indicator_code, a.question_key, a.value) for a in answers.values() if a.value is not None],
        sources=[SourceRef(SOURCE_FORMAT, application.public_id, _snapshot(application, answers.values()),
                           MAPPING_VERSION)],
        standard_version_id=application.standard_version_id,
        decided_on=decided_on,
        expires_on=decided_on + timedelta(days=settings.DPG_LISTING_DAYS),
    )
    return registry_services.publish_reviewed(product=application.product, reviewed=reviewed)


def _snapshot(application: Application, answers) -> dict:
    return {
        "application": application.public_id,
        "standard": application.standard_version.version,
        "answers": {
            answer.question_key: {
                "value": answer.value,
                "justification": answer.justification,
                "evidence_urls": answer.evidence_urls,
            }
            for answer in answers
        },
    }


def withdraw_listing(product: Product, *, status: str, reason: str, on: date) -> None:
    registry_services.change_status(product=product, status=status, reason=reason, on=on)
