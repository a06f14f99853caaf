"""RDF syntaxes other than JSON-LD: Turtle, TriG, N-Triples, N-Quads and RDF/XML.

Every writer is deterministic: Turtle and TriG come sorted from ``policygraph.serialize``, N-Triples
and N-Quads are sorted line by line, and RDF/XML is written from a graph filled in sorted order.
Only the prefixes of ``vocab.PREFIXES`` are ever declared.
"""

from __future__ import annotations

import re

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from policygraph.errors import InputError
from policygraph.iris import prefixed_name, short_name
from policygraph.serialize import (
    copy_graph,
    graph_name,
    indent_statements,
    named_graphs,
    prefix_header,
    to_trig,
    to_turtle,
    turtle_body,
    union_graph,
)
from policygraph.vocab import PREFIXES, new_graph

#: Code points XML 1.0 cannot carry, even escaped (``Char`` production of XML 1.0, section 2.2):
#: C0 controls other than tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def default_graph(dataset: Dataset) -> Graph:
    """The triples of ``dataset`` that are in no named graph."""
    graph = new_graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if g is None or g == DATASET_DEFAULT_GRAPH_ID:
            graph.add((s, p, o))
    return graph


def graph_count(dataset: Dataset) -> int:
    """How many graphs hold triples: the named ones, plus the default graph if it is not empty."""
    return len(named_graphs(dataset)) + (1 if len(default_graph(dataset)) else 0)


def turtle(dataset: Dataset) -> str:
    return to_turtle(union_graph(dataset))


def trig(dataset: Dataset) -> str:
    """TriG: the default graph's triples (if any) in a ``{ }`` block, then each named graph."""
    default = default_graph(dataset)
    if not len(default):
        return to_trig(dataset)
    blocks: list[str] = []
    used_all: set[str] = set()
    for label, graph in [("", default), *((graph_name(i), g) for i, g in named_graphs(dataset))]:
        body, used = turtle_body(graph)
        used_all |= used | ({"pgg"} if label.startswith("pgg:") else set())
        indented = indent_statements(body)
        blocks.append(f"{label}{' ' if label else ''}{{\n{indented}\n}}\n")
    return prefix_header(used_all) + "\n" + "\n".join(blocks)


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _term(node: Node) -> str:
    """A term as N-Triples writes it (strings on one line: quote, backslash, CR, LF escaped)."""
    if isinstance(node, Literal):
        text = f'"{str(node).translate(_NT_ESCAPES)}"'
        if node.language:
            return f"{text}@{node.language}"
        return f"{text}^^<{node.datatype}>" if node.datatype is not None else text
    if isinstance(node, BNode):
        return f"_:{node}"
    return f"<{node}>"


def ntriples(dataset: Dataset) -> str:
    """N-Triples, one line per triple of the union graph, sorted."""
    graph = union_graph(dataset)
    lines = sorted({f"{_term(s)} {_term(p)} {_term(o)} .\n" for s, p, o in graph})
    return "".join(lines)


def nquads(dataset: Dataset) -> str:
    """N-Quads, one line per quad (default-graph triples without a fourth term), sorted."""
    lines: set[str] = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        where = "" if g is None or g == DATASET_DEFAULT_GRAPH_ID else f" {_term(g)}"
        lines.add(f"{_term(s)} {_term(p)} {_term(o)}{where} .\n")
    return "".join(sorted(lines))


def check_xml_chars(graph: Graph, fmt: str) -> None:
    """Refuse, with the place, any term XML 1.0 cannot carry (rather than drop it silently)."""
    for s, p, o in sorted(graph):
        for node in (s, p, o):
            found = XML_FORBIDDEN.search(str(node))
            if found:
                code = f"U+{ord(found.group()):04X}"
                kind = "literal" if isinstance(node, Literal) else "IRI"
                raise InputError(
                    f"{fmt} cannot hold {code} (a {kind} of {short_name(str(s))} "
                    f"{short_name(str(p))}): XML 1.0 has no way to write it",
                    hint="export to turtle, trig, nt, nq or jsonld, which carry every character",
                )


def xml_attr(text: str) -> str:
    """``text`` escaped for a double-quoted XML attribute (whitespace kept as character refs)."""
    return xml_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def xml_text(text: str) -> str:
    """``text`` escaped for XML element content (a carriage return kept as ``&#13;``)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


_NCNAME_TAIL = re.compile(r"[^\W\d][\w.-]*$")


def _qname(predicate: URIRef) -> tuple[str, str]:
    """The element name of a predicate, and a namespace to declare on it if none is declared."""
    iri = str(predicate)
    name = prefixed_name(iri)
    if name is not None:
        return name, ""
    found = _NCNAME_TAIL.search(iri)
    if not found:
        raise InputError(
            f"RDF/XML cannot write the predicate <{iri}>: its IRI does not end in an XML name",
            hint="export to turtle, trig, nt, nq or jsonld instead",
        )
    return f"p:{found.group()}", f' xmlns:p="{xml_attr(iri[: found.start()])}"'


def _subject_attr(node: Node) -> str:
    if isinstance(node, BNode):
        return f'rdf:nodeID="{xml_attr(str(node))}"'
    return f'rdf:about="{xml_attr(str(node))}"'


def _property(predicate: URIRef, obj: Node) -> str:
    name, declare = _qname(predicate)
    if isinstance(obj, BNode):
        return f'    <{name}{declare} rdf:nodeID="{xml_attr(str(obj))}"/>\n'
    if not isinstance(obj, Literal):
        return f'    <{name}{declare} rdf:resource="{xml_attr(str(obj))}"/>\n'
    extra = f' xml:lang="{xml_attr(obj.language)}"' if obj.language else ""
    if obj.datatype is not None:
        extra = f' rdf:datatype="{xml_attr(str(obj.datatype))}"'
    return f"    <{name}{declare}{extra}>{xml_text(str(obj))}</{name}>\n"


def rdf_xml(dataset: Dataset) -> str:
    """Flat RDF/XML of the union graph: one ``rdf:Description`` per subject, all sorted."""
    union = union_graph(dataset)
    check_xml_chars(union, "RDF/XML")
    by_subject: dict[Node, list[str]] = {}
    for s, p, o in sorted(union):
        by_subject.setdefault(s, []).append(_property(URIRef(str(p)), o))
    body = "".join(
        f"  <rdf:Description {_subject_attr(s)}>\n{''.join(props)}  </rdf:Description>\n"
        for s, props in by_subject.items()
    )
    used = {name for name in PREFIXES if name == "rdf" or f"<{name}:" in body}
    header = "".join(f'\n  xmlns:{name}="{iri}"' for name, iri in PREFIXES.items() if name in used)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{header}>\n{body}</rdf:RDF>\n'


__all__ = [
    "XML_FORBIDDEN",
    "check_xml_chars",
    "copy_graph",
    "default_graph",
    "xml_attr",
    "xml_text",
    "graph_count",
    "nquads",
    "ntriples",
    "rdf_xml",
    "trig",
    "turtle",
]
