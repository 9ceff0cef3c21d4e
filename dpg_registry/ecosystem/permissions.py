"""Who may edit what in the ecosystem: admins edit everything; a community's focal points edit that
community's focus areas, criteria, collections and maturity assessments. ``None`` is the system
(the bundled data loader and the command line), which may do everything."""

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import roles_of
from dpg_registry.ecosystem.models import Community, CommunityFocalPoint


def is_admin(user) -> bool:
    return user is None or Role.ADMIN in roles_of(user)


def is_focal_point(user, community: Community) -> bool:
    return bool(user and user.is_authenticated) and CommunityFocalPoint.objects.filter(
        user=user, community=community
    ).exists()


def can_edit_community(user, community: Community) -> bool:
    return is_admin(user) or is_focal_point(user, community)


def acting_role(user, community: Community | None = None) -> str:
    """The role written to the audit trail for a change ``user`` makes."""
    if user is None:
        return ""
    if Role.ADMIN in roles_of(user):
        return Role.ADMIN
    return "focal_point" if community is not None and is_focal_point(user, community) else Role.APPLICANT
