"""A remote SPARQL 1.1 endpoint behind the ``Store`` protocol, and pushing a dataset to one.

Queries go to the server as they are (never through rdflib's evaluator); bindings become a
``VALUES`` block at the start of the outermost ``WHERE`` group.
"""

from __future__ import annotations

import io
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import Dataset, Graph, Literal
from rdflib.exceptions import ParserError
from rdflib.query import Result
from rdflib.term import Node

from policygraph.errors import QueryError, StoreError
from policygraph.iris import language_tag
from policygraph.stores.http import DEFAULT_TIMEOUT, Answer, Auth, Http
from policygraph.textsafe import redact, safe_body, safe_line

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


def _form(form: dict[str, str]) -> bytes:
    return urllib.parse.urlencode(form).encode("utf-8")


FORM = "application/x-www-form-urlencoded"
_FUSEKI_SUCCESS = re.compile(rb"<h1>\s*Success\s*</h1>", re.IGNORECASE)


def is_html(answer: Answer) -> bool:
    start = answer.body[:200].lstrip().lower()
    return answer.content_type in ("text/html", "application/xhtml+xml") or start.startswith(
        (b"<!doctype html", b"<html")
    )


def check_written(answer: Answer, url: str) -> None:
    """Accept only a real write answer: 200/201/204, and not an HTML page (a proxy, a login).

    Fuseki answers an update with a small HTML page headed "Success": that one is accepted.
    """
    if answer.status not in (200, 201, 204):
        raise StoreError(f"{url}: unexpected answer HTTP {answer.status} to a write")
    if is_html(answer) and not _FUSEKI_SUCCESS.search(answer.body):
        raise StoreError(
            f"{url}: the server answered with an HTML page, not a SPARQL answer: "
            f"{safe_body(answer.body, 300)}",
            hint="is the URL the server's endpoint, not a web page, proxy or login page?",
        )


def parse_answer(body: bytes, content_type: str) -> Result:
    """A SPARQL protocol response body as an rdflib ``Result``, language tags canonical."""
    if is_html(Answer(200, content_type, body)):
        raise StoreError(
            "the endpoint answered with an HTML page, not SPARQL results: " + safe_body(body, 300),
            hint="is the URL the server's SPARQL query endpoint, not a web page or login page?",
        )
    try:
        return canonical_tags(_parsed(body, content_type))
    except (ValueError, KeyError, TypeError, SyntaxError, AttributeError, ParserError) as err:
        raise StoreError(
            f"the endpoint's answer is not valid {safe_line(content_type)}: "
            f"{safe_line(str(err))[:200]}: {safe_body(body, 300)}"
        ) from err


def _parsed(body: bytes, content_type: str) -> Result:
    if content_type in ("application/sparql-results+json", "application/json"):
        return Result.parse(io.BytesIO(body), format="json")
    if content_type == "application/sparql-results+xml":
        return Result.parse(io.BytesIO(body), format="xml")
    formats = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle"}
    if content_type not in formats:
        raise StoreError(
            f"unexpected answer type from the endpoint: {safe_line(content_type)}: "
            + safe_body(body, 300)
        )
    out = Result("CONSTRUCT")
    out.graph = Graph().parse(data=body.decode("utf-8"), format=formats[content_type])
    return out


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
    timeout: float = DEFAULT_TIMEOUT
    kind: str = "remote"
    auth: Auth = field(default_factory=Auth)

    @property
    def http(self) -> Http:
        return Http(self.timeout, self.auth)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        form = _form({"query": with_bindings(sparql, bindings or {})})
        answer = self.http.send(
            "POST", self.endpoint, form, {"Content-Type": FORM, "Accept": ACCEPT}
        )
        return parse_answer(answer.body, answer.content_type)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the update endpoint, as one request."""
        url = self.update_endpoint or update_url(self.endpoint)
        answer = self.http.send("POST", url, _form({"update": sparql}), {"Content-Type": FORM})
        check_written(answer, redact(self.auth.for_url(url)[0]))

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
