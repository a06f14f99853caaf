"""Running analytics queries: rows of terms, with the shared prologue."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from rdflib import Literal, URIRef
from rdflib.term import Node

from policygraph.namespaces import sparql_prologue
from policygraph.store import Store

Row = tuple[Node | None, ...]


def select(store: Store, body: str, bindings: Mapping[str, Node] | None = None) -> Iterator[Row]:
    """The rows of a SELECT query (the prologue is added) as tuples of terms."""
    for row in store.query(sparql_prologue() + body, bindings):
        yield tuple(row)  # type: ignore[arg-type]


def iri(node: Node | None) -> URIRef | None:
    return node if isinstance(node, URIRef) else None


def text(node: Node | None) -> str | None:
    return str(node) if isinstance(node, Literal) else None


def closure(pairs: Iterator[tuple[URIRef, URIRef]], roots: set[URIRef]) -> set[URIRef]:
    """``roots`` and everything that reaches one of them through ``child -> parent`` pairs."""
    children: dict[URIRef, set[URIRef]] = {}
    for child, parent in pairs:
        children.setdefault(parent, set()).add(child)
    found, todo = set(roots), list(roots)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def links(store: Store, predicate: str) -> Iterator[tuple[URIRef, URIRef]]:
    """``(subject, object)`` IRI pairs of ``predicate`` (a prefixed name) in any named graph."""
    for s, o in select(
        store, f"SELECT DISTINCT ?s ?o WHERE {{ GRAPH ?g {{ ?s {predicate} ?o }} }}"
    ):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            yield s, o
