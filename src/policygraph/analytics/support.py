"""Support and freshness: how many independent sources state a claim, and when it was seen.

A source graph (``pgg:src-*``) is derived from one source document (``prov:wasDerivedFrom`` in
``pgg:prov``); the document's ``dcterms:issued`` dates it. A *claim* is something a source states
with a quote: a node with ``pg:evidence`` in the source's graph (a signal, an event, a post, a
participation, an agenda item, an entity the source describes). Its support is the number of
source documents whose graphs quote it. Names, confidences and the evidence nodes themselves are
not claims. A *fact* is a triple a source graph states, less that plumbing. Dates are ISO text
(``2025-08-21``, ``2025-08`` or ``2025``) and stay ``None`` when no source says when it was
published.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from policygraph.analytics.sparql import select, text
from policygraph.store import Store

Fact = tuple[URIRef, URIRef, Node]

CLAIM_QUOTES = """
SELECT DISTINCT ?claim ?doc ?issued ?quote WHERE {
  GRAPH pgg:prov { ?g prov:wasDerivedFrom ?doc OPTIONAL { ?doc dcterms:issued ?issued } }
  GRAPH ?g { ?claim pg:evidence ?ev . ?ev oa:hasSelector/oa:exact ?quote }
}
"""
#: ``CLAIM_QUOTES`` for the claims that are signals (a third of a tracker's claims).
SIGNAL_QUOTES = """
SELECT DISTINCT ?claim ?doc ?issued ?quote WHERE {
  ?claim a pg:PolicySignal .
  GRAPH pgg:prov { ?g prov:wasDerivedFrom ?doc OPTIONAL { ?doc dcterms:issued ?issued } }
  GRAPH ?g { ?claim pg:evidence ?ev . ?ev oa:hasSelector/oa:exact ?quote }
}
"""
#: Predicates that say how a claim is recorded, not what a source states.
PLUMBING = (
    "pg:evidence pg:confidence skos:prefLabel skos:altLabel skos:hiddenLabel rdfs:label "
    "oa:hasSource oa:hasSelector oa:exact"
)
SOURCE_FACTS = f"""
SELECT DISTINCT ?s ?p ?o ?doc ?issued WHERE {{
  GRAPH pgg:prov {{ ?g prov:wasDerivedFrom ?doc OPTIONAL {{ ?doc dcterms:issued ?issued }} }}
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(?p NOT IN ({", ".join(PLUMBING.split())}))
  FILTER NOT EXISTS {{ ?s a ?kind VALUES ?kind {{ oa:SpecificResource oa:TextQuoteSelector }} }}
}}
"""
ALL_FACTS = """
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
Seen = dict[URIRef, str | None]  # source document -> its publication date


def backing(seen: Seen) -> Support:
    """The support of a claim from the documents stating it."""
    dates = sorted(d for d in seen.values() if d)
    return Support(tuple(sorted(seen)), dates[0] if dates else None, dates[-1] if dates else None)


def claim_quotes(store: Store) -> dict[URIRef, dict[URIRef, list[str]]]:
    """Each claim's quotes, by the source document that gives them."""
    found: dict[URIRef, dict[URIRef, list[str]]] = {}
    for claim, doc, _, quote in select(store, CLAIM_QUOTES):
        if isinstance(claim, URIRef) and isinstance(doc, URIRef) and quote is not None:
            found.setdefault(claim, {}).setdefault(doc, []).append(str(quote))
    return {c: {d: sorted(q) for d, q in by.items()} for c, by in found.items()}


def support(store: Store) -> dict[URIRef, Support]:
    """Support of every claim: each node some source states with a quote."""
    return _support(store, CLAIM_QUOTES)


def signal_support(store: Store) -> dict[URIRef, Support]:
    """``support(store)`` of the signals only (what the timeline and the feed show)."""
    return _support(store, SIGNAL_QUOTES)


def _support(store: Store, query: str) -> dict[URIRef, Support]:
    seen: dict[URIRef, Seen] = {}
    for claim, doc, issued, _ in select(store, query):
        if isinstance(claim, URIRef) and isinstance(doc, URIRef):
            seen.setdefault(claim, {})[doc] = text(issued)
    return {claim: backing(by) for claim, by in seen.items()}


def fact_support(store: Store, *, plumbing: bool = False) -> dict[Fact, Support]:
    """Support of every triple a source graph states (``plumbing``: evidence, labels... too)."""
    seen: dict[Fact, Seen] = {}
    for s, p, o, doc, issued in select(store, ALL_FACTS if plumbing else SOURCE_FACTS):
        if isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(doc, URIRef):
            assert o is not None
            seen.setdefault((s, p, o), {})[doc] = text(issued)
    return {fact: backing(by) for fact, by in seen.items()}


__all__ = [
    "NONE",
    "Fact",
    "Support",
    "backing",
    "claim_quotes",
    "fact_support",
    "signal_support",
    "support",
]
