"""Pushing named graphs to a SPARQL server with SPARQL 1.1 Update, in one request.

The whole push is one update request: the ``DROP SILENT GRAPH`` of each replaced graph, then
one ``INSERT DATA`` with every graph. The server's default graph gets the set-union of the
pushed graphs, materialised (``DROP SILENT DEFAULT`` when replacing), because a server's
"union default graph" may repeat a triple once per graph holding it (oxigraph/oxigraph#1919).
Servers run one request as one transaction, so a push is applied whole or not at all; a
failure says what the server holds now.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from policygraph.errors import PolicyGraphError, StoreError
from policygraph.project import Project
from policygraph.stores.pushed import Pushed, not_applied
from policygraph.stores.remote import RemoteStore

if TYPE_CHECKING:
    from policygraph.stores.http import Auth


def union_lines(graphs: list[tuple[URIRef, Graph]]) -> list[str]:
    """The set-union of the graphs' triples as N-Triples lines, sorted."""
    return sorted({_line(triple) for _name, graph in graphs for triple in graph})


def _line(triple: tuple[object, ...]) -> str:
    s, p, o = triple
    return f"{s.n3()} {p.n3()} {o.n3()} ."  # type: ignore[attr-defined]


def update_request(
    graphs: list[tuple[URIRef, Graph]], *, replace: bool, union: list[str] | None = None
) -> str:
    """The one SPARQL Update that pushes ``graphs`` and their union as the default graph."""
    drops = [f"DROP SILENT GRAPH {name.n3()}" for name, _graph in graphs]
    drops += ["DROP SILENT DEFAULT"]
    parts = [
        f"GRAPH {name.n3()} {{\n" + "\n".join(_line(t) for t in graph) + "\n}"
        for name, graph in graphs
    ]
    parts.append("\n".join(union_lines(graphs) if union is None else union))
    insert = "INSERT DATA {\n" + "\n".join(parts) + "\n}"
    return " ;\n".join([*drops, insert]) if replace else insert


def push_graphs(
    store: RemoteStore, graphs: Iterable[tuple[URIRef, Graph]], *, replace: bool = False
) -> Pushed:
    """Upload the named graphs (and their union as the default graph) in one update request.

    ``replace`` makes each pushed graph, and the default graph, exactly what is sent; the
    server's other named graphs stay.
    """
    listed = list(graphs)
    union = union_lines(listed)
    try:
        store.update(update_request(listed, replace=replace, union=union))
    except PolicyGraphError as err:
        raise StoreError(
            f"push failed: {err}; {server_state(err)}",
            hint=err.hint or "run the same push again once the cause is fixed",
        ) from err
    return Pushed({name: len(graph) for name, graph in listed}, len(union))


def server_state(err: PolicyGraphError) -> str:
    """What the server holds after a failed one-request push, as far as the client can know."""
    why = not_applied(err)
    if why:
        return f"{why}, and a push is one transaction: nothing changed on the server"
    return "the server may or may not have applied it (it is one transaction); push again"


PROTOCOLS = ("update", "gsp")


def push(
    project: Project,
    endpoint: str,
    *,
    protocol: str = "update",
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
    replace: bool = False,
    timeout: float = 300.0,
    auth: Auth | None = None,
) -> tuple[Pushed, str]:
    """Upload the project's build (its named graphs, and their union as the default graph) by
    SPARQL Update in one request, or by the Graph Store Protocol graph by graph; what was sent,
    and the URL it went to."""
    from policygraph.errors import InputError
    from policygraph.serialize import named_graphs
    from policygraph.store import MemoryStore, load_file
    from policygraph.stores.http import Auth as Credentials
    from policygraph.stores.http import Http, check_timeout

    if protocol not in PROTOCOLS:
        raise InputError(f"unknown protocol {protocol!r}", hint="use update or gsp")
    http = Http(
        check_timeout(timeout), auth or Credentials.from_environment(os.environ, Path.home())
    )
    graphs = named_graphs(MemoryStore(load_file(project.trig_path)).dataset())
    if protocol == "gsp":
        from policygraph.stores.gsp import gsp_url, put_graphs

        target = gsp_endpoint or gsp_url(endpoint)
        return put_graphs(target, graphs, replace=replace, http=http), target
    remote = RemoteStore(endpoint, update_endpoint, http.timeout, auth=http.auth)
    return push_graphs(remote, graphs, replace=replace), endpoint
