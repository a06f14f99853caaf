"""The dataset as a property graph (nodes with attributes, labelled edges), and its CSV tables.

The same model feeds GraphML, GEXF and CSV:

- every IRI (or blank node) that is a subject, or the object of an IRI-valued triple, is a node;
- a node has ``label`` (its display label in the chosen language, with fallback), ``class`` (its
  ``rdf:type`` values, prefixed) and one attribute per literal property: the key is the prefixed
  property, plus ``@lang`` for language-tagged values (``skos:prefLabel@zh``);
- every other triple whose object is an IRI is an edge, labelled by its prefixed predicate, with
  the full predicate IRI and the named graph(s) it came from;
- several values of one key on one node are sorted and joined with `` | ``.

An attribute is typed ``long``, ``double`` or ``boolean`` when every value of that key is a single
literal of a matching XSD datatype; dates and everything else are strings.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from policygraph.cells import safe_row
from policygraph.iris import short_name

JOIN = " | "

_INTEGERS = {
    XSD[name]
    for name in (
        *("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger"),
        *("nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt"),
        *("unsignedShort", "unsignedByte"),
    )
}
_DECIMALS = {XSD.decimal, XSD.double, XSD.float}


@dataclass(frozen=True)
class Attribute:
    key: str
    kind: str  # "string", "long", "double" or "boolean"


@dataclass(frozen=True)
class GraphNode:
    iri: str
    label: str
    cls: str
    values: dict[str, str]


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    label: str  # the prefixed predicate
    predicate: str  # its full IRI
    graph: str  # the named graph(s) it came from, joined


@dataclass(frozen=True)
class PropertyGraph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    attributes: list[Attribute]  # of the nodes' literal properties, sorted by key


Labeller = Callable[[Iterable[URIRef]], dict[URIRef, str]]


def _kind_of(literal: Literal) -> str:
    if literal.language or literal.datatype is None:
        return "string"
    text = str(literal).strip()
    try:
        if literal.datatype in _INTEGERS:
            int(text)
            return "long"
        if literal.datatype in _DECIMALS:
            float(text)
            return "double"
    except ValueError:
        return "string"
    if literal.datatype == XSD.boolean and text in ("true", "false", "1", "0"):
        return "boolean"
    return "string"


def _lexical(literal: Literal, kind: str) -> str:
    text = str(literal)
    if kind == "boolean":
        return "true" if text.strip() in ("true", "1") else "false"
    return text.strip() if kind in ("long", "double") else text


def _graph_of(g: Node | None) -> str:
    return "" if g is None or g == DATASET_DEFAULT_GRAPH_ID else str(g)


def property_graph(dataset: Dataset, labeller: Labeller) -> PropertyGraph:
    """The property-graph view of ``dataset`` (named graphs merged; edges keep their graph)."""
    literals: dict[Node, dict[str, set[Literal]]] = defaultdict(lambda: defaultdict(set))
    classes: dict[Node, set[str]] = defaultdict(set)
    edges: dict[tuple[Node, Node, Node], set[str]] = defaultdict(set)
    nodes: set[Node] = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        nodes.add(s)
        if isinstance(o, Literal):
            key = short_name(str(p)) + (f"@{o.language}" if o.language else "")
            literals[s][key].add(o)
        elif p == RDF.type:
            classes[s].add(short_name(str(o)))
        else:
            nodes.add(o)
            edges[(s, p, o)].add(_graph_of(g))
    kinds: dict[str, set[str]] = defaultdict(set)
    for by_key in literals.values():
        for key, values in by_key.items():
            kinds[key] |= {_kind_of(v) for v in values} if len(values) == 1 else {"string"}
    attributes = [
        Attribute(key, next(iter(found)) if len(found) == 1 else "string")
        for key, found in sorted(kinds.items())
    ]
    kind = {a.key: a.kind for a in attributes}
    labels = labeller(n for n in nodes if isinstance(n, URIRef))
    ordered = sorted(nodes, key=_node_key)
    return PropertyGraph(
        nodes=[
            GraphNode(
                iri=_node_id(n),
                label=labels.get(n, short_name(str(n))) if isinstance(n, URIRef) else str(n),
                cls=JOIN.join(sorted(classes.get(n, ()))),
                values={
                    key: JOIN.join(sorted(_lexical(v, kind[key]) for v in values))
                    for key, values in sorted(literals.get(n, {}).items())
                },
            )
            for n in ordered
        ],
        edges=[
            GraphEdge(_node_id(s), _node_id(o), short_name(str(p)), str(p), JOIN.join(sorted(gs)))
            for (s, p, o), gs in sorted(edges.items(), key=lambda e: [_node_key(t) for t in e[0]])
        ],
        attributes=attributes,
    )


def _node_key(node: Node) -> tuple[bool, str]:
    return (not isinstance(node, URIRef), str(node))


def _node_id(node: Node) -> str:
    return str(node) if isinstance(node, URIRef) else f"_:{node}"


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(safe_row(row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def csv_tables(graph: PropertyGraph) -> dict[str, bytes]:
    """``nodes.csv`` and ``edges.csv``: UTF-8 with a byte-order mark (for spreadsheets), LF."""
    keys = [a.key for a in graph.attributes]
    nodes = [["id", "label", "class", *keys]]
    nodes += [[n.iri, n.label, n.cls, *(n.values.get(k, "") for k in keys)] for n in graph.nodes]
    edges = [["source", "target", "label", "predicate", "graph"]]
    edges += [[e.source, e.target, e.label, e.predicate, e.graph] for e in graph.edges]
    return {"nodes.csv": _csv(nodes), "edges.csv": _csv(edges)}
