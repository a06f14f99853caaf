"""``push --protocol gsp``: the Graph Store Protocol against a real Oxigraph server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from tests.oxigraph_server import oxigraph_server
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.errors import StoreError
from policygraph.stores.gsp import graph_url, gsp_url, put_graphs
from policygraph.stores.remote import RemoteStore

runner = CliRunner()
OTHER = URIRef("urn:x:not-pushed")
PROV = "https://w3id.org/policygraph/graph/prov"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A fresh Oxigraph server (empty store) for one test; its query URL."""
    with oxigraph_server(tmp_path / "server", union_default_graph=False) as url:
        yield url


def built(sasac_root: Path) -> set[ox.Quad]:
    """The built quads, and their union as the default graph (as ``push`` writes them)."""
    quads = set(
        ox.parse(path=str(sasac_root / "graph" / "policygraph.trig"), format=ox.RdfFormat.TRIG)
    )
    return quads | {ox.Quad(q.subject, q.predicate, q.object) for q in quads}


def named_only(quads: set[ox.Quad]) -> set[ox.Quad]:
    return {q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}


def server_quads(endpoint: str) -> set[ox.Quad]:
    """Every quad on the server, read back as N-Quads through the GSP."""
    import urllib.request

    store = endpoint.rsplit("/", 1)[0] + "/store"
    request = urllib.request.Request(store, headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return set(ox.parse(response.read(), format=ox.RdfFormat.N_QUADS))


def push(endpoint: str, sasac_root: Path, *extra: str) -> str:
    args = ["push", "--endpoint", endpoint, "--protocol", "gsp", "--project", str(sasac_root)]
    result = runner.invoke(app, [*args, *extra])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.server
def test_gsp_push_keeps_every_quad_in_its_graph(server: str, sasac_root: Path) -> None:
    expected = built(sasac_root)
    named = named_only(expected)
    out = push(server, sasac_root)
    graphs = {q.graph_name for q in named}
    assert out == (
        f"pushed {len(named)} triples in {len(graphs)} graphs to {gsp_url(server)} "
        f"(default graph: their union, {len(expected) - len(named)} triples)\n"
    )
    assert server_quads(server) == expected
    push(server, sasac_root)  # without --replace: POST adds, and the same triples are no news
    assert server_quads(server) == expected


@pytest.mark.server
def test_gsp_replace_replaces_pushed_graphs_only(server: str, sasac_root: Path) -> None:
    remote = RemoteStore(server)
    push(server, sasac_root)
    remote.update(
        f"INSERT DATA {{ GRAPH <{PROV}> {{ <urn:x:stale> <urn:x:p> 1 }} "
        f"GRAPH <{OTHER}> {{ <urn:x:kept> <urn:x:p> 2 }} }}"
    )
    remote.update("INSERT DATA { <urn:x:stale> <urn:x:p> 3 }")
    push(server, sasac_root)
    assert len(server_quads(server)) == len(built(sasac_root)) + 3  # merged: the stale ones stay
    push(server, sasac_root, "--replace")
    kept = ox.Quad(
        ox.NamedNode("urn:x:kept"), ox.NamedNode("urn:x:p"), ox.Literal(2), ox.NamedNode(OTHER)
    )
    assert server_quads(server) == built(sasac_root) | {kept}  # the default graph replaced too


@pytest.mark.server
def test_gsp_and_update_pushes_leave_the_same_store(server: str, sasac_root: Path) -> None:
    result = runner.invoke(
        app, ["push", "--endpoint", server, "--replace", "--project", str(sasac_root)]
    )
    assert result.exit_code == 0, result.stderr
    by_update = server_quads(server)
    push(server, sasac_root, "--replace")
    assert server_quads(server) == by_update == built(sasac_root)


@pytest.mark.server
def test_added_graphs_go_in_pieces_replaced_ones_whole(server: str) -> None:
    graph = Graph()
    for i in range(25):
        graph.add((URIRef(f"urn:x:s{i}"), URIRef("urn:x:p"), Literal(f'line {i}\nwith "quotes"')))
    node = BNode()
    graph.add((URIRef("urn:x:s0"), URIRef("urn:x:q"), node))
    graph.add((node, URIRef("urn:x:p"), Literal("inside", lang="en")))
    name = URIRef("urn:x:big?a=1&b=2#part")  # needs escaping in the query string
    gsp = gsp_url(server)
    pushed = put_graphs(gsp, [(name, graph)], chunk=10)  # POSTs of 10 triples (blank nodes: 1)
    assert (pushed.graphs, pushed.default) == ({name: 27}, 27)
    count = (
        f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?b) AS ?nodes) WHERE {{ GRAPH <{name}> "
        "{ ?s ?p ?o OPTIONAL { ?s <urn:x:q> ?b } } }"
    )
    row = next(iter(RemoteStore(server).query(count)))
    assert (int(row[0]), int(row[1])) == (27, 1)  # type: ignore[index, call-overload]
    put_graphs(gsp, [(name, graph)], replace=True, chunk=10)  # one PUT for the whole graph
    row = next(iter(RemoteStore(server).query(count)))
    assert (int(row[0]), int(row[1])) == (27, 1)  # type: ignore[index, call-overload]


@pytest.mark.server
def test_a_wrong_gsp_endpoint_is_an_error_not_a_crash(server: str, sasac_root: Path) -> None:
    wrong = server.rsplit("/", 1)[0] + "/nowhere"
    result = runner.invoke(
        app,
        [
            "push",
            "--endpoint",
            server,
            "--protocol",
            "gsp",
            "--gsp-endpoint",
            wrong,
            "--project",
            str(sasac_root),
        ],
    )
    assert result.exit_code == 7
    assert "HTTP 404" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store"),
        ("http://h:3030/ds/query", "http://h:3030/ds/data"),
        ("http://h:3030/ds/sparql", "http://h:3030/ds/data"),
        ("http://h:7200/repositories/pg", "http://h:7200/repositories/pg/rdf-graphs/service"),
    ],
)
def test_gsp_endpoint_is_guessed_from_the_query_url(endpoint: str, expected: str) -> None:
    assert gsp_url(endpoint) == expected


def test_an_unguessable_gsp_endpoint_asks_for_the_option(sasac_root: Path) -> None:
    with pytest.raises(StoreError, match="cannot guess") as caught:
        gsp_url("http://h/sparql-endpoint")
    assert "--gsp-endpoint" in caught.value.hint
    result = runner.invoke(
        app,
        [
            "push",
            "--endpoint",
            "http://127.0.0.1:9/x",
            "--protocol",
            "gsp",
            "--project",
            str(sasac_root),
        ],
    )
    assert result.exit_code == 7
    assert "--gsp-endpoint" in result.stderr


def test_graph_names_are_escaped_in_the_url() -> None:
    assert graph_url("http://h/store", URIRef("urn:x:a?b=1&c#d")) == (
        "http://h/store?graph=urn%3Ax%3Aa%3Fb%3D1%26c%23d"
    )
    assert graph_url("http://h/s?repo=1", URIRef("urn:x:a")).startswith("http://h/s?repo=1&graph=")
