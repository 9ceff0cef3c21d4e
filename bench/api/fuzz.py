"""Fuzz API v1 from its own OpenAPI document with schemathesis, against a live `dpg serve`.

    DATABASE_URL=postgres://... .venv/bin/python bench/api/fuzz.py [--max-examples 400] [--seed N]

Serves the registry with `dpg serve` (the bundled data, imported into an empty database), runs every
schemathesis phase (coverage, fuzzing, stateful) with every check (no server error; status codes, content
types, headers and bodies as documented; valid requests accepted, invalid ones refused), counts the cases
and failures per operation from schemathesis' event log, and writes them into BENCHMARKS.md.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import ROOT, VAR, dpg_serve, machine, postgres_version, versions, write_section  # noqa: E402

PORT = 8711
HEADING = "## API v1 against its OpenAPI document (schemathesis)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-examples", type=int, default=400, help="fuzzing examples per operation")
    parser.add_argument("--seed", type=int, default=20261121)
    args = parser.parse_args()
    events, summary = VAR / "fuzz-events.ndjson", VAR / "fuzz-run.json"
    with dpg_serve(PORT):
        started = time.monotonic()
        run = subprocess.run(
            [
                str(Path(sys.executable).with_name("schemathesis")), "run",
                f"http://127.0.0.1:{PORT}/api/v1/openapi.json",
                "--checks", "all", "--max-examples", str(args.max_examples), "--seed", str(args.seed),
                "--workers", "2", "--continue-on-failure",
                "--report", "ndjson,json", "--report-ndjson-path", str(events), "--report-json-path", str(summary),
            ],
            cwd=ROOT,
            env={**os.environ, "SCHEMATHESIS_HOOKS": "hooks", "PYTHONPATH": str(Path(__file__).parent)},
            capture_output=True,
            text=True,
        )
        seconds = time.monotonic() - started
        database = postgres_version()
    (VAR / "fuzz-output.txt").write_text(run.stdout + run.stderr)
    if run.returncode not in (0, 1):  # 1: failures found, reported below; anything else: the run broke
        sys.exit(run.stdout[-3000:] + run.stderr[-3000:])
    report(args, tally(events), json.loads(summary.read_text()), seconds, database)


def tally(events: Path) -> dict[str, Counter]:
    """Per operation: cases, responses by status class, and failed checks by name."""
    rows: dict[str, Counter] = defaultdict(Counter)
    seen = set()
    for line in events.open():
        event = json.loads(line).get("ScenarioFinished")
        if not event:
            continue
        recorder = event["recorder"]
        for case_id, case in recorder.get("cases", {}).items():
            if case_id in seen:
                continue
            seen.add(case_id)
            value = case["value"]
            operation = recorder["label"] if event["phase"] != "stateful" else f"{value['method']} {value['path']}"
            row = rows[operation]
            row["cases"] += 1
            response = (recorder.get("interactions", {}).get(case_id) or {}).get("response") or {}
            if "status_code" in response:
                row[f"{response['status_code'] // 100}xx"] += 1
            for check in recorder.get("checks", {}).get(case_id, []):
                if check["status"] == "failure":
                    row["failures"] += 1
                    row[f"failed {check['name']}"] += 1
    return rows


def report(args, rows: dict[str, Counter], summary: dict, seconds: float, database: str) -> None:
    total = sum(rows.values(), Counter())
    failed = sorted(name[len("failed "):] for name in total if name.startswith("failed "))
    lines = [
        f"{HEADING} ({time.strftime('%Y-%m-%d')})",
        "",
        f"Machine: {machine()}. {database}; `dpg serve` (gunicorn, 2 workers x 4 threads) with the bundled data; "
        f"{versions('schemathesis', 'hypothesis', 'django-ninja')}. `bench/api/fuzz.py --max-examples "
        f"{args.max_examples} --seed {args.seed}`: every phase (coverage, fuzzing, stateful) and every check, "
        f"valid and invalid requests; {seconds:.0f} s.",
        "",
        "| operation | cases | 2xx | 4xx | 5xx | failed checks |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for operation in sorted(rows):
        row = rows[operation]
        lines.append(
            f"| {operation} | {row['cases']:,} | {row['2xx']:,} | {row['4xx']:,} | {row['5xx']:,} | {row['failures']} |"
        )
    lines.append(
        f"| **all** | **{total['cases']:,}** | {total['2xx']:,} | {total['4xx']:,} | {total['5xx']:,} | "
        f"**{total['failures']}** |"
    )
    warnings = [f"{name}: {', '.join(items)}" for name, items in summary.get("warnings", {}).items() if items]
    lines += [
        "",
        f"- Schemathesis: {summary['test_cases']['generated']:,} cases generated, "
        f"{summary['test_cases']['unique_failures']} unique failures"
        + (f" ({', '.join(failed)})" if failed else "")
        + f", exit status {summary['exit_code']}.",
        "- Its warnings: " + ("; ".join(warnings) if warnings else "none") + ".",
    ]
    text = "\n".join(lines)
    print(text)
    write_section(HEADING, text)


if __name__ == "__main__":
    main()
