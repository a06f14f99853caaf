"""``policygraph query``: every format, and a clear error (no traceback) for bad input."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner, Result

from policygraph.cli import app
from policygraph.errors import QueryError, QueryTimeout
from policygraph.sparql import check_query, query
from policygraph.sparql.params import parse_value
from policygraph.store import MemoryStore

PEOPLE = (
    "SELECT ?person ?name WHERE { ?person a foaf:Person ; skos:prefLabel ?name } ORDER BY ?name"
)
RESULTS_SCHEMA = {
    "type": "object",
    "required": ["head", "results"],
    "properties": {
        "head": {
            "type": "object",
            "required": ["vars"],
            "properties": {"vars": {"type": "array", "items": {"type": "string"}}},
        },
        "results": {
            "type": "object",
            "required": ["bindings"],
            "properties": {
                "bindings": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "object",
                            "required": ["type", "value"],
                            "properties": {
                                "type": {"enum": ["uri", "literal", "bnode"]},
                                "value": {"type": "string"},
                                "xml:lang": {"type": "string"},
                                "datatype": {"type": "string"},
                            },
                        },
                    },
                }
            },
        },
    },
}


@pytest.fixture(scope="module")
def trig(sasac_root: Path) -> str:
    return str(sasac_root / "graph" / "policygraph.trig")


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def expected_people(store: MemoryStore) -> list[tuple[str, str]]:
    rows = query(store, PEOPLE).rows
    return [(str(r["person"]), str(r["name"])) for r in rows]


def test_table_uses_prefixed_names_and_language_tags(trig: str) -> None:
    result = run("query", PEOPLE, "--input", trig)
    assert result.exit_code == 0, result.stderr
    assert "pgr:person-he-qing" in result.stdout and "贺青@zh" in result.stdout
    assert "https://" not in result.stdout
    assert result.stdout.rstrip().endswith("9 rows")


def test_labels_column_in_the_chosen_language(trig: str) -> None:
    result = run(
        "query", "SELECT ?p WHERE { ?p a foaf:Person }", "--labels", "--lang", "zh", "--input", trig
    )
    assert result.exit_code == 0, result.stderr
    assert "p label" in result.stdout and "王治平" in result.stdout


def test_wide_cells_are_wrapped(trig: str) -> None:
    result = run("query", "SELECT ?q WHERE { ?s oa:exact ?q }", "--input", trig)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) < 60


def test_json_is_sparql_results_json(trig: str, sasac_store: MemoryStore) -> None:
    result = run("query", PEOPLE, "--format", "json", "--input", trig)
    data = json.loads(result.stdout)
    jsonschema.validate(data, RESULTS_SCHEMA)
    assert data["head"]["vars"] == ["person", "name"]
    got = [(b["person"]["value"], b["name"]["value"]) for b in data["results"]["bindings"]]
    assert got == expected_people(sasac_store)
    assert {b["name"]["xml:lang"] for b in data["results"]["bindings"]} == {
        "en",
        "zh",
        "zh-Latn-pinyin",
    }


def test_csv_parses_back_to_the_same_rows(trig: str, sasac_store: MemoryStore) -> None:
    result = run("query", PEOPLE, "--format", "csv", "--input", trig)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["person", "name"]
    assert [tuple(r) for r in rows[1:]] == expected_people(sasac_store)


def test_tsv_parses_back_to_the_same_terms(trig: str, sasac_store: MemoryStore) -> None:
    result = run("query", PEOPLE, "--format", "tsv", "--input", trig)
    lines = result.stdout.rstrip("\n").split("\n")
    assert lines[0] == "?person\t?name"
    terms = [line.split("\t") for line in lines[1:]]
    expected = [(r["person"].n3(), r["name"].n3()) for r in query(sasac_store, PEOPLE).rows]
    assert [tuple(t) for t in terms] == expected


def test_xml_is_sparql_results_xml(trig: str) -> None:
    result = run("query", PEOPLE, "--format", "xml", "--input", trig)
    root = ET.fromstring(result.stdout)
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert root.tag == f"{ns}sparql"
    assert len(root.findall(f"{ns}results/{ns}result")) == 9


def test_markdown(trig: str) -> None:
    result = run("query", PEOPLE, "--format", "markdown", "--input", trig)
    lines = result.stdout.splitlines()
    assert lines[0] == "| person | name |" and lines[1] == "| --- | --- |" and len(lines) == 11


def test_ask_prints_true_or_false(trig: str) -> None:
    assert run("query", "ASK { ?s a foaf:Person }", "--input", trig).stdout == "true\n"
    assert run("query", "ASK { ?s a pg:Nothing }", "--input", trig).stdout == "false\n"


@pytest.mark.parametrize(
    "fmt,check", [("turtle", "@prefix"), ("nt", "<https://"), ("jsonld", '"@id"'), ("trig", "pgr:")]
)
def test_construct_formats(trig: str, fmt: str, check: str) -> None:
    sparql = "CONSTRUCT { ?p skos:prefLabel ?n } WHERE { ?p a foaf:Person ; skos:prefLabel ?n }"
    result = run("query", sparql, "--format", fmt, "--input", trig)
    assert result.exit_code == 0, result.stderr
    assert check in result.stdout
    graph = Graph().parse(
        data=result.stdout,
        format={"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}[fmt],
    )
    assert len(graph) == 9


def test_describe_gives_turtle(trig: str) -> None:
    result = run("query", "DESCRIBE pgr:person-he-qing", "--format", "turtle", "--input", trig)
    assert result.exit_code == 0, result.stderr
    assert "pgr:person-he-qing" in result.stdout


def test_query_from_file_and_stdin(trig: str, tmp_path: Path) -> None:
    file = tmp_path / "people.rq"
    file.write_text(PEOPLE, encoding="utf-8")
    assert (
        run("query", "-f", str(file), "--format", "csv", "--input", trig).stdout.count("\n") == 10
    )
    assert (
        run("query", "-", "--format", "csv", "--input", trig, input=PEOPLE).stdout.count("\n") == 10
    )


def test_user_prefix_lines_are_allowed(trig: str) -> None:
    sparql = "PREFIX f: <http://xmlns.com/foaf/0.1/>\nSELECT ?p WHERE { ?p a f:Person }"
    assert run("query", sparql, "--format", "csv", "--input", trig).stdout.count("\n") == 4


def test_named_query_on_the_project_store(sasac_root: Path) -> None:
    result = run(
        "query",
        "--name",
        "meeting-participants",
        "--param",
        "event=pgr:event-2025-07-10-sh-sasac-study-session",
        "--format",
        "csv",
        "--project",
        str(sasac_root),
    )
    assert result.exit_code == 0, result.stderr
    assert "Wang Zhiping" in result.stdout and "expert briefer" in result.stdout


def test_params_are_typed_terms_not_text(sasac_store: MemoryStore) -> None:
    assert parse_value("pgr:person-he-qing") == URIRef(
        "https://w3id.org/policygraph/id/person-he-qing"
    )
    assert parse_value("2025-07-10").datatype.endswith("#date")  # type: ignore[union-attr]
    assert parse_value("3") == Literal(3)
    assert parse_value('"稳定币"@zh') == Literal("稳定币", lang="zh")
    assert parse_value("plain text") == Literal("plain text")
    # a value that would break a query if it were pasted into the text is just a string
    sneaky = '"} . ?s ?p ?o . FILTER("'
    result = query(sasac_store, "SELECT ?x WHERE { ?x skos:prefLabel ?name }", {"name": sneaky})
    assert result.rows == ()


# --- bad input: one test each, a message, an exit code, no traceback -------------------------


def assert_clean_failure(result: Result, code: int, *needles: str) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    for needle in needles:
        assert needle in result.stderr


def test_syntax_error_points_at_line_and_column(trig: str) -> None:
    result = run("query", "SELECT ?s\nWHERE { ?s ?p ?o .\n  FILTR(?s) }", "--input", trig)
    assert_clean_failure(result, 5, "query:3:3: SPARQL syntax error", "  FILTR(?s) }", "hint:")
    lines = result.stderr.splitlines()
    at = [i for i, line in enumerate(lines) if "FILTR" in line and "error" not in line][0]
    assert lines[at + 1].index("^") == lines[at].index("F")


def test_syntax_error_in_a_file_names_the_file(trig: str, tmp_path: Path) -> None:
    file = tmp_path / "bad.rq"
    file.write_text("SELECT * WHERE {\n  ?s ?p\n}\n", encoding="utf-8")
    result = run("query", "-f", str(file), "--input", trig)
    assert_clean_failure(result, 5, f"{file}:2:3: SPARQL syntax error")


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { pgr:x pgr:y pgr:z }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH pgg:ref",
        "PREFIX ex: <http://example.org/>\nCREATE GRAPH ex:g",
    ],
)
def test_updates_are_refused(trig: str, update: str, sasac_store: MemoryStore) -> None:
    before = len(sasac_store.dataset())
    assert_clean_failure(run("query", update, "--input", trig), 5, "never changes data")
    with pytest.raises(QueryError):
        query(sasac_store, update)
    assert len(sasac_store.dataset()) == before


class Listener:
    """A local TCP server that records every connection made to it (and closes it at once)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._start()

    def _start(self) -> None:
        self.sock.settimeout(0.2)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def made(self) -> int:
        """Connections made so far, without a sleep: a client's connection is in the kernel's
        queue once its handshake is done, so the queue is drained after the thread stops."""
        self.stop.set()
        self.thread.join()
        self.sock.setblocking(False)
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                break
            self.connections += 1
            conn.close()
        self._start()
        return self.connections

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def test_service_is_refused_without_a_connection(trig: str, listener: Listener) -> None:
    sparql = (
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    )
    assert_clean_failure(run("query", sparql, "--input", trig), 5, "SERVICE", "--allow-network")
    assert listener.made() == 0
    # the control: with --allow-network the same query does reach the server
    allowed = run("query", sparql, "--input", trig, "--allow-network", "--timeout", "10")
    assert allowed.exit_code == 5 and "Traceback" not in allowed.stderr
    assert listener.made() >= 1


def test_service_hidden_in_a_nested_pattern_is_found() -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        check_query(
            "SELECT * WHERE { OPTIONAL { { SERVICE SILENT <http://x.example/> { ?s ?p ?o } } } }"
        )


def test_unknown_named_query_suggests_close_names() -> None:
    assert_clean_failure(
        run("query", "--name", "meeting-participant"), 4, "no named query", "meeting-participants"
    )


def test_missing_param_is_named(sasac_root: Path) -> None:
    result = run("query", "--name", "posts-as-of", "--project", str(sasac_root))
    assert_clean_failure(result, 5, "--param person=")


def test_unknown_param_is_named(sasac_root: Path) -> None:
    result = run("query", "--name", "sources", "--param", "who=x", "--project", str(sasac_root))
    assert_clean_failure(result, 5, "no parameter 'who'")


def test_unknown_prefix_is_named(trig: str) -> None:
    assert_clean_failure(
        run("query", "SELECT * WHERE { ?s ex:p ?o }", "--input", trig), 5, "unknown prefix ex:"
    )


def test_unknown_format(trig: str) -> None:
    assert_clean_failure(
        run("query", PEOPLE, "--format", "yaml", "--input", trig), 5, "unknown --format"
    )


def test_timeout_stops_a_runaway_query(trig: str) -> None:
    # Oxigraph cannot cancel a query it is evaluating: the command ends at the time limit with
    # exit 6, and its process (so the runaway evaluation) ends with it. Run as its own process.
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "policygraph", "query", sparql, "--timeout", "0.5", "--input", trig],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert time.monotonic() - started < 10
    assert done.returncode == 6, done.stderr
    assert "time limit of 0.5 s" in done.stderr and "Traceback" not in done.stderr


def test_timeout_in_the_python_api(sasac_store: MemoryStore) -> None:
    with pytest.raises(QueryTimeout):
        # about two seconds of work: the test process is not kept busy for long afterwards
        query(sasac_store, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", timeout=0.05)
