"""Forms for editing the ecosystem. They check the shape of the input; the services decide the rest, and
their errors are put back on the field they name."""

from collections import Counter

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dpg_registry.ecosystem.maturity import PILLARS, Level
from dpg_registry.ecosystem.models import (
    Call,
    Collection,
    CollectionEntry,
    Community,
    Criterion,
    DpiComponent,
    Expert,
    FiftyInFiveCountry,
    FocusArea,
    Member,
    Pilot,
    Pledge,
    RoadmapActivity,
)
from dpg_registry.ecosystem.services import Rating
from dpg_registry.lib.forms import joined, lines
from dpg_registry.lib.pickers import CountryField, PickerSelect, PickerSelectMultiple
from dpg_registry.registry.models import Product

DATE = forms.DateInput(attrs={"type": "date"})
# The labels of the fields the forms take from the models, by field name.
LABELS = {
    "slug": _("Address name (letters, digits and hyphens)"), "name": _("Name"), "summary": _("Summary"),
    "position": _("Position in lists"), "priority_area": _("Priority area"), "focus": _("Focus"),
    "status": _("Status"), "organisation": _("Organisation"), "role": _("Role"), "public_name": _("Public name"),
    "name_consented_on": _("Name shown with consent given on"), "title": _("Title"),
    "description": _("Description"), "collection": _("Collection"), "programme": _("Programme"),
    "country": _("Country"), "goals": _("Goals"), "started_on": _("Started on"), "ended_on": _("Ended on"),
    "learnings": _("Learnings"), "kind": _("Type"), "website": _("Website"),
    "on_board": _("On the governance board"), "member": _("Member"), "objective": _("Strategic objective"),
    "year": _("Year"), "call": _("Call for collaborative action"), "stakeholder": _("Stakeholder"),
    "commitment": _("Commitment"), "pledged_on": _("Pledged on"), "joined_on": _("Joined on"),
    "stage": _("Stage"), "area": _("Area"), "launched_on": _("Launched on"),
}


def product_choices() -> list[tuple[str, str]]:
    """Every product as (slug, name), by name; a name two products share is followed by the slug."""
    rows = list(Product.objects.order_by("name", "slug").values_list("slug", "name"))
    shared = {name for name, count in Counter(name for _slug, name in rows).items() if count > 1}
    return [(slug, f"{name} ({slug})" if name in shared else name) for slug, name in rows]


class ProductField(forms.ChoiceField):
    """A product, picked by its name and posted as its slug (its address /registry/SLUG/)."""

    widget = PickerSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Product"))
        super().__init__(choices=lambda: [("", "—"), *product_choices()], **kwargs)

    def valid_value(self, value) -> bool:
        return True  # clean() names the slug that is no product

    def clean(self, value):
        slug = super().clean(value).strip()
        product = Product.objects.filter(slug=slug).first()
        if product is None:
            raise forms.ValidationError(gettext("no product %(slug)r in the registry") % {"slug": slug})
        return product


class ProductsField(forms.MultipleChoiceField):
    """Products, picked by their names and posted as their slugs."""

    widget = PickerSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=product_choices, **kwargs)

    def valid_value(self, value) -> bool:
        return True  # clean() names the first slug that is no product

    def clean(self, value):
        slugs = [slug.strip() for slug in super().clean(value) if slug.strip()]
        found = {product.slug: product for product in Product.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise forms.ValidationError(gettext("no product %(slug)r in the registry") % {"slug": unknown[0]})
        return [found[slug] for slug in slugs]


class EcosystemForm(forms.Form):
    """A form over some fields of a model; ``arguments`` are what the service is called with."""

    model = None
    fields_of_model: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        generated = fields_for_model(self.model, fields=[name for name in self.fields_of_model
                                                         if name not in self.fields])
        for name, field in list(generated.items()):
            field.label = LABELS[name]
            if name == "country" and isinstance(field, forms.CharField):
                generated[name] = field = CountryField(label=field.label, required=field.required)
            elif isinstance(field, forms.DateField):
                field.widget = DATE
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
        declared_elsewhere = {name: field for name, field in self.fields.items() if name not in self.fields_of_model}
        self.fields = {name: self.fields.get(name) or generated[name] for name in self.fields_of_model}
        self.fields.update(declared_elsewhere)

    @classmethod
    def initial_from(cls, instance) -> dict:
        return {name: getattr(instance, name) for name in cls.fields_of_model}

    def arguments(self) -> dict:
        return dict(self.cleaned_data)


class CommunityForm(EcosystemForm):
    model, fields_of_model = Community, ("slug", "name", "summary", "position")


class FocusAreaForm(EcosystemForm):
    model, fields_of_model = FocusArea, ("priority_area", "focus", "status", "position")


class ExpertForm(EcosystemForm):
    model, fields_of_model = Expert, ("organisation", "role", "public_name", "name_consented_on", "position")


class CriterionForm(EcosystemForm):
    model, fields_of_model = Criterion, ("title", "description", "position")


class CollectionForm(EcosystemForm):
    model, fields_of_model = Collection, ("slug", "title", "description", "position")


class EntryForm(EcosystemForm):
    model, fields_of_model = CollectionEntry, ("collection", "product", "reason", "position")
    collection = forms.ModelChoiceField(label=LABELS["collection"], queryset=Collection.objects.none(),
                                        empty_label=None)
    product = ProductField()
    reason = forms.CharField(label=_("Why it is in the collection"), widget=forms.Textarea(attrs={"rows": 3}))
    position = forms.IntegerField(label=LABELS["position"], min_value=0, initial=0)

    def __init__(self, *args, community: Community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = community.collections.all()

    @classmethod
    def initial_from(cls, entry) -> dict:
        return {"collection": entry.collection_id, "product": entry.product.slug, "reason": entry.reason,
                "position": entry.position}


class AssessmentForm(forms.Form):
    """The product and who assessed it, then per pillar: the level, the practices that apply, the evidence."""

    product = ProductField()
    assessed_by = forms.CharField(label=_("Assessed by (organisation or role, shown publicly)"), max_length=300)
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for pillar in PILLARS:
            named = {"pillar": pillar.title}
            self.fields[f"{pillar.key}__level"] = forms.ChoiceField(
                label=gettext("%(pillar)s: level") % named, choices=Level.choices, widget=forms.RadioSelect,
                help_text=pillar.question)
            self.fields[f"{pillar.key}__practices"] = forms.MultipleChoiceField(
                label=gettext("%(pillar)s: practices that apply") % named, choices=list(pillar.practices.items()),
                widget=forms.CheckboxSelectMultiple, required=False)
            self.fields[f"{pillar.key}__evidence"] = forms.CharField(
                label=gettext("%(pillar)s: context and links to public evidence") % named, required=False,
                widget=forms.Textarea(attrs={"rows": 2}))

    def pillars(self):
        return [(pillar, self[f"{pillar.key}__level"], self[f"{pillar.key}__practices"],
                 self[f"{pillar.key}__evidence"]) for pillar in PILLARS]

    @classmethod
    def initial_from(cls, assessment) -> dict:
        initial = {"product": assessment.product.slug, "assessed_by": assessment.assessed_by,
                   "assessed_on": assessment.assessed_on}
        for rating in assessment.ratings.all():
            initial.update({f"{rating.pillar}__level": rating.level, f"{rating.pillar}__practices": rating.practices,
                            f"{rating.pillar}__evidence": rating.evidence})
        return initial

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "product": data["product"], "assessed_by": data["assessed_by"], "assessed_on": data["assessed_on"],
            "ratings": {pillar.key: Rating(level=data[f"{pillar.key}__level"],
                                           practices=tuple(data[f"{pillar.key}__practices"]),
                                           evidence=data[f"{pillar.key}__evidence"]) for pillar in PILLARS},
        }


class PilotForm(EcosystemForm):
    model = Pilot
    fields_of_model = ("slug", "title", "programme", "country", "partners", "products", "goals", "status",
                       "started_on", "ended_on", "learnings", "documents")
    partners = forms.CharField(label=_("Partner organisations (one per line)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    products = ProductsField(label=_("DPGs used"), required=False)
    documents = forms.CharField(label=_("Documents (one per line: title | https://address)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))

    @classmethod
    def initial_from(cls, pilot) -> dict:
        return super().initial_from(pilot) | {
            "partners": joined(pilot.partners), "products": [p.slug for p in pilot.products.all()],
            "documents": joined(f"{d['title']} | {d['url']}" for d in pilot.documents),
        }

    def arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["partners"] = lines(data["partners"])
        data["documents"] = [dict(zip(("title", "url"), (part.strip() for part in line.rpartition("|")[::2]),
                                      strict=True)) for line in lines(data["documents"])]
        return data


class MemberForm(EcosystemForm):
    model, fields_of_model = Member, ("slug", "name", "kind", "country", "website", "on_board")
    website = forms.URLField(label=LABELS["website"], required=False, max_length=500, assume_scheme="https")


class ActivityForm(EcosystemForm):
    model, fields_of_model = RoadmapActivity, ("member", "objective", "title", "description", "year", "status")


class FiftyInFiveForm(EcosystemForm):
    model, fields_of_model = FiftyInFiveCountry, ("country", "joined_on")


class ComponentForm(EcosystemForm):
    model, fields_of_model = DpiComponent, ("country", "kind", "stage", "description", "products")
    products = ProductsField(label=_("DPGs used"), required=False)

    @classmethod
    def initial_from(cls, component) -> dict:
        return super().initial_from(component) | {
            "country": component.country_id, "products": [p.slug for p in component.products.all()]}


class CallForm(EcosystemForm):
    model, fields_of_model = Call, ("slug", "title", "area", "description", "status", "launched_on")


class PledgeForm(EcosystemForm):
    model, fields_of_model = Pledge, ("call", "stakeholder", "commitment", "pledged_on")


class FocalPointForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person's registry account"))
    organisation = forms.CharField(label=_("Organisation (shown publicly instead of the person)"), max_length=300)
