"""The HTTP front of ``serve``: checks each request, then relays it to the engine.

It answers ``GET /`` (the engine's query page) and ``GET``/``POST /query`` (the SPARQL
protocol), and nothing else: no update, no store access. Before a query reaches the engine it
checks the ``Host`` header (against DNS rebinding), the query's size and shape
(``guard.check_query_shape``) and the number of queries running. While the engine works, the
front watches the client: when the client goes away, or the time limit passes (503), it drops
the engine's connection.
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import select
import socket
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

from policygraph.errors import StoreError
from policygraph.serving.engine import Engine
from policygraph.serving.guard import MAX_QUERY_BYTES, Hosts, Refused, check_query_shape

log = logging.getLogger(__name__)
FORM = "application/x-www-form-urlencoded"
RELAYED = ("Content-Type", "Content-Disposition", "Cache-Control")


@dataclass(frozen=True)
class Limits:
    """The front's limits: seconds per query and queries at once."""

    timeout: float = 60.0
    concurrent: int = 8
    client_seconds: float = 30.0  # to send a request


class Front(BaseHTTPRequestHandler):
    """One request; the server's ``engine``, ``hosts``, ``limits`` and ``slots`` are shared."""

    server_version = "policygraph-serve"
    engine: Engine
    hosts: Hosts
    limits: Limits
    slots: threading.BoundedSemaphore

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.limits.client_seconds)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def _answer(self, method: str) -> None:
        try:
            self.hosts.check(self.headers.get("Host"))
            path, _, query = self.path.partition("?")
            if path in ("/", "/index.html") and method == "GET":
                self._relay("GET", "/", None, {})
            elif path == "/query":
                self._query(method, query)
            else:
                raise Refused(404, f"no such endpoint: {path} (this server answers /query)")
        except Refused as refused:
            self._refuse(refused.status, refused.reason)

    def _query(self, method: str, query_string: str) -> None:
        if method == "GET":
            if len(query_string) > 3 * MAX_QUERY_BYTES:
                raise Refused(414, "the request URL is too long")
            text = _one(urllib.parse.parse_qs(query_string), "query")
            body, headers = None, {}
        else:
            body, kind = self._body()
            if kind == FORM:
                form = urllib.parse.parse_qs(body.decode("utf-8", errors="replace"))
                if "update" in form:
                    raise Refused(403, "this server is read-only: no SPARQL update")
                text = _one(form, "query")
            elif kind == "application/sparql-query":
                text = body.decode("utf-8", errors="replace")
            else:
                raise Refused(415, f"unsupported content type {kind!r}")
            headers = {"Content-Type": self.headers.get("Content-Type", kind)}
        check_query_shape(text)
        if not self.slots.acquire(blocking=False):
            raise Refused(503, "too many queries at once; try again shortly")
        try:
            self._relay(method, self.path, body, headers)
        finally:
            self.slots.release()

    def _body(self) -> tuple[bytes, str]:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise Refused(411, "send the query with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(411, "send the query with a Content-Length") from None
        if length > 3 * MAX_QUERY_BYTES or length < 0:
            raise Refused(413, f"the request body has {length} bytes; the limit is ~100 KB")
        kind = self.headers.get_content_type()
        return self.rfile.read(length), kind

    def _relay(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> None:
        """Send the request to the engine and stream its answer back, within the time limit."""
        accept = self.headers.get("Accept")
        if accept:
            headers["Accept"] = accept
        try:
            port = self.engine.port(self.limits.timeout)
        except StoreError:
            raise Refused(503, "the SPARQL engine is restarting; try again shortly") from None
        upstream = http.client.HTTPConnection("127.0.0.1", port, timeout=self.limits.timeout + 5)
        watch = _Watch(self.connection, upstream, self.limits.timeout + 1)
        self.engine.begin()
        started = False
        try:
            upstream.request(method, path, body=body, headers=headers)
            response = upstream.getresponse()
            self.send_response(response.status)
            for name in RELAYED:
                value = response.getheader(name)
                if value:
                    self.send_header(name, value)
            self.end_headers()
            started = True
            while chunk := response.read1(65536):
                self.wfile.write(chunk)
        except (OSError, http.client.HTTPException):
            if started:  # the answer is cut short: closing the connection is all that is left
                log.info("an answer was cut short (client gone, or past the time limit)")
            elif watch.client_gone:
                log.info("the client went away; the query was dropped")
            elif watch.expired:
                self._refuse(503, f"the query ran past the time limit of {self.limits.timeout:g} s")
            else:
                self._refuse(502, "the SPARQL engine failed on this query")
        finally:
            watch.stop()
            upstream.close()
            self.engine.end(dropped=watch.client_gone or watch.expired)

    def _refuse(self, status: int, reason: str) -> None:
        body = f"{reason}\n".encode()
        with contextlib.suppress(OSError):
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


def _one(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name, [])
    if len(values) != 1:
        raise Refused(400, f"give exactly one {name!r} parameter")
    return values[0]


class _Watch:
    """Drops the engine's connection when the client goes away or time runs out."""

    def __init__(self, client: socket.socket, upstream: http.client.HTTPConnection, seconds: float):
        self.client_gone = False
        self.expired = False
        self._client = client
        self._upstream = upstream
        self._done = threading.Event()
        self._seconds = seconds
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        waited = 0.0
        while not self._done.wait(0.2):
            waited += 0.2
            if waited >= self._seconds:
                self.expired = True
            elif self._client_closed():
                self.client_gone = True
            else:
                continue
            if self._upstream.sock is not None:
                with contextlib.suppress(OSError):
                    self._upstream.sock.shutdown(socket.SHUT_RDWR)
            return

    def _client_closed(self) -> bool:
        try:
            readable, _, _ = select.select([self._client], [], [], 0)
            return bool(readable) and self._client.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    def stop(self) -> None:
        self._done.set()
