from datetime import date
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from dpg_registry.importers.errors import ImportFailure, StrictImportFailure
from dpg_registry.importers.run import run_import
from dpg_registry.lib.commands import DataCommand
from dpg_registry.standard.readiness import require_ready


class Command(DataCommand):
    help = (
        "Import DPG records. Each PATH is detected: a folder in the DPGA legacy layout (nominees/, "
        "digitalpublicgoods/, archive/, excluded-nominees/) or a JSON file from the DPGA registry API "
        "(/api/dpgs). All paths are read before anything is written; one bad file aborts the whole "
        "import with no change. A valid value outside the reference lists (a licence the SPDX list lacks, "
        "an unknown category or sector) is kept and reported as a warning naming file and JSON path; "
        "--strict refuses the import instead. A DPG whose record gives no listing date is listed from "
        "--listed-since (default: today), shown as a date of import, not of review, and expires "
        "DPG_LISTING_DAYS later. The database must be ready ('dpg migrate')."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
        parser.add_argument(
            "--strict", action="store_true", help="treat every warning as an error: refuse the files, naming each"
        )
        parser.add_argument(
            "--listed-since", metavar="DATE",
            help="YYYY-MM-DD: the listing date of DPGs whose record gives none (default: the import's date)",
        )

    def handle(self, *args, paths, dry_run, strict, listed_since, **options):
        require_ready()
        listed_since = _listing_date(listed_since)
        try:
            report = run_import(paths, dry_run=dry_run, strict=strict, listed_since=listed_since)
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


def _listing_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--listed-since: {text!r} is not a date written YYYY-MM-DD; nothing was written") from None
    if value > timezone.localdate():
        raise CommandError(f"--listed-since: {value.isoformat()} is in the future; nothing was written")
    return value
