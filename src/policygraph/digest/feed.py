"""``render_feed``: an Atom feed with one entry per signal, for ``graph/feed.atom``.

Byte-stable for the same data: no wall clock (each entry is dated by the signal and the sources
stating it, the feed by its latest entry), entries sorted, ids are the signal IRIs.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from rdflib import Dataset

from policygraph.collector import paused
from policygraph.digest.facts import Facts, SignalFacts, read_facts
from policygraph.sourcenames import source_label
from policygraph.store import Store, as_store
from policygraph.vocab import PGR

FEED_ID = str(PGR["feed"])
EPOCH = "1970-01-01T00:00:00Z"
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def _timestamp(date: str) -> str:
    """An RFC 3339 time for an ISO date, partial ones at their first day (``2025-06``)."""
    if not date:
        return EPOCH
    parts = (date.split("T")[0].split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def _entry(facts: Facts, signal: SignalFacts) -> tuple[str, str]:
    """(updated, the entry's XML) for one signal."""
    docs = [facts.sources[d] for d in signal.sources if d in facts.sources]
    updated = max([signal.date, *(d.date for d in docs if d.date)])
    lines = [
        "  <entry>",
        f"    <id>{_text(signal.iri)}</id>",
        f"    <title>{_text(signal.label)}</title>",
        f"    <published>{_timestamp(signal.date)}</published>",
        f"    <updated>{_timestamp(updated)}</updated>",
    ]
    for rel, doc in zip(["alternate"] + ["related"] * len(docs), docs, strict=False):
        href = doc.url or doc.iri
        title = source_label(doc.title, doc.publisher, doc.date)
        lines.append(f'    <link rel="{rel}" href={_attr(href)} title={_attr(title)}/>')
    for iri in (signal.issuer, signal.stance):
        if iri:
            label = facts.labels.get(iri, iri)
            lines.append(f"    <category term={_attr(iri)} label={_attr(label)}/>")
    summary = []
    for quote, quoted_in in signal.quotes:
        source = facts.sources.get(quoted_in)
        said = (
            f" ({source.publisher or source.title}, {source.date or 'undated'})" if source else ""
        )
        summary.append(f"“{quote}”{said}")
    if summary:
        lines.append(f'    <summary type="text">{_text(chr(10).join(summary))}</summary>')
    lines.append("  </entry>")
    return updated, "\n".join(lines)


def render_feed(data: Store | Dataset, *, title: str = "policygraph: policy signals") -> str:
    """The Atom feed of every signal, latest first (ties: by IRI)."""
    store = as_store(data)
    with paused():  # (``collector``)
        facts = read_facts(store, mentions=False)  # no mentions: the feed lists signals only
        entries = [(_entry(facts, s), s.iri) for s in facts.signals]
    entries.sort(key=lambda e: (e[0][0], e[1]), reverse=True)
    updated = _timestamp(entries[0][0][0]) if entries else EPOCH
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <id>{_text(FEED_ID)}</id>",
        f"  <title>{_text(title)}</title>",
        f"  <updated>{updated}</updated>",
        "  <author><name>policygraph</name></author>",
        '  <generator uri="https://w3id.org/policygraph/">policygraph</generator>',
    ]
    return "\n".join([*head, *(xml for (_, xml), _ in entries), "</feed>"]) + "\n"
