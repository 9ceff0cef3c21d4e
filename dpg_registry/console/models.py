"""What staff add to applications in review to sort their work: tags and a priority. Written only by ``services``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationTag(models.Model):
    """A short label staff put on an application in review ("security", "needs-expert"), to filter the queue by."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="console_tags")
    name = models.SlugField(max_length=40, allow_unicode=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["application", "name"], name="console_tag_unique")]

    def __str__(self) -> str:
        return self.name


class ApplicationPriority(models.Model):
    """How urgent staff consider an application; one without a row is of normal priority."""

    class Level(models.IntegerChoices):
        LOW = 0, _("Low")
        NORMAL = 1, _("Normal")
        HIGH = 2, _("High")
        URGENT = 3, _("Urgent")

    application = models.OneToOneField("applications.Application", on_delete=models.CASCADE, primary_key=True,
                                       related_name="console_priority")
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.NORMAL)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.application_id}: {self.get_level_display()}"
