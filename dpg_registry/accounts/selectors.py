from allauth.account.models import EmailAddress
from django.conf import settings

from dpg_registry.accounts.models import LanguagePreference, OrganisationMembership, RoleGrant
from dpg_registry.accounts.roles import STAFF_ROLES, Role


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_dpg_roles"):
        granted = RoleGrant.objects.filter(user=user).values_list("role", flat=True)
        user._dpg_roles = {Role.APPLICANT.value, *granted}
    return user._dpg_roles


def is_staff(user) -> bool:
    return bool(roles_of(user) & STAFF_ROLES)


def organisation_ids_of(user) -> set[int]:
    """The organisations the registry verified ``user`` speaks for (a name typed in a form counts for nothing)."""
    verified = OrganisationMembership.objects.filter(user=user, verified_at__isnull=False)
    return set(verified.values_list("organisation_id", flat=True))


def users_with_role(role: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(role_grants__role=role, is_active=True)


def language_of(user, default: str | None = None) -> str:
    """The language to write to ``user`` in: the one they last used the site in, else ``default`` (English)."""
    default = default or settings.LANGUAGE_CODE
    if user is None or not user.pk:
        return default
    chosen = LanguagePreference.objects.filter(user=user).values_list("language", flat=True).first()
    return chosen or default


def verified_addresses_of(user) -> set[str]:
    """The account's e-mail addresses it proved it holds, in lower case."""
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {address.lower() for address in verified}


def addresses_of(user) -> set[str]:
    """Every e-mail address of the account, verified or not, in lower case."""
    others = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    return {user.email.lower(), *(address.lower() for address in others)} - {""}
