"""200 concurrent clients on the public pages of `dpg serve`, against a static file of the same server,
and the same load on 1 and 2 gunicorn workers.

    DATABASE_URL=postgres://... .venv/bin/python bench/load/run.py [--users 200] [--seconds 60]

The load generator is locust, used as a library in this process: each simulated user holds one keep-alive
connection and sends its next request as soon as the last one is answered (no think time), choosing among
the public pages with weights (home, catalogue with filters, profiles, API list and detail, dumps, badges,
community, ecosystem and report pages). The peer in the same run is the same generator on one static file
served by the same gunicorn and WhiteNoise: the most this server stack answers on this machine.

The generator shares the 2 cores with the server and PostgreSQL (and with whatever else runs), so each run
also reports the CPU each of them used, in cores, from /proc.
"""

from locust import FastHttpUser, constant, task  # noqa: I001  (first: locust patches the standard library for gevent)
import argparse
import os
import random
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import gevent
from locust.env import Environment

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import VAR, database_url, dpg_serve, machine, postgres_version, versions, write_section  # noqa: E402
from pages import public_pages  # noqa: E402

PORT = 8712
BASE = f"http://127.0.0.1:{PORT}"
HEADING = "## Public pages under 200 concurrent connections"
TICKS = os.sysconf("SC_CLK_TCK")


def get_text(path: str) -> str:
    return urllib.request.urlopen(BASE + path, timeout=60).read().decode()


def reader(pages: dict[str, tuple[int, list[str]]]) -> type[FastHttpUser]:
    kinds = list(pages)
    weights = [pages[kind][0] for kind in kinds]

    class PublicReader(FastHttpUser):
        host = BASE
        wait_time = constant(0)

        @task
        def read(self):
            kind = random.choices(kinds, weights)[0]
            self.client.get(random.choice(pages[kind][1]), name=kind)

    return PublicReader


def static_reader(path: str) -> type[FastHttpUser]:
    class StaticReader(FastHttpUser):
        host = BASE
        wait_time = constant(0)

        @task
        def read(self):
            self.client.get(path, name="static file")

    return StaticReader


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def machine_busy_seconds() -> float:
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / TICKS


def server_pids(master: int) -> list[int]:
    children = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    return [master, *map(int, children)]


def database_pids() -> list[int]:
    """The PostgreSQL backends serving this database (the workers keep their connections open)."""
    output = subprocess.run(
        ["psql", database_url(), "-Atc",
         "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"],
        capture_output=True, text=True, check=True,
    ).stdout
    return [int(pid) for pid in output.split()]


def load(user_class: type[FastHttpUser], users: int, seconds: int, master: int) -> dict:
    """Run `users` clients for a 5 s warm-up, then `seconds` measured; figures of the measured part."""
    environment = Environment(user_classes=[user_class])
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.sleep(5)
    environment.stats.reset_all()
    servers, databases = server_pids(master), database_pids()
    before = (time.monotonic(), os.times(), cpu_seconds(servers), cpu_seconds(databases), machine_busy_seconds())
    gevent.sleep(seconds)
    after = (time.monotonic(), os.times(), cpu_seconds(servers), cpu_seconds(databases), machine_busy_seconds())
    connections = runner.user_count
    kinds = {name: _figures(entry, after[0] - before[0]) for (name, _), entry in environment.stats.entries.items()}
    total = _figures(environment.stats.total, after[0] - before[0])
    runner.quit()
    elapsed = after[0] - before[0]
    generator = (after[1].user + after[1].system - before[1].user - before[1].system) / elapsed
    server, database = (after[2] - before[2]) / elapsed, (after[3] - before[3]) / elapsed
    busy = (after[4] - before[4]) / elapsed
    return {
        **total, "kinds": kinds, "users": connections, "generator_cores": generator, "server_cores": server,
        "database_cores": database, "other_cores": max(0.0, busy - generator - server - database),
        "load_average": Path("/proc/loadavg").read_text().split()[0],
    }


def _figures(entry, seconds: float) -> dict:
    return {
        "requests": entry.num_requests,
        "rps": entry.num_requests / seconds,
        "p50": entry.get_response_time_percentile(0.5),
        "p95": entry.get_response_time_percentile(0.95),
        "p99": entry.get_response_time_percentile(0.99),
        "errors": entry.num_failures,
    }


def static_path() -> str:
    page = urllib.request.urlopen(BASE + "/", timeout=60).read().decode()
    start = page.index("/static/css/")
    return page[start: page.index('"', start)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--threads", type=int, default=1, help="threads in each gunicorn worker (dpg serve --threads)")
    args = parser.parse_args()
    results = {}
    for workers in (2, 1):
        with dpg_serve(PORT, workers=workers, log=VAR / f"load-{workers}-workers.log", threads=args.threads) as server:
            pages = public_pages(get_text)
            mix = reader(pages)
            for url in {url for _, urls in pages.values() for url in urls}:  # each URL answers before the run
                urllib.request.urlopen(BASE + url, timeout=120).read()
            results[(workers, "pages")] = load(mix, args.users, args.seconds, server.pid)
            results[(workers, "static")] = load(static_reader(static_path()), args.users, args.seconds, server.pid)
            print(workers, "workers:", {key: value for key, value in results[(workers, "pages")].items()
                                         if key != "kinds"}, flush=True)
    report(args, pages, results)


def report(args, pages: dict, results: dict) -> None:
    pages2, static2 = results[(2, "pages")], results[(2, "static")]
    lines = [
        f"{HEADING} ({time.strftime('%Y-%m-%d')})",
        "",
        f"Machine: {machine()}. {postgres_version()}; `dpg serve` (gunicorn gthread, {args.threads} threads a worker) "
        f"with the bundled data; load generator {versions('locust')} in one process on the same machine "
        f"(`bench/load/run.py --users {args.users} --seconds {args.seconds} --threads {args.threads}`): "
        f"{args.users} users, each one keep-alive connection and no think time; a 5 s warm-up, then "
        f"{args.seconds} s measured.",
        "",
        f"### 2 workers: the public pages and a static file, {args.users} connections",
        "",
        "| page kind | share of requests | requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in pages:
        row = pages2["kinds"].get(kind)
        if row:
            lines.append(f"| {kind} | {row['requests'] / pages2['requests']:.0%} | {row['rps']:.0f} | {row['p50']:.0f} "
                         f"| {row['p95']:.0f} | {row['p99']:.0f} | {row['errors']} |")
    lines += [
        f"| **all public pages** | 100% | **{pages2['rps']:.0f}** | {pages2['p50']:.0f} | {pages2['p95']:.0f} | "
        f"{pages2['p99']:.0f} | **{pages2['errors']}** |",
        f"| static file (peer: the stack's limit) | | {static2['rps']:.0f} | {static2['p50']:.0f} | "
        f"{static2['p95']:.0f} | {static2['p99']:.0f} | {static2['errors']} |",
        "",
        f"- Public pages: {pages2['rps'] / static2['rps']:.0%} of the static file's throughput on the same server.",
        "",
        "### Read throughput by web processes: 1 and 2 workers, same load and data",
        "",
        "| workers | load | requests/s | p50 ms | p95 ms | p99 ms | errors | CPU cores: server / PostgreSQL / "
        "generator / other | load average |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for (workers, load_kind), row in sorted(results.items()):
        lines.append(
            f"| {workers} | {'public pages' if load_kind == 'pages' else 'static file'} | {row['rps']:.0f} | "
            f"{row['p50']:.0f} | {row['p95']:.0f} | {row['p99']:.0f} | {row['errors']} | "
            f"{row['server_cores']:.2f} / {row['database_cores']:.2f} / {row['generator_cores']:.2f} / "
            f"{row['other_cores']:.2f} | {row['load_average']} |"
        )
    one, two = results[(1, "pages")], results[(2, "pages")]
    lines += [
        "",
        f"- From 1 to 2 workers, public pages: {two['rps'] / one['rps']:.2f}x the requests/s "
        f"({one['rps']:.0f} to {two['rps']:.0f}); server CPU {one['server_cores']:.2f} to "
        f"{two['server_cores']:.2f} cores, while the generator used {two['generator_cores']:.2f} of the 2 cores.",
    ]
    text = "\n".join(lines)
    print(text)
    write_section(HEADING, text)


if __name__ == "__main__":
    main()
