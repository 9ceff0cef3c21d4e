from django import forms
from django.utils.translation import gettext_lazy as _

from dpg_registry.ownership.models import Claim


class ClaimForm(forms.Form):
    method = forms.ChoiceField(label=_("How you prove it"), widget=forms.RadioSelect, choices=Claim.Method.choices)
    email = forms.EmailField(label=_("Your address at the organisation's web domain"), required=False,
                             help_text=_("Only for the e-mail way; it stays private."))
    statement = forms.CharField(label=_("Who you are and how you speak for the organisation"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                                help_text=_("Only for the staff's decision."))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class MemberSearchForm(forms.Form):
    email = forms.EmailField(label=_("The person's e-mail address"))
    organisation = forms.CharField(label=_("The organisation's name, or part of it"), max_length=300)


class MembershipDecisionForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput)
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("verify", _("Verify")), ("refuse", _("Refuse"))])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
