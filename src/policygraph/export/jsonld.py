"""Deterministic compacted JSON-LD, written with the packaged context.

rdflib's JSON-LD serializer formats differently depending on installed packages, so the document
is built here: one object per named graph (``{"@id": graph, "@graph": [...]}``), nodes sorted by
IRI, keys sorted, values sorted. Keys are the context's readable terms (``prefLabel``, ``issuer``);
skos labels are language maps (``{"en": ..., "zh": ...}``). A value that does not fit its term
(a label without a language, a date that is not an ``xsd:date``) is written in full under the
prefixed property name, so nothing is lost. The context is embedded, so the file reads offline.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from policygraph.checkedjson import read_checked, write_checked
from policygraph.export.rdf import default_graph
from policygraph.graphset import GraphSet
from policygraph.namespaces import PREFIXES
from policygraph.project import packaged
from policygraph.serialize import named_graphs

Json = Any


@dataclass(frozen=True)
class Term:
    name: str
    coerce: str | None  # "@id", an expanded datatype IRI, or None
    language_map: bool


@cache
def context() -> dict[str, Json]:
    """The packaged JSON-LD context (``schema/context.jsonld``), its ``@context`` object."""
    text = packaged("schema/context.jsonld").read_text(encoding="utf-8")
    loaded: dict[str, Json] = json.loads(text)["@context"]
    return loaded


def expand(name: str) -> str:
    prefix, sep, local = name.partition(":")
    return PREFIXES[prefix] + local if sep and prefix in PREFIXES else name


@cache
def terms() -> dict[str, Term]:
    """The context's terms, by the full IRI of their property."""
    found: dict[str, Term] = {}
    for name, definition in context().items():
        if isinstance(definition, dict):
            coerce = definition.get("@type")
            found[expand(definition["@id"])] = Term(
                name=name,
                coerce=coerce if coerce in (None, "@id") else expand(coerce),
                language_map=definition.get("@container") == "@language",
            )
    return found


@cache
def _prefix_of_base() -> dict[str, str]:
    return {base: prefix for prefix, base in PREFIXES.items()}


def compact(iri: str) -> str:
    """``pgr:person-he-qing`` for an IRI under a declared prefix, else the IRI itself.

    Every declared namespace ends with ``/`` or ``#`` and none holds another
    (``tests/test_export.py`` checks it), so the one that can hold ``iri`` is, most often, what
    ends at its last ``/`` or ``#``: looked up first, the declarations tried in turn after."""
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    prefix = _prefix_of_base().get(iri[:cut])
    if prefix is not None and cut < len(iri):
        return f"{prefix}:{iri[cut:]}"
    for prefix, base in PREFIXES.items():
        local = iri[len(base) :]
        if iri.startswith(base) and local and not local.startswith("//"):
            return f"{prefix}:{local}"
    return iri


def _ref(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else compact(str(node))


def _value(node: Node, coerce: str | None) -> Json:
    if not isinstance(node, Literal):
        return _ref(node) if coerce == "@id" else {"@id": _ref(node)}
    if node.language:
        return {"@value": str(node), "@language": node.language}
    if node.datatype is not None:
        if coerce == str(node.datatype):
            return str(node)
        return {"@value": str(node), "@type": compact(str(node.datatype))}
    return str(node) if coerce is None else {"@value": str(node)}


def _sorted(values: list[Json]) -> Json:
    if len(values) == 1:  # most values: nothing to order
        return values[0]
    return sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))


def _node(subject: Node, values: list[tuple[Node, Node]]) -> dict[str, Json]:
    node: dict[str, Json] = {"@id": _ref(subject)}
    plain: dict[str, list[Json]] = defaultdict(list)
    maps: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    types: list[Json] = []
    for predicate, obj in values:
        term = terms().get(str(predicate))
        if predicate == RDF.type and isinstance(obj, URIRef):
            types.append(compact(str(obj)))
        elif term and term.language_map and isinstance(obj, Literal) and obj.language:
            maps[term.name][obj.language].append(str(obj))
        elif term and not term.language_map:
            plain[term.name].append(_value(obj, term.coerce))
        else:
            plain[compact(str(predicate))].append(_value(obj, None))
    if types:
        node["@type"] = _sorted(types)
    for key, values_of_key in plain.items():
        node[key] = _sorted(values_of_key)
    for key, by_lang in maps.items():
        node[key] = {lang: _sorted(list(texts)) for lang, texts in by_lang.items()}
    return node


def _nodes(triples: Iterable[tuple[Node, Node, Node]]) -> list[dict[str, Json]]:
    by_subject: dict[Node, list[tuple[Node, Node]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, []).append((p, o))
    subjects = sorted(by_subject, key=lambda s: (isinstance(s, BNode), str(s)))
    return [_node(subject, by_subject[subject]) for subject in subjects]


def to_jsonld(data: Dataset | GraphSet, cache_dir: Path | None = None) -> str:
    """Compacted JSON-LD of a dataset (or the build's graphs) with its named graphs,
    byte-stable. With ``cache_dir`` (the project's build cache), the text of each named graph of
    the build's graphs is kept there, keyed by what the graph holds, and made again only for
    graphs that changed: the document is the same, byte for byte."""
    if isinstance(data, GraphSet) and cache_dir is not None:
        return _cached_document(data, cache_dir / CACHE_NAME)
    if isinstance(data, GraphSet):
        items: list[Json] = []
        graphs: list[tuple[URIRef, Iterable[tuple[Node, Node, Node]]]] = list(data.named())
    else:
        items = _nodes(default_graph(data))
        graphs = list(named_graphs(data))
    for iri, triples in graphs:
        items.append(_graph_item(iri, triples))
    document = {"@context": context(), "@graph": items}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _graph_item(iri: Node, triples: Iterable[tuple[Node, Node, Node]]) -> dict[str, Json]:
    return {"@id": compact(str(iri)), "@graph": _nodes(triples)}


CACHE_NAME = "jsonld-graphs.json"


@cache
def _cache_format() -> str:
    """The cache's format: this module's code and the context it writes with."""
    code = Path(__file__).read_bytes() + packaged("schema/context.jsonld").read_bytes()
    return "policygraph-jsonld-graphs:" + hashlib.sha256(code).hexdigest()[:16]


def _graph_key(iri: Node, triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """A digest of a named graph: its name and every term of its triples (sorted: a graph's
    triples are a set, whose order changes from one process to the next)."""
    parts = []
    for s, p, o in triples:
        if isinstance(o, Literal):
            parts.append(f"{type(s).__name__}{s}\x00{p}\x00L{o}\x00{o.language}\x00{o.datatype}")
        else:
            parts.append(f"{type(s).__name__}{s}\x00{p}\x00{type(o).__name__}{o}")
    parts.sort()
    text = f"{iri}\x02" + "\x01".join(parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _block(item: dict[str, Json]) -> str:
    """A graph's object as ``json.dumps(document, indent=2)`` writes it inside ``@graph``."""
    return "    " + json.dumps(item, indent=2, sort_keys=True, ensure_ascii=False).replace(
        "\n", "\n    "
    )


def _cached_document(graphs: GraphSet, path: Path) -> str:
    """``to_jsonld(graphs)``, from the blocks of the graphs that did not change."""
    found = read_checked(path, _cache_format())
    known: dict[str, Json] = found if isinstance(found, dict) else {}
    used: dict[str, str] = {}
    blocks = []
    for iri, triples in graphs.named():
        key = _graph_key(iri, triples)
        block = known.get(key)
        if not isinstance(block, str):
            block = _block(_graph_item(iri, triples))
        used[key] = block
        blocks.append(block)
    if used != known:  # only what this build used is kept
        write_checked(path, _cache_format(), used)
    head = json.dumps(context(), indent=2, sort_keys=True, ensure_ascii=False)
    body = ",\n".join(blocks)
    graph = f"[\n{body}\n  ]" if blocks else "[]"
    return '{\n  "@context": ' + head.replace("\n", "\n  ") + f',\n  "@graph": {graph}\n}}\n'
