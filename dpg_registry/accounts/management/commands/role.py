from django.core.management.base import CommandError

from dpg_registry.accounts.errors import AccountError
from dpg_registry.accounts.models import RoleGrant
from dpg_registry.accounts.roles import STAFF_ROLES
from dpg_registry.accounts.services import find_user, grant_role, revoke_role
from dpg_registry.lib.commands import DataCommand


class Command(DataCommand):
    help = ("Grant, revoke or list staff roles: 'dpg role grant|revoke EMAIL ROLE [--reason WHY]', "
            "'dpg role list'.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["grant", "revoke", "list"])
        parser.add_argument("email", nargs="?")
        parser.add_argument("role", nargs="?", choices=sorted(STAFF_ROLES))
        parser.add_argument("--reason", default="from the command line", help="why, kept in the audit trail")

    def handle(self, *args, action, email, role, reason, **options):
        if action == "list":
            for grant in RoleGrant.objects.select_related("user").order_by("user__email", "role"):
                self.stdout.write(f"{grant.user.email}\t{grant.role}")
            return
        if not email or not role:
            raise CommandError(f"'dpg role {action}' needs an e-mail address and a role")
        try:
            user = find_user(email)
            change = grant_role if action == "grant" else revoke_role
            change(user=user, role=role, reason=reason.strip() or "from the command line")
        except AccountError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{email}: {action} {role}")
