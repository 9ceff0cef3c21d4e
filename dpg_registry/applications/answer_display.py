"""Answers as a person reads them: choices in words, lists as lists, links as links, countries, SDGs and
licences by name, and the Standard's question text in the page's language. Never a stored value's
Python spelling nor a question's internal key."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from dpg_registry.applications.forms import choice_label
from dpg_registry.lib.names import country_name
from dpg_registry.lib.validation import is_web_address
from dpg_registry.standard.errors import InvalidLicence
from dpg_registry.standard.licences import licence_info, parse_expression
from dpg_registry.standard.models import SDG, Question
from dpg_registry.standard.translations import translate

T = Question.AnswerType


def question_text(question: Question | None) -> str:
    """The question as the Standard words it, in the page's language."""
    return translate(question.prompt) if question is not None else gettext("A question no longer in the Standard")


def _licence_names(expression: str) -> list[str]:
    try:
        _, ids = parse_expression(expression)
    except InvalidLicence:
        return [expression]
    return [f"{licence_info(spdx_id).name} ({spdx_id})" for spdx_id in ids]


def items(question: Question | None, value) -> list[str]:
    """The answer's parts as text, one per list item (an empty list when nothing is answered)."""
    if value is None or value == "" or value == []:
        return []
    kind = question.answer_type if question is not None else None
    if kind == T.CHOICE and isinstance(value, str):
        return [str(choice_label(value))]
    if kind == T.COUNTRY_LIST:
        return [country_name(str(code)) for code in value]
    if kind == T.SDG_LIST:
        names = dict(SDG.objects.values_list("number", "name"))
        return [gettext("SDG %(number)s: %(name)s") % {"number": number, "name": translate(names.get(number, ""))}
                for number in value]
    if kind == T.SPDX_EXPRESSION and isinstance(value, str):
        return _licence_names(value)
    if isinstance(value, bool):
        return [str(choice_label("yes" if value else "no"))]
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def _item_html(text: str) -> SafeString:
    if is_web_address(text):
        return format_html('<a href="{}" rel="nofollow">{}</a>', text, text)
    return format_html("{}", text)


def as_html(question: Question | None, value) -> SafeString:
    """The answer as HTML: one item as it is, several as a list, nothing answered said in words."""
    parts = items(question, value)
    if not parts:
        return format_html('<span class="meta">{}</span>', gettext("Not answered"))
    if len(parts) == 1 and not (question is not None and question.answer_type in (T.TEXT_LIST, T.URL_LIST)):
        return _item_html(parts[0])
    return format_html('<ul class="answer-list">{}</ul>', format_html_join("", "<li>{}</li>", (
        (_item_html(part),) for part in parts)))
