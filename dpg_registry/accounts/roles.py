"""The roles of the review process. Every signed-in person is an applicant; the others are granted."""

from django.db import models


class Role(models.TextChoices):
    APPLICANT = "applicant", "Applicant"
    L1 = "l1", "L1 reviewer"
    L2 = "l2", "L2 reviewer"
    EXPERT = "expert", "Expert"
    ADMIN = "admin", "Admin"


STAFF_ROLES = frozenset({Role.L1, Role.L2, Role.EXPERT, Role.ADMIN})
