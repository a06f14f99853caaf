"""Pushing named graphs with the SPARQL 1.1 Graph Store HTTP Protocol.

Each graph goes to ``<gsp-endpoint>?graph=<iri>`` as N-Triples: ``PUT`` replaces the graph (one
request per graph), ``POST`` adds to it (a large graph in several requests; a graph with blank
nodes in one, so that its blank nodes stay the same nodes). The union of the pushed graphs goes
last to ``?default``. Each request is its own transaction, so a failure part-way leaves some
graphs new and some old: the error lists which (``push --protocol update`` is all or nothing).
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from collections.abc import Iterable

from rdflib import BNode, Graph, URIRef

from policygraph.errors import PolicyGraphError, StoreError
from policygraph.stores.http import Http
from policygraph.stores.pushed import Pushed, not_applied
from policygraph.stores.remote import check_written
from policygraph.textsafe import redact

CONTENT_TYPE = "application/n-triples"
HEADERS = {"Content-Type": CONTENT_TYPE}


def gsp_url(endpoint: str) -> str:
    """The usual Graph Store endpoint for a query URL (Oxigraph, Fuseki, GraphDB)."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if path in ("/query", "/sparql"):
        new_path = "/store"  # Oxigraph's server
    elif re.search(r"/repositories/[^/]+$", path):
        new_path = path + "/rdf-graphs/service"  # GraphDB, RDF4J
    elif path.endswith(("/query", "/sparql")):
        new_path = path.rsplit("/", 1)[0] + "/data"  # Fuseki
    else:
        raise StoreError(
            f"{redact(endpoint)}: cannot guess the server's Graph Store Protocol endpoint",
            hint="give it with --gsp-endpoint URL, or push with --protocol update",
        )
    return urllib.parse.urlunsplit(parts._replace(path=new_path))


def graph_url(gsp: str, graph: URIRef) -> str:
    """``gsp`` with ``graph=<graph>`` added to its query string."""
    joiner = "&" if urllib.parse.urlsplit(gsp).query else "?"
    return f"{gsp}{joiner}{urllib.parse.urlencode({'graph': str(graph)})}"


def _chunks(graph: Graph, size: int) -> list[bytes]:
    """The graph as N-Triples, in pieces of at most ``size`` triples (one if it has blank nodes)."""
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        size = max(size, len(lines))
    return [b"".join(lines[start : start + size]) for start in range(0, len(lines), size)] or [b""]


def _union(graphs: list[tuple[URIRef, Graph]]) -> Graph:
    union = Graph()
    for _name, graph in graphs:
        union += graph
    return union


def put_graphs(
    gsp: str,
    graphs: Iterable[tuple[URIRef, Graph]],
    *,
    replace: bool = False,
    chunk: int = 100_000,
    http: Http | None = None,
) -> Pushed:
    """Upload each named graph, then their union as the default graph (``?default``).

    ``replace`` sends each graph in one ``PUT``, which makes it exactly what is sent; otherwise
    ``POST`` adds the triples, in pieces of ``chunk`` triples. A failure names the graphs the
    server now holds in their new version and those it does not.
    """
    client = http or Http()
    listed = list(graphs)
    targets = [(graph_url(gsp, name), str(name), graph) for name, graph in listed]
    union = _union(listed)
    targets.append((_default_url(gsp), "the default graph", union))
    done: list[str] = []
    for url, shown, graph in targets:
        bodies = (
            [graph.serialize(format="nt", encoding="utf-8")] if replace else _chunks(graph, chunk)
        )
        for i, body in enumerate(bodies):
            try:
                answer = client.send("PUT" if replace else "POST", url, body, HEADERS)
                check_written(answer, redact(client.auth.for_url(url)[0]))
            except PolicyGraphError as err:
                left = [t[1] for t in targets[len(done) + 1 :]]
                raise _partial(err, done, shown, left, i, replace) from err
        done.append(shown)
    return Pushed({name: len(graph) for name, graph in listed}, len(union))


def _default_url(gsp: str) -> str:
    joiner = "&" if urllib.parse.urlsplit(gsp).query else "?"
    return f"{gsp}{joiner}default"


def _partial(
    err: PolicyGraphError,
    done: list[str],
    failed: str,
    left: list[str],
    piece: int,
    replace: bool,
) -> StoreError:
    """The error for a Graph Store push that stopped part-way: what the server holds now."""
    why = not_applied(err)
    state = f"unchanged ({why})" if why else "unknown (it may or may not have been written)"
    lines = [f"push failed at {failed}: {err}"]
    lines.append(f"  {'replaced' if replace else 'added'}: " + (", ".join(done) or "none"))
    if piece:
        lines.append(f"  {failed}: partly added ({piece} piece(s) of it were written)")
    else:
        lines.append(f"  {failed}: {state}")
    lines.append("  not sent: " + (", ".join(left) or "none"))
    return StoreError("\n".join(lines), hint="push again once the cause is fixed")
