"""A git server over smart HTTP (``git http-backend``) that can hold a clone half-way, for as long as a test needs.

While ``holding`` is set, the first request for a pack gets no answer: a clone is then certainly in the middle
of its transfer, without guessing at timings. ``release`` answers it with an error and serves every later
request normally.
"""

import os
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


class GitServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, hold: bool):
        super().__init__(("127.0.0.1", 0), GitHandler)
        self.root = root
        self.hold = hold
        self.holding = threading.Event()  # a clone is waiting for its pack
        self.released = threading.Event()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{name}"

    def release(self) -> None:
        self.hold = False
        self.released.set()


class GitHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.backend(b"")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.server.hold and b"command=fetch" in body:
            self.server.hold = False
            self.server.holding.set()
            self.server.released.wait()
            self.send_error(503, "the clone was held and let go")
            return
        self.backend(body)

    def backend(self, body: bytes) -> None:
        url = urlsplit(self.path)
        env = {**os.environ, "GIT_PROJECT_ROOT": str(self.server.root), "GIT_HTTP_EXPORT_ALL": "1",
               "PATH_INFO": url.path, "QUERY_STRING": url.query, "REQUEST_METHOD": self.command,
               "CONTENT_TYPE": self.headers.get("Content-Type", ""), "CONTENT_LENGTH": str(len(body)),
               "REMOTE_ADDR": self.client_address[0], "GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
               "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", "")}
        output = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True,
                                check=True).stdout
        head, _, content = output.partition(b"\r\n\r\n")
        status, headers = 200, []
        for line in head.decode().splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.split()[0])
            else:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)
