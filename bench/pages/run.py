"""Page weight: what a first visit downloads for the home page, a catalogue search and a profile, with the
stylesheet, scripts and images each page links, against the goal of under 60 KB compressed.

`dpg serve` answers on its own (gunicorn and WhiteNoise, no proxy). Static files are asked for as a browser
asks (gzip, then brotli) and counted as the server sends them: WhiteNoise serves the compressed copies
`collectstatic` wrote. Pages are sent uncompressed by the application; in production nginx compresses them
(`deploy/nginx/`, gzip at its default level 1), so their gzip figure is computed at that level, and their
brotli figure at brotli's default quality, for a proxy that has it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/pages/run.py
"""

import argparse
import gzip
import re
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import brotli

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import VAR, dpg_serve, machine, versions, write_section  # noqa: E402

GOAL = 60 * 1024
PAGES = {
    "home page": "/",
    "catalogue, search for health": "/registry/?q=health",
    "profile (DHIS2)": "/registry/dhis2/",
}
# What a browser fetches with the page from the same site: stylesheets, the icon, scripts, images.
LINKED = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src|img[^>]+src)="(/[^"/][^"]*)"')


def fetch(url: str, encoding: str) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding, "Accept-Language": "en"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read(), response.headers.get("Content-Encoding", "identity")


def weigh(site: str, path: str) -> dict:
    html, sent_as = fetch(site + path, "identity")
    assert sent_as == "identity"
    row = {
        "html": len(html),
        "html gzip": len(gzip.compress(html, compresslevel=1)),
        "html br": len(brotli.compress(html)),
        "assets": {},
    }
    for asset in sorted(set(LINKED.findall(html.decode()))):
        plain, _ = fetch(site + asset, "identity")
        zipped, gzip_sent = fetch(site + asset, "gzip")
        brotlied, br_sent = fetch(site + asset, "br")
        row["assets"][asset] = {
            "plain": len(plain),
            "gzip": len(zipped),
            "gzip sent": gzip_sent,
            "br": len(brotlied),
            "br sent": br_sent,
        }
    return row


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def report(rows: dict, when: str, seconds: float) -> str:
    lines = [
        f"## Page weight of a first visit ({when})",
        "",
        f"Machine: {machine()}. {versions('django', 'whitenoise', 'brotli')}; `dpg serve` (gunicorn and WhiteNoise, "
        "no proxy) on PostgreSQL with the bundled data; English. Pages are sent uncompressed by the application "
        "and compressed by nginx in production: their gzip column is gzip level 1 (nginx's default, as "
        "`deploy/nginx/` has it) and their brotli column brotli's default, both computed here. Static files are "
        "counted as WhiteNoise sent them for `Accept-Encoding: gzip` and `br`. Goal: under 60 KB compressed, "
        f"page and everything it links. Measured in {seconds:.0f} s.",
        "",
        "| page | HTML | HTML gzip | HTML brotli | linked files | linked gzip | linked brotli | total gzip | "
        "total brotli | goal |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, row in rows.items():
        assets = row["assets"].values()
        total_gzip = row["html gzip"] + sum(a["gzip"] for a in assets)
        total_br = row["html br"] + sum(a["br"] for a in assets)
        lines.append(
            f"| {name} | {kb(row['html'])} | {kb(row['html gzip'])} | {kb(row['html br'])} | "
            f"{kb(sum(a['plain'] for a in assets))} | {kb(sum(a['gzip'] for a in assets))} | "
            f"{kb(sum(a['br'] for a in assets))} | {kb(total_gzip)} | {kb(total_br)} | "
            f"{'met' if total_gzip < GOAL else 'missed'} |"
        )
    lines += [
        "",
        "Sizes in KB (1,024 bytes). The linked files, as sent (gzip / brotli; "
        '"identity" means the server had no compressed copy):',
        "",
    ]
    assets = {asset: sizes for row in rows.values() for asset, sizes in row["assets"].items()}
    for asset, sizes in sorted(assets.items()):
        name = re.sub(r"\.[0-9a-f]{12}\.", ".", asset)  # without the manifest's hash
        lines.append(
            f"- `{name}`: {kb(sizes['plain'])} KB, {kb(sizes['gzip'])} KB {sizes['gzip sent']}, "
            f"{kb(sizes['br'])} KB {sizes['br sent']}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--write", action="store_true", help="replace the section in BENCHMARKS.md")
    args = parser.parse_args()
    with dpg_serve(args.port, workers=1, log=VAR / "pages-serve.log"):
        started = time.monotonic()
        site = f"http://127.0.0.1:{args.port}"
        rows = {name: weigh(site, path) for name, path in PAGES.items()}
        seconds = time.monotonic() - started
    text = report(rows, datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), seconds)
    print(text)
    if args.write:
        write_section("## Page weight of a first visit", text)


if __name__ == "__main__":
    main()
