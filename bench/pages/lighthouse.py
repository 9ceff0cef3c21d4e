"""Lighthouse's default mobile configuration on the pages people read most, in English and Arabic: the home page,
a catalogue search, a profile, the eligibility check, a step of an application (signed in as an applicant) and a
report. Goals: performance at least 95; accessibility, best practices and SEO at 100.

Lighthouse (npm, pinned below) is installed under var/bench/, not into the repository's package.json, and drives
Debian's Chromium. `dpg serve` answers with the bundled data; the applicant, their draft and their session are
made through the registry's own services in the same database. Each page is asked through nginx with the deployed
site's gzip settings and from `dpg serve` alone, one at a time, three times; the median score is reported.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/pages/lighthouse.py --write
"""

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import ROOT, VAR, database_url, dpg_serve, machine, wait_for, write_section  # noqa: E402

LIGHTHOUSE = "12.2.3"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LANGUAGES = {"English": "", "Arabic": "/ar"}
APPLICANT = "lighthouse.applicant@example.org"


def install() -> Path:
    """The Lighthouse command line, installed once under var/bench/lighthouse."""
    prefix = VAR / "lighthouse"
    command = prefix / "node_modules" / ".bin" / "lighthouse"
    installed = prefix / "node_modules" / "lighthouse" / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != LIGHTHOUSE:
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--silent",
                        f"lighthouse@{LIGHTHOUSE}"], check=True)
    return command


def applicant_draft() -> tuple[str, str]:
    """(the session cookie, the draft's public id) of an applicant with a draft, made as the registry makes them."""
    os.environ.update({"DATABASE_URL": database_url(), "DPG_VAR_DIR": str(VAR / "serve"),
                       "DJANGO_SETTINGS_MODULE": "dpg_registry.settings"})
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from dpg_registry.applications.selectors import applications_of
    from dpg_registry.applications.services import applicant

    user = get_user_model().objects.filter(email=APPLICANT).first()
    if user is None:
        user = get_user_model().objects.create_user(username="lighthouse-applicant", email=APPLICANT)
        EmailAddress.objects.create(user=user, email=APPLICANT, verified=True, primary=True)
    draft = applications_of(user).first() or applicant.create_application(
        user=user, name="Clinic Records", category_key="software", organisation_name="Clinic Records Foundation")
    session = SessionStore()
    session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
                    HASH_SESSION_KEY: user.get_session_auth_hash()})
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}", str(draft.public_id)


@contextlib.contextmanager
def nginx_in_front(port: int, upstream: int):
    """nginx on ``port`` before `dpg serve`, compressing pages with the deployed site's own gzip settings
    (deploy/nginx/, without its TLS): pages as production sends them."""
    site = (ROOT / "deploy" / "nginx" / "dpg-registry.conf").read_text()
    gzip = re.findall(r"^\s*(gzip(?!_static)\w*\s[^;]*;)", site, flags=re.M)
    prefix = VAR / "nginx"
    (prefix / "logs").mkdir(parents=True, exist_ok=True)
    (prefix / "nginx.conf").write_text(
        f"pid {prefix}/nginx.pid;\nerror_log {prefix}/logs/error.log warn;\nevents {{}}\n"
        "http {\n  include /etc/nginx/mime.types;\n  access_log off;\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n    " + "\n    ".join(gzip) + "\n"
        "    proxy_http_version 1.1;\n    proxy_set_header Connection \"\";\n    proxy_set_header Host $host;\n"
        f"    location / {{ proxy_pass http://127.0.0.1:{upstream}; }}\n  }}\n}}\n")
    arguments = ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "logs/error.log")]
    subprocess.run(arguments, check=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", 30)
        yield f"http://127.0.0.1:{port}"
    finally:
        subprocess.run([*arguments, "-s", "quit"], check=True)


def latest_report(site: str) -> str:
    with urllib.request.urlopen(f"{site}/reports/", timeout=60) as response:
        return re.search(r'href="(/reports/\d{4}/)"', response.read().decode())[1]


def audit(command: Path, url: str, out: Path, cookie: str | None) -> dict:
    """Lighthouse's scores (0 to 100) for ``url``, and the audits that failed, from its JSON report."""
    arguments = [str(command), url, "--output=json", f"--output-path={out}", "--quiet",
                 f"--only-categories={','.join(CATEGORIES)}", f"--chrome-path={CHROMIUM}",
                 "--chrome-flags=--headless=new --no-sandbox"]
    if cookie:
        arguments.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    for _attempt in range(3):  # on a loaded machine Lighthouse now and then loses the page's trace (NO_NAVSTART)
        if subprocess.run(arguments, env={**os.environ, "CHROME_PATH": CHROMIUM}).returncode == 0:
            break
    else:
        raise SystemExit(f"Lighthouse failed three times on {url}")
    result = json.loads(out.read_text())
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    # Performance's metrics are scored on a curve and seldom reach 1: its score says enough of them.
    short = sorted({ref["id"] for name in CATEGORIES[1:] for ref in result["categories"][name]["auditRefs"]
                    if ref["weight"] and (result["audits"][ref["id"]]["score"] or 0) < 1})
    return {"scores": scores, "short": short}


def report(rows: dict, when: str, load: tuple[float, float], runs: int) -> str:
    lines = [
        f"## Lighthouse, mobile configuration ({when})",
        "",
        f"Machine: {machine()}; load average {load[0]:.1f} before and {load[1]:.1f} after. Lighthouse "
        f"{LIGHTHOUSE}, default (mobile) configuration with its simulated slow 4G and 4x slower processor, in "
        "Debian's Chromium (headless); `dpg serve` (gunicorn and WhiteNoise) on PostgreSQL with the bundled data, "
        "asked directly (pages uncompressed, as the application sends them) and through nginx with the "
        "deployed site's gzip settings (`deploy/nginx/`, without TLS: pages as production sends them); one "
        f"page at a time, {runs} runs each, the median score shown (failed audits: those of any run). Goals: "
        "performance at least 95; accessibility, best practices and SEO at 100.",
        "",
        "| page | language | served by | performance | accessibility | best practices | SEO | failed audits |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for (page, language, setup), row in rows.items():
        scores = row["scores"]
        lines.append(f"| {page} | {language} | {setup} | " + " | ".join(str(scores[name]) for name in CATEGORIES)
                     + f" | {', '.join(row['short']) or '—'} |")
    missed = [f"{page} ({language}, {setup}): {name} {row['scores'][name]}"
              for (page, language, setup), row in rows.items()
              for name in CATEGORIES if row["scores"][name] < GOALS[name]]
    lines += ["", "Goals " + ("met on every page." if not missed else "missed: " + "; ".join(missed) + ".")]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8766, help="`dpg serve`'s; nginx listens on the next one")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and server; the median is reported")
    parser.add_argument("--write", action="store_true", help="replace the section in BENCHMARKS.md")
    args = parser.parse_args()
    command = install()
    out = VAR / "lighthouse" / "reports"
    out.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]
    rows = {}
    with dpg_serve(args.port, workers=2, log=VAR / "lighthouse-serve.log"), \
            nginx_in_front(args.port + 1, args.port) as proxied:
        cookie, draft = applicant_draft()
        direct = f"http://127.0.0.1:{args.port}"
        pages = {
            "home page": ("/", None),
            "catalogue, search for health": ("/registry/?q=health", None),
            "profile (DHIS2)": ("/registry/dhis2/", None),
            "eligibility check": ("/eligibility/", None),
            "application step (signed in)": (f"/applications/{draft}/indicator/1/", cookie),
            "report": (latest_report(direct), None),
        }
        for page, (path, session) in pages.items():
            for language, prefix in LANGUAGES.items():
                for setup, site in (("nginx (gzip)", proxied), ("`dpg serve` alone", direct)):
                    name = re.sub(r"\W+", "-", f"{page}-{language}-{setup}").strip("-").lower()
                    runs = [audit(command, f"{site}{prefix}{path}", out / f"{name}-{run}.json", session)
                            for run in range(1, args.runs + 1)]
                    row = {"scores": {category: statistics.median_low([run["scores"][category] for run in runs])
                                      for category in CATEGORIES},
                           "short": sorted({audit_id for run in runs for audit_id in run["short"]})}
                    rows[page, language, setup] = row
                    print(page, language, setup, row, flush=True)
    text = report(rows, datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), (load_before, os.getloadavg()[0]),
                  args.runs)
    print(text)
    if args.write:
        write_section("## Lighthouse, mobile configuration", text)


if __name__ == "__main__":
    main()
