"""What the API and load benchmarks share: `dpg serve` as a subprocess, the machine's description, and
writing a section of BENCHMARKS.md."""

import contextlib
import os
import platform
import re
import subprocess
import sys
import time
import urllib.request
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "bench"


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database (`dpg serve` fills an empty one)")
    return url


@contextlib.contextmanager
def dpg_serve(port: int, workers: int = 2, log: Path | None = None, threads: int = 1):
    """`dpg serve` as an operator runs it (migrate, load, import into an empty database, gunicorn); yields its
    process once it answers."""
    VAR.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": database_url(), "DPG_VAR_DIR": str(VAR / "serve"),
           # Every request of a bench comes from one address: the per-address API limit would answer 429.
           "DPG_RATE_API": "1000000/m/ip,1000000/m/user"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    output = open(log or os.devnull, "w")  # gunicorn's access log: one line a request
    server = subprocess.Popen(
        [sys.executable, "-m", "dpg_registry.cli", "serve", "--port", str(port), "--workers", str(workers),
         "--threads", str(threads)],
        cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", 300, server)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=60)
        output.close()


def wait_for(url: str, seconds: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=30).read()
            return
        except OSError:
            if process is not None and process.poll() is not None:
                raise SystemExit(f"the server stopped (exit status {process.returncode})") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def machine() -> str:
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 1024 / 1024
    processor = cpu.group(1) if cpu else platform.machine()
    return f"{os.cpu_count()} cores ({processor}), {memory:.0f} GiB, {platform.platform()}"


def postgres_version() -> str:
    output = subprocess.run(
        ["psql", database_url(), "-Atc", "show server_version"], capture_output=True, text=True, check=True
    ).stdout
    return "PostgreSQL " + output.split()[0]


def versions(*packages: str) -> str:
    return ", ".join(f"{package} {metadata.version(package)}" for package in packages)


def write_section(marker: str, text: str) -> None:
    """Replace the section of BENCHMARKS.md whose heading starts with ``marker`` (or add it)."""
    benchmarks = ROOT / "BENCHMARKS.md"
    existing = benchmarks.read_text()
    kept = re.sub(rf"\n{re.escape(marker)}.*?(?=\n## |\Z)", "", existing, flags=re.S).rstrip() + "\n\n"
    benchmarks.write_text(kept + text.rstrip() + "\n")
