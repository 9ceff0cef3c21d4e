from pathlib import Path

from django.core.management.base import CommandError

from dpg_registry.audit.checkpoints import read_checkpoints
from dpg_registry.audit.errors import CheckpointUnreadable
from dpg_registry.audit.verify import verify_chain
from dpg_registry.lib.commands import DataCommand


class Command(DataCommand):
    help = ("'dpg audit verify' checks every audit event's seal and link, and the trail against its signed "
            "checkpoints; with --checkpoint FILE also against checkpoints saved outside the database (the feed "
            "/audit/checkpoints.json, one checkpoint of it, or a backup), which shows events removed from the end.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--checkpoint", type=Path, action="append", default=[], metavar="FILE",
                            help="a checkpoint saved outside the database (may be given more than once)")

    def handle(self, *args, checkpoint: list[Path], **options):
        try:
            saved = tuple((str(path), found) for path in checkpoint for found in read_checkpoints(path))
        except CheckpointUnreadable as error:
            raise CommandError(str(error)) from None
        report = verify_chain(saved=saved)
        if not report.intact:
            raise CommandError(f"audit trail tampered with after {report.checked} intact events: {report.problem}")
        against = f", consistent with {len(saved)} saved checkpoints" if saved else ""
        self.stdout.write(f"audit trail intact: {report.checked} events{against}")
