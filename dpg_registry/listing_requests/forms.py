"""The owner's forms (a change, with the listing's values filled in; delisting) and the staff's decision forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dpg_registry.lib.forms import joined, lines
from dpg_registry.listing_requests.fields import LABELS, LISTS, as_lines


def _list_field(label) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("One per line."))


class ChangeForm(forms.Form):
    description = forms.CharField(label=LABELS["description"], required=False,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    website = forms.CharField(label=LABELS["website"], required=False, max_length=1000)
    repositories = _list_field(LABELS["repositories"])
    deployment_countries = _list_field(LABELS["deployment_countries"])
    deployment_organisations = _list_field(LABELS["deployment_organisations"])
    reason = forms.CharField(label=_("Why the listing should change"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The reviewers read it; it is kept in the audit trail."))

    @classmethod
    def for_listing(cls, values: dict, data=None):
        """The form filled in with the listing's values (``registry.selectors.listing_fields``)."""
        initial = {field: joined(as_lines(field, values[field])) if field in LISTS else values[field]
                   for field in LABELS}
        return cls(data, initial=initial)

    def proposal(self) -> dict:
        data = self.cleaned_data
        return {field: lines(data[field]) if field in LISTS else data[field] for field in LABELS}


class DelistingForm(forms.Form):
    reason = forms.CharField(label=_("Why it should leave the list"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The staff read it; it is kept in the audit trail and never published."))


class ChangeDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("approve", _("Approve the change")), ("refuse", _("Refuse it"))])
    reason = forms.CharField(label=_("Reason, for the owner"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class DelistingDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("confirm", _("Delist the product")), ("decline", _("Decline"))])
    reason = forms.CharField(label=_("Reason, for the owner"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 2}))
