from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from dpg_registry.standard.services import StandardDataError, load_standard


class Command(BaseCommand):
    help = "Bring the database up to date: apply migrations, then load the DPG Standard's data files (both idempotent)."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            report = load_standard()
        except StandardDataError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Database up to date. {report}")
