"""The data-quality page's forms: its filters (GET, shareable) and a dismissal's reason (POST)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dpg_registry.registry.models import QualityFlag


class FlagFilterForm(forms.Form):
    rule = forms.ChoiceField(label=_("Rule"), required=False, choices=[("", _("Any"))] + QualityFlag.Rule.choices)
    state = forms.ChoiceField(label=_("State"), required=False, choices=QualityFlag.State.choices)


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Reason for dismissing"), max_length=1000, widget=forms.TextInput)
