from django.core.management.base import CommandError

from dpg_registry.accounts.errors import AccountError
from dpg_registry.accounts.services import find_user
from dpg_registry.ecosystem.models import Community, CommunityFocalPoint
from dpg_registry.ecosystem.seed import SeedDataError, load_ecosystem
from dpg_registry.ecosystem.services import EcosystemError, grant_focal_point, revoke_focal_point
from dpg_registry.lib.commands import DataCommand


class Command(DataCommand):
    help = (
        "'dpg ecosystem load' loads the bundled ecosystem data; 'dpg ecosystem grant|revoke EMAIL COMMUNITY' "
        "makes a person a focal point of a community (or stops it); 'dpg ecosystem focal-points' lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load", "grant", "revoke", "focal-points"])
        parser.add_argument("email", nargs="?")
        parser.add_argument("community", nargs="?", help="the community's slug, as in /communities/SLUG/")
        parser.add_argument("--organisation", default="", help="shown publicly instead of the person (grant)")

    def handle(self, *args, action, email, community, organisation, **options):
        if action == "load":
            try:
                self.stdout.write(str(load_ecosystem()))
            except SeedDataError as error:
                raise CommandError(str(error)) from error
            return
        if action == "focal-points":
            for link in CommunityFocalPoint.objects.select_related("user", "community"):
                self.stdout.write(f"{link.user.email}\t{link.community.slug}\t{link.organisation}")
            return
        if not email or not community:
            raise CommandError(f"'dpg ecosystem {action}' needs an e-mail address and a community")
        found = Community.objects.filter(slug=community).first()
        if found is None:
            raise CommandError(f"no community {community!r}; the communities are: "
                               + ", ".join(Community.objects.values_list("slug", flat=True)))
        try:
            user = find_user(email)
            if action == "grant":
                grant_focal_point(by=None, user=user, community=found, organisation=organisation)
            else:
                revoke_focal_point(by=None, user=user, community=found)
        except (AccountError, EcosystemError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{email}: {action} focal point of {found.slug}")
