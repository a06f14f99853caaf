"""``serve`` stays up: the crash query is refused, slow queries stop, hosts are checked."""

from __future__ import annotations

import select
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.oxigraph_server import free_port, wait_until_up

from policygraph.serving.guard import Hosts, Refused, check_query_shape

CRASH = (
    "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(f"?o = {i}" for i in range(10_000)) + ") }"
)
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def serve_command(sasac_root: Path, port: int, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "policygraph", "serve", "--port", str(port),
        "--project", str(sasac_root), *extra,
    ]  # fmt: skip


@pytest.fixture(scope="module")
def served(sasac_root: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603
        serve_command(sasac_root, port, "--timeout", "2", "--allow-host", "pg.example"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def ask(base: str, query: str = "ASK { ?s ?p ?o }", host: str | None = None) -> tuple[int, str]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(base + "/query", data=data)
    request.add_header("Accept", "application/sparql-results+json")
    if host is not None:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def engine_pids(proc: subprocess.Popen[bytes]) -> list[int]:
    """The serve process's children: the engine, none while it is being restarted."""
    children: list[int] = []
    for task in Path(f"/proc/{proc.pid}/task").iterdir():
        try:  # a thread (one per request) may end between the listing and the read
            children.extend(int(c) for c in (task / "children").read_text().split())
        except FileNotFoundError:
            continue
    return children


def engine_pid(proc: subprocess.Popen[bytes]) -> int:
    children = engine_pids(proc)
    assert len(children) == 1
    return children[0]


@pytest.mark.server
def test_the_crash_query_is_refused_and_the_server_stays_up(
    served: tuple[str, subprocess.Popen[bytes]],
) -> None:
    base, _proc = served
    assert len(CRASH) > 100_000  # the 10,000 `||` query that aborted the engine
    assert ask(base, CRASH)[0] == 413
    small = "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(["?o"] * 10_000) + ") }"
    assert len(small) < 100_000
    status, body = ask(base, small)
    assert (status, body) == (400, "the query has 10000 operators; the limit is 1000\n")
    for deep in ("!" * 10_000 + "true", "(" * 5_000 + "1" + ")" * 5_000):
        assert ask(base, f"ASK {{ FILTER({deep}) }}")[0] == 400
    assert ask(base) == (200, '{"head":{},"boolean":true}')


@pytest.mark.server
def test_only_allowed_hosts_are_answered(served: tuple[str, subprocess.Popen[bytes]]) -> None:
    base, _proc = served
    port = base.rsplit(":", 1)[1]
    assert ask(base, host="evil.example")[0] == 403
    assert ask(base, host=f"evil.example:{port}")[0] == 403
    for host in ("localhost", f"127.0.0.1:{port}", f"[::1]:{port}", f"pg.example:{port}"):
        assert ask(base, host=host)[0] == 200, host


@pytest.mark.server
def test_it_stays_read_only(served: tuple[str, subprocess.Popen[bytes]]) -> None:
    base, _proc = served
    form = urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
    for path in ("/query", "/update", "/store"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(base + path, data=form), timeout=10)  # noqa: S310
        assert refused.value.code in (403, 404), path
    with urllib.request.urlopen(base + "/", timeout=10) as page:  # noqa: S310
        assert b"<html" in page.read().lower()  # the engine's query page


@pytest.mark.server
def test_a_slow_query_stops_at_the_time_limit(served: tuple[str, subprocess.Popen[bytes]]) -> None:
    base, proc = served
    before = engine_pid(proc)
    started = time.monotonic()
    status, body = ask(base, CARTESIAN)
    assert (status, body) == (503, "the query ran past the time limit of 2 s\n")
    assert time.monotonic() - started < 8
    assert ask(base)[0] == 200
    assert engine_pid(proc) != before  # the engine that was still counting was stopped


@pytest.mark.server
def test_the_engine_stops_when_the_client_goes(served: tuple[str, subprocess.Popen[bytes]]) -> None:
    base, proc = served
    before = engine_pid(proc)
    body = urllib.parse.urlencode({"query": CARTESIAN}).encode()
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as client:
        client.sendall(
            b"POST /query HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        select.select([client], [], [], 0.5)  # the query is running; then the client hangs up
    deadline = time.monotonic() + 2  # well before the 2 s limit + 1 s grace would end it
    while before in engine_pids(proc):  # none while the engine restarts: that is not a failure
        assert time.monotonic() < deadline, "the engine kept working after the client left"
        select.select([], [], [], 0.05)
    assert ask(base)[0] == 200


@pytest.mark.server
def test_a_public_bind_is_announced_loudly(sasac_root: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603
        serve_command(sasac_root, port, "--host", "0.0.0.0"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert proc.stderr is not None
        ready, _, _ = select.select([proc.stderr], [], [], 30)
        assert ready
        assert proc.stderr.readline().startswith(b"WARNING: serving on 0.0.0.0")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_names_strings_and_iris_do_not_count_as_operators() -> None:
    names = " ".join(f"pgr:person-he-qing-{i} <http://x/a-b/{i}>" for i in range(600))
    check_query_shape(f'SELECT * WHERE {{ VALUES ?x {{ {names} }} FILTER(?x != "a-b-c||d") }}')
    with pytest.raises(Refused, match="operators"):
        check_query_shape("ASK { FILTER(" + "1+" * 1001 + "1) }")
    with pytest.raises(Refused, match="levels deep"):
        check_query_shape("ASK " + "{" * 101 + "}" * 101)


def test_host_header_parsing() -> None:
    hosts = Hosts.for_bind("192.168.1.5", ["pg.example"])
    for good in ("localhost:7878", "LOCALHOST", "[::1]:80", "192.168.1.5:7878", "pg.example"):
        hosts.check(good)
    for bad in (None, "", "evil.example", "localhost.evil.example", "[::2]:80"):
        with pytest.raises(Refused):
            hosts.check(bad)


@pytest.mark.server
def test_an_engine_that_dies_is_started_again(served: tuple[str, subprocess.Popen[bytes]]) -> None:
    import os
    import signal

    base, proc = served
    before = engine_pid(proc)
    os.kill(before, signal.SIGKILL)
    deadline = time.monotonic() + 20
    while ask(base)[0] != 200:
        assert time.monotonic() < deadline, "the engine was not started again"
        select.select([], [], [], 0.1)
    assert engine_pid(proc) != before
