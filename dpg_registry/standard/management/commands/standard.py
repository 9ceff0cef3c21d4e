from django.core.management.base import CommandError

from dpg_registry.lib.commands import DataCommand
from dpg_registry.standard.services import StandardDataError, load_standard


class Command(DataCommand):
    help = "Work with the DPG Standard's data files. 'load' loads every version shipped with the registry."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"], help="load: load the Standard's data files")

    def handle(self, *args, action, **options):
        try:
            report = load_standard()
        except StandardDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(report))
