"""The console's forms: the queue's filters (GET, shareable) and the staff's changes (POST)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dpg_registry.accounts.roles import STAFF_ROLES, Role
from dpg_registry.console.models import ApplicationPriority
from dpg_registry.console.selectors import STAGES, QueueFilters, reviewers
from dpg_registry.standard.models import Category
from dpg_registry.standard.translations import translate

ROLE_CHOICES = [(role.value, role.label) for role in Role if role in STAFF_ROLES]


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or public id"), required=False, max_length=300)
    state = forms.ChoiceField(label=_("Stage"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    sdg = forms.TypedChoiceField(label=_("SDG"), required=False, coerce=int, empty_value=None,
                                 choices=[("", _("Any"))] + [(str(n), str(n)) for n in range(1, 18)])
    kind = forms.ChoiceField(label=_("New or renewal"), required=False,
                             choices=[("", _("Any")), ("new", _("New")), ("renewal", _("Renewal"))])
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    tag = forms.SlugField(label=_("Tag"), required=False, allow_unicode=True, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Any"))] + [(stage.value, stage.label) for stage in STAGES]
        self.fields["category"].choices = [("", _("Any"))] + [
            (category.key, translate(category.label)) for category in Category.objects.all()]
        self.fields["assignee"].choices = [("", _("Anyone")), ("none", _("Nobody (waiting in a queue)"))] + [
            (str(person.pk), person.email) for person in reviewers()]

    def filters(self) -> QueueFilters:
        data = self.cleaned_data
        return QueueFilters(state=data["state"], overdue=data["overdue"], category=data["category"],
                            sdg=data["sdg"], kind=data["kind"], assignee=data["assignee"], tag=data["tag"].lower(),
                            q=data["q"])


class TagForm(forms.Form):
    tag = forms.CharField(label=_("New tag"), max_length=40)


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(label=_("Priority"), coerce=int, choices=ApplicationPriority.Level.choices)


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("E-mail address or name"), required=False, max_length=200)


class ListingSearchForm(forms.Form):
    q = forms.CharField(label=_("Name of the product"), required=False, max_length=300)


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.TextInput)


class ListingForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    website = forms.CharField(label=_("Website"), required=False, max_length=1000)
    reason = forms.CharField(label=_("Reason for the change"), max_length=1000)
