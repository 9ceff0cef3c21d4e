"""Checking answers against the Standard's questions: the shape of each value, and what is still missing."""

from dataclasses import dataclass

from django.utils.translation import gettext

from dpg_registry.lib.validation import FieldError, clean_urls
from dpg_registry.registry.countries import country_code
from dpg_registry.standard.licences import InvalidLicence, parse_expression, unapproved_ids
from dpg_registry.standard.models import Question


@dataclass
class AnswerInput:
    value: object
    justification: str = ""
    evidence_urls: tuple[str, ...] = ()
    is_private: bool = False


def is_empty(value) -> bool:
    return value is None or value == "" or value == []


def clean_value(question: Question, value, approved_licences: set[str]):
    """The value in its stored form; raises ``FieldError`` naming the question when it has the wrong shape."""
    field = question.key
    if is_empty(value):
        return None
    kind = question.answer_type
    if kind == Question.AnswerType.CHOICE:
        if value not in question.choices:
            raise FieldError(field, gettext("choose one of %(choices)s") % {"choices": ", ".join(question.choices)})
        return value
    if kind == Question.AnswerType.TEXT:
        return str(value).strip() or None
    if kind == Question.AnswerType.TEXT_LIST:
        return [str(item).strip() for item in value if str(item).strip()] or None
    if kind == Question.AnswerType.URL_LIST:
        return clean_urls(value, field) or None
    if kind == Question.AnswerType.SDG_LIST:
        try:
            numbers = sorted({int(number) for number in value})
        except (TypeError, ValueError):
            raise FieldError(field, gettext("SDGs are numbers from 1 to 17")) from None
        if any(not 1 <= number <= 17 for number in numbers):
            raise FieldError(field, gettext("SDGs are numbers from 1 to 17"))
        return numbers
    if kind == Question.AnswerType.COUNTRY_LIST:
        codes = []
        for name in value:
            code = country_code(str(name))
            if not code:
                raise FieldError(field, gettext("%(name)s is not a country this registry knows (use a name or ISO "
                                                 "code)") % {"name": repr(name)})
            codes.append(code)
        return codes
    if kind == Question.AnswerType.SPDX_EXPRESSION:
        try:
            expression, _ = parse_expression(str(value))
        except InvalidLicence as error:
            message = gettext("not a valid SPDX licence expression: %(error)s") % {"error": error}
            raise FieldError(field, message) from None
        blocking = unapproved_ids(expression, approved_licences)
        if blocking:
            raise FieldError(field, gettext("not approved for this category: %(licences)s")
                              % {"licences": ", ".join(blocking)})
        return expression
    raise AssertionError(f"unknown answer type {kind}")


def missing_parts(question: Question, answer) -> list[str]:
    """What a question still needs before the application can be submitted."""
    if answer is None or is_empty(answer.value):
        return [gettext("an answer")] if question.required else []
    needs = []
    if question.evidence_required and question.answer_type != Question.AnswerType.URL_LIST and not answer.evidence_urls:
        needs.append(gettext("evidence (at least one web address)"))
    return needs
