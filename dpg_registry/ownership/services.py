"""Claims on products and their outcomes, one transaction each, every step in the audit trail.

A claim is proved one of three ways: a token the registry gives, placed in the product's repository and
read there by a background task; a signed, expiring, single-use link e-mailed to an address at the
organisation's web domain; or a decision of the staff (admin or L2) with a reason. A verified claim makes
the claimant an owner of the product and a verified member of its owner organisation, when its record names one.
The staff may revoke an ownership, and verify or refuse a person's membership of an organisation directly.
"""

import secrets

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.services import refuse_membership, verify_membership
from dpg_registry.audit.services import record
from dpg_registry.lib.queue import enqueue
from dpg_registry.lib.validation import FieldError
from dpg_registry.ownership.errors import NotAllowed, OwnershipError
from dpg_registry.ownership.links import read_token
from dpg_registry.ownership.models import Claim, ProductOwner
from dpg_registry.ownership.outcomes import verify
from dpg_registry.ownership.selectors import deciding_role, domains_of, is_owner, owner_organisation
from dpg_registry.ownership.tasks import send_confirmation, send_revocation, verify_repository_claim
from dpg_registry.registry.cache import bump

M, S = Claim.Method, Claim.State


def start_claim(*, product, by, method: str, email: str = "", statement: str = "") -> Claim:
    """Open a claim of ``by`` on ``product``; a claim of theirs still open on it is replaced."""
    if method not in M.values:
        raise FieldError("method", gettext("choose how to prove the claim"))
    organisation = owner_organisation(product)  # None for a record that names none: the claim is on the product
    if is_owner(by, product):
        raise OwnershipError(gettext("you already own %(product)s") % {"product": product.name})
    claim = Claim(product=product, organisation=organisation, claimant=by, method=method, created_at=timezone.now())
    if method == M.REPOSITORY:
        if not product.repositories.exists():
            raise FieldError("method", gettext("%(product)s lists no repository; choose another way")
                             % {"product": product.name})
        claim.token = "dpg-claim-" + secrets.token_urlsafe(24)
    elif method == M.EMAIL:
        claim.email, claim.nonce = _address_at(product, email), secrets.token_hex(16)
    else:
        claim.statement = statement.strip()
        if not claim.statement:
            raise FieldError("statement", gettext("tell the staff who you are and how you speak for %(organisation)s")
                             % {"organisation": organisation.name if organisation else product.name})
    with transaction.atomic():
        replaced = list(Claim.objects.select_for_update()
                        .filter(product=product, claimant=by, state__in=Claim.OPEN).values_list("pk", flat=True))
        Claim.objects.filter(pk__in=replaced).update(state=S.WITHDRAWN, nonce="")
        claim.save()
        # The address itself is private: the trail keeps its domain only.
        record(actor=by, role=Role.APPLICANT, action="ownership.claim", subject=claim,
               after={"product": product.slug, "organisation": organisation.name if organisation else "",
                      "method": method,
                      **({"domain": claim.email.rsplit("@", 1)[1]} if claim.email else {}),
                      **({"replaces": replaced} if replaced else {})})
        if method == M.EMAIL:
            enqueue(send_confirmation, claim.pk)
    return claim


def _address_at(product, email: str) -> str:
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise FieldError("email", gettext("%(email)s is not an e-mail address") % {"email": repr(email)}) from None
    domains = domains_of(product)
    if not domains:
        raise FieldError("email", gettext("neither the product nor its owner organisation has a website of its own; "
                                          "choose another way"))
    if email.rsplit("@", 1)[1].lower() not in domains:
        raise FieldError("email", gettext("the address must end in @%(domains)s")
                         % {"domains": gettext(" or @").join(sorted(domains))})
    return email


def confirm_email(*, token: str, by) -> Claim:
    """Verify the e-mail claim the link was sent for; the link works once, for the claimant, for two days."""
    try:
        data = read_token(token)
    except signing.SignatureExpired:
        raise OwnershipError(gettext("this link has expired; claim the product again for a new one")) from None
    except signing.BadSignature:
        raise OwnershipError(gettext("this link is not one the registry sent")) from None
    with transaction.atomic():
        claim = Claim.objects.select_for_update().filter(pk=data.get("claim"), method=M.EMAIL).first()
        if claim is None or not claim.nonce or claim.nonce != data.get("nonce") or claim.state != S.PENDING:
            raise OwnershipError(gettext("this link was already used or replaced by a later claim"))
        if claim.claimant_id != by.pk:
            raise NotAllowed(gettext("this link confirms another person's claim; sign in as that person"))
        claim.nonce = ""
        verify(claim, by=by, role=Role.APPLICANT, reason=gettext("the address at the organisation's domain "
                                                                  "was confirmed"))
    return claim


def request_repository_check(*, claim: Claim, by) -> Claim:
    """Queue the reading of the product's repository for the claim's token."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if claim.claimant_id != by.pk:
            raise NotAllowed(gettext("this is another person's claim"))
        if claim.method != M.REPOSITORY or claim.state != S.PENDING:
            raise OwnershipError(gettext("this claim is not waiting for a repository check"))
        claim.state = S.CHECKING
        claim.save(update_fields=["state"])
        record(actor=by, role=Role.APPLICANT, action="ownership.check_request", subject=claim,
               after={"product": claim.product.slug})
        enqueue(verify_repository_claim, claim.pk)
    return claim


def decide(*, claim: Claim, by, approve: bool, reason: str) -> Claim:
    """A staff decision (admin or L2) on an open claim, with the reason the claimant is told."""
    role = deciding_role(by)
    if not role:
        raise NotAllowed(gettext("only an admin or an L2 reviewer decides claims"))
    if not reason.strip():
        raise FieldError("reason", gettext("give the reason for the decision"))
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if claim.state not in Claim.OPEN:
            raise OwnershipError(gettext("this claim is already decided"))
        if claim.claimant_id == by.pk:
            raise NotAllowed(gettext("nobody decides their own claim"))
        if approve:
            verify(claim, by=by, role=role, reason=reason.strip())
        else:
            claim.state, claim.outcome, claim.nonce = S.REFUSED, reason.strip(), ""
            claim.decided_at, claim.decided_by = timezone.now(), by
            claim.save()
            record(actor=by, role=role, action="ownership.refuse", subject=claim,
                   after={"product": claim.product.slug, "state": S.REFUSED}, reason=reason.strip())
    return claim


def revoke(*, owner: ProductOwner, by, reason: str) -> Claim:
    """Staff (admin or L2) end a verified ownership with a reason, which the former owner is e-mailed: from now on
    they do not renew the product. A membership of the organisation stays until the staff refuse it."""
    role = deciding_role(by)
    if not role:
        raise NotAllowed(gettext("only an admin or an L2 reviewer revokes an ownership"))
    if not reason.strip():
        raise FieldError("reason", gettext("give the reason for revoking the ownership"))
    with transaction.atomic():
        owner = (ProductOwner.objects.select_for_update(of=("self",))  # the organisation may be empty: an outer join
                 .select_related("product", "organisation", "claim").filter(pk=owner.pk).first())
        if owner is None:
            raise OwnershipError(gettext("this ownership was already revoked"))
        claim = owner.claim
        owner.delete()
        bump()  # the profile's "Claimed by" changes
        claim.state, claim.outcome, claim.decided_at, claim.decided_by = S.REVOKED, reason.strip(), timezone.now(), by
        claim.save()
        record(actor=by, role=role, action="ownership.revoke", subject=claim,
               before={"product": owner.product.slug, "owner": owner.user_id,
                       "organisation": owner.organisation.name if owner.organisation else ""},
               after={"state": S.REVOKED}, reason=reason.strip())
        enqueue(send_revocation, claim.pk)
    return claim


def decide_membership(*, user, organisation, by, verify_it: bool, reason: str) -> None:
    """Staff (admin or L2) verify that ``user`` speaks for ``organisation``, or refuse it (a membership they had
    ends), with a reason for the trail."""
    role = deciding_role(by)
    if not role:
        raise NotAllowed(gettext("only an admin or an L2 reviewer verifies members of organisations"))
    if not reason.strip():
        raise FieldError("reason", gettext("give the reason for the decision"))
    if user.pk == by.pk:
        raise NotAllowed(gettext("nobody decides their own membership"))
    if verify_it:
        verify_membership(user=user, organisation=organisation, by=by, role=role, reason=reason.strip())
    else:
        refuse_membership(user=user, organisation=organisation, by=by, role=role, reason=reason.strip())
