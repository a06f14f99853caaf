"""``serve``: a local, read-only SPARQL endpoint over the project's store (Oxigraph's server).

The server reads the published store version, which never changes (writers publish new
versions). ``policygraph serve`` replaces itself with the server, which inherits a shared lock
on that version so it is not collected while served; later builds and loads publish new
versions that the running server does not see (restart it to serve them).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from policygraph.errors import StoreError
from policygraph.project import Project
from policygraph.stores.lock import try_shared
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
    """The command that serves ``store`` (close it when the server stops)."""

    command: list[str]
    lock_fd: int  # a shared lock on the served version: keep it open while serving
    url: str


def plan_serve(project: Project, host: str = "127.0.0.1", port: int = 7878) -> ServePlan:
    """Bring the project's store up to date, hold its version, and give the server command."""
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
    command = [
        str(oxigraph_binary()),
        "serve-read-only",
        "--location",
        store.label,
        "--bind",
        f"{host}:{port}",
    ]  # no --union-default-graph: the store's default graph already holds the union, as a set
    return ServePlan(command, lock_fd, f"http://{host}:{port}/")
