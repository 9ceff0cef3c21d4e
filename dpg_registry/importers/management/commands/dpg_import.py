from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dpg_registry.importers.errors import ImportFailure, StrictImportFailure
from dpg_registry.importers.run import run_import
from dpg_registry.standard.readiness import require_ready


class Command(BaseCommand):
    help = (
        "Import DPG records. Each PATH is detected: a folder in the DPGA legacy layout (nominees/, "
        "digitalpublicgoods/, archive/, excluded-nominees/) or a JSON file from the DPGA registry API "
        "(/api/dpgs). All paths are read before anything is written; one bad file aborts the whole "
        "import with no change. A valid value outside the reference lists (a licence the SPDX list lacks, "
        "an unknown category or sector) is kept and reported as a warning naming file and JSON path; "
        "--strict refuses the import instead. The database must be ready ('dpg migrate')."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
        parser.add_argument(
            "--strict", action="store_true", help="treat every warning as an error: refuse the files, naming each"
        )

    def handle(self, *args, paths, dry_run, strict, **options):
        require_ready()
        try:
            report = run_import(paths, dry_run=dry_run, strict=strict)
        except StrictImportFailure as exc:
            problems = "\n".join(f"error: {warning}" for warning in exc.warnings)
            raise CommandError(
                f"import failed, nothing was written: --strict refuses {len(exc.warnings)} value(s) outside "
                f"the reference lists:\n{problems}"
            ) from exc
        except ImportFailure as exc:
            raise CommandError(f"import failed, nothing was written: {exc}") from exc
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        for name, slugs in sorted(report.unmatched_countries.items()):
            self.stderr.write(
                f"warning: country {name!r} matches no ISO 3166-1 country; kept by name for: {', '.join(slugs)}"
            )
        for address, slugs in sorted(report.not_web_addresses.items()):
            shown = address if len(address) <= 80 else address[:79] + "…"
            self.stderr.write(f"warning: {shown!r} is not an http(s) address; kept as text, not linked, for: "
                              f"{', '.join(slugs)}")
        self.stdout.write(str(report))
