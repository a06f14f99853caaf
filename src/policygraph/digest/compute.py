"""``digest``: what changed since a date, from the sources' publication dates.

- a **new source** is dated (``dcterms:issued``, else first seen) on or after ``since``;
- a **new signal** is stated only by new sources; a **restated** one by a new source and by an
  older one, and its new support counts every source now stating it (for a signal, an undated
  source counts as of the signal's own date);
- a **stance change** is a new, restated or recent (dated since) signal's ``pg:stance``
  against its own ``pg:previousStance`` ("stated"), or against the stance of its issuer's
  previous signal ("between signals");
- a **new person or post** is mentioned only by new sources.

An undated source is never a new source: nothing says when it appeared.
"""

from __future__ import annotations

from dataclasses import dataclass

from policygraph.digest.facts import Facts, SignalFacts, SourceDoc, check_date, read_facts
from policygraph.store import Store


@dataclass(frozen=True)
class SignalItem:
    iri: str
    label: str
    date: str
    issuer: str  # label
    stance: str  # label
    support: int  # sources stating it now
    new_sources: tuple[str, ...]  # labels of the new sources stating it
    quote: str


@dataclass(frozen=True)
class StanceChange:
    iri: str  # the signal showing the new stance
    label: str
    date: str
    issuer: str
    before: str
    after: str
    how: str  # "stated" (pg:previousStance) or "between signals"
    previous_signal: str  # the issuer's previous signal (IRI), "" when stated


@dataclass(frozen=True)
class EntityItem:
    iri: str
    label: str
    kind: str  # "person" or "post"
    sources: tuple[str, ...]  # labels of the sources mentioning it


@dataclass(frozen=True)
class Digest:
    since: str
    sources: tuple[SourceDoc, ...]
    signals: tuple[SignalItem, ...]
    restated: tuple[SignalItem, ...]
    stance_changes: tuple[StanceChange, ...]
    people: tuple[EntityItem, ...]
    posts: tuple[EntityItem, ...]

    def is_empty(self) -> bool:
        return not any(
            (
                self.sources,
                self.signals,
                self.restated,
                self.stance_changes,
                self.people,
                self.posts,
            )
        )


def _item(facts: Facts, signal: SignalFacts, new: set[str]) -> SignalItem:
    label = facts.labels.get
    quotes = sorted(signal.quotes, key=lambda q: (q[1] not in new, q))  # a new source's first
    return SignalItem(
        signal.iri, signal.label, signal.date, label(signal.issuer, signal.issuer),
        label(signal.stance, signal.stance), len(signal.sources),
        tuple(label(d, d) for d in signal.sources if d in new),
        quotes[0][0] if quotes else "",
    )  # fmt: skip


def _is_new(facts: Facts, doc: str, since: str, signal: SignalFacts) -> bool:
    date = facts.sources[doc].date if doc in facts.sources else ""
    return (date or signal.date) >= since


def _stance_changes(facts: Facts, shown: set[str]) -> list[StanceChange]:
    label = facts.labels.get
    changes = []
    previous: dict[str, SignalFacts] = {}
    for signal in facts.signals:  # by date, then IRI
        before = previous.get(signal.issuer) if signal.issuer else None
        if signal.iri in shown and signal.stance:
            if signal.previous and signal.previous != signal.stance:
                changes.append((signal, signal.previous, "stated", ""))
            if before is not None and before.stance and before.stance != signal.stance:
                changes.append((signal, before.stance, "between signals", before.iri))
        if signal.issuer and signal.stance:
            previous[signal.issuer] = signal
    return [
        StanceChange(
            s.iri, s.label, s.date, label(s.issuer, s.issuer), label(old, old),
            label(s.stance, s.stance), how, prior,
        )
        for s, old, how, prior in changes
    ]  # fmt: skip


def digest(store: Store, since: str, lang: str = "en") -> Digest:
    """What is new since ``since`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
    since = check_date(since)
    facts = read_facts(store, lang)
    new = {iri for iri, doc in facts.sources.items() if doc.date and doc.date >= since}
    fresh, again = [], []
    for signal in facts.signals:
        recent = [_is_new(facts, doc, since, signal) for doc in signal.sources]
        if recent and all(recent):
            fresh.append(signal)
        elif any(recent):
            again.append(signal)
    shown = {s.iri for s in (*fresh, *again)} | {s.iri for s in facts.signals if s.date >= since}
    entities: dict[str, list[EntityItem]] = {"person": [], "post": []}
    for iri, (kind, docs) in facts.mentions.items():
        if docs and set(docs) <= new:
            which = "person" if kind.endswith("Person") else "post"
            names = tuple(facts.labels.get(d, d) for d in docs)
            entities[which].append(EntityItem(iri, facts.labels.get(iri, iri), which, names))
    return Digest(
        since,
        tuple(sorted((facts.sources[i] for i in new), key=lambda d: (d.date, d.iri))),
        tuple(_item(facts, s, new) for s in fresh),
        tuple(_item(facts, s, new) for s in again),
        tuple(_stance_changes(facts, shown)),
        tuple(entities["person"]),
        tuple(entities["post"]),
    )
