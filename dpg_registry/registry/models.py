"""The registry's canonical record of a product, and the raw source records it came from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dpg_registry.standard.models import SDG, Category, Licence, Sector, StandardVersion


class Product(models.Model):
    class Status(models.TextChoices):
        NOMINEE = "nominee", _("Nominee")
        DPG = "dpg", _("Digital public good")
        EXPIRED = "expired", _("Expired")
        ARCHIVED = "archived", _("Archived")
        EXCLUDED = "excluded", _("Excluded")
        INELIGIBLE = "ineligible", _("Ineligible")

    class DateSource(models.TextChoices):
        """Where ``listed_since`` came from: only a review's date says when the product was found a DPG."""

        REVIEW = "review", _("date of the review's decision")
        RECORD = "record", _("date given by the imported record")
        IMPORT = "import", _("date of import, not of review")

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=300)
    sort_name = models.CharField(max_length=300, db_index=True, help_text="The name folded for sorting.")
    aliases = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    website = models.URLField(max_length=1000, blank=True)
    categories = models.ManyToManyField(Category, related_name="products")
    sectors = models.ManyToManyField(Sector, related_name="products", blank=True)
    licences = models.ManyToManyField(
        Licence, related_name="products", blank=True, help_text="Every licence named in the product's expressions."
    )
    sdg_relevance = models.TextField(blank=True, help_text="A relevance statement that covers all the product's SDGs.")
    status = models.CharField(max_length=12, choices=Status.choices, db_index=True)
    status_reason = models.TextField(blank=True)
    status_changed_on = models.DateField(null=True, blank=True)
    listed_since = models.DateField(null=True, blank=True)
    listed_since_source = models.CharField(max_length=6, choices=DateSource.choices, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    standard_version = models.ForeignKey(StandardVersion, null=True, blank=True, on_delete=models.PROTECT)
    dpga_id = models.CharField(max_length=40, blank=True, help_text="Application id in the DPGA review app.")
    dpga_gid = models.CharField(max_length=40, blank=True, help_text="Registry id (GID...) given by the DPGA.")
    awards = models.JSONField(default=list, blank=True)
    unlisted = models.JSONField(
        default=dict, blank=True, help_text="Labels outside the reference lists, kept as the source gave them."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_name"]

    def __str__(self) -> str:
        return self.name


class ProductLicence(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="licence_statements")
    expression = models.CharField(max_length=300, help_text="SPDX licence expression.")
    evidence_urls = models.JSONField(default=list, blank=True)
    declared = models.TextField(
        blank=True, help_text="The source's text when it is no SPDX expression (the expression is a LicenseRef-)."
    )
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["product", "position"]


class ProductSDG(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="sdg_links")
    sdg = models.ForeignKey(SDG, on_delete=models.PROTECT, related_name="product_links")
    relevance = models.TextField(blank=True)
    evidence_urls = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["product", "position"]
        constraints = [models.UniqueConstraint(fields=["product", "sdg"], name="product_sdg_unique")]


class Repository(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="repositories")
    name = models.CharField(max_length=200, blank=True)
    url = models.CharField(max_length=1000, help_text="As given by the source; not every source gives a full URL.")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["product", "position"]
        verbose_name_plural = "repositories"


class Organisation(models.Model):
    name = models.CharField(max_length=300, unique=True)
    website = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProductOrganisation(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MAINTAINER = "maintainer", _("Maintainer")
        FUNDER = "funder", _("Funder")
        IMPLEMENTER = "implementer", _("Implementer")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="organisation_roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="product_roles")
    role = models.CharField(max_length=12, choices=Role.choices)
    website = models.CharField(max_length=1000, blank=True, help_text="The website this product's record gives.")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["product", "position"]


class PrivateContact(models.Model):
    """A contact person of an organisation for one product. Private: never on public pages, API or dumps."""

    product_organisation = models.OneToOneField(
        ProductOrganisation, on_delete=models.CASCADE, related_name="private_contact"
    )
    name = models.CharField(max_length=300, blank=True)
    email = models.EmailField(blank=True)


class ProductCountry(models.Model):
    class Kind(models.TextChoices):
        DEVELOPED = "developed"
        DEPLOYED = "deployed"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="countries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    code = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2; blank when the name is unknown.")
    region = models.CharField(max_length=3, blank=True, help_text="UN M49 region of the country.")
    source_name = models.CharField(max_length=200, help_text="The name the source used.")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["product", "kind", "position"]
        indexes = [models.Index(fields=["kind", "code"]), models.Index(fields=["region"])]


class DeploymentOrganisation(models.Model):
    class Kind(models.TextChoices):
        INTERNATIONAL = "international", "International organisation"
        GOVERNMENT = "government", "Government body or department"
        OTHER = "other", "Other organisation"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="deployment_organisations")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    name = models.TextField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["product", "kind", "position"]


class IndicatorAnswer(models.Model):
    """The evidence a product gave for one question of indicators 3 to 9."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="indicator_answers")
    indicator_code = models.CharField(max_length=3)
    question_key = models.SlugField(max_length=60)
    value = models.JSONField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["product", "position"]
        constraints = [
            models.UniqueConstraint(fields=["product", "question_key"], name="indicator_answer_unique"),
        ]


class SourceRecord(models.Model):
    """A record exactly as an import read it, kept for provenance. Private: it may hold contact details."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="source_records")
    source_format = models.CharField(max_length=30)
    source_key = models.CharField(max_length=300, help_text="Where in the source the record was found.")
    data = models.JSONField()
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["product", "source_format", "source_key"]
        constraints = [
            models.UniqueConstraint(fields=["source_format", "source_key"], name="source_record_unique"),
        ]


class ProductFacet(models.Model):
    """One facet value of a product (``("sdg", "3")``, ``("country", "KE")``), kept for fast facet counts.

    Derived from the product's own rows by ``registry.facets``; written by the same services.
    """

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["product", "facet", "value"], name="product_facet_unique"),
        ]
        indexes = [models.Index(fields=["facet", "value", "product"])]


class RegistryGeneration(models.Model):
    """Changes with every write to the registry; cached reads are keyed on it."""

    value = models.PositiveBigIntegerField(default=0)


class QualityFlag(models.Model):
    """A listed DPG's record contradicting the Standard it is listed under, for staff to look at.

    Written only by ``registry.quality``: a refresh opens a flag for each finding and closes the ones whose cause
    is gone; staff may dismiss one with a reason, and it stays dismissed until the record is written again.
    """

    class Rule(models.TextChoices):
        LICENCE_NOT_APPROVED = "licence_not_approved", _("Licence not approved for the category")
        LICENCE_TO_CONFIRM = "licence_to_confirm", _("Licence to be confirmed")
        TOO_MANY_COUNTRIES = "too_many_countries", _("Deployed in implausibly many countries")
        EVIDENCE_MISSING = "evidence_missing", _("Evidence missing for an indicator")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DISMISSED = "dismissed", _("Dismissed")
        CLOSED = "closed", _("Closed: the cause is gone")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="quality_flags")
    rule = models.CharField(max_length=24, choices=Rule.choices)
    subject = models.CharField(
        max_length=300, blank=True, help_text="What in the record it is about: a licence expression, an indicator."
    )
    details = models.JSONField(default=dict, blank=True, help_text="The values the reason is made of.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissal = models.TextField(blank=True, help_text="Why staff dismissed the flag.")

    class Meta:
        ordering = ["product__sort_name", "rule", "subject"]
        constraints = [
            models.UniqueConstraint(fields=["product", "rule", "subject"], name="quality_flag_unique"),
        ]

    def reason(self) -> str:
        """Why the record contradicts the Standard, in the active language."""
        details = self.details
        if self.rule == self.Rule.LICENCE_NOT_APPROVED:
            return gettext("%(licence)s is not approved for %(categories)s in DPG Standard %(version)s.") % {
                "licence": self.subject, "categories": ", ".join(details["categories"]),
                "version": details["standard"]}
        if self.rule == self.Rule.LICENCE_TO_CONFIRM:
            return gettext("Declared as “%(declared)s”, which is not on the SPDX list: licence to be confirmed.") % {
                "declared": details["declared"]}
        if self.rule == self.Rule.TOO_MANY_COUNTRIES:
            return gettext("Deployed in %(count)s countries, more than the %(limit)s that are plausible.") % details
        return gettext("Indicator %(indicator)s needs evidence and the record gives none.") % details
