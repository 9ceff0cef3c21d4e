"""Read-path benchmark at N products: this registry against Datasette and its own static files.

    .venv/bin/python bench/registry/run.py [--products 100000] [--seconds 20] [--connections 32]
        [--database sqlite|postgres] [--workers 2] [--threads 1]

Generates (once) a synthetic registry in var/bench/ (and, with ``--database postgres``, the same registry in the
PostgreSQL database of ``BENCH_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/h_read``), serves it
with gunicorn as `dpg serve` does, serves the SQLite file with Datasette, and loads each kind of URL with wrk,
every request a different query (queries.py, distinct.lua), so the response cache answers none of them. Prints
throughput, p50 and p99 latency, the ratios the goals name, the machine's load and the server's memory, and
adds them to BENCHMARKS.md as a new dated section; one repeated, cached URL is reported as a footnote.
"""

import argparse
import os
import platform
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "bench"
LEGACY = ROOT / "dpg_registry" / "data" / "dpga-legacy"
FAMILIES = ("permissive", "copyleft", "content", "data")
QUERIES = 60_000
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/h_read"
# Datasette runs, for each query, the SQL our server runs for the same request, written as plain nested
# subqueries: a page of 20 matching products ranked as ours are (all words in the name, then in the name or
# aliases, then with the organisations, then anywhere; then by name) with the number of matches; and the facet
# counts (every facet over the matches with the other filters applied).
MATCHES = (
    "select rowid from registry_search where registry_search match :q) "
    "and {id} in (select product_id from registry_productsdg where sdg_id = :sdg)"
)
TIER = " ".join(
    f"when id in (select rowid from registry_search where registry_search match '{columns} : (' || :q || ')') "
    f"then {number}"
    for number, columns in enumerate(["{name}", "{name aliases}", "{name aliases organisations}"], start=1)
)
DATASETTE_SEARCH = (
    f"select id, slug, name, description, status, count(*) over () as total, case {TIER} else 4 end as tier "
    "from registry_product where id in (" + MATCHES.format(id="id") + " order by tier, sort_name, id limit 20"
)
DATASETTE_FACETS = (
    "select facet, value, count(*) as n from registry_productfacet where facet != 'sdg' and product_id in ("
    + MATCHES.format(id="product_id")
    + " group by facet, value union all "
    "select facet, value, count(*) as n from registry_productfacet where facet = 'sdg' and product_id in ("
    "select rowid from registry_search where registry_search match :q) group by facet, value"
)
# Without a search: an SDG, a status and a category.
FILTERS = {
    "sdg": "select product_id from registry_productsdg where sdg_id = :sdg",
    "status": "select id from registry_product where status = :status",
    "category": "select product_id from registry_productfacet where facet = 'category' and value = :category",
}


def _allowed(names) -> str:
    return " and ".join(f"{{id}} in ({FILTERS[name]})" for name in names)


DATASETTE_FILTERED = (
    "select id, slug, name, description, status, count(*) over () as total from registry_product where "
    + _allowed(FILTERS).format(id="id") + " order by sort_name, id limit 20"
)
DATASETTE_FILTERED_FACETS = " union all ".join(
    f"select facet, value, count(*) as n from registry_productfacet where facet {test} and "
    + _allowed(others).format(id="product_id") + " group by facet, value"
    for test, others in [
        ("not in ('sdg', 'status', 'category')", list(FILTERS)),
        *((f"= '{name}'", [other for other in FILTERS if other != name]) for name in FILTERS),
    ]
)


def prepare(count: int, database_url: str) -> list[dict]:
    """Migrate, load and (once) generate the registry; return the distinct queries."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DPG_VAR_DIR"] = str(VAR)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dpg_registry.settings"
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(Path(__file__).parent))
    import django

    django.setup()
    from django.core.management import call_command

    from dpg_registry.registry.models import Product
    from dpg_registry.standard.services import load_standard

    call_command("migrate", verbosity=0)
    load_standard()
    call_command("collectstatic", interactive=False, verbosity=0)
    existing = Product.objects.count()
    if existing != count:
        if existing:
            raise SystemExit(f"{database_url} holds {existing} products; empty it to generate {count}")
        from generate import generate

        started = time.monotonic()
        generate(count, LEGACY)
        print(f"generated {count} products in {time.monotonic() - started:.0f} s")
        from django.db import connection

        if connection.vendor == "postgresql":
            # The planner's statistics of the new rows, as autovacuum would gather them (it may be off, and is
            # not immediate): without them PostgreSQL scans whole tables to read a page of 20 products.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    from queries import benchmark_queries

    queries = benchmark_queries(QUERIES)
    from django.db import connection

    connection.close()
    return queries


def datasette_python() -> Path:
    venv = VAR / "datasette-venv"
    if not (venv / "bin" / "datasette").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "datasette==0.65.*"], check=True)
    return venv / "bin" / "datasette"


def _duration_ms(text: str) -> float:
    """wrk's latency ("812.00us", "1.20s"); NaN when no request finished."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        return float("nan")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def load(base: str, paths: list[str], seconds: int, connections: int) -> dict:
    """wrk on ``base``, each request the next of ``paths`` (a single path: the same URL every time)."""
    listing = VAR / "paths.txt"
    listing.write_text("\n".join(paths) + "\n")
    script = ["-s", str(Path(__file__).with_name("distinct.lua")), base, "--", str(listing), "2"]
    before = os.getloadavg()[0]
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", *script],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    repeated = re.search(r"Repeated paths: (\d+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _duration_ms(_latency(output, "50%")),
        "p99": _duration_ms(_latency(output, "99%")),
        "errors": (int(errors.group(1)) if errors else 0) + _socket_error_count(socket_errors),
        "repeated": int(repeated.group(1)) if repeated else 0,
        "load": (before + os.getloadavg()[0]) / 2,
    }


def _socket_error_count(match) -> int:
    """Connection errors and timeouts wrk counted (its "Socket errors" line)."""
    return sum(int(number) for number in re.findall(r"\d+", match.group(1))) if match else 0


def _latency(output: str, percentile: str) -> str:
    match = re.search(rf"^\s+{percentile}\s+(\S+)", output, re.MULTILINE)
    return match.group(1) if match else ""


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    for child in [pid] + [
        int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    ]:
        status = Path(f"/proc/{child}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total / 1024


def machine() -> str:
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) // 1024 // 1024
    processor = cpu.group(1) if cpu else platform.machine()
    return f"{os.cpu_count()} cores ({processor}), {memory} GiB, {platform.platform()}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads in each worker process (as dpg serve)")
    args = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    database = VAR / f"registry-{args.products}.sqlite3"
    if args.database == "postgres":
        if not database.exists():
            raise SystemExit(f"run with --database sqlite first: Datasette reads {database}")
        queries = prepare(args.products, os.environ.get("BENCH_DATABASE_URL", PG_DEFAULT))
    else:
        queries = prepare(args.products, f"sqlite:///{database}")
    from django.contrib.staticfiles.storage import staticfiles_storage

    css = staticfiles_storage.url("css/site.css")
    idle_load = os.getloadavg()
    # Every request comes from one address: the per-address API limit would answer 429.
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost", "DPG_RATE_API": "1000000/m/ip,1000000/m/user"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "dpg_registry.wsgi:application",
            "--bind",
            "127.0.0.1:8701",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    datasette = subprocess.Popen(
        [
            str(datasette_python()),
            "serve",
            "-i",
            str(database),
            "-p",
            "8702",
            "--setting",
            "num_sql_threads",
            "4",
            "--setting",
            "sql_time_limit_ms",
            "10000",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ours, theirs = "http://127.0.0.1:8701", "http://127.0.0.1:8702"

    def datasette_paths(start: int, facets: bool) -> list[str]:
        paths = []
        for query in queries[start::3]:
            if "q" in query:
                sql, params = DATASETTE_FACETS if facets else DATASETTE_SEARCH, {**query, "q": f'"{query["q"]}"*'}
            else:
                sql, params = DATASETTE_FILTERED_FACETS if facets else DATASETTE_FILTERED, query
            paths.append(f"/{database.stem}.json?" + urllib.parse.urlencode({"sql": sql, **params}))
        return paths

    # Each of our URL kinds gets its own third of the queries (the count a search caches is then never the
    # one a facets request needs); Datasette gets the same queries as the URL it is compared with.
    thirds = [[urllib.parse.urlencode(query) for query in queries[start::3]] for start in range(3)]
    targets = {
        "static file (limit)": (ours, [css]),
        "API search": (ours, [f"/api/v1/products?{query}&limit=20" for query in thirds[0]]),
        "Datasette, search": (theirs, datasette_paths(0, facets=False)),
        "API facets (9 facets)": (ours, [f"/api/v1/facets?{query}" for query in thirds[1]]),
        "Datasette, facets": (theirs, datasette_paths(1, facets=True)),
        "catalogue page": (ours, [f"/registry/?{query}" for query in thirds[2]]),
        "profile page": (ours, [f"/registry/synthetic-{n}/" for n in range(0, args.products, 3)]),
    }
    # Each worker builds its facet index on its first catalogue read: warm both before measuring, with URLs
    # none of the rows asks for.
    warm_up = [f"/api/v1/facets?license_family={family}&sdg={sdg}" for family in FAMILIES for sdg in range(1, 18)]
    # Footnote only: one URL repeated, answered from the response cache after its first request.
    cached = {"API search, one URL repeated (cached)": (ours, [f"/api/v1/products?{thirds[0][0]}&limit=20"])}
    try:
        for base, paths in [*targets.values(), *cached.values()]:
            wait_for(base + paths[0], 120)
        load(ours, warm_up, 5 * max(1, args.workers // 2), args.connections)  # each worker builds its index
        results = {name: load(base, paths, args.seconds, args.connections) for name, (base, paths) in targets.items()}
        footnotes = {name: load(base, paths, args.seconds, args.connections) for name, (base, paths) in cached.items()}
        memory = rss_mb(server.pid)
    finally:
        server.terminate()
        datasette.terminate()
        server.wait()
        datasette.wait()
    report(args, results, footnotes, memory, idle_load, len(queries))


DATABASES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def _heading(args) -> str:
    return f"## Registry read path at {args.products:,} products on {DATABASES[args.database]}"


def _goal(met: bool) -> str:
    return "met" if met else "not met"


def report(args, results: dict, footnotes: dict, memory: float, idle_load: tuple, queries: int) -> None:
    search, facets = results["API search"], results["API facets (9 facets)"]
    catalogue = results["catalogue page"]
    lines = [
        f"{_heading(args)} ({time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC)",
        "",
        f"Machine: {machine()}; load average before the run {idle_load[0]:.1f} / {idle_load[1]:.1f} / "
        f"{idle_load[2]:.1f} (1 / 5 / 15 min; other work shares the cores). wrk, {args.connections} "
        f"connections, {args.seconds} s per row; gunicorn {args.workers} workers x {args.threads} threads on "
        f"{DATABASES[args.database]}; "
        f"Datasette 0.65 on the SQLite file of the same generated data (immutable). Every request a different "
        f"query of {queries:,} drawn from the products' own data (a description's word and SDG; a common word and "
        "an SDG; no search, only an SDG, a status and a category); \"repeated\" counts requests that reused an "
        "earlier URL.",
        "",
        "| URL | requests/s | p50 ms | p99 ms | errors | repeated | load avg |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in results.items():
        lines.append(
            f"| {name} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} | {row['errors']} | "
            f"{row['repeated']} | {row['load']:.1f} |"
        )
    against = {name: results[name]["rps"] / results[f"Datasette, {name.split()[1]}"]["rps"]
               for name in ("API search", "API facets (9 facets)")}
    lines += [
        "",
        f"- API search p99: {search['p99']:.0f} ms ({_goal(search['p99'] <= 100)}), facets p99: "
        f"{facets['p99']:.0f} ms ({_goal(facets['p99'] <= 100)}; goal ≤ 100 ms); catalogue page p99: "
        f"{catalogue['p99']:.0f} ms (goal ≤ 150 ms: {_goal(catalogue['p99'] <= 150)}).",
        f"- Throughput against Datasette on the same queries: search {against['API search']:.1f}x "
        f"({_goal(against['API search'] >= 10)}), facets {against['API facets (9 facets)']:.1f}x "
        f"({_goal(against['API facets (9 facets)'] >= 10)}; goal ≥ 10x).",
        f"- Server memory (gunicorn master and workers, RSS): {memory:.0f} MB (goal ≤ 600 MB: {_goal(memory <= 600)}).",
    ]
    for name, row in footnotes.items():
        lines.append(
            f"- Footnote, cached: {name}: {row['rps']:.0f} requests/s, p50 {row['p50']:.1f} ms, "
            f"p99 {row['p99']:.1f} ms; not a measure of the read path."
        )
    text = "\n".join(lines) + "\n"
    print(text)
    # Earlier runs stay (each section is dated): the figures of successive changes read side by side.
    benchmarks = ROOT / "BENCHMARKS.md"
    existing = benchmarks.read_text() if benchmarks.exists() else "# Benchmarks\n\nFigures written by `bench/`.\n\n"
    benchmarks.write_text(existing.rstrip() + "\n\n" + text)


if __name__ == "__main__":
    main()
