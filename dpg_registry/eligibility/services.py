"""Starting an application from a favourable eligibility outcome, the check's answers carried over."""

from django.db import transaction

from dpg_registry.applications.answers import AnswerInput
from dpg_registry.applications.models import Application
from dpg_registry.applications.services.applicant import create_application, save_answers
from dpg_registry.eligibility.rules import Answers
from dpg_registry.standard.selectors import questions_for

# The Standard's question each eligibility answer gives, as (question key, value).
_SAME_ANSWER = {
    "ownership_documented": "ownership_documented",
    "closed_dependencies": "closed_dependencies",
    "documented": "documentation_available",
    "privacy_laws": "privacy_compliant",
    "open_standards": "supports_standards",
    "harm": "harm_prevention_steps",
}
_DATA_EXPORT = {
    "yes": {"uses_non_pii_data": "yes", "non_pii_extraction_available": "yes"},
    "none": {"uses_non_pii_data": "no"},
    "no": {"uses_non_pii_data": "yes", "non_pii_extraction_available": "no"},
}


def first_answers(answers: Answers) -> dict[str, object]:
    """The application's answers that the eligibility check's answers already give, by question key."""
    values = {"sdgs": sorted(answers.sdgs), "licenses": answers.licence}
    values.update({key: getattr(answers, field) for field, key in _SAME_ANSWER.items()})
    values.update(_DATA_EXPORT[answers.data_export])
    return values


def start_application(*, user, name: str, organisation_name: str, answers: Answers) -> Application:
    """A draft of ``answers.category``, with the check's answers saved as the applicant's own; all or nothing."""
    with transaction.atomic():
        application = create_application(user=user, name=name, category_key=answers.category,
                                         organisation_name=organisation_name)
        asked = {question.key for question in questions_for(application.standard_version, answers.category)}
        carried = {key: AnswerInput(value=value) for key, value in first_answers(answers).items() if key in asked}
        return save_answers(application=application, by=user, expected_version=application.version,
                            answers=carried)
