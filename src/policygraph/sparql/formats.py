"""Render a ``QueryResult``: W3C SPARQL results formats, terminal and Markdown tables, RDF."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from policygraph.cells import safe_cell, safe_row
from policygraph.errors import QueryError
from policygraph.iris import language_tag, short_name
from policygraph.sparql.run import QueryResult
from policygraph.texttable import width

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml", "markdown")
GRAPH_FORMATS = ("turtle", "nt", "jsonld", "trig")
FORMATS = SELECT_FORMATS + GRAPH_FORMATS
CELL_WIDTH = 48


def term_text(node: Node | None) -> str:
    """A term as an analyst reads it: prefixed names, language tags, plain numbers and dates."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return short_name(str(node))
    if isinstance(node, Literal):
        return f"{node}@{language_tag(node.language)}" if node.language else str(node)
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def render(result: QueryResult, fmt: str, labels: Mapping[URIRef, str] | None = None) -> str:
    """``result`` as text in ``fmt``; ``labels`` adds a display-label column after IRI columns."""
    if result.kind == "ASK":
        return "true\n" if result.answer else "false\n"
    if result.kind == "SELECT":
        if fmt in GRAPH_FORMATS:
            raise QueryError(
                f"--format {fmt} is for CONSTRUCT and DESCRIBE; a SELECT gives rows",
                hint="use " + ", ".join(SELECT_FORMATS),
            )
        if fmt in ("table", "markdown"):
            header, body = _grid(result, labels)
            return _table(header, body) if fmt == "table" else _markdown(header, body)
        return _w3c(result, fmt)
    if fmt in SELECT_FORMATS and fmt != "table":
        raise QueryError(
            f"--format {fmt} is for SELECT; a {result.kind} gives a graph",
            hint="use " + ", ".join(GRAPH_FORMATS),
        )
    return _graph_text(result, "turtle" if fmt == "table" else fmt)


def _grid(
    result: QueryResult, labels: Mapping[URIRef, str] | None
) -> tuple[list[str], list[list[str]]]:
    columns: list[tuple[str, bool]] = []
    for var in result.variables:
        columns.append((var, False))
        if labels is not None and any(isinstance(r.get(var), URIRef) for r in result.rows):
            columns.append((var, True))
    header = [f"{var} label" if is_label else var for var, is_label in columns]
    body = []
    for row in result.rows:
        cells = []
        for var, is_label in columns:
            value = row.get(var)
            if is_label:
                cells.append(labels.get(value, "") if labels and isinstance(value, URIRef) else "")
            else:
                cells.append(term_text(value))
        body.append(cells)
    return header, body


def _wrap(text: str, limit: int) -> list[str]:
    """Lines of at most ``limit`` columns, broken at spaces; names without spaces stay whole."""
    if width(text) <= limit:
        return [text]
    lines: list[str] = []
    for piece in textwrap.wrap(text, limit, break_long_words=False, break_on_hyphens=False):
        while width(piece) > limit and width(piece) != len(piece):  # wide (CJK) characters
            cut = 1
            while width(piece[: cut + 1]) <= limit:
                cut += 1
            lines.append(piece[:cut])
            piece = piece[cut:]
        lines.append(piece)
    return lines or [""]


def _pad(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def _table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    wrapped = [[_wrap(cell, CELL_WIDTH) for cell in row] for row in body]
    sizes = [width(name) for name in header]
    for row in wrapped:
        for i, cell in enumerate(row):
            sizes[i] = max(sizes[i], *(width(line) for line in cell))
    rule = "+" + "+".join("-" * (size + 2) for size in sizes) + "+"
    out = [rule, "| " + " | ".join(_pad(h, s) for h, s in zip(header, sizes, strict=True)) + " |"]
    out.append(rule.replace("-", "="))
    tall = any(len(cell) > 1 for row in wrapped for cell in row)
    for row in wrapped:
        for k in range(max((len(cell) for cell in row), default=1)):
            parts = [
                _pad(cell[k] if k < len(cell) else "", s)
                for cell, s in zip(row, sizes, strict=True)
            ]
            out.append("| " + " | ".join(parts) + " |")
        if tall:
            out.append(rule)
    if not tall:
        out.append(rule)
    noun = "row" if len(body) == 1 else "rows"
    return "\n".join(out) + f"\n{len(body)} {noun}\n"


def _markdown(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("| " + " | ".join("---" for _ in header) + " |")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def _tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: a ``?var`` header, then terms in N-Triples syntax (rdflib has none)."""
    lines = ["\t".join(f"?{var}" for var in result.variables)]
    for row in result.rows:
        cells = [row[var].n3() if var in row else "" for var in result.variables]
        lines.append("\t".join(safe_cell(cell.replace("\t", "\\t")) for cell in cells))
    return "\n".join(lines) + "\n"


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: IRIs and literals as plain strings, blank nodes as ``_:label``."""
    import csv
    import io

    def plain(node: Node | None) -> str:
        return "" if node is None else f"_:{node}" if isinstance(node, BNode) else str(node)

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(safe_row(result.variables))
    for row in result.rows:
        writer.writerow(safe_row(plain(row.get(var)) for var in result.variables))
    return out.getvalue()


def _json_term(node: Node) -> dict[str, str]:
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    assert isinstance(node, Literal)
    term = {"type": "literal", "value": str(node)}
    if node.language:
        term["xml:lang"] = node.language
    elif node.datatype is not None and str(node.datatype) != _XSD_STRING:
        term["datatype"] = str(node.datatype)
    return term


def _json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    import json

    bindings = [{var: _json_term(value) for var, value in row.items()} for row in result.rows]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _w3c(result: QueryResult, fmt: str) -> str:
    """The W3C results formats; only XML uses rdflib (its plugin loads the SPARQL engine)."""
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "json":
        return _json(result)
    from rdflib.query import Result
    from rdflib.term import Identifier, Variable

    rdf_result = Result("SELECT")
    rdf_result.vars = [Variable(var) for var in result.variables]
    rdf_result.bindings = [
        {Variable(k): v for k, v in row.items() if isinstance(v, Identifier)} for row in result.rows
    ]
    data = rdf_result.serialize(format=fmt)
    text = data.decode("utf-8") if isinstance(data, bytes) else str(data)
    return text if text.endswith("\n") else text + "\n"


def _graph_text(result: QueryResult, fmt: str) -> str:
    from policygraph.serialize import copy_graph, to_turtle

    if result.graph is None:
        raise QueryError("no graph in the result")
    if fmt == "turtle":
        return to_turtle(result.graph)
    graph = copy_graph(result.graph)
    if fmt == "nt":
        lines = sorted(graph.serialize(format="nt").splitlines())
        return "\n".join(line for line in lines if line.strip()) + "\n"
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", sort_keys=True, indent=2) + "\n"
    from rdflib import Dataset

    from policygraph.vocab import bind_prefixes

    dataset = Dataset()
    bind_prefixes(dataset)
    for triple in graph:
        dataset.add(triple)
    return dataset.serialize(format="trig")
