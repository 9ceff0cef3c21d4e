"""`dpg serve` on an empty database: it prepares everything and shows the real DPGs over HTTP."""

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import LEGACY_DIR, ROOT, dpg_env

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_serve_lists_the_165_real_dpgs(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dpg_registry.cli", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT,
        env=dpg_env(DPG_VAR_DIR=str(tmp_path)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        page = fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 90)
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode()
    dpg_names = sorted(
        json.loads(path.read_text())["name"]
        for path in (LEGACY_DIR / "nominees").glob("*.json")
        if json.loads(path.read_text())["stage"] == "DPG"
    )
    assert len(dpg_names) == 165
    assert page.count("<li>\n    <h2>") == 165, output
    assert "165 digital public goods and 63 nominees" in page
    for name in dpg_names:
        assert name.replace("&", "&amp;").replace("'", "&#x27;") in page, name
    assert "Imported the bundled DPGA data: 750 created" in output
