"""The deployment files in deploy/: checked by the tools that will read them, where this machine has them.

systemd units by `systemd-analyze verify`, the nginx site by `nginx -t`, gunicorn's settings by gunicorn
itself, the container's health check against a live server. No container runtime runs here: the
Containerfile is read, not built (docs/deployment.md says so).
"""

import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dpg_registry.applications.scheduled import run_review_clock
from tests.conftest import ROOT, dpg_env

DEPLOY = ROOT / "deploy"
UNITS = DEPLOY / "systemd"
HARDENING = {"NoNewPrivileges": "yes", "ProtectSystem": "strict", "PrivateTmp": "yes", "ProtectHome": "yes",
             "User": "dpg-registry", "EnvironmentFile": "/etc/dpg-registry/registry.env"}


def unit_settings(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key, []).append(value)
    return found


def test_systemd_units_pass_systemd_analyze_verify(tmp_path):
    # The units name /srv/dpg-registry; here the project's own checkout, whose .venv/bin/dpg verify looks for.
    for unit in UNITS.iterdir():
        (tmp_path / unit.name).write_text(unit.read_text().replace("/srv/dpg-registry", str(ROOT)))
    shutil.copy(tmp_path / "dpg-worker@.service", tmp_path / "dpg-worker@1.service")  # an instance of the template
    names = ["dpg-registry.target", "dpg-web.service", "dpg-worker@1.service", "dpg-scheduler.service",
             "dpg-scheduler.timer"]
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", *(f"./{name}" for name in names)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr


@pytest.mark.parametrize("unit", ["dpg-web.service", "dpg-worker@.service", "dpg-scheduler.service"])
def test_every_service_is_hardened_and_reads_its_secrets_as_credentials(unit):
    found = unit_settings(UNITS / unit)
    assert {key: found.get(key, [None])[0] for key in HARDENING} == HARDENING
    assert found["LoadCredential"] == ["secret-key:/etc/dpg-registry/secret-key",
                                       "database-url:/etc/dpg-registry/database-url"]
    assert "SECRET_KEY_FILE=%d/secret-key DATABASE_URL_FILE=%d/database-url" in found["Environment"]


def test_the_nginx_site_passes_nginx_t(tmp_path):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=registry.example.org",
                    "-keyout", tmp_path / "privkey.pem", "-out", tmp_path / "fullchain.pem"],
                   check=True, capture_output=True, timeout=60)
    site = (DEPLOY / "nginx" / "dpg-registry.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/registry.example.org", str(tmp_path))
    site = site.replace("/var/log/nginx", str(tmp_path))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    done = subprocess.run(["nginx", "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "test is successful" in done.stderr, done.stderr
    assert "[warn]" not in done.stderr, done.stderr


def test_gunicorn_reads_its_settings_from_the_environment_as_the_web_unit_gives_them():
    unit = unit_settings(UNITS / "dpg-web.service")
    gunicorn_args = next(value for value in unit["Environment"] if value.startswith("GUNICORN_CMD_ARGS="))
    env = dpg_env(GUNICORN_CMD_ARGS=gunicorn_args.split("=", 1)[1].replace("/srv/dpg-registry", str(ROOT)))
    # The flags `dpg serve` gives gunicorn, with --print-config: the settings as resolved, then exit.
    done = subprocess.run([sys.executable, "-m", "gunicorn", "dpg_registry.wsgi:application", "--bind",
                           "127.0.0.1:8000", "--workers", "2", "--threads", "4", "--print-config"],
                          capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    resolved = dict(re.findall(r"^(\w+)\s+= (.*)$", done.stdout, re.MULTILINE))
    assert resolved["forwarded_allow_ips"] == "['127.0.0.1', '::1']"
    assert (resolved["timeout"], resolved["graceful_timeout"], resolved["keepalive"]) == ("60", "30", "30")
    assert (resolved["max_requests"], resolved["workers"], resolved["threads"]) == ("5000", "2", "4")


def containerfile() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n\s*", " ", (DEPLOY / "Containerfile").read_text())
    return [tuple(line.split(None, 1)) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_the_containerfile_runs_dpg_serve_as_a_user_of_its_own_with_the_set_ups_debian_packages():
    instructions = containerfile()
    assert instructions[0] == ("FROM", "docker.io/library/python:3.11-slim-bookworm")
    kinds = [kind for kind, _ in instructions]
    assert kinds.index("USER") > max(i for i, kind in enumerate(kinds) if kind == "RUN")  # nothing runs as root after
    assert dict(instructions)["USER"] == "dpg-registry"
    assert dict(instructions)["VOLUME"] == '["/srv/dpg-registry/var"]'
    assert dict(instructions)["CMD"].startswith('["dpg", "serve", "--host", "0.0.0.0"')
    health_check = '["python", "/srv/dpg-registry/deploy/healthcheck.py", "http://127.0.0.1:8000/healthz"]'
    assert dict(instructions)["HEALTHCHECK"].endswith(f"CMD {health_check}")
    for _, arguments in (item for item in instructions if item[0] == "COPY"):
        assert all((ROOT / source).exists() for source in arguments.split()[:-1]), arguments
    setup_packages = re.search(r"apt-get install -y -qq ([^>]+)>", (ROOT / "scripts" / "setup.sh").read_text())
    image_packages = next(arguments for kind, arguments in instructions if "apt-get install" in arguments)
    assert set(setup_packages.group(1).split()) <= set(image_packages.split())


@pytest.mark.django_db(transaction=True)
def test_the_container_health_check_follows_healthz(live_server, settings):
    def check(url: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(DEPLOY / "healthcheck.py"), url],
                              capture_output=True, text=True, timeout=30)

    healthy = check(f"{live_server.url}/healthz")
    assert healthy.returncode == 0, healthy.stderr
    settings.DPG_QUEUE_LAG_SECONDS = 1
    run_review_clock.enqueue()  # no worker runs here: the task waits
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(seconds=30))
    lagging = check(f"{live_server.url}/healthz")
    assert lagging.returncode == 1 and '"lagging": true' in lagging.stderr
    closed = check("http://127.0.0.1:1/healthz")
    assert closed.returncode == 1 and "Connection refused" in closed.stderr
