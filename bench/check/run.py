"""Benchmark of `dpg check` against ScanCode Toolkit and against reading every file once.

    python bench/check/run.py TREE [TREE...]         # folders to measure (see bench/README.md)
    python bench/check/run.py --scancode-limit 1800 TREE...   # stop ScanCode after 30 minutes per tree

A ScanCode run stopped at the limit is shown as "> N s", and its ratio as a lower bound.

For each tree it runs, one after the other on a warm file cache:
- `dpg check --format json` (this project),
- `scancode --license --info --classify --summary -n 2` (ScanCode Toolkit in its own virtual
  environment, var/bench/scancode-venv, made by this script), whose summary names the declared licence,
- a plain read of every file once (the physical limit for a tool that reads everything),
and prints wall time, peak memory and the main licence each found, with the ratios.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANCODE_VENV = ROOT / "var" / "bench" / "scancode-venv"
SCANCODE = SCANCODE_VENV / "bin" / "scancode"
TIME = "/usr/bin/time"


def ensure_scancode() -> None:
    if SCANCODE.exists():
        return
    subprocess.run([sys.executable, "-m", "venv", str(SCANCODE_VENV)], check=True)
    # scancode-toolkit-mini 32.x breaks with pluggy 1.6.
    subprocess.run([str(SCANCODE_VENV / "bin" / "pip"), "install", "-q", "scancode-toolkit-mini", "pluggy==1.5.0"],
                   check=True)


def measured(command: list[str], limit: float | None = None) -> tuple[float, int, subprocess.CompletedProcess | None]:
    """Wall seconds and peak resident memory (MB) of ``command``, measured by GNU time; no result past ``limit``."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        process = subprocess.Popen([TIME, "-f", "%M", "-o", report.name, *command], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return time.perf_counter() - started, 0, None
        seconds = time.perf_counter() - started
        peak_kb = int(report.read().strip().splitlines()[-1])
    return seconds, peak_kb // 1024, subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def dpg_check(tree: Path) -> dict:
    seconds, peak, done = measured([sys.executable, "-m", "dpg_registry.cli", "check", str(tree), "--format", "json"])
    if done.returncode not in (0, 1):
        raise SystemExit(f"dpg check failed on {tree}: {done.stderr}")
    report = json.loads(done.stdout)
    return {"seconds": seconds, "peak_mb": peak, "licence": report["main_license"] or "-",
            "files": report["files_seen"]}


def scancode(tree: Path, limit: float | None) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "scan.json"
        seconds, peak, done = measured([
            str(SCANCODE), "--license", "--info", "--classify", "--summary", "-n", "2", "--quiet",
            "--json", str(output), str(tree),
        ], limit)
        if done is None:
            return {"seconds": seconds, "peak_mb": "-", "licence": "stopped", "stopped": True}
        if done.returncode != 0 or not output.exists():
            return {"seconds": seconds, "peak_mb": peak, "licence": f"failed ({done.returncode})"}
        summary = json.loads(output.read_text()).get("summary") or {}
    return {"seconds": seconds, "peak_mb": peak, "licence": spdx_of(summary.get("declared_license_expression"))}


def spdx_of(scancode_expression: str | None) -> str:
    """ScanCode names licences by its own keys; this gives the SPDX expression, for comparison."""
    if not scancode_expression:
        return "-"
    from license_expression import get_license_index

    spdx = {entry["license_key"]: entry.get("spdx_license_key") or f"LicenseRef-scancode-{entry['license_key']}"
            for entry in get_license_index()}

    def one(match):
        word = match.group(0)
        return word.upper() if word.lower() in ("and", "or", "with") else spdx.get(word, word)

    return re.sub(r"[A-Za-z0-9.+_-]+", one, scancode_expression)


def read_everything(tree: Path) -> dict:
    """Read every regular file once, in one process: the least work a tool reading all files can do."""
    code = (
        "import os,sys\n"
        "total=0\n"
        "for d,ds,fs in os.walk(sys.argv[1]):\n"
        "    ds[:]=[x for x in ds if x!='.git']\n"
        "    for f in fs:\n"
        "        p=os.path.join(d,f)\n"
        "        if os.path.isfile(p) and not os.path.islink(p):\n"
        "            with open(p,'rb') as h:\n"
        "                while h.read(1<<20): pass\n"
    )
    seconds, peak, _ = measured([sys.executable, "-c", code, str(tree)])
    return {"seconds": seconds, "peak_mb": peak}


def own_licence_file(tree: Path) -> str:
    names = sorted(p.name for p in tree.iterdir() if p.is_file() and p.name.upper().startswith(("LICEN", "COPYING")))
    return ", ".join(names) or "-"


def main(trees: list[str], limit: float | None) -> None:
    ensure_scancode()
    print("| tree | files | dpg check | ScanCode | read all | ScanCode ÷ dpg | dpg ÷ read | peak MB dpg / ScanCode "
          "| main licence dpg / ScanCode | licence file |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |", flush=True)
    for name in trees:
        tree = Path(name).resolve()
        read_everything(tree)  # warm the file cache, so every tool starts from the same state
        plain = read_everything(tree)
        ours = dpg_check(tree)
        theirs = scancode(tree, limit)
        over = "> " if theirs.get("stopped") else ""
        print(f"| {tree.name} | {ours['files']:,} | {ours['seconds']:.2f} s | {over}{theirs['seconds']:.1f} s | "
              f"{plain['seconds']:.2f} s | {over}{theirs['seconds'] / ours['seconds']:.0f}× | "
              f"{ours['seconds'] / plain['seconds']:.1f}× | {ours['peak_mb']} / {theirs['peak_mb']} | "
              f"{ours['licence']} / {theirs['licence']} | {own_licence_file(tree)} |", flush=True)


if __name__ == "__main__":
    os.chdir(ROOT)
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("trees", nargs="+")
    arguments.add_argument("--scancode-limit", type=float, help="seconds after which a ScanCode run is stopped")
    options = arguments.parse_args()
    main(options.trees, options.scancode_limit)
