"""``dpg import``: detect each path's format, read everything, then write in one transaction."""

from datetime import date
from pathlib import Path

from dpg_registry.importers import dpga_api, dpga_legacy
from dpg_registry.importers.errors import ImportFailure, ReadWarning, StrictImportFailure
from dpg_registry.registry.records import ProductRecord
from dpg_registry.registry.services import ImportReport, RegistryDataError, import_products
from dpg_registry.standard.selectors import sector_names

FORMATS = (dpga_legacy, dpga_api)


def read_path(
    path: Path, warnings: list[ReadWarning] | None = None, sectors: set[str] | None = None
) -> list[ProductRecord]:
    """The records of one path, in the format detected; ``warnings`` collects values kept outside the lists."""
    if not path.exists():
        raise ImportFailure(path, "-", "no such file or folder")
    for module in FORMATS:
        if module.detect(path):
            return module.read(path, warnings, sectors)
    raise ImportFailure(
        path,
        "-",
        "unknown format: expected the DPGA legacy folder layout (nominees/, digitalpublicgoods/, archive/, "
        "excluded-nominees/) or a JSON array as served by the DPGA registry API (/api/dpgs)",
    )


def run_import(paths: list[Path], *, dry_run: bool = False, strict: bool = False,
               listed_since: date | None = None) -> ImportReport:
    """Read every path first (no write happens if one is bad), then import all records at once.

    A DPG whose record gives no listing date is listed from ``listed_since`` (default: today), a date of import.

    A product found in several paths is written from each in turn, so the last path wins. The report
    carries every warning (a value kept outside the reference lists); with ``strict``, any warning
    refuses the whole import, naming every one.
    """
    records: list[ProductRecord] = []
    warnings: list[ReadWarning] = []
    sectors = sector_names()
    for path in paths:
        records += read_path(path, warnings, sectors)
    if strict and warnings:
        raise StrictImportFailure(warnings)
    try:
        report = import_products(records=records, dry_run=dry_run, listed_since=listed_since)
    except RegistryDataError as exc:
        raise ImportFailure(paths[0] if len(paths) == 1 else ", ".join(map(str, paths)), "-", str(exc)) from exc
    report.warnings = [str(warning) for warning in warnings]
    return report
