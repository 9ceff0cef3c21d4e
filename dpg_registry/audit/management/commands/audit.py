from django.core.management.base import BaseCommand, CommandError

from dpg_registry.audit.verify import verify_chain


class Command(BaseCommand):
    help = "'dpg audit verify' checks that no audit event was edited or removed."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.intact:
            raise CommandError(f"audit trail tampered with after {report.checked} intact events: {report.problem}")
        self.stdout.write(f"audit trail intact: {report.checked} events")
