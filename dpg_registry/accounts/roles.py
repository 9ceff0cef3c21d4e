"""The roles of the review process. Every signed-in person is an applicant; the others are granted."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    L1 = "l1", _("L1 reviewer")
    L2 = "l2", _("L2 reviewer")
    EXPERT = "expert", _("Expert")
    ADMIN = "admin", _("Admin")


STAFF_ROLES = frozenset({Role.L1, Role.L2, Role.EXPERT, Role.ADMIN})
