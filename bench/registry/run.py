"""Read-path benchmark at N products: this registry against Datasette and its own static files.

    .venv/bin/python bench/registry/run.py [--products 100000] [--seconds 20] [--connections 32]

Generates (once) a synthetic registry in var/bench/, serves it with gunicorn as `dpg serve` does,
serves the same SQLite file with Datasette, and loads each URL with wrk. Prints throughput,
p50 and p99 latency, the ratios the goals name, and the server's memory, and writes them into
BENCHMARKS.md.
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
WORD = "health"
# The deployment-country facet of DPGs matching the search word: one of the nine facets our
# /api/v1/facets computes, written as the SQL Datasette runs for it.
DATASETTE_SQL = (
    "select code, count(distinct product_id) as n from registry_productcountry "
    "where kind = 'deployed' and code != '' and product_id in ("
    " select id from registry_product where status = 'dpg' and id in ("
    "  select rowid from registry_search where registry_search match :q)) "
    "group by code order by n desc"
)


def prepare(count: int, database: Path) -> list[str]:
    """Migrate, load and (once) generate the registry; return words for uncached searches."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
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
            raise SystemExit(f"{database} holds {existing} products; remove it to generate {count}")
        from generate import generate

        started = time.monotonic()
        generate(count, LEGACY)
        print(f"generated {count} products in {time.monotonic() - started:.0f} s")
    names = list(Product.objects.values_list("name", flat=True)[:5000])[::50]
    words = sorted({name.split()[0].lower() for name in names})
    from django.db import connection

    connection.close()
    return words[:40]


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


def load(url: str, seconds: int, connections: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _duration_ms(_latency(output, "50%")),
        "p99": _duration_ms(_latency(output, "99%")),
        "errors": (int(errors.group(1)) if errors else 0) + _socket_error_count(socket_errors),
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
    args = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    database = VAR / f"registry-{args.products}.sqlite3"
    cold_words = prepare(args.products, database)
    from django.contrib.staticfiles.storage import staticfiles_storage

    css = staticfiles_storage.url("css/site.css")
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "dpg_registry.wsgi:application",
            "--bind",
            "127.0.0.1:8701",
            "--workers",
            "2",
            "--threads",
            "4",
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
    ours = "http://127.0.0.1:8701"
    query = urllib.parse.urlencode({"sql": DATASETTE_SQL, "q": f'"{WORD}"*'})
    theirs = f"http://127.0.0.1:8702/{database.stem}.json?{query}"
    slug = f"synthetic-{args.products // 2}"
    targets = {
        "static file (limit)": f"{ours}{css}",
        "API search (products)": f"{ours}/api/v1/products?q={WORD}&status=dpg&limit=20",
        "API facets (9 facets)": f"{ours}/api/v1/facets?q={WORD}&status=dpg",
        "catalogue page": f"{ours}/registry/?q={WORD}&status=dpg",
        "profile page": f"{ours}/registry/{slug}/",
        "Datasette, 1 facet": theirs,
    }
    try:
        for url in targets.values():
            wait_for(url, 120)
        cold = cold_latencies(ours, cold_words)
        results = {name: load(url, args.seconds, args.connections) for name, url in targets.items()}
        memory = rss_mb(server.pid)
    finally:
        server.terminate()
        datasette.terminate()
        server.wait()
        datasette.wait()
    report(args, results, memory, cold)


def cold_latencies(base: str, words: list[str]) -> list[float]:
    """Search + facets for words never asked before (nothing cached), one at a time, in ms."""
    timings = []
    for word in words:
        for path in (f"/api/v1/facets?q={word}&status=dpg", f"/api/v1/products?q={word}&status=dpg"):
            started = time.perf_counter()
            urllib.request.urlopen(base + path, timeout=60).read()
            timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings)


def report(args, results: dict, memory: float, cold: list[float]) -> None:
    facets = results["API facets (9 facets)"]
    search = results["API search (products)"]
    static = results["static file (limit)"]
    datasette = results["Datasette, 1 facet"]
    lines = [
        f"## Registry read path at {args.products:,} products ({time.strftime('%Y-%m-%d')})",
        "",
        f"Machine: {machine()}. wrk, {args.connections} connections, {args.seconds} s per URL; "
        "gunicorn 2 workers x 4 threads on SQLite; Datasette 0.65 on the same file (immutable).",
        "",
        "| URL | requests/s | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, row in results.items():
        lines.append(f"| {name} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} | {row['errors']} |")
    lines += [
        "",
        f"- API facets p99: {facets['p99']:.0f} ms (goal ≤ 100 ms); API search p99: {search['p99']:.0f} ms.",
        f"- API facets throughput / Datasette (one facet of the nine): {facets['rps'] / datasette['rps']:.2f}x "
        "(goal ≥ 3x).",
        f"- API search throughput / static file: {search['rps'] / static['rps']:.0%} (goal ≥ 30 %).",
        f"- Server memory (gunicorn master and workers, RSS): {memory:.0f} MB (goal ≤ 600 MB).",
        f"- The figures above repeat one query, so after the first request its facet counts come from the "
        f"cache. Uncached (a new word each time, {len(cold)} requests one at a time): p50 "
        f"{cold[len(cold) // 2]:.0f} ms, max {cold[-1]:.0f} ms.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    benchmarks = ROOT / "BENCHMARKS.md"
    existing = benchmarks.read_text() if benchmarks.exists() else "# Benchmarks\n\nFigures written by `bench/`.\n\n"
    marker = f"## Registry read path at {args.products:,} products"
    kept = re.sub(rf"{re.escape(marker)}.*?(?=\n## |\Z)", "", existing, flags=re.S).rstrip() + "\n\n"
    benchmarks.write_text(kept + text)


if __name__ == "__main__":
    main()
