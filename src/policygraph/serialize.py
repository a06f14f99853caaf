"""Deterministic, prefix-clean Turtle and TriG from rdflib graphs (CONSTRUCT results, exports
of an rdflib dataset); ``build`` and ``export`` of a store write through Oxigraph
(``export.stream``) instead.

rdflib sorts subjects and predicates in Turtle, so a graph without blank nodes serialises to the
same bytes every time. TriG is written graph by graph (sorted by graph IRI) from that Turtle, so
the dataset file is just as stable. Only the prefixes of ``vocab.PREFIXES`` that are used appear.
"""

from __future__ import annotations

import re

from rdflib import Dataset, Graph, URIRef

from policygraph.iris import prefixed_name
from policygraph.vocab import PREFIXES, new_graph

_PREFIX_LINE = re.compile(r"^@prefix [^\n]*\n", re.MULTILINE)
_INVENTED = re.compile(r"^@prefix ns\d+: ", re.MULTILINE)


def _body(graph: Graph) -> tuple[str, set[str]]:
    """Turtle statements of ``graph`` without its prefix lines, and the prefixes it used."""
    text = graph.serialize(format="turtle")
    used = {m.group(1) for m in re.finditer(r"^@prefix ([\w-]*): ", text, re.MULTILINE)}
    if _INVENTED.search(text):
        raise AssertionError("rdflib invented a prefix; bind the namespace in vocab.PREFIXES")
    return _PREFIX_LINE.sub("", text).strip("\n"), used


def _header(used: set[str]) -> str:
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items() if name in used)


def copy_graph(source: Graph) -> Graph:
    graph = new_graph()
    for triple in source:
        graph.add(triple)
    return graph


def to_turtle(graph: Graph) -> str:
    """Sorted Turtle with only policygraph's prefixes."""
    body, used = _body(copy_graph(graph))
    return f"{_header(used)}\n{body}\n" if body else _header(used)


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of every named graph, merged."""
    graph = new_graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def named_graphs(dataset: Dataset) -> list[tuple[URIRef, Graph]]:
    """The non-empty named graphs of ``dataset``, sorted by IRI."""
    found = []
    for context in dataset.graphs():
        name = context.identifier
        if isinstance(name, URIRef) and len(context) and name != URIRef("urn:x-rdflib:default"):
            found.append((name, context))
    return sorted(found, key=lambda item: str(item[0]))


def _graph_name(iri: URIRef) -> str:
    return prefixed_name(str(iri)) or f"<{iri}>"


def to_trig(dataset: Dataset) -> str:
    """TriG: one block per named graph, sorted, each block sorted like Turtle."""
    blocks: list[str] = []
    used_all: set[str] = set()
    for iri, graph in named_graphs(dataset):
        body, used = turtle_body(graph)
        used_all |= used
        indented = indent_statements(body)
        blocks.append(f"{_graph_name(iri)} {{\n{indented}\n}}\n")
        if _graph_name(iri).startswith("pgg:"):
            used_all.add("pgg")
    return _header(used_all) + "\n" + "\n".join(blocks)


def turtle_body(graph: Graph) -> tuple[str, set[str]]:
    """Sorted Turtle statements of ``graph`` without prefix lines, and the prefixes they use."""
    return _body(copy_graph(graph))


def prefix_header(used: set[str]) -> str:
    """``@prefix`` lines for the ``used`` declared prefixes, in declaration order."""
    return _header(used)


def graph_name(iri: URIRef) -> str:
    """A named graph's IRI as written in TriG (prefixed when it can be)."""
    return _graph_name(iri)


def _statement_lines(text: str) -> list[str]:
    """``text`` split at the line feeds that are outside string literals and IRIs.

    A line feed inside a long (triple-quoted) literal belongs to the literal, and Python's
    ``splitlines`` also splits at characters such as U+001E that Turtle treats as plain text.
    """
    lines: list[str] = []
    start = i = 0
    quote = ""
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 2
                continue
            if text.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            i += len(quote)
            continue
        elif char == "<":
            end = text.find(">", i)
            i = end + 1 if end >= 0 else len(text)
            continue
        elif char == "\n":
            lines.append(text[start:i])
            start = i + 1
        i += 1
    lines.append(text[start:])
    return lines


def indent_statements(body: str, pad: str = "    ") -> str:
    """Indent each statement line of Turtle ``body``, never the inside of a literal."""
    return "\n".join(f"{pad}{line}" if line else "" for line in _statement_lines(body))
