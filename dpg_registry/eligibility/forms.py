from django import forms
from django.utils.safestring import mark_safe

from dpg_registry.eligibility import rules
from dpg_registry.standard.licences import InvalidLicence, parse_expression
from dpg_registry.standard.models import SDG, Category

CODE_OF_CONDUCT = "https://github.com/DPGAlliance/.github/blob/main/CODE_OF_CONDUCT.md"


class EligibilityForm(forms.Form):
    category = forms.ModelChoiceField(
        label="Category",
        help_text="What kind of product it is.",
        queryset=Category.objects.filter(is_legacy=False),
        to_field_name="key",  # keys, not database ids, in the shareable URL
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of product it is."},
    )
    licence = forms.CharField(
        label="Licence",
        max_length=500,
        help_text="Its SPDX licence identifier or expression, for example Apache-2.0, MIT OR Apache-2.0, or CC-BY-4.0.",
        error_messages={"required": "Enter the product's SPDX licence identifier or expression."},
    )
    sdgs = forms.ModelMultipleChoiceField(
        label="Sustainable Development Goals",
        help_text="Tick every goal the product advances.",
        queryset=SDG.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    impact = forms.ChoiceField(
        label="Impact",
        help_text="How the product contributes to the SDGs.",
        choices=rules.IMPACT.items(),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose direct or indirect."},
    )
    breadth = forms.ChoiceField(
        label="Breadth",
        help_text="How many and how varied its users are.",
        choices=rules.BREADTH.items(),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose high or low."},
    )
    is_developer_tool = forms.TypedChoiceField(
        label="Developer tool",
        help_text="Is it a library, SDK, plugin, framework, compiler or other tool mainly for programmers?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Answer yes or no."},
    )
    derived_work = forms.ChoiceField(
        label="Derived work",
        help_text="Is it built from another project's code or product?",
        choices=rules.DERIVED_WORK.items(),
        initial="no",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether it is derived from another project."},
    )
    pillars = forms.MultipleChoiceField(
        label="Distinction from the parent project",
        help_text="Only for derived work: tick every way in which it clearly differs from the project it comes from.",
        choices=rules.PILLARS.items(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    acknowledgement = forms.BooleanField(
        label="I confirm the product is real and relevant to the SDGs, and that an application for it would respect "
        "the code of conduct",
        help_text=mark_safe(
            "Nonsensical, malicious or irrelevant applications, and any that break the "
            f'<a href="{CODE_OF_CONDUCT}">DPGA code of conduct</a>, are removed without review.'
        ),
        error_messages={"required": "Tick the box to confirm the product is genuine."},
    )

    def clean_licence(self) -> str:
        try:
            expression, _ = parse_expression(self.cleaned_data["licence"])
        except InvalidLicence as exc:
            raise forms.ValidationError(
                f"Not a valid SPDX expression ({exc}). Use identifiers from spdx.org/licenses, "
                "joined with AND, OR or WITH."
            ) from exc
        return expression

    def clean(self):
        cleaned = super().clean()
        pillars = cleaned.get("pillars") or []
        if cleaned.get("derived_work", "no") != "no":
            if not pillars:
                self.add_error("pillars", "Tick what sets it apart from its parent, or “None of these”.")
            elif "none" in pillars and len(pillars) > 1:
                self.add_error("pillars", "“None of these” cannot be ticked together with a pillar.")
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
        )
