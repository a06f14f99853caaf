"""Support and freshness: how many independent sources state a claim, and when it was seen.

A source graph (``pgg:src-*``) is derived from one source document (``prov:wasDerivedFrom`` in
``pgg:prov``); the document's ``dcterms:issued`` dates it. A node or fact stated in the graphs of
two documents has support 2. Dates are ISO text (``2025-08-21``, ``2025-08`` or ``2025``) and stay
``None`` when no source says when it was published.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from policygraph.analytics.sparql import select, text
from policygraph.store import Store

Fact = tuple[URIRef, URIRef, Node]

SOURCE_TRIPLES = """
SELECT DISTINCT ?s ?p ?o ?doc ?issued WHERE {
  GRAPH pgg:prov { ?g prov:wasDerivedFrom ?doc OPTIONAL { ?doc dcterms:issued ?issued } }
  GRAPH ?g { ?s ?p ?o }
}
"""


@dataclass(frozen=True)
class Support:
    """The source documents stating a claim, and the first and last dates they were published."""

    sources: tuple[URIRef, ...]
    first_seen: str | None
    last_seen: str | None

    @property
    def count(self) -> int:
        return len(self.sources)

    def as_json(self) -> dict[str, object]:
        return {
            "support": self.count,
            "sources": [str(s) for s in self.sources],
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


NONE = Support((), None, None)


def _support(seen: dict[URIRef, str | None]) -> Support:
    dates = sorted(d for d in seen.values() if d)
    return Support(tuple(sorted(seen)), dates[0] if dates else None, dates[-1] if dates else None)


def _collect(
    store: Store,
) -> tuple[dict[URIRef, dict[URIRef, str | None]], dict[Fact, dict[URIRef, str | None]]]:
    nodes: dict[URIRef, dict[URIRef, str | None]] = {}
    facts: dict[Fact, dict[URIRef, str | None]] = {}
    for s, p, o, doc, issued in select(store, SOURCE_TRIPLES):
        if not (isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(doc, URIRef)):
            continue
        assert o is not None
        nodes.setdefault(s, {})[doc] = text(issued)
        facts.setdefault((s, p, o), {})[doc] = text(issued)
    return nodes, facts


def support(store: Store) -> dict[URIRef, Support]:
    """Support of every node some source states something about (signals, events, posts...)."""
    nodes, _ = _collect(store)
    return {node: _support(seen) for node, seen in nodes.items()}


def fact_support(store: Store) -> dict[Fact, Support]:
    """Support of every triple a source graph states."""
    _, facts = _collect(store)
    return {fact: _support(seen) for fact, seen in facts.items()}


@dataclass(frozen=True)
class Claim:
    """A claim of a source graph and its support: a node (signal, event, post...) or a fact."""

    subject: URIRef
    label: str  # the subject's display label; for a fact, "subject predicate object"
    support: Support


def claims(
    store: Store,
    *,
    about: URIRef | None = None,
    facts: bool = False,
    min_support: int = 0,
    lang: str = "en",
) -> list[Claim]:
    """Claims stated by sources, best supported first: nodes, or with ``facts`` every triple.

    ``about`` keeps the claims whose subject is that entity (its facts, or itself).
    """
    from policygraph.names import display_labels, short_name
    from policygraph.vocab import new_graph

    names = new_graph().namespace_manager
    nodes, triples = _collect(store)
    keyed: dict[tuple[URIRef, Node, Node] | URIRef, dict[URIRef, str | None]]
    keyed = dict(triples) if facts else dict(nodes)  # type: ignore[arg-type]
    subjects = {key[0] if isinstance(key, tuple) else key for key in keyed}
    labels = display_labels(store, subjects, lang)
    found = []
    for key, seen in keyed.items():
        subject = key[0] if isinstance(key, tuple) else key
        if about is not None and subject != about:
            continue
        backing = _support(seen)
        if backing.count < min_support:
            continue
        if isinstance(key, tuple):
            _, predicate, obj = key
            shown = short_name(str(obj)) if isinstance(obj, URIRef) else obj.n3(names)
            label = f"{labels[subject]}  {short_name(str(predicate))}  {shown}"
        else:
            label = labels[subject]
        found.append(Claim(subject, label, backing))
    found.sort(key=lambda c: (-c.support.count, c.label, str(c.subject)))
    return found
