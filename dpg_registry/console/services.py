"""The console's writes: tags and priorities on applications, roles, listing corrections. Each is audited."""

import re

from django.db import transaction
from django.utils.translation import gettext

from dpg_registry.accounts import services as accounts
from dpg_registry.accounts.roles import STAFF_ROLES, Role
from dpg_registry.accounts.selectors import roles_of
from dpg_registry.applications.models import Application
from dpg_registry.applications.services.transitions import IN_REVIEW
from dpg_registry.audit.services import record
from dpg_registry.console.errors import ConsoleError, NotAllowed
from dpg_registry.console.models import ApplicationPriority, ApplicationTag
from dpg_registry.lib.validation import FieldError
from dpg_registry.registry import services as registry
from dpg_registry.registry.models import Product

# Who sorts the queue, and who corrects listings and grants roles.
SORTERS = frozenset({Role.L1, Role.L2, Role.ADMIN})
TAG_PATTERN = re.compile(r"^[\w-]{1,40}$")


def acting_role(user, allowed) -> str:
    """The highest of ``user``'s roles among ``allowed``, named in the audit trail; ``NotAllowed`` without one."""
    held = roles_of(user) & set(allowed)
    for role in (Role.ADMIN, Role.L2, Role.L1, Role.EXPERT):
        if role in held:
            return role.value
    raise NotAllowed(gettext("this needs one of the roles: %(roles)s")
                     % {"roles": ", ".join(str(Role(role).label) for role in sorted(allowed))})


def _in_review(application: Application) -> None:
    if application.state not in IN_REVIEW:
        raise ConsoleError(gettext("application %(id)s is not in review") % {"id": application.public_id})


def add_tag(*, application: Application, name: str, by) -> ApplicationTag:
    role = acting_role(by, SORTERS)
    name = name.strip().lower()
    if not TAG_PATTERN.match(name):
        raise FieldError("tag", gettext("a tag is 1 to 40 letters, digits, hyphens or underscores, without spaces"))
    _in_review(application)
    with transaction.atomic():
        tag, created = ApplicationTag.objects.get_or_create(application=application, name=name,
                                                            defaults={"added_by": by})
        if created:
            record(actor=by, role=role, action="console.tag.add", subject=application, after={"tag": name})
    return tag


def remove_tag(*, application: Application, name: str, by) -> None:
    role = acting_role(by, SORTERS)
    with transaction.atomic():
        tag = ApplicationTag.objects.filter(application=application, name=name).first()
        if tag is None:
            raise FieldError("tag", gettext("application %(id)s has no tag %(tag)s")
                             % {"id": application.public_id, "tag": repr(name)})
        tag.delete()
        record(actor=by, role=role, action="console.tag.remove", subject=application, before={"tag": name})


def set_priority(*, application: Application, level: int, by) -> None:
    role = acting_role(by, SORTERS)
    if level not in ApplicationPriority.Level.values:
        raise FieldError("priority", gettext("choose one of the priorities offered"))
    _in_review(application)
    with transaction.atomic():
        current = ApplicationPriority.objects.select_for_update().filter(application=application).first()
        before = current.level if current else ApplicationPriority.Level.NORMAL
        if before == level:
            return
        ApplicationPriority.objects.update_or_create(application=application,
                                                     defaults={"level": level, "set_by": by})
        record(actor=by, role=role, action="console.priority", subject=application,
               before={"priority": ApplicationPriority.Level(before).label},
               after={"priority": ApplicationPriority.Level(level).label})


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise FieldError("reason", gettext("give a reason: it is kept in the audit trail"))
    return reason


def grant_role(*, user, role: str, reason: str, by) -> None:
    acting_role(by, {Role.ADMIN})
    if role not in STAFF_ROLES:
        raise FieldError("role", gettext("choose one of the roles offered"))
    if role in roles_of(user):
        raise FieldError("role", gettext("%(email)s already holds this role") % {"email": user.email})
    accounts.grant_role(user=user, role=role, by=by, reason=_reason(reason))


def revoke_role(*, user, role: str, reason: str, by) -> None:
    acting_role(by, {Role.ADMIN})
    if role not in roles_of(user) or role not in STAFF_ROLES:
        raise FieldError("role", gettext("%(email)s does not hold this role") % {"email": user.email})
    if user.pk == by.pk and role == Role.ADMIN:
        raise FieldError("role", gettext("you cannot revoke your own admin role; ask another admin"))
    accounts.revoke_role(user=user, role=role, by=by, reason=_reason(reason))


def edit_listing(*, product: Product, name: str, description: str, website: str, reason: str, by) -> dict:
    role = acting_role(by, {Role.ADMIN})
    return registry.edit_listing(product=product, by=by, role=role, name=name, description=description,
                                 website=website, reason=reason)
