"""Writes to accounts: roles and organisation membership, each recorded in the audit trail; the language people read."""

from allauth.account.internal.userkit import user_id_to_str
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dpg_registry.accounts.errors import AccountError, WrongConfirmation
from dpg_registry.accounts.models import LanguagePreference, OrganisationMembership, RoleGrant
from dpg_registry.accounts.roles import STAFF_ROLES, Role
from dpg_registry.accounts.selectors import verified_addresses_of
from dpg_registry.audit.services import record


def find_user(email: str):
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise AccountError(f"no account with the e-mail address {email!r}")
    return user


def grant_role(*, user, role: str, by=None, reason: str = "") -> None:
    if role not in STAFF_ROLES:
        choices = ", ".join(sorted(STAFF_ROLES))
        raise AccountError(f"{role!r} is not a role that can be granted; choose one of {choices}")
    with transaction.atomic():
        _, created = RoleGrant.objects.get_or_create(user=user, role=role)
        if created:
            record(actor=by, role=Role.ADMIN if by else "", action="role.grant", subject=user,
                   after={"role": role}, reason=reason)
    user.__dict__.pop("_dpg_roles", None)


def revoke_role(*, user, role: str, by=None, reason: str = "") -> None:
    with transaction.atomic():
        grant = RoleGrant.objects.filter(user=user, role=role).first()
        if grant is None:
            raise AccountError(f"{user.get_username()} does not hold the role {role!r}")
        grant.delete()
        record(actor=by, role=Role.ADMIN if by else "", action="role.revoke", subject=user,
               before={"role": role}, reason=reason)
    user.__dict__.pop("_dpg_roles", None)


def verify_membership(*, user, organisation, by, role: str, claim_id: int | None = None, reason: str = "") -> None:
    """Record that the registry verified ``user`` speaks for ``organisation``: through the claim ``claim_id``,
    or else by the decision of ``by`` (staff, in ``role``) for ``reason``."""
    how = OrganisationMembership.VerifiedBy.CLAIM if claim_id else OrganisationMembership.VerifiedBy.STAFF
    with transaction.atomic():
        membership, _ = OrganisationMembership.objects.select_for_update().get_or_create(
            user=user, organisation=organisation)
        before = {"verified_by": membership.verified_by} if membership.verified_at else {}
        membership.verified_by, membership.claim_id, membership.verified_at = how, claim_id, timezone.now()
        membership.save()
        record(actor=by, role=role, action="organisation.verify_member", subject=organisation, before=before,
               after={"user": user.pk, "verified_by": how, "claim": claim_id}, reason=reason)


def refuse_membership(*, user, organisation, by, role: str, reason: str) -> None:
    """Record the decision of ``by`` (staff, in ``role``) that ``user`` does not speak for ``organisation``: any
    membership they had, verified or not, ends."""
    with transaction.atomic():
        membership = OrganisationMembership.objects.select_for_update().filter(
            user=user, organisation=organisation).first()
        before = {"verified_by": membership.verified_by} if membership else {}
        if membership:
            membership.delete()
        record(actor=by, role=role, action="organisation.refuse_member", subject=organisation, before=before,
               after={"user": user.pk}, reason=reason)


def remember_language(*, user, language: str) -> None:
    """Write to ``user`` in ``language`` from now on (one of the site's languages)."""
    if language not in dict(settings.LANGUAGES):
        choices = ", ".join(code for code, _name in settings.LANGUAGES)
        raise AccountError(f"{language!r} is not a language of the registry; choose one of {choices}")
    LanguagePreference.objects.update_or_create(user=user, defaults={"language": language})


def confirm_identity(*, user, confirmation: str) -> None:
    """Raise ``WrongConfirmation`` unless ``confirmation`` is the account's password (or, for an account
    without one, its e-mail address)."""
    confirmed = (user.check_password(confirmation) if user.has_usable_password()
                 else confirmation.strip().lower() == user.email.lower())
    if not confirmed:
        raise WrongConfirmation(gettext("that is not your password") if user.has_usable_password()
                                else gettext("that is not your account's e-mail address"))


def remove_account(*, user, drafts_deleted: int) -> None:
    """Remove ``user``, their addresses and their sessions (signed in, or part-way through signing in or up).

    The audit event names the person by pseudonym only, so the chain stays valid after the account is gone.
    """
    verified = verified_addresses_of(user)
    with transaction.atomic():
        for session in Session.objects.all():
            if _belongs_to(session.get_decoded(), user, verified):
                session.delete()
        record(actor=user, role=Role.APPLICANT, action="account.delete", subject=user,
               after={"drafts_deleted": drafts_deleted})
        user.delete()


# Where allauth keeps the account a session is signing in or up for (``allauth/account/internal/flows`` and
# ``stagekit``): the login stashed while a step is pending (the e-mail to verify, the authenticator's code)
# holds the user's pk in base 36; the sign-in methods already passed name the user; a code being verified
# (e-mail, password reset) names the user; an address proven on the way to signing up is stashed as is.
_PENDING_LOGIN = "account_login"
_METHODS_USER = "account_authentication_methods_user"
_CODE_STATES = ("account_email_verification_code", "account_password_reset_verification", "account_phone_verification")
_VERIFIED_EMAIL = "account_verified_email"


def _belongs_to(data: dict, user, verified: set[str]) -> bool:
    """Whether a session is ``user``'s: signed in as them, or part-way through signing in or up as them.

    Only these keys decide: another person's session that merely mentions one of the addresses (typed into a
    form) stays, and so does a session holding an address the account never verified.
    """
    user_id = user_id_to_str(user)
    if data.get(SESSION_KEY) == user_id or data.get(_METHODS_USER) == user_id:
        return True
    pending = data.get(_PENDING_LOGIN)
    if isinstance(pending, dict) and pending.get("user_pk") == user_pk_to_url_str(user):
        return True
    if any(isinstance(state := data.get(key), dict) and state.get("user_id") == user_id for key in _CODE_STATES):
        return True
    stashed = data.get(_VERIFIED_EMAIL)
    return isinstance(stashed, str) and stashed.lower() in verified
