"""Benchmark of `dpg check` against ScanCode Toolkit and against reading every file once.

    python bench/check/run.py TREE [TREE...]         # folders to measure (see bench/README.md)
    python bench/check/run.py --scancode-limit 300 TREE...    # stop ScanCode after 5 minutes per tree
    python bench/check/run.py --no-scancode TREE...  # dpg check and the plain read only, while working on the check

A ScanCode run stopped at the limit is shown as "> N s", and its ratio as a lower bound.

First the start-up: `dpg check --format json` on an empty folder and on a folder holding one licence file,
against `python -c pass` (the floor: starting the interpreter). Then, for each tree, one after the other
on a warm file cache:
- `dpg check --format json` (this project),
- `scancode --license --info --classify --summary -n 2` (ScanCode Toolkit in its own virtual
  environment, var/bench/scancode-venv, made by this script), whose summary names the declared licence,
- a plain read of every file once (the physical limit for a tool that reads everything),
and prints wall time, peak memory and the main licence each found, with the ratios. The machine may be
shared, so `dpg check`, the plain read and the start-up runs are repeated (--repeat, 3 by default) and
their median is shown; ScanCode runs once. The project's modules are compiled to bytecode first, as an
installed package has them, so that no run pays for compiling them.
"""

import argparse
import json
import os
import re
import signal
import statistics
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


def measured(command: list[str], limit: float | None = None) -> tuple[dict, subprocess.CompletedProcess | None]:
    """Wall seconds, processor seconds (user and system) and peak resident memory (MB) of ``command``, measured by
    GNU time; no result past ``limit``."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        process = subprocess.Popen([TIME, "-f", "%M %U %S", "-o", report.name, *command], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return {"seconds": time.perf_counter() - started, "cpu": 0.0, "peak_mb": 0}, None
        seconds = time.perf_counter() - started
        peak_kb, user, system = report.read().strip().splitlines()[-1].split()
    figures = {"seconds": seconds, "cpu": float(user) + float(system), "peak_mb": int(peak_kb) // 1024}
    return figures, subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def dpg_check(tree: Path) -> dict:
    figures, done = measured([sys.executable, "-m", "dpg_registry.cli", "check", str(tree), "--format", "json"])
    if done.returncode not in (0, 1):
        raise SystemExit(f"dpg check failed on {tree}: {done.stderr}")
    report = json.loads(done.stdout)
    return {**figures, "licence": report["main_license"] or "-", "files": report["files_seen"]}


def median_of(runs: int, measure, *arguments) -> dict:
    """The median wall and processor times of ``runs`` runs of ``measure``, with the other figures of one of them."""
    results = [measure(*arguments) for _ in range(runs)]
    return {**results[0], **{key: statistics.median(result[key] for result in results) for key in ("seconds", "cpu")}}


def nothing() -> dict:
    return measured([sys.executable, "-c", "pass"])[0]


def start_up(runs: int) -> None:
    """`dpg check` on the smallest trees against starting the interpreter and doing nothing."""
    with tempfile.TemporaryDirectory() as scratch:
        empty, one = Path(scratch) / "empty", Path(scratch) / "one-file"
        empty.mkdir()
        one.mkdir()
        (one / "LICENSE").write_text((ROOT / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
        rows = [("`python -c pass` (the floor)", median_of(runs, nothing)),
                ("`dpg check` on an empty folder", median_of(runs, dpg_check, empty)),
                ("`dpg check` on a folder with one licence file", median_of(runs, dpg_check, one))]
    print("| start-up | wall | processor | peak MB |\n| --- | ---: | ---: | ---: |")
    for label, result in rows:
        print(f"| {label} | {result['seconds']:.3f} s | {result['cpu']:.2f} s | {result['peak_mb']} |")
    print(flush=True)


def compile_bytecode() -> None:
    """Compile the project's modules, as installing the package does (a source checkout may hold no bytecode)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "dpg_registry")], check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})


def scancode(tree: Path, limit: float | None) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "scan.json"
        figures, done = measured([
            str(SCANCODE), "--license", "--info", "--classify", "--summary", "-n", "2", "--quiet",
            "--json", str(output), str(tree),
        ], limit)
        if done is None:
            return {**figures, "peak_mb": "-", "licence": "stopped", "stopped": True}
        if done.returncode != 0 or not output.exists():
            return {**figures, "licence": f"failed ({done.returncode})"}
        summary = json.loads(output.read_text()).get("summary") or {}
    return {**figures, "licence": spdx_of(summary.get("declared_license_expression"))}


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
    return measured([sys.executable, "-c", code, str(tree)])[0]


def own_licence_file(tree: Path) -> str:
    names = sorted(p.name for p in tree.iterdir() if p.is_file() and p.name.upper().startswith(("LICEN", "COPYING")))
    return ", ".join(names) or "-"


def main(trees: list[str], limit: float | None, runs: int, with_scancode: bool) -> None:
    compile_bytecode()
    if with_scancode:
        ensure_scancode()
    start_up(runs)
    print("| tree | files | dpg check | ScanCode | read all | ScanCode ÷ dpg | dpg ÷ read | dpg ÷ read, processor "
          "| peak MB dpg / ScanCode | main licence dpg / ScanCode | licence file |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |", flush=True)
    for name in trees:
        tree = Path(name).resolve()
        read_everything(tree)  # warm the file cache, so every tool starts from the same state
        plain = median_of(runs, read_everything, tree)
        ours = median_of(runs, dpg_check, tree)
        theirs = scancode(tree, limit) if with_scancode else {"peak_mb": "-", "licence": "-"}
        over = "> " if theirs.get("stopped") else ""
        their_time, ratio = "-", "-"
        if "seconds" in theirs:
            their_time = f"{over}{theirs['seconds']:.1f} s"
            ratio = f"{over}{theirs['seconds'] / ours['seconds']:.0f}×"
        print(f"| {tree.name} | {ours['files']:,} | {ours['seconds']:.2f} s | {their_time} | "
              f"{plain['seconds']:.2f} s | {ratio} | "
              f"{ours['seconds'] / plain['seconds']:.1f}× | {ours['cpu']:.2f} s ÷ {plain['cpu']:.2f} s = "
              f"{ours['cpu'] / max(plain['cpu'], 0.01):.1f}× | {ours['peak_mb']} / {theirs['peak_mb']} | "
              f"{ours['licence']} / {theirs['licence']} | {own_licence_file(tree)} |", flush=True)


if __name__ == "__main__":
    os.chdir(ROOT)
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("trees", nargs="+")
    arguments.add_argument("--scancode-limit", type=float, help="seconds after which a ScanCode run is stopped")
    arguments.add_argument("--no-scancode", action="store_true", help="measure dpg check and the plain read only")
    arguments.add_argument("--repeat", type=int, default=3, help="runs of dpg check and of the plain read (median)")
    options = arguments.parse_args()
    main(options.trees, options.scancode_limit, options.repeat, not options.no_scancode)
