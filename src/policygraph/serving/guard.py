"""What the ``serve`` front refuses before a query reaches the engine: size, nesting, hosts.

The engine parses and evaluates recursively: one query with 10,000 ``||`` (or ``+``, ``!``,
``UNION``, ``/``...) overflows its stack and aborts the whole server. The front counts the
operators and the bracket depth of a query (strings, IRIs, prefixed names and comments do not
count) and refuses a query past the limits with HTTP 400; the engine stays well inside what it
handles (1,000 of each measured fine, 10,000 aborted it).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass

MAX_QUERY_BYTES = 100_000
MAX_OPERATORS = 1_000
MAX_DEPTH = 100

_MASK = re.compile(
    r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\''
    r"|<[^<>\s]*>|#[^\n]*|[A-Za-z_][\w.\-]*:[\w.:%\-]*"
)
_OPERATOR = re.compile(r"\|\||&&|[!+\-*/|^]|\b(?:UNION|OPTIONAL|MINUS)\b", re.IGNORECASE)


class Refused(Exception):
    """A request the front will not pass on: its HTTP status and a one-line reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def check_query_shape(text: str) -> None:
    """Refuse (``Refused(400)``) a query that is too large or too deeply built for the engine."""
    size = len(text.encode("utf-8"))
    if size > MAX_QUERY_BYTES:
        raise Refused(413, f"the query has {size} bytes; the limit is {MAX_QUERY_BYTES}")
    masked = _MASK.sub(" ", text)
    operators = len(_OPERATOR.findall(masked))
    if operators > MAX_OPERATORS:
        raise Refused(400, f"the query has {operators} operators; the limit is {MAX_OPERATORS}")
    depth = deepest = 0
    for char in masked:
        if char in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")}]":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise Refused(400, f"the query nests {deepest} levels deep; the limit is {MAX_DEPTH}")


@dataclass(frozen=True)
class Hosts:
    """The ``Host`` header values the front answers (against DNS rebinding): names, no ports."""

    names: frozenset[str]

    @classmethod
    def for_bind(cls, host: str, extra: Iterable[str] = ()) -> Hosts:
        names = {"localhost", "127.0.0.1", "::1", host.strip("[]").lower()}
        return cls(frozenset(names | {name.strip("[]").lower() for name in extra}))

    def check(self, header: str | None) -> None:
        if not header:
            raise Refused(400, "the request has no Host header")
        name = header.strip().lower()
        if name.startswith("["):
            name = name[1 : name.find("]")] if "]" in name else name
        elif name.count(":") == 1:
            name = name.split(":")[0]
        if name not in self.names:
            raise Refused(403, f"host {name!r} is not served (add it with --allow-host)")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) only reaches this machine."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None)
    except OSError:
        return False
    addresses = {info[4][0] for info in found}
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)
