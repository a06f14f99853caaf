"""What the timeline page draws: the signals ``timeline()`` selected, by IRI, with their quotes
and the sources that state them (publisher, date, archived text, original URL).

Everything is read by SPARQL through ``Store.query``. Issuers, topics, sectors, stances, natures
and sources travel as indexes into tables sorted by label, so 1,000 signals stay small; each
signal also carries the broader topics (``skos:broader*``) and parent bodies (``org:unitOf*``)
of its own, so the page filters as ``timeline --topic/--issuer`` do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rdflib import URIRef

from policygraph.analytics.sparql import links, select, text
from policygraph.analytics.support import NONE, Support
from policygraph.analytics.timeline import Entry, SignalFacts, read_signals
from policygraph.store import Store
from policygraph.vocab import KOS

QUOTES = """
SELECT DISTINCT ?s ?quote ?doc WHERE {
  GRAPH ?g { ?s a pg:PolicySignal ; pg:evidence ?ev .
             ?ev oa:hasSource ?doc ; oa:hasSelector ?sel . ?sel oa:exact ?quote }
}
"""
DOCUMENTS = """
SELECT DISTINCT ?doc ?p ?o WHERE {
  GRAPH pgg:prov { ?doc ?p ?o }
  VALUES ?p { dcterms:publisher dcterms:issued schema:url pg:archivedText }
}
"""
NOTATIONS = """
SELECT DISTINCT ?c ?n WHERE { GRAPH ?g { ?c skos:inScheme kos:stance ; skos:notation ?n } }
"""
INTERPRETATION = KOS["nature.interpretation"]
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
DOC_FIELDS = {"publisher": "publisher", "issued": "date", "url": "url", "archivedText": "text"}


def _ancestors(
    pairs: Iterator[tuple[URIRef, URIRef]], items: set[URIRef]
) -> dict[URIRef, set[URIRef]]:
    """Each item with everything it reaches through ``child -> parent`` pairs."""
    parents: dict[URIRef, set[URIRef]] = {}
    for child, parent in pairs:
        parents.setdefault(child, set()).add(parent)
    found = {}
    for item in items:
        seen, todo = {item}, [item]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        found[item] = seen
    return found


def _documents(store: Store) -> dict[URIRef, dict[str, str]]:
    docs: dict[URIRef, dict[str, str]] = {}
    for doc, p, o in select(store, DOCUMENTS):
        if isinstance(doc, URIRef) and p is not None and o is not None:
            name = DOC_FIELDS[str(p).rsplit("/", 1)[-1].rsplit("#", 1)[-1]]
            docs.setdefault(doc, {}).setdefault(name, str(o))
    return docs


def _link(url: str | None) -> str | None:
    """Only web addresses become links (never ``javascript:`` or ``data:``)."""
    return url if url and url.startswith(("https://", "http://")) else None


def _relative(path: str | None, base: str) -> str | None:
    """A project-relative path as a link from the page; anything with a scheme is no link."""
    return base + path if path and not SCHEME.match(path) else None


class _Table:
    """IRIs numbered in the order of their labels (then IRIs)."""

    def __init__(self, iris: Iterable[URIRef], labels: dict[URIRef, str]) -> None:
        self.order = sorted(set(iris), key=lambda i: (labels[i], str(i)))
        self.index = {iri: n for n, iri in enumerate(self.order)}

    def of(self, values: Iterable[URIRef | str]) -> list[int]:
        return sorted(self.index[v] for v in values if isinstance(v, URIRef) and v in self.index)

    def one(self, values: Iterable[URIRef | str]) -> int | None:
        found = self.of(values)
        return found[0] if found else None


@dataclass(frozen=True)
class _Tables:
    labels: dict[URIRef, str]
    issuers: _Table
    topics: _Table
    sectors: _Table
    stances: _Table
    natures: _Table
    sources: _Table
    units: dict[URIRef, set[URIRef]]  # issuer -> itself and the bodies it is a unit of
    broader: dict[URIRef, set[URIRef]]  # concept -> itself and its broader concepts


def _up(values: set[URIRef | str], ancestors: dict[URIRef, set[URIRef]]) -> set[URIRef]:
    return {a for v in values if isinstance(v, URIRef) for a in ancestors.get(v, ())}


def _signal(
    entry: Entry,
    f: dict[str, set[URIRef | str]],
    t: _Tables,
    s: Support,
    quotes: set[tuple[str, URIRef]],
) -> dict[str, object]:
    reading = INTERPRETATION in f.get("nature", ())
    speakers = (
        v for v in f.get("speaker", ()) if isinstance(v, URIRef) and v not in t.sources.index
    )
    return {
        "id": entry.signal,
        "label": entry.label,
        "date": entry.date,
        "issuer": t.issuers.of(f.get("issuer", ())),
        "issuers": t.issuers.of(_up(f.get("issuer", set()), t.units)),
        "topic": t.topics.of(f.get("topics", ())),
        "topics": t.topics.of(_up(f.get("topics", set()), t.broader)),
        "sector": t.sectors.of(f.get("sectors", ())),
        "sectors": t.sectors.of(_up(f.get("sectors", set()), t.broader)),
        "nature": t.natures.one(f.get("nature", ())),
        "stance": t.stances.one(f.get("stance", ())),
        "previous": t.stances.one(f.get("previous", ())),
        "reading": t.sources.one(f.get("reading", ())) if reading else None,
        "speaker": "" if reading else "; ".join(sorted(t.labels[v] for v in speakers)),
        "support": entry.support,
        "first": entry.first_seen,
        "last": entry.last_seen,
        "sources": t.sources.of(s.sources),
        "quotes": sorted([t.sources.index[d], q] for q, d in quotes),
    }


def _source(label: str, doc: dict[str, str], text_base: str) -> dict[str, str | None]:
    return {
        "label": label,
        "publisher": doc.get("publisher"),
        "date": doc.get("date"),
        "url": _link(doc.get("url")),
        "text": _relative(doc.get("text"), text_base),
    }


def timeline_data(
    store: Store,
    entries: Sequence[Entry],
    *,
    title: str,
    lang: str = "en",
    text_base: str = "",
    facts: SignalFacts | None = None,
) -> dict[str, object]:
    """The page data of ``entries``; archived text paths are prefixed with ``text_base``.

    ``facts`` are those ``timeline()`` read (``read_signals(store)``), read again if not given.
    """
    facts = facts or read_signals(store)
    wanted = {URIRef(e.signal) for e in entries}
    fields = {s: f for s, f in facts.fields.items() if s in wanted}
    quotes: dict[URIRef, set[tuple[str, URIRef]]] = {}
    for s, quote, doc in select(store, QUOTES):
        said = text(quote)
        if isinstance(s, URIRef) and s in wanted and isinstance(doc, URIRef) and said is not None:
            quotes.setdefault(s, set()).add((said, doc))
    backed, docs = facts.backing, _documents(store)

    def used(name: str) -> set[URIRef]:
        return {v for f in fields.values() for v in f.get(name, ()) if isinstance(v, URIRef)}

    concepts = used("topics") | used("sectors")
    broader = _ancestors(links(store, "skos:broader"), concepts)
    units = _ancestors(links(store, "org:unitOf"), used("issuer"))
    cited = {d for s in wanted for d in backed.get(s, NONE).sources} | used("reading")
    cited |= {doc for found in quotes.values() for _, doc in found}
    iris = {v for up in (*broader.values(), *units.values()) for v in up} | cited
    iris |= used("nature") | used("stance") | used("previous") | used("speaker")
    labels = facts.labels(store, iris, lang)
    t = _Tables(
        labels,
        issuers=_Table((v for up in units.values() for v in up), labels),
        topics=_Table(_up(set(used("topics")), broader), labels),
        sectors=_Table(_up(set(used("sectors")), broader), labels),
        stances=_Table(used("stance") | used("previous"), labels),
        natures=_Table(used("nature"), labels),
        sources=_Table(cited, labels),
        units=units,
        broader=broader,
    )
    notation = {c: text(n) for c, n in select(store, NOTATIONS)}
    signals = [
        _signal(
            e,
            fields.get(URIRef(e.signal), {}),
            t,
            backed.get(URIRef(e.signal), NONE),
            quotes.get(URIRef(e.signal), set()),
        )
        for e in entries
    ]
    return {
        "title": title,
        "lang": lang,
        "signals": signals,
        "issuers": [labels[i] for i in t.issuers.order],
        "topics": [labels[c] for c in t.topics.order],
        "sectors": [labels[c] for c in t.sectors.order],
        "stances": [{"label": labels[c], "n": notation.get(c)} for c in t.stances.order],
        "natures": [{"label": labels[c], "reading": c == INTERPRETATION} for c in t.natures.order],
        "sources": [_source(labels[d], docs.get(d, {}), text_base) for d in t.sources.order],
    }
