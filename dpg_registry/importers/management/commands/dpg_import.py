from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dpg_registry.importers.errors import ImportFailure
from dpg_registry.importers.run import run_import
from dpg_registry.standard.readiness import require_ready


class Command(BaseCommand):
    help = (
        "Import DPG records. Each PATH is detected: a folder in the DPGA legacy layout (nominees/, "
        "digitalpublicgoods/, archive/, excluded-nominees/) or a JSON file from the DPGA registry API "
        "(/api/dpgs). All paths are read before anything is written; one bad file aborts the whole "
        "import with no change. The database must be ready ('dpg migrate')."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")

    def handle(self, *args, paths, dry_run, **options):
        require_ready()
        try:
            report = run_import(paths, dry_run=dry_run)
        except ImportFailure as exc:
            raise CommandError(f"import failed, nothing was written: {exc}") from exc
        for name, slugs in sorted(report.unmatched_countries.items()):
            self.stderr.write(
                f"warning: country {name!r} matches no ISO 3166-1 country; kept by name for: {', '.join(slugs)}"
            )
        for address, slugs in sorted(report.not_web_addresses.items()):
            shown = address if len(address) <= 80 else address[:79] + "…"
            self.stderr.write(f"warning: {shown!r} is not an http(s) address; kept as text, not linked, for: "
                              f"{', '.join(slugs)}")
        self.stdout.write(str(report))
