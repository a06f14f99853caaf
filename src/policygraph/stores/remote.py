"""A remote SPARQL 1.1 endpoint behind the ``Store`` protocol, and pushing a dataset to one.

Queries go to the server as they are (never through rdflib's evaluator); bindings become a
``VALUES`` block at the start of the outermost ``WHERE`` group.
"""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from policygraph.errors import QueryError, StoreError
from policygraph.iris import language_tag

ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.5"
)
# Strings, IRIs and comments, skipped when looking for the WHERE group.
_SKIP = re.compile(
    r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|<[^<>\s]*>|#[^\n]*'
)
_WHERE = re.compile(r"\bWHERE\s*\{|\b(?:SELECT|ASK)\b[^{]*\{", re.IGNORECASE)


def with_bindings(sparql: str, bindings: Mapping[str, Node]) -> str:
    """``sparql`` with ``VALUES`` for ``bindings`` opening its outermost WHERE group."""
    if not bindings:
        return sparql
    masked = _SKIP.sub(lambda m: " " * len(m.group(0)), sparql)
    found = _WHERE.search(masked)
    if found is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(v.n3() for v in bindings.values())
    at = found.end()
    return f"{sparql[:at]} VALUES ({names}) {{ ({values}) }} {sparql[at:]}"


def _post(url: str, form: dict[str, str], accept: str, timeout: float) -> tuple[bytes, str]:
    data = urllib.parse.urlencode(form).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Accept", accept)
    return _send(request, timeout)


def _send(request: urllib.request.Request, timeout: float) -> tuple[bytes, str]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as err:
        body = err.read().decode("utf-8", errors="replace").strip()
        if err.code in (400, 422):
            raise QueryError(f"{request.full_url}: the server refused the request: {body}") from err
        raise StoreError(f"{request.full_url}: HTTP {err.code}: {body or err.reason}") from err
    except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
        raise StoreError(
            f"{request.full_url}: cannot reach the endpoint: {err}",
            hint="is the server running, and is the URL its SPARQL query endpoint?",
        ) from err


def parse_answer(body: bytes, content_type: str) -> Result:
    """A SPARQL protocol response body as an rdflib ``Result``, language tags canonical."""
    if content_type in ("application/sparql-results+json", "application/json"):
        return canonical_tags(Result.parse(io.BytesIO(body), format="json"))
    if content_type == "application/sparql-results+xml":
        return canonical_tags(Result.parse(io.BytesIO(body), format="xml"))
    formats = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle"}
    if content_type not in formats:
        raise StoreError(f"unexpected answer type from the endpoint: {content_type}")
    out = Result("CONSTRUCT")
    out.graph = Graph().parse(data=body.decode("utf-8"), format=formats[content_type])
    return canonical_tags(out)


def canonical_tags(result: Result) -> Result:
    """``result`` with language tags in their conventional case, as the other stores give them.

    Servers may change a tag's case (Oxigraph's lower-cases ``zh-Latn-pinyin``); tags are
    case-insensitive, so nothing is lost, and every store then answers with the same terms.
    """

    def fix(term: Node) -> Any:
        if isinstance(term, Literal) and term.language:
            tag = language_tag(term.language)
            if tag != term.language:
                return Literal(str(term), lang=tag)
        return term

    if result.type == "SELECT":
        result.bindings = [{k: fix(v) for k, v in row.items()} for row in result.bindings]
    elif result.graph is not None:
        graph = Graph()
        for s, p, o in result.graph:
            graph.add((s, p, fix(o)))
        result.graph = graph
    return result


@dataclass
class RemoteStore:
    """A SPARQL 1.1 endpoint; its default graph should be the union of its named graphs."""

    endpoint: str
    update_endpoint: str | None = None
    timeout: float = 60.0
    kind: str = "remote"

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        body, content_type = _post(
            self.endpoint, {"query": with_bindings(sparql, bindings or {})}, ACCEPT, self.timeout
        )
        return parse_answer(body, content_type)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the update endpoint."""
        _post(
            self.update_endpoint or update_url(self.endpoint),
            {"update": sparql},
            "*/*",
            self.timeout,
        )

    def dataset(self) -> Dataset:
        """A local copy of every named graph (fine for small remote datasets)."""
        data = Dataset(default_union=True)
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in rows:
            s, p, o, g = row  # type: ignore[misc]
            data.add((s, p, o, data.graph(g)))
        return data

    def close(self) -> None:
        return None

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def update_url(endpoint: str) -> str:
    """The usual update URL for a query URL (Oxigraph, Fuseki, GraphDB); else the same URL."""
    for tail, update in (("/query", "/update"), ("/sparql", "/update")):
        if endpoint.endswith(tail):
            return endpoint[: -len(tail)] + update
    if re.search(r"/repositories/[^/]+$", endpoint):
        return endpoint + "/statements"
    return endpoint


def _insert_data(graph: URIRef, lines: list[str]) -> str:
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(lines) + "\n} }"


def push_graphs(
    store: RemoteStore,
    graphs: Iterable[tuple[URIRef, Graph]],
    *,
    replace: bool = False,
    chunk: int = 20_000,
) -> dict[URIRef, int]:
    """Upload each named graph with SPARQL Update (``INSERT DATA``); ``replace`` drops it first."""
    counts: dict[URIRef, int] = {}
    for name, graph in graphs:
        if replace:
            store.update(f"DROP SILENT GRAPH <{name}>")
        lines = [f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph]
        for start in range(0, len(lines), chunk):
            store.update(_insert_data(name, lines[start : start + chunk]))
        counts[name] = len(lines)
    return counts
