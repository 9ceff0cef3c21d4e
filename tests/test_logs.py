"""What `dpg serve` logs holds no personal data: signing up, confirming, failing to sign in and signing in
leave neither the e-mail address nor the client's IP address in its output (e-mails go out over SMTP)."""

import email
import http.client
import re
import socketserver
import subprocess
import sys
import threading
import time
from email import policy
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from dpg_registry.registry.models import Product
from tests.conftest import ROOT, dpg_env
from tests.test_serve import free_port

pytestmark = pytest.mark.django_db(transaction=True)
CLIENT_IP = "127.0.0.2"  # any 127.x address is this machine; the server binds 127.0.0.1
ADDRESS = "wilhelmina.logtest@mail.example"
PASSWORD = "a long enough pass phrase"


class SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to take a message and keep it."""

    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(data)
                self.server.messages.append(email.message_from_bytes(b"".join(lines), policy=policy.default))
                self.wfile.write(b"250 kept\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


class Browser:
    """A client that keeps cookies and sends Django's CSRF token, from its own loopback address."""

    def __init__(self, port: int):
        self.port, self.cookies = port, SimpleCookie()

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(CLIENT_IP, 0))
        headers = {"Cookie": "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies["csrftoken"].value})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.msg.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        text = response.read().decode()
        connection.close()
        return response.status, response.getheader("Location", ""), text


def wait_for(browser: Browser, server: subprocess.Popen, deadline: float) -> None:
    while True:
        try:
            browser.request("GET", "/accounts/signup/")
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise AssertionError(server.communicate(timeout=30)[0].decode()) from None
            time.sleep(0.3)


def test_serve_logs_neither_addresses_nor_client_ips():
    Product.objects.create(slug="present", name="Present", sort_name="present")  # skips the bundled import
    sink = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SmtpSink)
    sink.messages = []
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dpg_registry.cli", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env=dpg_env(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(sink.server_address[1]),
                    EMAIL_USE_TLS="false"),
    )
    browser = Browser(port)
    try:
        wait_for(browser, server, time.monotonic() + 300)
        status, location, _ = browser.request("POST", "/accounts/signup/", {
            "email": ADDRESS, "password1": PASSWORD, "password2": PASSWORD})
        assert status == 302, location
        [message] = sink.messages
        assert message["To"] == ADDRESS
        key = re.search(r"/accounts/confirm-email/([^/\s]+)/", message.get_body(("plain",)).get_content()).group(1)
        browser.request("GET", f"/accounts/confirm-email/{key}/")
        status, location, _ = browser.request("POST", f"/accounts/confirm-email/{key}/", {})
        assert status == 302
        browser.request("POST", "/accounts/logout/", {})
        status, _, page = browser.request("POST", "/accounts/login/", {"login": ADDRESS, "password": "wrong guess"})
        assert status == 200 and "not correct" in page
        status, location, _ = browser.request("POST", "/accounts/login/", {"login": ADDRESS, "password": PASSWORD})
        assert (status, location) == (302, "/")
        assert browser.request("GET", f"/registry/?{urlencode({'q': ADDRESS})}")[0] == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
        sink.shutdown()
    assert '"POST /accounts/login/" 302' in output and '"GET /registry/" 200' in output  # requests are logged
    assert ADDRESS not in output and "wilhelmina" not in output
    assert CLIENT_IP not in output
