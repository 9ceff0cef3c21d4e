"""What one request of the read path costs, in one process: processor time and database queries per request.

    .venv/bin/python bench/registry/per_request.py [--products 100000] [--database sqlite|postgres]
        [--requests 500] [--profile "API search"]

The same generated registry and queries as ``run.py`` (run it, or this, once to generate them), read through
Django's test client with the whole middleware stack, so a figure is the server's own cost of a request without
wrk, sockets or other requests competing for the cores. For each kind of URL, ``--requests`` different queries
(none answered from the response cache): the processor time of this process per request (mean, p50, p99), the
database server's too on PostgreSQL (its backend process for this connection), and the SQL statements a request
runs. ``--profile`` names a kind to run again under cProfile, printing where its time goes;
``--statements`` prints the SQL of one request of each kind.
"""

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import PG_DEFAULT, VAR, machine, prepare  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def _backend_seconds(pid: int | None) -> float:
    """Processor time (user + system) of a local PostgreSQL backend process so far."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class CollectorPauses:
    """The garbage collector's full (generation 2) collections while it is on, and how long each one took."""

    def __init__(self):
        self.pauses: list[float] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((time.perf_counter() - self._started) * 1000)

    def __enter__(self):
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self)


def measure(client, paths: list[str], backend: int | None) -> dict:
    """Per-request processor time (ms) of this process and of the database backend, statements per request, and
    the garbage collector's full collections during the requests."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    own, database = [], []
    with CollectorPauses() as collector:
        for path in paths:
            started, started_db = time.process_time(), _backend_seconds(backend)
            response = client.get(path)
            own.append((time.process_time() - started) * 1000)
            database.append((_backend_seconds(backend) - started_db) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code}")
    # The statements, on a few other requests (capturing them costs time of its own).
    statements = []
    for path in paths[-20:]:
        with CaptureQueriesContext(connection) as captured:
            client.get(path + "&again=1")
        statements.append(len(captured.captured_queries))
    return {
        "mean": statistics.fmean(own), "p50": _percentile(own, 0.5), "p99": _percentile(own, 0.99),
        "database": statistics.fmean(database), "statements": statistics.fmean(statements),
        "collections": len(collector.pauses), "longest collection": max(collector.pauses, default=0.0),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--profile", default="")
    parser.add_argument("--statements", action="store_true")
    args = parser.parse_args()
    # As run.py serves it: every request from one address, the API's limit lifted but still counted.
    os.environ["DPG_RATE_API"] = "1000000/m/ip,1000000/m/user"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    VAR.mkdir(parents=True, exist_ok=True)
    if args.database == "postgres":
        queries = prepare(args.products, os.environ.get("BENCH_DATABASE_URL", PG_DEFAULT))
    else:
        queries = prepare(args.products, f"sqlite:///{VAR / f'registry-{args.products}.sqlite3'}")
    from django.db import connection
    from django.test import Client

    client = Client()
    client.get("/api/v1/facets?sdg=1")  # builds the in-memory index
    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
    # Each kind its own queries, none used by run.py's wrk rows' first requests nor by another kind here.
    encoded = [urllib.parse.urlencode(query) for query in queries[-3 * args.requests - 60:]]
    kinds = {
        "API search": [f"/api/v1/products?{query}&limit=20" for query in encoded[0::3]],
        "API facets": [f"/api/v1/facets?{query}" for query in encoded[1::3]],
        "catalogue page": [f"/registry/?{query}" for query in encoded[2::3]],
    }
    if args.statements:
        from django.test.utils import CaptureQueriesContext

        for name, paths in kinds.items():
            with CaptureQueriesContext(connection) as captured:
                client.get(paths[-1] + "&shown=1")
            print(f"{name}: {len(captured.captured_queries)} statements")
            for query in captured.captured_queries:
                print("   ", query["sql"][:160])
        return
    load = os.getloadavg()
    print(f"{machine()}; {args.products:,} products on {connection.vendor}; load average {load[0]:.1f} / "
          f"{load[1]:.1f} / {load[2]:.1f}; {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC")
    print(f"objects the garbage collector tracks: {len(gc.get_objects()):,} (frozen: {gc.get_freeze_count():,})")
    print("| kind | mean ms | p50 ms | p99 ms | database server ms | statements | full collections | longest ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, paths in kinds.items():
        row = measure(client, paths[: args.requests], backend)
        database = f"{row['database']:.1f}" if backend else "-"
        print(f"| {name} | {row['mean']:.1f} | {row['p50']:.1f} | {row['p99']:.1f} | {database} | "
              f"{row['statements']:.1f} | {row['collections']} | {row['longest collection']:.1f} |", flush=True)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for path in kinds[args.profile][: args.requests]:
            client.get(path + "&profiled=1")
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
