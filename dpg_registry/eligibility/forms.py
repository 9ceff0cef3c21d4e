from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dpg_registry.eligibility import rules
from dpg_registry.eligibility.indicators import QUESTIONS
from dpg_registry.lib.pickers import SuggestionsInput
from dpg_registry.standard.licences import InvalidLicence, parse_expression
from dpg_registry.standard.models import SDG, Category
from dpg_registry.standard.selectors import current_version, licence_choices
from dpg_registry.standard.translations import translate

CODE_OF_CONDUCT = "https://github.com/DPGAlliance/.github/blob/main/CODE_OF_CONDUCT.md"


class _TranslatedLabelChoiceField(forms.ModelChoiceField):
    """Category choices labelled in the page's language (the labels are the Standard's data)."""

    def label_from_instance(self, obj) -> str:
        return translate(obj.label)


class _TranslatedSDGChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return gettext("SDG %(number)s: %(name)s") % {"number": obj.number, "name": translate(obj.name)}


class EligibilityForm(forms.Form):
    category = _TranslatedLabelChoiceField(
        label=_("Category"),
        help_text=_("What kind of product it is."),
        queryset=Category.objects.filter(is_legacy=False),
        to_field_name="key",  # keys, not database ids, in the shareable URL
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of product it is.")},
    )
    licence = forms.CharField(
        label=_("Licence"),
        max_length=500,
        help_text=_(
            "Its SPDX licence identifier or expression, for example Apache-2.0, MIT OR Apache-2.0, or CC-BY-4.0."
        ),
        error_messages={"required": _("Enter the product's SPDX licence identifier or expression.")},
        widget=SuggestionsInput(lambda: licence_choices(current_version())),
    )
    sdgs = _TranslatedSDGChoiceField(
        label=_("Sustainable Development Goals"),
        help_text=_("Tick every goal the product advances."),
        queryset=SDG.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    impact = forms.ChoiceField(
        label=_("Impact"),
        help_text=_("How the product contributes to the SDGs."),
        choices=rules.IMPACT.items(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose direct or indirect.")},
    )
    breadth = forms.ChoiceField(
        label=_("Breadth"),
        help_text=_("How many and how varied its users are."),
        choices=rules.BREADTH.items(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose high or low.")},
    )
    is_developer_tool = forms.TypedChoiceField(
        label=_("Developer tool"),
        help_text=_("Is it a library, SDK, plugin, framework, compiler or other tool mainly for programmers?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer yes or no.")},
    )
    derived_work = forms.ChoiceField(
        label=_("Derived work"),
        help_text=_("Is it built from another project's code or product?"),
        choices=rules.DERIVED_WORK.items(),
        initial="no",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether it is derived from another project.")},
    )
    pillars = forms.MultipleChoiceField(
        label=_("Distinction from the parent project"),
        help_text=_(
            "Only for derived work: tick every way in which it clearly differs from the project it comes from."
        ),
        choices=rules.PILLARS.items(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    acknowledgement = forms.BooleanField(
        label=_(
            "I confirm the product is real and relevant to the SDGs, and that an application for it would respect "
            "the code of conduct"
        ),
        help_text=format_lazy(  # forms show help texts as HTML
            _(
                "Nonsensical, malicious or irrelevant applications, and any that break the "
                '<a href="{url}">DPGA code of conduct</a>, are removed without review.'
            ),
            url=CODE_OF_CONDUCT,
        ),
        error_messages={"required": _("Tick the box to confirm the product is genuine.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:  # one short question per indicator from 3 to 9, before the confirmation
            self.fields[question.field] = forms.ChoiceField(
                label=question.label,
                help_text=question.question,
                choices=question.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )
        self.order_fields([*(name for name in self.fields if name != "acknowledgement"), "acknowledgement"])

    def clean_licence(self) -> str:
        try:
            expression, _ = parse_expression(self.cleaned_data["licence"])
        except InvalidLicence as exc:
            raise forms.ValidationError(
                gettext(
                    "Not a valid SPDX expression (%(problem)s). Use identifiers from spdx.org/licenses, "
                    "joined with AND, OR or WITH."
                )
                % {"problem": exc}
            ) from exc
        return expression

    def clean(self):
        cleaned = super().clean()
        pillars = cleaned.get("pillars") or []
        if cleaned.get("derived_work", "no") != "no":
            if not pillars:
                self.add_error("pillars", gettext("Tick what sets it apart from its parent, or “None of these”."))
            elif "none" in pillars and len(pillars) > 1:
                self.add_error("pillars", gettext("“None of these” cannot be ticked together with a pillar."))
        return cleaned

    def answers(self) -> rules.Answers:
        data = self.cleaned_data
        return rules.Answers(
            category=data["category"].key,
            licence=data["licence"],
            sdgs=tuple(sdg.number for sdg in data["sdgs"]),
            impact=data["impact"],
            breadth=data["breadth"],
            is_developer_tool=data["is_developer_tool"],
            derived_work=data["derived_work"],
            pillars=tuple(data["pillars"]),
            **{question.field: data[question.field] for question in QUESTIONS},
        )


class StartApplicationForm(forms.Form):
    """What an application needs beyond the eligibility check's answers."""

    name = forms.CharField(label=_("Product name"), max_length=200,
                           error_messages={"required": _("Give the product's name.")})
    organisation = forms.CharField(label=_("Organisation"), max_length=200,
                                   help_text=_("The organisation you apply for."),
                                   error_messages={"required": _("Give the name of the organisation you apply for.")})
