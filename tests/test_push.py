"""``push`` is all or nothing with SPARQL Update, and says what is left when GSP stops part-way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from tests.oxigraph_server import oxigraph_server

from policygraph.errors import StoreError
from policygraph.stores.gsp import gsp_url, put_graphs
from policygraph.stores.push import push_graphs, update_request
from policygraph.stores.remote import RemoteStore

pytestmark = pytest.mark.server
A, B, C = URIRef("urn:x:a"), URIRef("urn:x:b"), URIRef("urn:x:c")
P = URIRef("urn:x:p")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    with oxigraph_server(tmp_path / "server", union_default_graph=False) as url:
        yield url


def graph(*values: str, subject: str = "urn:x:s") -> Graph:
    out = Graph()
    for value in values:
        out.add((URIRef(subject), P, Literal(value)))
    return out


def quads(endpoint: str) -> set[tuple[str, str]]:
    rows = RemoteStore(endpoint).query(
        "SELECT ?g ?o WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o BIND('default' AS ?g) } }"
    )
    return {(str(row[0]), str(row[1])) for row in rows}  # type: ignore[index]


def test_the_push_is_one_request_and_the_default_graph_is_the_union() -> None:
    text = update_request([(A, graph("1", "2")), (B, graph("2"))], replace=True)
    assert text.count("INSERT DATA") == 1
    assert text.startswith("DROP SILENT GRAPH <urn:x:a> ;\nDROP SILENT GRAPH <urn:x:b> ;\n")
    assert "DROP SILENT DEFAULT" in text
    assert "DROP" not in update_request([(A, graph("1"))], replace=False)


def test_a_failed_replace_leaves_the_server_as_it_was(server: str) -> None:
    store = RemoteStore(server)
    pushed = push_graphs(store, [(A, graph("1", "2")), (B, graph("2"))], replace=True)
    assert (pushed.triples, pushed.default) == (3, 2)
    before = quads(server)
    assert ("default", "1") in before and ("default", "2") in before
    broken = graph("3", subject="urn:x:%zz")  # the server refuses the whole request
    with pytest.raises(StoreError) as caught:
        push_graphs(store, [(A, graph("9")), (B, broken)], replace=True)
    assert "nothing changed on the server" in str(caught.value)
    assert quads(server) == before


def test_replace_makes_the_default_graph_the_union_again(server: str) -> None:
    store = RemoteStore(server)
    store.update("INSERT DATA { <urn:x:s> <urn:x:p> 'stale' }")
    push_graphs(store, [(A, graph("1")), (B, graph("1"))], replace=True)
    assert quads(server) == {("urn:x:a", "1"), ("urn:x:b", "1"), ("default", "1")}


def test_a_gsp_push_that_stops_says_which_graphs_are_new(server: str) -> None:
    gsp = gsp_url(server)
    put_graphs(gsp, [(A, graph("old")), (C, graph("old"))], replace=True)
    bad = URIRef("urn:x:%zz")
    with pytest.raises(StoreError) as caught:
        put_graphs(gsp, [(A, graph("new")), (bad, graph("x")), (C, graph("new"))], replace=True)
    message = str(caught.value)
    assert "push failed at urn:x:%zz" in message
    assert "replaced: urn:x:a\n" in message
    assert "urn:x:%zz: unchanged (the server refused it)" in message
    assert "not sent: urn:x:c, the default graph" in message
    assert ("urn:x:a", "new") in quads(server) and ("urn:x:c", "old") in quads(server)
    assert ox  # the server's own parser refused the IRI: no client-side check involved
