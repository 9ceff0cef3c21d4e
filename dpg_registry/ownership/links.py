"""The signed, expiring link that confirms an e-mail claim; the claim's nonce makes it single-use."""

from django.core import signing

from dpg_registry.ownership.models import Claim

SALT = "dpg_registry.ownership.email"
DAYS = 2


def confirmation_token(claim: Claim) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"claim": claim.pk, "nonce": claim.nonce})


def read_token(token: str) -> dict:
    """The claim and nonce a token names; ``signing.SignatureExpired`` after two days, ``BadSignature`` if forged."""
    return signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=DAYS * 86400)
