"""HTTP for remote stores: one deadline per request, credentials, redacted and checked answers.

Every call to a remote endpoint goes through ``Http.send``. A request has one deadline for
all of it (connect, send, headers, body): a watchdog shuts the socket down when it passes, so
a server that drips its answer one byte at a time cannot hold a command forever. Credentials
come from ``user:pass@`` in the URL, a netrc file, or a bearer token (``Auth``), and are sent
as an ``Authorization`` header; every message about a request goes through ``redact``, so no
password or token is ever shown. Redirects are not followed (credentials stay with the host
the user named); they are reported with their target.
"""

from __future__ import annotations

import contextlib
import http.client
import math
import netrc
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from base64 import b64encode
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policygraph.errors import InputError, QueryError, QueryTimeout, StoreError
from policygraph.textsafe import redact, safe_body, safe_line

DEFAULT_TIMEOUT = 60.0
TOKEN_ENV = "POLICYGRAPH_ENDPOINT_TOKEN"
AUTH_HINT = (
    "give credentials as https://USER:PASSWORD@host/..., in a netrc file (NETRC or ~/.netrc), "
    f"or as a bearer token in {TOKEN_ENV}"
)


def check_timeout(seconds: float) -> float:
    """``seconds`` if it is a usable time limit (finite, positive); else an ``InputError``."""
    if not (math.isfinite(seconds) and seconds > 0):
        raise InputError(f"--timeout must be a positive number of seconds, not {seconds}")
    return seconds


@dataclass(frozen=True)
class Credentials:
    """What authenticates one request: a user and password (Basic), or a bearer token."""

    user: str = ""
    password: str = ""
    token: str = ""

    def header(self) -> str | None:
        if self.user or self.password:
            pair = f"{self.user}:{self.password}".encode()
            return "Basic " + b64encode(pair).decode("ascii")
        if self.token:
            return f"Bearer {self.token}"
        return None

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.password, self.token) if s)


@dataclass(frozen=True)
class Auth:
    """Where credentials come from besides the URL: a netrc file and a bearer token."""

    netrc_file: Path | None = None
    token: str = ""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], home: Path) -> Auth:
        """``NETRC`` (or ``~/.netrc`` when it exists) and ``POLICYGRAPH_ENDPOINT_TOKEN``."""
        given = environ.get("NETRC")
        path: Path | None = Path(given) if given else home / ".netrc"
        if not given and not (home / ".netrc").is_file():
            path = None  # an explicit NETRC that cannot be read is an error when it is used
        return cls(path, environ.get(TOKEN_ENV, "").strip())

    def for_url(self, url: str) -> tuple[str, Credentials]:
        """``url`` without user info, and the credentials to send with it.

        First ``user:pass@`` in the URL, then the netrc entry for its host, then the token.
        """
        parts = urllib.parse.urlsplit(url)
        if parts.username is not None or parts.password is not None:
            host = parts.netloc.rpartition("@")[2]
            clean = urllib.parse.urlunsplit(parts._replace(netloc=host))
            user = urllib.parse.unquote(parts.username or "")
            return clean, Credentials(user, urllib.parse.unquote(parts.password or ""))
        if self.netrc_file is not None and parts.hostname:
            found = _netrc_entry(self.netrc_file, parts.hostname)
            if found is not None:
                return url, found
        return url, Credentials(token=self.token)


def _netrc_entry(path: Path, host: str) -> Credentials | None:
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as err:
        raise StoreError(f"{path}: cannot read the netrc file: {err.msg}") from err
    except OSError as err:
        raise StoreError(f"{path}: cannot read the netrc file: {err.strerror}") from err
    if entry is None:
        return None
    login, _account, password = entry
    return Credentials(login or "", password or "")


@dataclass(frozen=True)
class Answer:
    """A 2xx answer: its status, content type and body."""

    status: int
    content_type: str
    body: bytes


class _Deadline:
    """Shuts down every socket of one request when its time is up."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _watched(base: type[http.client.HTTPConnection], deadline: _Deadline) -> Any:
    class Watched(base):  # type: ignore[valid-type, misc]
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    return Watched


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPConnection, self.deadline), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = _watched(http.client.HTTPSConnection, self.deadline)
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 3xx reaches the caller as an HTTPError


@dataclass(frozen=True)
class Http:
    """Sends requests to one kind of endpoint, with one time limit and one way to authenticate."""

    timeout: float = DEFAULT_TIMEOUT
    auth: Auth = field(default_factory=Auth)

    def send(self, method: str, url: str, body: bytes | None, headers: Mapping[str, str]) -> Answer:
        """Send one request; a 2xx ``Answer``, or a ``PolicyGraphError`` with a redacted message."""
        check_timeout(self.timeout)
        clean, credentials = self.auth.for_url(url)
        request = urllib.request.Request(clean, data=body, method=method)
        for name, value in headers.items():
            request.add_header(name, value)
        authorization = credentials.header()
        if authorization is not None:
            request.add_header("Authorization", authorization)
        shown = redact(clean, credentials.secrets())
        with _Deadline(self.timeout) as deadline:
            opener = urllib.request.build_opener(_HTTP(deadline), _HTTPS(deadline), _NoRedirect())
            try:
                with opener.open(request, timeout=self.timeout) as response:
                    data = response.read()
                    if deadline.expired:
                        raise TimeoutError
                    return Answer(response.status, response.headers.get_content_type(), data)
            except urllib.error.HTTPError as err:
                raise _refused(err, shown, credentials) from err
            except (OSError, http.client.HTTPException) as err:
                if deadline.expired or isinstance(err, TimeoutError | socket.timeout):
                    raise QueryTimeout(
                        f"{shown}: no complete answer within {self.timeout:g} s",
                        hint="is the server busy? raise --timeout for long operations",
                    ) from err
                reason = redact(safe_line(str(getattr(err, "reason", err))), credentials.secrets())
                raise StoreError(
                    f"{shown}: cannot reach the endpoint: {reason}",
                    hint="is the server running, and is the URL its SPARQL endpoint?",
                ) from err


def _refused(err: urllib.error.HTTPError, shown: str, credentials: Credentials) -> Exception:
    """The error for a non-2xx answer: the body cut, escaped and redacted."""
    try:
        raw = err.read(64 * 1024)
    except (OSError, http.client.HTTPException):
        raw = b""
    body = redact(safe_body(raw), credentials.secrets()) or safe_line(str(err.reason))
    if 300 <= err.code < 400:
        target = redact(safe_line(err.headers.get("Location", "?")), credentials.secrets())
        return StoreError(
            f"{shown}: HTTP {err.code}: the server redirects to {target}",
            hint="give that URL instead (redirects are not followed, to keep credentials safe)",
        )
    if err.code in (401, 403, 407):
        sent = "the credentials were refused" if credentials.header() else "it needs credentials"
        return StoreError(f"{shown}: HTTP {err.code}: {sent}: {body}", hint=AUTH_HINT)
    if err.code in (400, 422):
        return QueryError(f"{shown}: the server refused the request: {body}")
    return StoreError(f"{shown}: HTTP {err.code}: {body}")
