"""Signals in date order, with issuer, nature, stance, sectors, sources, support and freshness.

``topic`` includes narrower topics (``skos:broader*``); ``issuer`` includes its units
(``org:unitOf*``) and keeps a signal attributed to it (``prov:wasAttributedTo``: a person who
spoke, whose body issued the signal). Both are resolved like ``show`` resolves names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypedDict

from rdflib import URIRef
from rdflib.term import Node

from policygraph.analytics.sparql import closure, links, select
from policygraph.analytics.support import NONE, Support, signal_support
from policygraph.dates import FORMS, overlaps, parse_date
from policygraph.names import display_labels, resolve_entity
from policygraph.store import Store

# A signal's values of some predicates, as ``GRAPH ?g { ?s a pg:PolicySignal ; ?p ?o }`` would
# give them, in two simple queries joined in Python by signal and graph (``signal_values``):
# Oxigraph answers those three times faster than the one join.
VALUES_IN_GRAPHS = "SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} VALUES ?p {{ {values} }} }}"
SIGNAL_GRAPHS = "SELECT ?s ?g WHERE { GRAPH ?g { ?s a pg:PolicySignal } }"
FIELDS = {
    "pg:issuedOn": "date",
    "pg:issuer": "issuer",
    "prov:wasAttributedTo": "speaker",
    "pg:signalNature": "nature",
    "pg:stance": "stance",
    "pg:topic": "topics",
    "pg:targetSector": "sectors",
    "pg:previousStance": "previous",
    "pg:interpretedIn": "reading",
}
Fields = dict[URIRef, dict[str, set[URIRef | str]]]


@dataclass(frozen=True)
class Entry:
    signal: str
    label: str
    date: str
    issuer: str
    speaker: str
    nature: str
    stance: str
    topics: tuple[str, ...]
    sectors: tuple[str, ...]
    sources: tuple[str, ...]  # source document labels
    support: int
    first_seen: str | None
    last_seen: str | None

    def as_json(self) -> dict[str, object]:
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in self.__dict__.items()
        }


def signal_values(
    store: Store, predicates: Iterable[str]
) -> Iterator[tuple[Node | None, Node | None, Node | None]]:
    """(signal, predicate, value) for each of ``predicates`` (prefixed names) that a graph
    stating the signal states of it (a triple stated in several graphs comes once per graph)."""
    stated = set(select(store, SIGNAL_GRAPHS))  # (signal, graph)
    query = VALUES_IN_GRAPHS.format(values=" ".join(predicates))
    for s, p, o, g in select(store, query):
        if (s, g) in stated:
            yield s, p, o


def signal_fields(store: Store) -> Fields:
    """Each signal's values (IRIs or text), by field name (``FIELDS``' values)."""
    from policygraph.namespaces import PREFIXES

    names = {PREFIXES[k.split(":")[0]] + k.split(":")[1]: v for k, v in FIELDS.items()}
    signals: Fields = {}
    for s, p, o in signal_values(store, FIELDS):
        if isinstance(s, URIRef) and o is not None:
            value = o if isinstance(o, URIRef) else str(o)
            signals.setdefault(s, {}).setdefault(names[str(p)], set()).add(value)
    return signals


class TimelineFilters(TypedDict, total=False):
    """The filters of ``timeline()`` (and of ``policygraph timeline``)."""

    topic: str | None
    issuer: str | None
    since: str | None
    until: str | None
    min_support: int


@dataclass(frozen=True)
class SignalFacts:
    """What the timeline reads from a store: each signal's fields and support."""

    fields: Fields
    backing: dict[URIRef, Support]
    #: display labels looked up so far, by IRI and language (``labels``)
    known: dict[tuple[URIRef, str], str] = field(default_factory=dict, compare=False, repr=False)

    def labels(self, store: Store, iris: Iterable[URIRef], lang: str) -> dict[URIRef, str]:
        """``display_labels(store, iris, lang)``, each IRI looked up once for the page (the
        selection and the page data label many of the same issuers, concepts and sources)."""
        wanted, known = set(iris), self.known
        missing = [iri for iri in wanted if (iri, lang) not in known]
        for iri, label in display_labels(store, missing, lang).items():
            known[iri, lang] = label
        return {iri: known[iri, lang] for iri in wanted}


def read_signals(store: Store) -> SignalFacts:
    return SignalFacts(signal_fields(store), signal_support(store))


def _check_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    found = parse_date(value)
    if found is None:
        from policygraph.errors import InputError

        raise InputError(f"{option} {value!r} is not a date", hint=f"use {FORMS}")
    return found


def timeline(
    store: Store,
    *,
    topic: str | None = None,
    issuer: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_support: int = 0,
    lang: str = "en",
    facts: SignalFacts | None = None,
) -> list[Entry]:
    """The signals that match, oldest first (ties: by label, then IRI).

    Dates are ISO text as precise as known: a month sorts before its days (``2025-06`` before
    ``2025-06-01``), and ``since``/``until`` keep a partial date whose span meets the range.
    ``facts`` (``read_signals(store)``) saves reading them again when the caller has them.
    """
    since, until = _check_date(since, "--since"), _check_date(until, "--until")
    facts = facts or read_signals(store)
    signals = facts.fields
    if topic is not None:
        topics = closure(links(store, "skos:broader"), {resolve_entity(store, topic)})
        signals = {s: f for s, f in signals.items() if f.get("topics", set()) & topics}
    if issuer is not None:
        issuers = closure(links(store, "org:unitOf"), {resolve_entity(store, issuer)})
        signals = {
            s: f
            for s, f in signals.items()
            if (f.get("issuer", set()) | f.get("speaker", set())) & issuers
        }
    backed = facts.backing
    iris = {v for f in signals.values() for vs in f.values() for v in vs if isinstance(v, URIRef)}
    iris |= set(signals) | {d for s in signals for d in backed.get(s, NONE).sources}
    labels = facts.labels(store, iris, lang)

    def names(values: set[URIRef | str]) -> tuple[str, ...]:
        return tuple(sorted(labels[v] if isinstance(v, URIRef) else v for v in values))

    entries = []
    for s, f in signals.items():
        date = min(str(d) for d in f.get("date", {""}))
        seen = backed.get(s, NONE)
        if seen.count < min_support or (date and not overlaps(date, since, until)):
            continue
        entries.append(
            Entry(
                str(s), labels[s], date,
                "; ".join(names(f.get("issuer", set()))),
                "; ".join(names(f.get("speaker", set()))),
                "; ".join(names(f.get("nature", set()))),
                "; ".join(names(f.get("stance", set()))),
                names(f.get("topics", set())),
                names(f.get("sectors", set())),
                tuple(labels[d] for d in seen.sources),
                seen.count, seen.first_seen, seen.last_seen,
            )
        )  # fmt: skip
    return sorted(entries, key=lambda e: (e.date, e.label, e.signal))
