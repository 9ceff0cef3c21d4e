"""What verified owners ask of their listing: a change of its public fields, reviewed by L1, or delisting,
confirmed by L2 or an admin. Written only by ``services``; each step is in the audit trail."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChangeRequest(models.Model):
    """An owner's proposed values for some of a listing's fields, with the values the listing had then."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    product = models.ForeignKey("registry.Product", on_delete=models.CASCADE, related_name="change_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="listing_change_requests")
    state = models.CharField(max_length=8, choices=State.choices, default=State.OPEN)
    before = models.JSONField(help_text="The listing's values of the fields to change, when the request was made.")
    after = models.JSONField(help_text="The values the owner asks for.")
    reason = models.TextField(help_text="Why the owner asks for the change.")
    outcome = models.TextField(blank=True, help_text="The reviewer's reason.")
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["product"], condition=Q(state="open"),
                                               name="one_open_change_request_per_product")]

    def __str__(self) -> str:
        return f"change request {self.pk} on {self.product_id} ({self.state})"


class DelistingRequest(models.Model):
    """An owner asks for their product to leave the DPG list; staff confirm or decline."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for the staff")
        CONFIRMED = "confirmed", _("Delisted")
        DECLINED = "declined", _("Declined")

    product = models.ForeignKey("registry.Product", on_delete=models.CASCADE, related_name="delisting_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="delisting_requests")
    state = models.CharField(max_length=9, choices=State.choices, default=State.OPEN)
    reason = models.TextField(help_text="Why the owner asks for delisting.")
    outcome = models.TextField(blank=True, help_text="The staff's reason.")
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["product"], condition=Q(state="open"),
                                               name="one_open_delisting_request_per_product")]

    def __str__(self) -> str:
        return f"delisting request {self.pk} on {self.product_id} ({self.state})"
