"""A tiny local HTTP server (http.server in a thread, 127.0.0.1) that misbehaves on request.

It answers by path: ``/sparql`` a SPARQL JSON answer (after Basic or Bearer authentication when
the server is given credentials), ``/html`` a 200 HTML page, ``/drip`` headers one byte at a
time, ``/big-error`` a 500 with a 2 MB body full of escape sequences, ``/moved`` a redirect.
Every request's ``Authorization`` header is recorded.
"""

from __future__ import annotations

import threading
import time
from base64 import b64encode
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWER = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1"}}]}}'


@dataclass
class Fake:
    url: str
    user: str = ""
    password: str = ""
    token: str = ""
    seen: list[str] = field(default_factory=list)

    def allowed(self, header: str) -> bool:
        if not (self.user or self.token):
            return True
        basic = "Basic " + b64encode(f"{self.user}:{self.password}".encode()).decode()
        return header in (basic, f"Bearer {self.token}")


def _handler(fake: Fake) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def answer(self, code: int, body: bytes, kind: str = "text/plain") -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self.do_POST()

        def do_PUT(self) -> None:
            self.do_POST()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            header = self.headers.get("Authorization", "")
            fake.seen.append(header)
            path = self.path.split("?")[0]
            if not fake.allowed(header):
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="fake"')
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/sparql":
                self.answer(200, ANSWER, "application/sparql-results+json")
            elif path == "/garbage":
                self.answer(200, b'{"head": \x1b[31m', "application/sparql-results+json")
            elif path == "/update":
                self.answer(204, b"")
            elif path == "/html":
                self.answer(200, b"<!DOCTYPE html><html><body>Sign in</body></html>", "text/html")
            elif path == "/big-error":
                self.answer(500, b"\x1b[2J\x1b]0;owned\x07" + b"e" * 2_000_000)
            elif path == "/moved":
                self.send_response(302)
                self.send_header("Location", "http://elsewhere.invalid/sparql")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/drip":
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
            else:
                self.answer(404, b"no such path")

    return Handler


@contextmanager
def fake_endpoint(user: str = "", password: str = "", token: str = "") -> Iterator[Fake]:
    """Serve on a free 127.0.0.1 port; yield the ``Fake`` (its base URL, what it saw)."""
    fake = Fake("", user, password, token)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
