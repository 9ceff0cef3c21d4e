from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from dpg_registry.lib.commands import DataCommand
from dpg_registry.ops.backup import restore_backup
from dpg_registry.ops.errors import BackupError


class Command(DataCommand):
    help = ("Replace everything in the database with the contents of a backup made by 'dpg backup', all or "
            "nothing; the database is migrated first and must then have the backup's migrations.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")

    def handle(self, *args, file: Path, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            rows = restore_backup(file)
        except BackupError as error:
            raise CommandError(f"{error}; nothing was changed") from None
        self.stdout.write(f"{rows:,} rows restored from {file}")
