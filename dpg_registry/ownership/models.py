"""Who owns a listed product: people's claims on a product, and the owners verified through them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Claim(models.Model):
    """A person says they speak for the organisation that owns a product, and proves it one way."""

    class Method(models.TextChoices):
        REPOSITORY = "repository", _("a token in the product's repository")
        EMAIL = "email", _("an e-mail address at the organisation's web domain")
        STAFF = "staff", _("a decision of the registry's staff")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for proof")
        CHECKING = "checking", _("The repository is being read")
        VERIFIED = "verified", _("Verified")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Replaced by a later claim")
        REVOKED = "revoked", _("Ownership revoked by the staff")

    OPEN = (State.PENDING, State.CHECKING)

    product = models.ForeignKey("registry.Product", on_delete=models.CASCADE, related_name="claims")
    organisation = models.ForeignKey("registry.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="claims",
                                     help_text="The owner organisation the product's record names, if any.")
    claimant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims")
    method = models.CharField(max_length=10, choices=Method.choices)
    state = models.CharField(max_length=9, choices=State.choices, default=State.PENDING)
    token = models.CharField(max_length=64, blank=True, help_text="What the repository must hold.")
    email = models.EmailField(blank=True, help_text="Private: the address at the organisation's domain.")
    nonce = models.CharField(max_length=32, blank=True, help_text="Makes the e-mailed link single-use.")
    statement = models.TextField(blank=True, help_text="What the claimant tells the staff.")
    outcome = models.TextField(blank=True, help_text="The last check's result, or the staff's reason.")
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="claims_decided")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"claim {self.pk} on {self.product_id} ({self.state})"


class ProductOwner(models.Model):
    """A person verified to own a product for its owner organisation: they may renew it."""

    product = models.ForeignKey("registry.Product", on_delete=models.CASCADE, related_name="owners")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="owned_products")
    organisation = models.ForeignKey("registry.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="owned_products")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="owners")
    since = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["product", "user"], name="product_owner_unique")]
