from pathlib import Path

from django.core.management.base import CommandError
from django.db import DatabaseError

from dpg_registry.audit.errors import TrailBroken
from dpg_registry.audit.services import write_checkpoint
from dpg_registry.lib.commands import DataCommand
from dpg_registry.ops.backup import write_backup
from dpg_registry.ops.errors import BackupError


class Command(DataCommand):
    help = ("Write every table of the registry to FILE (gzip-compressed JSON lines), readable by 'dpg restore' "
            "on SQLite or PostgreSQL, with a new signed checkpoint of the audit trail in its first line. The file "
            "holds personal data and secrets: keep it as safe as the database.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")

    def handle(self, *args, file: Path, **options):
        if not file.parent.is_dir():
            raise CommandError(f"{file}: the folder {file.parent} does not exist")
        try:
            write_checkpoint()
        except TrailBroken as error:
            # A broken trail is evidence to keep: back it up all the same, under the last good checkpoint.
            self.stderr.write(f"warning: no new audit checkpoint: {error}. Run 'dpg audit verify'.")
        except DatabaseError as error:
            raise CommandError(f"{file}: the backup failed: {error}") from None
        try:
            rows = write_backup(file)
        except (BackupError, DatabaseError, OSError) as error:
            raise CommandError(f"{file}: the backup failed, and nothing was written under that name: {error}") from None
        self.stdout.write(f"{rows:,} rows written to {file}")
