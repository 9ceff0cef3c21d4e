"""Long fuzzing of the importers and the checker's parsers: many more examples than the suite runs.

Runs every target of tests/fuzz/targets.py with --examples examples each (random, not derandomised)
and prints, per target, the examples tried, their rate, and each distinct crash hypothesis found
(shrunk to a minimal input). The peer is the same number of calls of ``json.loads`` on the drawn
input rendered as JSON: what reading the input at all costs, so the rate shows what the parser adds.

    .venv/bin/python bench/fuzz/run.py --examples 5000
"""

import argparse
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dpg_registry.settings")

import django  # noqa: E402

django.setup()

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.fuzz.targets import TARGETS  # noqa: E402


def run_target(name: str, strategy, check, examples: int) -> dict:
    seen = {"count": 0, "json_seconds": 0.0}

    @settings(max_examples=examples, deadline=None, database=None, report_multiple_bugs=True,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def fuzz(value):
        seen["count"] += 1
        began = time.perf_counter()
        json.loads(json.dumps(value if not isinstance(value, bytes) else value.decode("latin-1"), default=str))
        seen["json_seconds"] += time.perf_counter() - began
        check(value)

    crashes = []
    began = time.perf_counter()
    try:
        fuzz()
    except BaseException as error:  # noqa: BLE001 - every crash is reported, not raised
        errors = getattr(error, "exceptions", None) or [error]
        crashes = ["".join(traceback.format_exception_only(type(e), e)).strip()[:300] for e in errors]
    seconds = time.perf_counter() - began
    return {"target": name, "examples": seen["count"], "seconds": round(seconds, 1),
            "per_second": round(seen["count"] / seconds, 1) if seconds else 0,
            "json_per_second": round(seen["count"] / seen["json_seconds"]) if seen["json_seconds"] else 0,
            "crashes": crashes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="examples per target (default 5000)")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="only these targets")
    args = parser.parse_args()
    print(f"Machine: {os.cpu_count()} cores, {platform.platform()}; {args.examples} examples per target")
    print()
    print("| target | examples | seconds | examples/s | json.loads/s (peer) | crashes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    results = []
    for name in args.target or TARGETS:
        strategy, check = TARGETS[name]
        result = run_target(name, strategy, check, args.examples)
        results.append(result)
        print(f"| {name} | {result['examples']} | {result['seconds']} | {result['per_second']} | "
              f"{result['json_per_second']} | {len(result['crashes'])} |", flush=True)
    for result in results:
        for crash in result["crashes"]:
            print(f"\n{result['target']}: {crash}")


if __name__ == "__main__":
    main()
