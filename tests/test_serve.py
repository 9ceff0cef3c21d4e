"""`dpg serve` on an empty database: it prepares everything and shows the real DPGs over HTTP."""

import html
import json
import re
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
    base = f"http://127.0.0.1:{port}"
    try:
        # It migrates and imports the real data first, maybe while another test worker keeps the machine busy.
        home = fetch(f"{base}/", time.monotonic() + 300)
        communities = fetch(f"{base}/communities/", time.monotonic() + 10)
        # The API's documentation page loads the Swagger UI from the collected static files.
        docs = fetch(f"{base}/api/v1/docs", time.monotonic() + 10)
        bundle = re.search(r'src="(/static/ninja/swagger-ui-bundle\.[0-9a-f]{12}\.js)"', docs).group(1)
        with urllib.request.urlopen(f"{base}{bundle}", timeout=10) as response:
            assert response.headers["Content-Type"].startswith(("text/javascript", "application/javascript"))
            assert len(response.read()) > 1_000_000
        listed, url = [], f"{base}/registry/?status=dpg"
        while url:
            page = fetch(url, time.monotonic() + 10)
            names = re.findall(r'<h3><a href="/registry/[^"]+/"><bdi>([^<]+)</bdi></a>', page)
            listed += [html.unescape(name) for name in names]
            following = re.search(r'<a href="([^"]+)" rel="next">', page)
            url = f"{base}/registry/{html.unescape(following.group(1))}" if following else None
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode()
    dpg_names = sorted(
        json.loads(path.read_text())["name"]
        for path in (LEGACY_DIR / "nominees").glob("*.json")
        if json.loads(path.read_text())["stage"] == "DPG"
    )
    assert len(dpg_names) == 165
    assert "<strong>165</strong> digital public goods" in home, output
    assert sorted(listed) == dpg_names
    assert "Imported the bundled DPGA data: 750 created" in output
    assert "ecosystem data 2025.1 loaded" in output and "not in the registry" not in output
    assert "Immunization delivery management" in communities
