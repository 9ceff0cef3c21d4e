"""Background work of claims for ``dpg worker``: reading a product's repository for a claim's token, e-mailing the
link that confirms an address, and telling a former owner their ownership was revoked. Run twice, they leave the
state of one run (a result already recorded is kept; an e-mail goes out only while the claim is in the state it
is about)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import task

from dpg_registry.accounts.selectors import language_of
from dpg_registry.checks.errors import CheckError
from dpg_registry.checks.run import checked_out
from dpg_registry.ownership.links import DAYS, confirmation_token
from dpg_registry.ownership.models import Claim
from dpg_registry.ownership.outcomes import record_repository_result

MAX_BYTES = 64 * 1024


@task()
def verify_repository_claim(claim_id: int) -> str:
    """Read each repository of the claimed product until one holds the claim's token."""
    claim = Claim.objects.select_related("product").get(pk=claim_id)
    if claim.state != Claim.State.CHECKING:
        return claim.state
    problems = []
    for repository in claim.product.repositories.order_by("position"):
        try:
            with checked_out(repository.url, public_only=True) as root:
                if claim.token in _tokens_in(root):
                    record_repository_result(claim_id=claim_id, found_in=repository.url, problem="")
                    return "verified"
        except CheckError as error:
            problems.append(str(error))
            continue
        problems.append(f"{repository.url}: neither dpg.json's \"claim\" nor .dpg-claim holds the token")
    record_repository_result(claim_id=claim_id, found_in="", problem="; ".join(problems) or "no repository")
    return "not found"


def _tokens_in(root: Path) -> set[str]:
    """The tokens a repository states at its top: dpg.json's "claim" field and the file .dpg-claim.

    Links are not followed (a link could point anywhere on this machine) and only small files are read.
    """
    tokens = set()
    manifest, plain = _small_file(root / "dpg.json"), _small_file(root / ".dpg-claim")
    if manifest is not None:
        try:
            claim = json.loads(manifest).get("claim")
        except (ValueError, AttributeError):
            claim = None
        if isinstance(claim, str):
            tokens.add(claim.strip())
    if plain is not None:
        tokens.add(plain.strip())
    return tokens


def _small_file(path: Path) -> str | None:
    if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
        return None
    return path.read_text(encoding="utf-8", errors="replace")


@task()
def send_confirmation(claim_id: int) -> int:
    """E-mail the claim's confirmation link to the address at the organisation's domain."""
    claim = Claim.objects.select_related("product", "organisation", "claimant").get(pk=claim_id)
    if claim.state != Claim.State.PENDING or not claim.nonce:
        return 0
    link = settings.DPG_SITE_URL + reverse("ownership:confirm", args=[confirmation_token(claim)])
    with translation.override(language_of(claim.claimant)):
        context = {"claim": claim, "link": link, "days": DAYS}
        EmailMessage(subject=f"[{gettext('DPG Registry')}] "
                             + gettext("Confirm your claim on %(product)s") % {"product": claim.product.name},
                     body=render_to_string("ownership/confirm_email.txt", context), to=[claim.email]).send()
    return 1


@task()
def send_revocation(claim_id: int) -> int:
    """Tell the former owner the staff revoked their ownership, and why."""
    claim = Claim.objects.select_related("product", "claimant").get(pk=claim_id)
    if claim.state != Claim.State.REVOKED:
        return 0
    with translation.override(language_of(claim.claimant)):
        link = settings.DPG_SITE_URL + reverse("ownership:claim", args=[claim.product.slug])
        context = {"claim": claim, "link": link}
        EmailMessage(subject=f"[{gettext('DPG Registry')}] "
                             + gettext("Your ownership of %(product)s is revoked") % {"product": claim.product.name},
                     body=render_to_string("ownership/revoked_email.txt", context), to=[claim.claimant.email]).send()
    return 1
