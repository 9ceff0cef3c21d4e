"""The ecosystem around the registry: Communities of Practice and what they curate and assess, pathfinder
pilots, the Alliance's members and roadmap, the 50-in-5 campaign and calls for collaborative action.

People are private: experts and focal points are shown by organisation and role; an expert's name is shown
only when the expert agreed to show it. No e-mail address is stored here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dpg_registry.ecosystem.maturity import PILLARS, Level
from dpg_registry.registry.countries import country_name
from dpg_registry.registry.models import Product


class Community(models.Model):
    """A Community of Practice: experts who find, assess and advance DPGs for one or more focus areas."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.name


class FocusArea(models.Model):
    class Status(models.TextChoices):
        COMPLETE = "complete", _("Complete")
        IN_PROGRESS = "in_progress", _("In progress")
        COMING_SOON = "coming_soon", _("Coming soon")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="focus_areas")
    priority_area = models.CharField(max_length=200)
    focus = models.CharField(max_length=200, blank=True, help_text=_("Blank while the community has not decided it."))
    status = models.CharField(max_length=12, choices=Status.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["community", "position", "id"]


class Expert(models.Model):
    """A member of a community, shown by organisation and role; by name only with their consent."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="experts")
    organisation = models.CharField(max_length=300)
    role = models.CharField(max_length=200, help_text=_("For example 'implementer' or 'health information systems'."))
    public_name = models.CharField(max_length=200, blank=True, help_text=_("Shown only when the expert consented."))
    name_consented_on = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["community", "position", "id"]

    @property
    def shown_name(self) -> str:
        return self.public_name if self.name_consented_on else ""


class Criterion(models.Model):
    """A sector-specific assessment criterion a community applies on top of the DPG Standard."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["community", "position", "id"]
        verbose_name_plural = "criteria"


class Collection(models.Model):
    """DPGs a community recommends for a need, each with the reason it is in."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="collections")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["community", "position", "title"]
        constraints = [models.UniqueConstraint(fields=["community", "slug"], name="collection_slug_unique")]

    def __str__(self) -> str:
        return self.title


class CollectionEntry(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="entries")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="collection_entries")
    reason = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["collection", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["collection", "product"], name="collection_entry_unique")]
        verbose_name_plural = "collection entries"


class MaturityAssessment(models.Model):
    """A community's assessment of one product on the seven pillars. One per product and community;
    earlier versions stay in the audit trail."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="assessments")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="maturity_assessments")
    assessed_by = models.CharField(max_length=300, help_text=_("The assessing organisation or role, shown publicly."))
    assessed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", help_text=_("Private: the account that recorded it."))

    class Meta:
        ordering = ["community", "product__sort_name"]
        constraints = [models.UniqueConstraint(fields=["community", "product"], name="assessment_unique")]


class PillarRating(models.Model):
    assessment = models.ForeignKey(MaturityAssessment, on_delete=models.CASCADE, related_name="ratings")
    pillar = models.CharField(max_length=20, choices=[(pillar.key, pillar.title) for pillar in PILLARS])
    level = models.CharField(max_length=6, choices=Level.choices)
    practices = models.JSONField(default=list, blank=True, help_text=_("Keys of the pillar's practices that apply."))
    evidence = models.TextField(blank=True, help_text=_("Context and links to public evidence."))
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["assessment", "position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "pillar"], name="pillar_rating_unique")]


class Pilot(models.Model):
    """A pathfinder pilot: a country trying DPGs with partners, and what it learnt."""

    class Status(models.TextChoices):
        ANNOUNCED = "announced", _("Announced")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    programme = models.CharField(max_length=200, blank=True, help_text=_("The pilots it belongs with, if any."))
    country = models.CharField(max_length=2, help_text=_("ISO 3166-1 alpha-2."))
    partners = models.JSONField(default=list, blank=True, help_text=_("Names of the partner organisations."))
    products = models.ManyToManyField(Product, related_name="pilots", blank=True)
    goals = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    learnings = models.TextField(blank=True)
    documents = models.JSONField(default=list, blank=True, help_text='[{"title": ..., "url": ...}]')

    class Meta:
        ordering = ["country", "title"]

    def __str__(self) -> str:
        return self.title


class Member(models.Model):
    """A member organisation of the Digital Public Goods Alliance."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government or government agency")
        MULTILATERAL = "multilateral", _("Multilateral organisation")
        FOUNDATION = "foundation", _("Foundation, funder or think tank")
        TECHNOLOGY = "technology", _("Technology company")
        NGO = "ngo", _("Non-governmental organisation")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    country = models.CharField(max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2, for governments."))
    website = models.URLField(max_length=500, blank=True)
    on_board = models.BooleanField(default=False, help_text=_("Sits on the Alliance's governance board."))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoadmapActivity(models.Model):
    class Objective(models.TextChoices):
        DISCOVER = "discover", _("Discover needs")
        PROMOTE = "promote", _("Promote and support")
        IMPLEMENT = "implement", _("Implement DPGs")
        INCUBATE = "incubate", _("Incubate locally")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="activities")
    objective = models.CharField(max_length=10, choices=Objective.choices)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices)

    class Meta:
        ordering = ["member", "-year", "objective", "id"]
        verbose_name_plural = "roadmap activities"


class FiftyInFiveCountry(models.Model):
    """A country that joined the 50-in-5 campaign for digital public infrastructure."""

    country = models.CharField(max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2."))
    joined_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["country"]

    def __str__(self) -> str:
        return country_name(self.country)


class DpiComponent(models.Model):
    """One part of a 50-in-5 country's digital public infrastructure, the DPGs it uses and how far it got."""

    class Kind(models.TextChoices):
        IDENTITY = "identity", _("Digital identity")
        PAYMENTS = "payments", _("Digital payments")
        DATA_EXCHANGE = "data_exchange", _("Data exchange")
        CIVIL_REGISTRATION = "civil_registration", _("Civil registration")
        OTHER = "other", _("Other")

    class Stage(models.TextChoices):
        DESIGN = "design", _("Design")
        LAUNCH = "launch", _("Launch")
        SCALE = "scale", _("Scale")

    country = models.ForeignKey(FiftyInFiveCountry, on_delete=models.CASCADE, related_name="components")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    products = models.ManyToManyField(Product, related_name="dpi_components", blank=True)
    stage = models.CharField(max_length=6, choices=Stage.choices)

    class Meta:
        ordering = ["country", "kind", "id"]


class Call(models.Model):
    """A call for collaborative action: what stakeholders are asked to do for DPGs in one area."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    area = models.CharField(max_length=200)
    description = models.TextField()
    launched_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=6, choices=Status.choices)

    class Meta:
        ordering = ["-launched_on", "title"]

    def __str__(self) -> str:
        return self.title


class Pledge(models.Model):
    """What one stakeholder organisation commits to do for a call."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="pledges")
    stakeholder = models.CharField(max_length=300, help_text=_("The pledging organisation."))
    commitment = models.TextField()
    pledged_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["call", "pledged_on", "id"]


class CommunityFocalPoint(models.Model):
    """A person who edits one community's focus areas, criteria, collections and assessments."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focal_points")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="focal_points")
    organisation = models.CharField(max_length=300, help_text=_("Shown publicly instead of the person."))
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["community", "organisation"]
        constraints = [models.UniqueConstraint(fields=["user", "community"], name="focal_point_unique")]


class SeedVersion(models.Model):
    """A version of the bundled ecosystem data that was loaded; a loaded version never changes."""

    version = models.CharField(max_length=20, unique=True)
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)
