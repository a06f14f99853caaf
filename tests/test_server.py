"""Against a real SPARQL server: Oxigraph's, on 127.0.0.1, fed by ``policygraph push``."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.oxigraph_server import built_quads, free_port, oxigraph_server, wait_until_up
from tests.test_store_backends import QUERIES, answer
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.project import Project, packaged
from policygraph.store import Store, open_store
from policygraph.stores.remote import RemoteStore, with_bindings

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory, sasac_root: Path) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("server"), union_default_graph=False) as query:
        result = CliRunner().invoke(
            app, ["push", "--endpoint", query, "--project", str(sasac_root)]
        )
        assert result.exit_code == 0, result.stderr
        assert f"pushed {built_quads(sasac_root)} triples in 6 graphs" in result.stdout
        yield query


def named_queries(sasac_root: Path) -> list[tuple[str, str]]:
    files = sorted(Path(str(packaged("queries"))).glob("*.rq"))
    return [(f.stem, f.read_text(encoding="utf-8")) for f in files]


@pytest.fixture(scope="module")
def local(sasac_root: Path) -> Iterator[Store]:
    store = open_store(Project(sasac_root))
    yield store
    store.close()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_remote_answers_like_the_embedded_store(endpoint: str, local: Store, name: str) -> None:
    remote = open_store(None, endpoint=endpoint)
    assert remote.kind == "remote"
    assert answer(remote, QUERIES[name]) == answer(local, QUERIES[name])


def test_every_named_query_answers_alike(endpoint: str, local: Store, sasac_root: Path) -> None:
    queries = named_queries(sasac_root)
    remote = open_store(None, endpoint=endpoint)
    compared = 0
    for name, sparql in queries:
        expected = answer(local, sparql)
        assert answer(remote, sparql) == expected, name
        compared += 1
    assert compared == len(queries)


def test_push_replace_keeps_counts(endpoint: str, sasac_root: Path) -> None:
    result = CliRunner().invoke(
        app, ["push", "--endpoint", endpoint, "--replace", "--project", str(sasac_root)]
    )
    assert result.exit_code == 0, result.stderr
    count = RemoteStore(endpoint).query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(next(iter(count))[0]) == built_quads(sasac_root)  # type: ignore[index, call-overload]


def test_bindings_are_sent_as_values(endpoint: str) -> None:
    from rdflib import URIRef

    sparql = "SELECT ?g ?n WHERE { GRAPH ?g { ?s ?p ?o } BIND(1 AS ?n) } LIMIT 1"
    bound = with_bindings(sparql, {"g": URIRef("https://w3id.org/policygraph/graph/prov")})
    assert "VALUES (?g)" in bound
    rows = list(
        RemoteStore(endpoint).query(
            sparql, {"g": URIRef("https://w3id.org/policygraph/graph/prov")}
        )
    )
    assert str(rows[0][0]) == "https://w3id.org/policygraph/graph/prov"  # type: ignore[index]


def test_serve_answers_read_only_on_localhost(sasac_root: Path) -> None:
    import sys

    port = free_port()
    proc = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "policygraph",
            "serve",
            "--port",
            str(port),
            "--project",
            str(sasac_root),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", proc)
        remote = RemoteStore(f"http://127.0.0.1:{port}/query")
        assert answer(remote, QUERIES["ask"]) is True
        with pytest.raises(Exception, match="HTTP|refused|read"):
            remote.update("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def example_params(sparql: str) -> list[str]:
    """The ``# example: a=1; b=2`` parameters of a named query."""
    for line in sparql.splitlines():
        if line.startswith("# example:"):
            return [p.strip() for p in line.removeprefix("# example:").split(";") if p.strip()]
    return []


def test_named_queries_through_the_cli_endpoint_option(endpoint: str, sasac_root: Path) -> None:
    runner = CliRunner()
    for name, sparql in named_queries(sasac_root):
        base = ["query", "--name", name, "--format", "csv", "--project", str(sasac_root)]
        base += [arg for pair in example_params(sparql) for arg in ("--param", pair)]
        local = runner.invoke(app, base)
        assert local.exit_code == 0, (name, local.stderr)
        remote = runner.invoke(app, [*base, "--endpoint", endpoint])
        assert remote.exit_code == local.exit_code, (name, remote.stderr)
        assert sorted(remote.stdout.splitlines()) == sorted(local.stdout.splitlines()), name
