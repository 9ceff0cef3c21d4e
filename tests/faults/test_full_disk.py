"""The disk fills up while `dpg backup` writes: it says so, leaves no backup that looks complete, changes nothing.

The backup's folder is a tmpfs of half the backup's size, mounted by the test (it runs as root in CI). Where
mounting is not allowed, the backup runs under RLIMIT_FSIZE instead, a limit on the size of any file it
writes, which fails the write the same way (EFBIG instead of ENOSPC).
"""

import gzip
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps

from dpg_registry.audit.models import AuditCheckpoint
from tests.conftest import API_SAMPLE, ROOT, dpg_env, run_dpg
from tests.test_backup import rows

# Slow: CI runs the fault tests in its PostgreSQL pass.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def small_folder(tmp_path):
    """A folder that holds at most ``limit`` bytes; yields a function that makes it, and how it limits."""
    mounted = []

    def make(limit: int) -> tuple[Path, dict]:
        folder = tmp_path / "small"
        folder.mkdir()
        mount = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={limit}", "tmpfs", str(folder)],
                               capture_output=True, text=True)
        if mount.returncode == 0:
            mounted.append(folder)
            return folder, {}

        def limit_file_size():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        return folder, {"preexec_fn": limit_file_size}

    yield make
    for folder in mounted:
        subprocess.run(["umount", str(folder)], check=True)


def table_rows() -> dict[str, int]:
    """How many rows each table holds, but the audit checkpoints a backup writes before it starts."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()
            if model is not AuditCheckpoint and model._meta.managed}


def test_a_backup_that_fills_the_disk_fails_naming_its_file_and_leaves_nothing_that_looks_complete(
        people, draft, tmp_path, small_folder):
    assert run_dpg("import", str(API_SAMPLE)).returncode == 0
    whole = tmp_path / "whole.gz"
    assert run_dpg("backup", str(whole)).returncode == 0
    size = whole.stat().st_size
    assert size > 64 * 1024  # large enough that the folder below fills up half-way

    folder, limit = small_folder(size // 2 // 4096 * 4096)
    target = folder / "registry.gz"
    before = table_rows()
    failed = subprocess.run([sys.executable, "-m", "dpg_registry.cli", "backup", str(target)], cwd=ROOT,
                            env=dpg_env(), capture_output=True, text=True, timeout=120, **limit)

    assert failed.returncode == 1
    assert f"{target}: the backup failed, and nothing was written under that name" in failed.stderr
    assert ("No space left on device" in failed.stderr) or ("File too large" in failed.stderr), failed.stderr
    assert "Traceback" not in failed.stderr
    assert os.listdir(folder) == []  # neither the backup nor its partial copy is left
    assert table_rows() == before

    # A backup already there under that name is kept whole when the next one fails.
    previous = tmp_path / "previous.gz"
    with gzip.open(previous, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"format": "dpg-registry-backup"}) + "\n")
    target.write_bytes(previous.read_bytes())
    again = subprocess.run([sys.executable, "-m", "dpg_registry.cli", "backup", str(target)], cwd=ROOT,
                           env=dpg_env(), capture_output=True, text=True, timeout=120, **limit)
    assert again.returncode == 1, again.stdout
    assert target.read_bytes() == previous.read_bytes()
    assert os.listdir(folder) == ["registry.gz"]

    # Once there is room, the same command makes a whole backup.
    roomy = tmp_path / "registry.gz"
    made = run_dpg("backup", str(roomy))
    assert made.returncode == 0, made.stderr
    header, data = rows(roomy)
    assert header["format"] == "dpg-registry-backup" and len(data) == len(rows(whole)[1])
