"""``serve``: a local, read-only SPARQL endpoint over the project's store.

Oxigraph's read-only server (the engine) runs on a private loopback port; a small front
(``policygraph.serving.front``) listens where the user asked and relays checked queries to it,
with a time limit, a size and nesting limit, a ``Host`` allow-list and a limit on queries at
once. The engine reads the published store version, which never changes (writers publish new
versions); a shared lock on that version, held while serving, keeps it from being collected.
Later builds and loads publish new versions that the running server does not see (restart it).
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from policygraph.errors import StoreError
from policygraph.project import Project
from policygraph.stores.lock import NO_LOCK, try_shared
from policygraph.stores.oxigraph import OxigraphStore


def oxigraph_binary() -> Path:
    """The ``oxigraph`` server binary: beside this Python, or on ``PATH``."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError(
            "the Oxigraph server is not installed", hint="pip install oxigraph (from PyPI)"
        )
    return Path(found)


@dataclass
class ServePlan:
    """What ``run_server`` serves: a store version (held by ``lock_fd``) at an address."""

    location: str
    lock_fd: int  # a shared lock on the served version: keep it open while serving
    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def plan_serve(project: Project, host: str = "127.0.0.1", port: int = 7878) -> ServePlan:
    """Bring the project's store up to date and hold its version while it is served."""
    from policygraph.stores.project import open_project_store

    store = open_project_store(project)
    if not isinstance(store, OxigraphStore):
        store.close()
        raise StoreError(
            "the project's store is being written by another process", hint="try again shortly"
        )
    location = Path(store.label)
    lock_fd = try_shared(location.parent / f"{location.name}.lock")
    store.close()
    if lock_fd is None:
        raise StoreError("the project's store changed while starting; try again")
    return ServePlan(store.label, lock_fd, host, port)


def run_server(
    plan: ServePlan,
    *,
    timeout: float = 60.0,
    allow_hosts: Iterable[str] = (),
    on_ready: Callable[[str], None] = lambda url: None,
) -> None:
    """Serve until interrupted (``KeyboardInterrupt``); ``on_ready(url)`` once it listens."""
    from policygraph.serving.engine import Engine, engine_command
    from policygraph.serving.front import Front, Limits
    from policygraph.serving.guard import Hosts

    limits = Limits(timeout=timeout)
    held = () if plan.lock_fd == NO_LOCK else (plan.lock_fd,)
    engine = Engine(engine_command(oxigraph_binary(), plan.location, timeout), held)
    handler = type(
        "BoundFront",
        (Front,),
        {
            "engine": engine,
            "hosts": Hosts.for_bind(plan.host, allow_hosts),
            "limits": limits,
            "slots": threading.BoundedSemaphore(limits.concurrent),
        },
    )
    server_class = _IPv6Server if ":" in plan.host else _Server
    try:
        server = server_class((plan.host.strip("[]"), plan.port), handler)
    except OSError as err:
        unlock_quietly(plan.lock_fd)
        raise StoreError(f"cannot listen on {plan.url}: {err.strerror}") from err
    try:
        engine.start()
        on_ready(plan.url)
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        engine.stop()
        unlock_quietly(plan.lock_fd)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def handle_error(self, request: object, client_address: object) -> None:
        import logging

        logging.getLogger(__name__).warning("a request from %s failed", client_address)


class _IPv6Server(_Server):
    address_family = socket.AF_INET6


def unlock_quietly(fd: int) -> None:
    """Close the served version's lock (nothing to close for a read-only store)."""
    if fd != NO_LOCK:
        os.close(fd)
