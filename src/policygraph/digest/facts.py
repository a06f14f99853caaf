"""What the digest and the feed read from a store: sources, signals, and who each source mentions.

Dates are ISO text, possibly partial (``2025``, ``2025-06``, ``2025-06-15``); compared as text, a
year sorts before its months and a month before its days.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rdflib import Literal, URIRef

from policygraph.analytics.sparql import select
from policygraph.analytics.timeline import signal_values
from policygraph.errors import InputError
from policygraph.names import display_labels
from policygraph.sourcenames import source_label
from policygraph.store import Store

DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_SOURCES = """
SELECT ?doc ?title ?publisher ?issued ?seen ?url WHERE {
  GRAPH pgg:prov { ?g prov:wasDerivedFrom ?doc
    OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:publisher ?publisher }
    OPTIONAL { ?doc dcterms:issued ?issued } OPTIONAL { ?g pg:firstSeen ?seen }
    OPTIONAL { ?doc schema:url ?url } }
}
"""
_QUOTES = """
SELECT ?s ?ev ?exact ?doc WHERE {
  GRAPH ?g { ?s a pg:PolicySignal ; pg:evidence ?ev . ?ev oa:hasSource ?doc ;
             oa:hasSelector/oa:exact ?exact }
}
"""
# which source documents' graphs state something about (or pointing at) a person or a post
_MENTIONS = """
SELECT DISTINCT ?node ?kind ?doc WHERE {
  GRAPH ?t { ?node a ?kind } VALUES ?kind { foaf:Person org:Membership }
  GRAPH pgg:prov { ?g prov:wasDerivedFrom ?doc }
  GRAPH ?g { { ?node ?p ?o } UNION { ?x ?q ?node } }
}
"""
_POSTS = """
SELECT ?post ?member ?org ?role ?stated WHERE {
  GRAPH ?g { ?post a org:Membership ; org:member ?member ; org:organization ?org
    OPTIONAL { ?post org:role ?role } OPTIONAL { ?post pg:statedAs ?stated } }
}
"""
_POST_IRIS = "SELECT DISTINCT ?post WHERE { ?post a org:Membership }"
_FIELDS = {"issuedOn": "date", "issuer": "issuer", "stance": "stance", "previousStance": "previous"}


def check_date(value: str, option: str = "--since") -> str:
    """``value`` if it is a whole or partial ISO date, else ``InputError``."""
    try:
        if not DATE.fullmatch(value):
            raise ValueError(value)
        dt.date.fromisoformat(value if len(value) == 10 else (value + "-01-01")[:10])
    except ValueError:
        raise InputError(
            f"{option} {value!r} is not a date", hint="write YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None
    return value


@dataclass(frozen=True)
class SourceDoc:
    iri: str
    title: str
    publisher: str
    date: str  # dcterms:issued, else the graph's pg:firstSeen; "" when unknown
    url: str


@dataclass(frozen=True)
class SignalFacts:
    iri: str
    label: str
    date: str
    issuer: str  # IRI ("" when none)
    stance: str  # IRI ("" when none)
    previous: str  # pg:previousStance IRI ("" when none)
    sources: tuple[str, ...]  # documents whose graphs state the signal
    quotes: tuple[tuple[str, str], ...]  # (text, source document), sorted


@dataclass(frozen=True)
class Facts:
    sources: dict[str, SourceDoc]
    signals: tuple[SignalFacts, ...]  # by date, then IRI
    mentions: dict[str, tuple[str, tuple[str, ...]]]  # person/post IRI -> (kind, documents)
    labels: dict[str, str]


def _text(node: object) -> str:
    return str(node) if isinstance(node, Literal | URIRef) else ""


def read_sources(store: Store) -> dict[str, SourceDoc]:
    found: dict[str, SourceDoc] = {}
    for doc, title, publisher, issued, seen, url in select(store, _SOURCES):
        key = _text(doc)
        if key and key not in found:
            date = _text(issued) or _text(seen)
            found[key] = SourceDoc(key, _text(title), _text(publisher), date, _text(url))
    return dict(sorted(found.items()))


def read_facts(store: Store, lang: str = "en", *, mentions: bool = True) -> Facts:
    """Everything the digest needs, read once. Without ``mentions`` (what the feed reads): no
    mentions, and labels only of the signals and the concepts and bodies their fields name
    (a post's label, ``_post_labels``, still wins for any of them that is a post)."""
    from policygraph.analytics.support import signal_support

    sources = read_sources(store)
    fields: dict[str, dict[str, str]] = {}
    for s, p, o in signal_values(store, (f"pg:{name}" for name in _FIELDS)):
        name = _FIELDS[str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]]
        slot = fields.setdefault(_text(s), {})
        slot[name] = min(slot.get(name, _text(o)), _text(o))  # one value, deterministically
    quotes: dict[str, set[tuple[str, str]]] = {}
    for s, _, exact, doc in select(store, _QUOTES):
        quotes.setdefault(_text(s), set()).add((_text(exact), _text(doc)))
    mentioned: dict[str, tuple[str, set[str]]] = {}
    for node, kind, doc in select(store, _MENTIONS) if mentions else ():
        mentioned.setdefault(_text(node), (_text(kind), set()))[1].add(_text(doc))
    backed = {str(k): v for k, v in signal_support(store).items()}
    iris = {URIRef(i) for i in (*fields, *mentioned)}
    iris |= {URIRef(v) for f in fields.values() for k, v in f.items() if k != "date" and v}
    labels = {str(k): v for k, v in display_labels(store, iris, lang).items()}
    labels.update({i: source_label(d.title, d.publisher, d.date) for i, d in sources.items()})
    labels.update(_post_labels(store, lang, None if mentions else set(labels)))
    signals = [
        SignalFacts(
            iri, labels.get(iri, iri), f.get("date", ""), f.get("issuer", ""),
            f.get("stance", ""), f.get("previous", ""),
            tuple(str(d) for d in backed[iri].sources) if iri in backed else (),
            tuple(sorted(quotes.get(iri, set()))),
        )
        for iri, f in fields.items()
    ]  # fmt: skip
    signals.sort(key=lambda s: (s.date, s.iri))
    return Facts(
        sources,
        tuple(signals),
        {n: (k, tuple(sorted(d))) for n, (k, d) in sorted(mentioned.items())},
        labels,
    )


def _post_labels(store: Store, lang: str, only: set[str] | None = None) -> dict[str, str]:
    """``He Qing: Director of Shanghai SASAC`` (as stated, else role and organisation), of
    every post or of those in ``only``."""
    if only is not None:  # seldom any: first the posts alone, a tenth of the cost of their rows
        only = only & {_text(post) for (post,) in select(store, _POST_IRIS)}
        if not only:
            return {}
    rows = [tuple(_text(v) for v in row) for row in select(store, _POSTS)]
    if only is not None:
        rows = [row for row in rows if row[0] in only]
    iris = {URIRef(v) for row in rows for v in row[1:4] if v}
    names = {str(k): v for k, v in display_labels(store, iris, lang).items()}
    found: dict[str, str] = {}
    for post, member, org, role, stated in sorted(rows):
        what = stated or ", ".join(names[v] for v in (role, org) if v)
        found.setdefault(post, f"{names[member]}: {what}")
    return found
