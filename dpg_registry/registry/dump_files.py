"""The whole-registry dumps as files: built once per registry generation, then served from disk.

A dump of every product takes seconds to build at scale, so the unfiltered ``/registry.json``,
``.csv`` and ``.ndjson`` are written into ``<DPG_VAR_DIR>/dumps/`` under the generation they were
built from, and served as files until a write gives the registry a new generation. The next request
then builds the new file (lazily) and removes the old ones. A file is written under a temporary name
and renamed into place, so a reader never sees half a dump; if the registry changed while the file was
being built, it is served to that request but not kept.
"""

import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.http import QueryDict

from dpg_registry.registry import cache, catalogue, selectors
from dpg_registry.registry.export import export_lines

PREFIX = "registry-"


def folder() -> Path:
    return Path(settings.VAR_DIR) / "dumps"


def open_dump(fmt: str) -> BinaryIO:
    """An open file holding the whole-registry dump in ``fmt`` for the current generation."""
    generation = cache.generation()
    path = folder() / f"{PREFIX}{generation}.{fmt}"
    try:
        return path.open("rb")
    except FileNotFoundError:
        pass
    built = _build(fmt)
    if generation == 0 or cache.generation() != generation:
        # Not kept: a registry no service has written yet has no generation of its own, and one that
        # changed while the file was built has moved on to another.
        return _opened_and_removed(built)
    file = built.open("rb")  # open before the rename: another process may replace or remove the name
    os.replace(built, path)
    _remove_other_generations(fmt, keep=path)
    return file


def _build(fmt: str) -> Path:
    folder().mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder(), prefix=".building-", suffix=f".{fmt}")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            filters = catalogue.Filters.from_query(QueryDict())
            products = selectors.with_public_record(catalogue.results(filters)).iterator(chunk_size=500)
            out.writelines(export_lines(products, fmt))
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _opened_and_removed(path: Path) -> BinaryIO:
    file = path.open("rb")
    path.unlink()
    return file


def _remove_other_generations(fmt: str, keep: Path) -> None:
    for old in folder().glob(f"{PREFIX}*.{fmt}"):
        if old != keep:
            old.unlink(missing_ok=True)
