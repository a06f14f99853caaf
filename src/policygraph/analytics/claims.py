"""``policygraph support``: claims with the sources that state them, each with its quote.

A claim's label is its display label; a post or a participation, which have none, reads as the
sentence it stands for ("He Qing: director, Shanghai SASAC"; "He Qing, led the meeting: <event>").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from policygraph.analytics.sparql import select, text
from policygraph.analytics.support import (
    Support,
    backing,
    claim_quotes,
    fact_support,
    support,
)
from policygraph.iris import short_name
from policygraph.names import display_labels
from policygraph.sourcenames import source_title
from policygraph.store import Store

DOCUMENTS = """
SELECT ?doc ?title ?publisher ?issued WHERE { GRAPH pgg:prov {
  ?g prov:wasDerivedFrom ?doc
  OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:publisher ?publisher }
  OPTIONAL { ?doc dcterms:issued ?issued } } }
"""
SENTENCES = """
SELECT DISTINCT ?claim ?who ?role ?what ?kind WHERE {
  { ?claim org:member ?who ; org:organization ?what OPTIONAL { ?claim org:role ?role }
    BIND("post" AS ?kind) }
  UNION
  { ?what pg:participation ?claim . ?claim pg:participant ?who
    OPTIONAL { ?claim pg:participationRole ?role } BIND("part" AS ?kind) }
}
"""


@dataclass(frozen=True)
class Statement:
    """What one source says of a claim: the document, its publisher and date, its quotes."""

    source: URIRef
    title: str
    publisher: str | None
    issued: str | None
    quotes: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "source": str(self.source),
            "title": self.title,
            "publisher": self.publisher,
            "issued": self.issued,
            "quotes": list(self.quotes),
        }


@dataclass(frozen=True)
class Claim:
    """A claim of the sources and its support: a node (signal, event, post...) or a fact."""

    subject: URIRef
    label: str  # the claim as a person reads it; for a fact, "subject predicate object"
    support: Support
    statements: tuple[Statement, ...] = ()


def _documents(store: Store) -> dict[URIRef, tuple[str, str | None, str | None]]:
    found = {}
    for doc, title, publisher, issued in select(store, DOCUMENTS):
        if isinstance(doc, URIRef):
            found[doc] = (
                source_title(text(title)),
                text(publisher),
                text(issued),
            )
    return found


def claim_labels(store: Store, claims: Iterable[URIRef], lang: str = "en") -> dict[URIRef, str]:
    """Display labels of claims; posts and participations as the sentence they stand for."""
    wanted = set(claims)
    parts = [row for row in select(store, SENTENCES) if row[0] in wanted]
    named = {v for row in parts for v in row[1:4] if isinstance(v, URIRef)}
    labels = display_labels(store, wanted | named, lang)
    for claim, who, role, what, kind in sorted(parts, key=str):
        if not (isinstance(claim, URIRef) and isinstance(who, URIRef) and isinstance(what, URIRef)):
            continue
        if labels[claim] != short_name(str(claim)):
            continue  # it has a label of its own
        as_role = labels[role] if isinstance(role, URIRef) else ""
        labels[claim] = claim_sentence(str(kind), labels[who], as_role, labels[what])
    return labels


def claim_sentence(kind: str, who: str, role: str, what: str) -> str:
    """The sentence a post ("post") or a participation stands for, from its parts' labels:
    "He Qing: director, Shanghai SASAC"; "He Qing, led the meeting: <the meeting>"."""
    if kind == "post":
        return f"{who}: {role or 'member'}, {what}"
    return f"{who}, {role or 'took part'}: {what}"


def claims(
    store: Store,
    *,
    about: URIRef | None = None,
    facts: bool = False,
    plumbing: bool = False,
    min_support: int = 0,
    lang: str = "en",
) -> list[Claim]:
    """Claims stated by sources, best supported first: nodes, or with ``facts`` every triple.

    ``about`` keeps the claims whose subject is that entity (its facts, or itself); a node claim
    lists each source's publisher, date and quotes.
    """
    if facts:
        return _facts(store, about, plumbing, min_support, lang)
    backed = support(store)
    quotes = claim_quotes(store)
    documents = _documents(store)
    chosen = [c for c in backed if (about is None or c == about) and backed[c].count >= min_support]
    labels = claim_labels(store, chosen, lang)
    found = []
    for claim in chosen:
        statements = tuple(
            Statement(doc, *documents.get(doc, (short_name(str(doc)), None, None)), tuple(q))
            for doc, q in sorted(quotes.get(claim, {}).items())
        )
        found.append(Claim(claim, labels[claim], backed[claim], statements))
    found.sort(key=lambda c: (-c.support.count, c.label, str(c.subject)))
    return found


def _facts(
    store: Store, about: URIRef | None, plumbing: bool, min_support: int, lang: str
) -> list[Claim]:
    from policygraph.vocab import new_graph

    names = new_graph().namespace_manager
    rows = fact_support(store, plumbing=plumbing)
    kept = {
        f: s for f, s in rows.items() if (about is None or f[0] == about) and s.count >= min_support
    }
    labels = claim_labels(store, {s for s, _, _ in kept}, lang)
    found = []
    for (subject, predicate, obj), backing_ in kept.items():
        shown = short_name(str(obj)) if isinstance(obj, URIRef) else obj.n3(names)
        label = f"{labels[subject]}  {short_name(str(predicate))}  {shown}"
        found.append(Claim(subject, label, backing_))
    found.sort(key=lambda c: (-c.support.count, c.label, str(c.subject)))
    return found


__all__ = ["Claim", "Statement", "backing", "claim_labels", "claims"]
