from django.conf import settings
from django.db import models

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
    """A person speaks for an organisation: they apply for its products and may not review them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE, related_name="members")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")]
