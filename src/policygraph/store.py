"""Stores behind one interface: every read command goes through ``Store.query``.

``open_store`` picks the store: an RDF file (``--graph FILE``, in memory), a remote SPARQL
endpoint (``--endpoint URL``), or the project's embedded Oxigraph store (kept in step with the
built ``graph/policygraph.trig``). Every store runs on Oxigraph, and in every one the default
graph of a query is the union of the named graphs, as a set. Results are rdflib ``Result``
objects whatever the store. The implementations live in ``policygraph.stores``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from policygraph.errors import NotFoundError
from policygraph.project import Project
from policygraph.stores.base import RDF_FORMATS, Store, rdf_format
from policygraph.stores.memory import MemoryStore, as_store, load_file, union_store

if TYPE_CHECKING:
    from policygraph.stores.http import Auth

__all__ = [
    "as_store",
    "RDF_FORMATS",
    "MemoryStore",
    "Store",
    "load_file",
    "open_store",
    "rdf_format",
    "union_store",
]


def open_store(
    project: Project | None = None,
    *,
    graph_file: Path | None = None,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    timeout: float | None = None,
    auth: Auth | None = None,
) -> Store:
    """The store a read command should use, a context manager (``timeout`` and ``auth``: for
    an endpoint)."""
    if graph_file is not None:
        return MemoryStore(load_file(graph_file), label=str(graph_file))
    if endpoint is not None:
        from policygraph.stores.http import DEFAULT_TIMEOUT, Auth
        from policygraph.stores.remote import RemoteStore

        return RemoteStore(
            endpoint, update_endpoint, timeout or DEFAULT_TIMEOUT, auth=auth or Auth()
        )
    if project is None:
        raise NotFoundError("no project and no --graph FILE given")
    from policygraph.stores.project import open_project_store

    return open_project_store(project)
