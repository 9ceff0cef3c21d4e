from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dpg_registry.accounts.roles import Role


class RoleGrant(models.Model):
    """A staff role held by a person. Applicant is not granted: every verified account has it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=10, choices=[(r.value, r.label) for r in Role if r != Role.APPLICANT])
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique")]

    def __str__(self) -> str:
        return f"{self.user} as {self.role}"


class OrganisationMembership(models.Model):
    """A person the registry verified speaks for an organisation: they renew its products and may not review them.

    A row is a verified fact: a verified claim on one of the organisation's products (``claim_id``) or a staff
    decision. Rows from before verification existed (``verified_by`` empty) count for nothing.
    """

    class VerifiedBy(models.TextChoices):
        CLAIM = "claim", _("a verified claim")
        STAFF = "staff", _("a staff decision")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE, related_name="members")
    joined_at = models.DateTimeField(auto_now_add=True)
    verified_by = models.CharField(max_length=5, choices=VerifiedBy.choices, blank=True)
    claim_id = models.PositiveIntegerField(null=True, blank=True, help_text="The ownership claim that verified it.")
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")]


class LanguagePreference(models.Model):
    """The language a person last used the site in: their notifications and e-mails are written in it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="language_preference")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user} reads {self.language}"
