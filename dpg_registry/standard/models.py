"""The DPG Standard as loaded from the versioned data files in ``standard/data/``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StandardVersion(models.Model):
    version = models.CharField(max_length=20, unique=True)
    released_on = models.DateField()
    summary = models.TextField(blank=True)
    is_current = models.BooleanField(default=False)
    source_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-released_on"]

    def __str__(self) -> str:
        return f"DPG Standard {self.version}"


class Category(models.Model):
    key = models.SlugField(max_length=20, unique=True)
    label = models.CharField(max_length=50)
    is_legacy = models.BooleanField(default=False, help_text="Kept for older records; not offered to applicants.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.label


class Indicator(models.Model):
    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=3)
    parent_code = models.CharField(max_length=3, blank=True)
    title = models.CharField(max_length=200)
    requirement = models.TextField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="indicator_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Question(models.Model):
    class AnswerType(models.TextChoices):
        CHOICE = "choice"
        TEXT = "text"
        TEXT_LIST = "text_list"
        URL_LIST = "url_list"
        SPDX_EXPRESSION = "spdx_expression"
        SDG_LIST = "sdg_list"
        COUNTRY_LIST = "country_list"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=60)
    prompt = models.TextField()
    help = models.TextField(blank=True)
    answer_type = models.CharField(max_length=20, choices=AnswerType.choices)
    choices = models.JSONField(default=list, blank=True)
    categories = models.ManyToManyField(Category, related_name="questions")
    required = models.BooleanField(default=True)
    evidence_required = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["indicator", "position"]
        constraints = [models.UniqueConstraint(fields=["indicator", "key"], name="question_unique_key")]

    def __str__(self) -> str:
        return self.key


class Licence(models.Model):
    """A licence of the SPDX list, with what the registry needs to know about it."""

    class Family(models.TextChoices):
        PERMISSIVE = "permissive", _("Permissive")
        COPYLEFT = "copyleft", _("Copyleft")
        CONTENT = "content", _("Content")
        DATA = "data", _("Data")

    spdx_id = models.CharField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    family = models.CharField(max_length=12, choices=Family.choices)
    osi_approved = models.BooleanField()
    deprecated = models.BooleanField(help_text="The SPDX list keeps this identifier only for older documents.")

    class Meta:
        ordering = ["spdx_id"]

    def __str__(self) -> str:
        return self.spdx_id


class ApprovedLicence(models.Model):
    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="approved_licences")
    category = models.ForeignKey(Category, on_delete=models.CASCADE)
    licence = models.ForeignKey(Licence, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "category", "licence"], name="approved_licence_unique"),
        ]


class SDG(models.Model):
    number = models.PositiveSmallIntegerField(primary_key=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = "SDG"

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.name}"


class Sector(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
