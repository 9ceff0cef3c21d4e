"""Trees for the check benchmark, under var/bench/check-trees/.

    python bench/check/trees.py export NAME GIT_DIR   # the HEAD of a cloned repository, as files
    python bench/check/trees.py generate              # synthetic trees: many small files, big data files

Repositories are cloned by whoever runs the benchmark (their code is never committed here); an
export skips blobs a partial clone does not hold.
"""

import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TREES = ROOT / "var" / "bench" / "check-trees"
APACHE = (ROOT / "LICENSE").read_text(encoding="utf-8")


def export(name: str, git_dir: str) -> Path:
    target = TREES / name
    if target.exists():
        return target
    listing = subprocess.run(["git", f"--git-dir={git_dir}", "ls-tree", "-r", "-z", "HEAD"],
                             capture_output=True, check=True).stdout
    skipped = 0
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, path = entry.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind != b"blob" or mode == b"120000":  # no submodules, no links
            continue
        blob = subprocess.run(["git", f"--git-dir={git_dir}", "cat-file", "blob", sha.decode()], capture_output=True)
        if blob.returncode != 0:
            skipped += 1
            continue
        destination = target / path.decode("utf-8", errors="replace")
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(blob.stdout)
    print(f"{name}: exported to {target} ({skipped} blobs not in the clone)")
    return target


def licence_text(spdx_id: str) -> str:
    from dpg_registry.checks.detectors.licence.texts import TEXTS_FILE, load

    return next(record["text"] for record in load(TEXTS_FILE)["licences"] if record["id"] == spdx_id)


def generate() -> None:
    rng = random.Random(7)
    many = TREES / "generated-50k-small-files"
    if not many.exists():
        for number in range(50_000):
            folder = many / "src" / f"m{number % 500:03}"
            folder.mkdir(parents=True, exist_ok=True)
            body = "\n".join(f"    value_{i} = {rng.randint(0, 10**6)}" for i in range(rng.randint(5, 60)))
            (folder / f"f{number:05}.py").write_text(
                f"# SPDX-License-Identifier: Apache-2.0\n# Copyright 2026 Example Health Foundation\n\n"
                f"def function_{number}():\n{body}\n    return 0\n"
            )
        (many / "LICENSE").write_text(APACHE)
        (many / "README.md").write_text("# Generated\n\n## Installation\n\nNone.\n")
    data = TREES / "generated-data-1gb"
    if not data.exists():
        (data / "data").mkdir(parents=True)
        row = "2026-01-01,KE,Nairobi,clinic visits,1234\n" * 25_000  # about 1 MB
        for number in range(1000):
            (data / "data" / f"part-{number:04}.csv").write_text(row)
        (data / "LICENSE.md").write_text(licence_text("CC-BY-4.0"))
        (data / "README.md").write_text("# Clinic visits\n\nLicensed under CC-BY-4.0.\n")
    print(f"generated trees in {TREES}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["export"] and len(sys.argv) == 4:
        export(sys.argv[2], sys.argv[3])
    elif sys.argv[1:] == ["generate"]:
        generate()
    else:
        sys.exit(__doc__)
