"""Writes to accounts: roles and organisation membership, each recorded in the audit trail; the language people read."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from dpg_registry.accounts.models import LanguagePreference, OrganisationMembership, RoleGrant
from dpg_registry.accounts.roles import STAFF_ROLES, Role
from dpg_registry.audit.services import record


class AccountError(ValueError):
    pass


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


def join_organisation(*, user, organisation) -> None:
    with transaction.atomic():
        _, created = OrganisationMembership.objects.get_or_create(user=user, organisation=organisation)
        if created:
            record(actor=user, role=Role.APPLICANT, action="organisation.join", subject=organisation,
                   after={"user": user.pk})


def remember_language(*, user, language: str) -> None:
    """Write to ``user`` in ``language`` from now on (one of the site's languages)."""
    if language not in dict(settings.LANGUAGES):
        choices = ", ".join(code for code, _name in settings.LANGUAGES)
        raise AccountError(f"{language!r} is not a language of the registry; choose one of {choices}")
    LanguagePreference.objects.update_or_create(user=user, defaults={"language": language})
