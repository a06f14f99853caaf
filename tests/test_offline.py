"""Offline means offline: reading a file or running a query never fetches anything.

A local HTTP server counts the requests it gets; queries with ``FROM``/``FROM NAMED`` naming its
address, and a JSON-LD file whose ``@context`` is its address, must not reach it.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.project import Project

runner = CliRunner()


class Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        Counting.hits.append(self.path)
        body = b'<http://x/s> <http://x/p> "fetched" .\n'
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def address() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Counting.hits = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_from_names_a_graph_and_fetches_nothing(address: str, sasac_project: Project) -> None:
    trig = str(sasac_project.trig_path)
    queries = (
        f"SELECT (COUNT(*) AS ?n) FROM <{address}/data.nt> WHERE {{ ?s ?p ?o }}",
        f"SELECT ?g FROM NAMED <{address}/g.nt> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    )
    for sparql in queries:
        for store in (["--input", trig], ["--project", str(sasac_project.root)]):
            result = runner.invoke(app, ["query", sparql, "--format", "csv", *store])
            assert result.exit_code == 0, result.output
            assert "fetched" not in result.stdout  # the graph is not in the store: nothing
    assert Counting.hits == []


def test_a_remote_jsonld_context_is_not_fetched(address: str, tmp_path: Path) -> None:
    data = tmp_path / "remote-context.jsonld"
    data.write_text(
        f'{{"@context": "{address}/context.jsonld", "@id": "http://x/s", "name": "y"}}',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["stats", "--input", str(data)])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert Counting.hits == []
