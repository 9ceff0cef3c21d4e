"""``dpg import``: detect each path's format, read everything, then write in one transaction."""

from pathlib import Path

from dpg_registry.importers import dpga_api, dpga_legacy
from dpg_registry.importers.errors import ImportFailure
from dpg_registry.registry.records import ProductRecord
from dpg_registry.registry.services import ImportReport, RegistryDataError, import_products
from dpg_registry.standard.selectors import sector_names

FORMATS = (dpga_legacy, dpga_api)


def read_path(path: Path) -> list[ProductRecord]:
    if not path.exists():
        raise ImportFailure(path, "-", "no such file or folder")
    for module in FORMATS:
        if module.detect(path):
            return module.read(path)
    raise ImportFailure(
        path,
        "-",
        "unknown format: expected the DPGA legacy folder layout (nominees/, digitalpublicgoods/, archive/, "
        "excluded-nominees/) or a JSON array as served by the DPGA registry API (/api/dpgs)",
    )


def run_import(paths: list[Path], *, dry_run: bool = False) -> ImportReport:
    """Read every path first (no write happens if one is bad), then import all records at once.

    A product found in several paths is written from each in turn, so the last path wins.
    """
    records: list[ProductRecord] = []
    known_sectors = sector_names()
    for path in paths:
        for record in read_path(path):
            _check_sectors(record, path, known_sectors)
            records.append(record)
    try:
        return import_products(records=records, dry_run=dry_run)
    except RegistryDataError as exc:
        raise ImportFailure(paths[0] if len(paths) == 1 else ", ".join(map(str, paths)), "-", str(exc)) from exc


def _check_sectors(record: ProductRecord, path: Path, known: set[str]) -> None:
    for index, sector in enumerate(record.sectors):
        if sector not in known:
            source = record.sources[0]
            file = path / source.source_key if path.is_dir() else path
            raise ImportFailure(file, f"sectors[{index}]", f"unknown sector {sector!r} in product {record.slug!r}")
