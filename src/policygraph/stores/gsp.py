"""Pushing named graphs with the SPARQL 1.1 Graph Store HTTP Protocol.

Each graph goes to ``<gsp-endpoint>?graph=<iri>`` as N-Triples: ``PUT`` replaces the graph,
``POST`` adds to it. A large graph goes in several requests (the first one a ``PUT`` when
replacing); a graph with blank nodes goes in one, so that its blank nodes stay the same nodes.
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from collections.abc import Iterable

from rdflib import BNode, Graph, URIRef

from policygraph.errors import StoreError
from policygraph.stores.remote import _send

CONTENT_TYPE = "application/n-triples"


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
            f"{endpoint}: cannot guess the server's Graph Store Protocol endpoint",
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


def put_graphs(
    gsp: str,
    graphs: Iterable[tuple[URIRef, Graph]],
    *,
    replace: bool = False,
    chunk: int = 100_000,
    timeout: float = 300.0,
) -> dict[URIRef, int]:
    """Upload each named graph; ``replace`` makes each graph exactly what is sent (``PUT``)."""
    counts: dict[URIRef, int] = {}
    for name, graph in graphs:
        url = graph_url(gsp, name)
        for i, body in enumerate(_chunks(graph, chunk)):
            method = "PUT" if replace and i == 0 else "POST"
            request = urllib.request.Request(url, data=body, method=method)
            request.add_header("Content-Type", CONTENT_TYPE)
            _send(request, timeout)
        counts[name] = len(graph)
    return counts
