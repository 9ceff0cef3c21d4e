"""``@role_required(*roles)``: a view for people holding one of the roles."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from dpg_registry.accounts.roles import Role
from dpg_registry.accounts.selectors import roles_of


def role_required(*roles):
    """Let in people holding one of ``roles``; send strangers to sign in, and refuse others with 403."""
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not roles_of(request.user) & set(roles):
                raise PermissionDenied(gettext("this page is for staff with one of the roles: %(roles)s")
                                       % {"roles": ", ".join(str(Role(role).label) for role in roles)})
            return view(request, *args, **kwargs)
        return wrapped
    return decorator
