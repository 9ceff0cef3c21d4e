"""Forms of the application: the product's basics, one step per indicator, and the reviewers' forms.

The indicator step is built from the Standard's questions for the application's category, so a new
version of the Standard needs no new form.
"""

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dpg_registry.applications.answers import AnswerInput
from dpg_registry.applications.models import Application, Consultation, IndicatorDecision
from dpg_registry.applications.services.transitions import LEVEL_DECISIONS
from dpg_registry.lib.forms import joined, lines
from dpg_registry.lib.pickers import CountriesField, SuggestionsInput
from dpg_registry.standard.models import SDG, Category, Question, Sector
from dpg_registry.standard.translations import translate


def add_service_errors(form: forms.Form, errors) -> None:
    """Put the services' answer errors on the fields they name ("licenses evidence" is the evidence field)."""
    for error in errors:
        field = error.field
        if field.endswith(" evidence"):
            field = f"{field.removesuffix(' evidence')}__evidence"
        form.add_error(field if field in form.fields else None, error.message)


def errors_text(form: forms.Form) -> str:
    """A bound form's errors on one line, each naming its field by its label."""
    return "; ".join(f"{form[field].label}: {' '.join(errors)}" if field in form.fields else " ".join(errors)
                     for field, errors in form.errors.items())


class VersionedForm(forms.Form):
    """Carries the version of the application the form was read from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class NewApplicationForm(forms.Form):
    name = forms.CharField(label=_("Product name"), max_length=300)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_legacy=False), to_field_name="key",
        widget=forms.RadioSelect, empty_label=None,
    )
    organisation = forms.CharField(
        label=_("Organisation you apply for"), max_length=300,
        help_text=_("Naming it does not make you its member: the registry verifies membership through a claim "
                    "on one of its listed products."),
    )


class AboutForm(VersionedForm):
    name = forms.CharField(label=_("Product name"), max_length=300)
    description = forms.CharField(label=_("What the product does, in a few sentences"), widget=forms.Textarea(
        attrs={"rows": 4}), required=False)
    website = forms.CharField(label=_("Website"), required=False, max_length=1000)
    repository_urls = forms.CharField(label=_("Source code repositories (one address per line)"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    sectors = forms.MultipleChoiceField(label=_("Sectors"), required=False, widget=forms.CheckboxSelectMultiple)
    deployment_countries = CountriesField(label=_("Countries where it is deployed"), required=False)
    contact_name = forms.CharField(label=_("Contact person (for reviewers only, never published)"), required=False,
                                   max_length=200)
    contact_email = forms.CharField(label=_("Contact e-mail (for reviewers only, never published)"), required=False,
                                    max_length=254)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sectors = Sector.objects.values_list("name", flat=True)
        self.fields["sectors"].choices = [(name, translate(name)) for name in sectors]

    @classmethod
    def for_application(cls, application: Application, data=None):
        initial = {
            "version": application.version, "name": application.name, "description": application.description,
            "website": application.website, "repository_urls": joined(application.repository_urls),
            "sectors": application.sectors, "deployment_countries": application.deployment_countries,
            "contact_name": application.contact_name, "contact_email": application.contact_email,
        }
        return cls(data, initial=initial)


# The answers the Standard's choice questions offer, as applicants read them.
CHOICE_LABELS = {
    "yes": pgettext_lazy("answer", "Yes"),
    "no": pgettext_lazy("answer", "No"),
    "unknown": pgettext_lazy("answer", "Unknown"),
    "government": _("Government"),
    "multilateral": _("Multilateral organisation"),
    "ngo": _("Non-governmental organisation"),
    "academic": _("Academic institution"),
    "private": _("Private company"),
    "individual": _("Individual"),
    "other": _("Other"),
    "not_collected": _("Not collected"),
    "collected_not_stored": _("Collected, not stored"),
    "collected_stored_not_distributed": _("Collected and stored, not distributed"),
    "collected_stored_distributed": _("Collected, stored and distributed"),
}


def choice_label(choice: str) -> str:
    """A choice answer in the page's language (an unknown choice spelled out from its key)."""
    return CHOICE_LABELS.get(choice) or choice.replace("_", " ").capitalize()


def _value_field(question: Question, licences) -> forms.Field:
    label = translate(question.prompt)
    kind = question.answer_type
    common = {"label": label, "required": False, "help_text": translate(question.help)}
    if kind == Question.AnswerType.CHOICE:
        choices = [(choice, choice_label(choice)) for choice in question.choices]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == Question.AnswerType.SDG_LIST:
        choices = [(str(sdg.number), f"{sdg.number}. {translate(sdg.name)}") for sdg in SDG.objects.all()]
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if kind == Question.AnswerType.SPDX_EXPRESSION:
        placeholder = {"placeholder": gettext("e.g. Apache-2.0")}
        return forms.CharField(**common, widget=SuggestionsInput(licences, attrs=placeholder))
    if kind == Question.AnswerType.COUNTRY_LIST:
        return CountriesField(**common)
    if kind == Question.AnswerType.TEXT:
        return forms.CharField(**common, widget=forms.Textarea(attrs={"rows": 3}))
    common["label"] = gettext("%(question)s (one per line)") % {"question": label}
    return forms.CharField(**common, widget=forms.Textarea(attrs={"rows": 3}))


# The lists written one item per line (countries are picked from a list).
LIST_TYPES = {Question.AnswerType.TEXT_LIST, Question.AnswerType.URL_LIST}


class IndicatorForm(VersionedForm):
    """Per question: the answer, a justification, evidence addresses, and whether the answer is private.

    ``licences`` are the (SPDX id, name) pairs a licence question suggests: those the category may use."""

    def __init__(self, *args, questions: list[Question], answers: dict, licences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.filled_by_check = {key: answer.filled_by_check for key, answer in answers.items()}
        for question in questions:
            key = question.key
            answer = answers.get(key)
            self.fields[key] = _value_field(question, licences)
            self.fields[f"{key}__justification"] = forms.CharField(
                label=_("Justification"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"{key}__evidence"] = forms.CharField(
                label=_("Evidence (one web address per line) — required") if question.evidence_required
                else _("Evidence (one web address per line)"),
                required=False, widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"{key}__private"] = forms.BooleanField(
                label=_("Private: only reviewers see this answer"), required=False)
            if answer is not None and not self.is_bound:
                value = answer.value
                if question.answer_type in LIST_TYPES:
                    value = joined(value)
                elif question.answer_type == Question.AnswerType.SDG_LIST:
                    value = [str(number) for number in value or []]
                self.initial.update({
                    key: value, f"{key}__justification": answer.justification,
                    f"{key}__evidence": joined(answer.evidence_urls), f"{key}__private": answer.is_private,
                })

    def groups(self):
        """Per question: the question, its four fields, and the confidence of the check that filled it (or "")."""
        return [
            (q, self[q.key], self[f"{q.key}__justification"], self[f"{q.key}__evidence"], self[f"{q.key}__private"],
             self.filled_by_check.get(q.key, ""))
            for q in self.questions
        ]

    def answer_inputs(self) -> dict[str, AnswerInput]:
        inputs = {}
        for question in self.questions:
            key = question.key
            value = self.cleaned_data[key]
            if question.answer_type in LIST_TYPES:
                value = lines(value)
            inputs[key] = AnswerInput(
                value=value or None,
                justification=self.cleaned_data[f"{key}__justification"],
                evidence_urls=tuple(lines(self.cleaned_data[f"{key}__evidence"])),
                is_private=self.cleaned_data[f"{key}__private"],
            )
        return inputs


class ClarificationResponseForm(VersionedForm):
    response = forms.CharField(label=_("Your answer to the reviewer"), widget=forms.Textarea(attrs={"rows": 4}))


class DecisionForm(VersionedForm):
    indicator = forms.CharField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    public_reason = forms.CharField(
        label=_("Reason or question for the applicant (required to fail or to ask)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label=_("Note for the reviewers"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    expert = forms.ChoiceField(label=_("Expert to consult"), required=False)
    question = forms.CharField(label=_("Question for the expert"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, level: str, experts, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = LEVEL_DECISIONS[level]
        self.fields["decision"].choices = [
            (value, label) for value, label in IndicatorDecision.Decision.choices if value in allowed
        ]
        self.fields["expert"].choices = [("", "—")] + [(str(e.pk), e.email) for e in experts]
        self.experts = {str(e.pk): e for e in experts}


class FinishForm(VersionedForm):
    deadline = forms.DateTimeField(
        label=_("Deadline for the applicant's answers (when asking for clarifications)"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class OpinionForm(VersionedForm):
    opinion = forms.CharField(label=_("Your opinion"), widget=forms.Textarea(attrs={"rows": 4}))
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Consultation.Recommendation.choices,
                                       widget=forms.RadioSelect)


class ChallengeForm(forms.Form):
    reasons = forms.CharField(label=_("Why the product no longer meets the DPG Standard"),
                              widget=forms.Textarea(attrs={"rows": 6}))


class ResolveChallengeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), widget=forms.RadioSelect,
        choices=[("dismiss", _("Dismiss")), ("uphold", _("Uphold: reopen the product's renewal"))],
    )
    resolution = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}))


class AddEditorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))


class ReassignForm(forms.Form):
    level = forms.ChoiceField(label=_("Review"), choices=[("l1", _("L1 review")), ("l2", _("L2 review"))],
                              widget=forms.RadioSelect)
    to = forms.ChoiceField(label=_("Reviewer"))
    reason = forms.CharField(label=_("Why it is reassigned"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [("", "—")] + [(str(r.pk), r.email) for r in reviewers]
        self.reviewers = {str(r.pk): r for r in reviewers}
