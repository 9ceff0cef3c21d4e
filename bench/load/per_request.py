"""What the load benchmark's mix of public pages costs the server, in one process: processor time per page kind.

    DATABASE_URL=postgres://... .venv/bin/python bench/load/per_request.py [--requests 1500] [--profile]

The database is the one ``run.py`` serves (the bundled data: run ``run.py`` once, or ``dpg serve``, to fill an
empty one), read through Django's test client with every middleware, so a figure is the server's own work for a
request without sockets, gunicorn or other requests competing for the cores. Every URL of the mix is read once
first (as the load's warm-up does), then ``--requests`` draws of the mix with its weights (the same seed each run):
the processor time per request of each kind and its share of the whole. ``--profile`` runs the draws under
cProfile and prints where the time goes. A steering measure for ``run.py``, whose throughput it explains.
"""

import argparse
import cProfile
import os
import pstats
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import VAR, database_url, machine  # noqa: E402
from pages import public_pages  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    os.environ.update({"DATABASE_URL": database_url(), "DPG_VAR_DIR": str(VAR / "serve"),
                       "DJANGO_SETTINGS_MODULE": "dpg_registry.settings", "ALLOWED_HOSTS": "testserver",
                       "DPG_RATE_API": "1000000/m/ip,1000000/m/user"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    client = Client()

    def read(path: str) -> bytes:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code} (fill the database with run.py or dpg serve first)")
        return b"".join(response.streaming_content) if response.streaming else response.content

    pages = public_pages(lambda path: read(path).decode())
    for _weight, urls in pages.values():
        for url in urls:
            read(url)
    kinds = list(pages)
    draws = random.Random(1)
    mix = [(kind, draws.choice(pages[kind][1])) for kind in draws.choices(kinds, [pages[k][0] for k in kinds],
                                                                           k=args.requests)]
    spent: dict[str, float] = defaultdict(float)
    counted: Counter = Counter()
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    for kind, url in mix:
        started = time.process_time()
        read(url)
        spent[kind] += time.process_time() - started
        counted[kind] += 1
    if profiler:
        profiler.disable()
    total = sum(spent.values())
    load = os.getloadavg()
    print(f"{machine()}; load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}; "
          f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC; {args.requests} requests")
    print("| page kind | requests | ms a request | share of the time |")
    print("| --- | ---: | ---: | ---: |")
    for kind in kinds:
        if counted[kind]:
            print(f"| {kind} | {counted[kind]} | {spent[kind] * 1000 / counted[kind]:.2f} | "
                  f"{spent[kind] / total:.0%} |")
    print(f"| **the mix** | {args.requests} | **{total * 1000 / args.requests:.2f}** | 100% |")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
