"""How a claim ends verified, and what the repository check found: below the services, so the background task
that reads a repository records its result without importing the services that queue it."""

from django.db import transaction
from django.utils import timezone

from dpg_registry.accounts.services import verify_membership
from dpg_registry.audit.services import record
from dpg_registry.ownership.models import Claim, ProductOwner
from dpg_registry.registry.cache import bump

S = Claim.State


def record_repository_result(*, claim_id: int, found_in: str, problem: str) -> None:
    """The background task's answer: the repository ``found_in`` holds the token, or else ``problem``."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if claim.state != S.CHECKING:
            return  # recorded by an earlier run of the task
        if found_in:
            verify(claim, by=None, role="", reason=f"the token was found in {found_in}")
            return
        claim.state, claim.outcome = S.PENDING, problem
        claim.save(update_fields=["state", "outcome"])
        record(actor=None, role="", action="ownership.check_failed", subject=claim, reason=problem)


def verify(claim: Claim, *, by, role: str, reason: str) -> None:
    """Inside the caller's transaction: the claim is verified; its claimant owns the product and is a verified
    member of its owner organisation, when the product's record names one."""
    claim.state, claim.outcome, claim.decided_at, claim.decided_by = S.VERIFIED, reason, timezone.now(), by
    claim.save()
    ProductOwner.objects.get_or_create(product=claim.product, user=claim.claimant, defaults={
        "organisation": claim.organisation, "claim": claim, "since": claim.decided_at})
    bump()  # the profile's "Claimed by" changes
    record(actor=by, role=role, action="ownership.approve", subject=claim,
           after={"product": claim.product.slug, "organisation": claim.organisation.name if claim.organisation else "",
                  "method": claim.method, "owner": claim.claimant_id}, reason=reason)
    if claim.organisation is not None:
        verify_membership(user=claim.claimant, organisation=claim.organisation, by=by, role=role,
                          claim_id=claim.pk, reason=reason)
