"""Terms shared by the record-to-RDF mappings: dates, labels, language texts, ids, quotes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from policygraph.dates import date_literal
from policygraph.records.model import Record
from policygraph.vocab import (
    OA,
    PG,
    PGR,
    source_document,
)

Quad = tuple[URIRef, URIRef, Node, URIRef]


def date(value: object) -> Literal:
    assert isinstance(value, str)
    return date_literal(value)


def labels(node: URIRef, values: Mapping[str, object], g: URIRef) -> Iterator[Quad]:
    for key, prop in (
        ("labels", SKOS.prefLabel),
        ("alt_labels", SKOS.altLabel),
        ("hidden_labels", SKOS.hiddenLabel),
    ):
        labels = values.get(key)
        if not isinstance(labels, Mapping):
            continue
        for lang, texts in sorted(labels.items()):
            for text in (texts,) if isinstance(texts, str) else texts:
                yield node, prop, Literal(text, lang=lang), g


def lang_texts(node: URIRef, prop: URIRef, value: object, g: URIRef) -> Iterator[Quad]:
    if isinstance(value, Mapping):
        for lang, text in sorted(value.items()):
            yield node, prop, Literal(str(text), lang=lang), g


def ids(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)  # type: ignore[attr-defined]


def evidence(
    node: URIRef, record: Record, slug: str, lang: str | None, g: URIRef
) -> Iterator[Quad]:
    """One Web Annotation per quote: the source document and the verbatim text."""
    if not record.source_id:
        return
    if record.restated:  # the first statement's evidence keeps the plain names
        slug = f"{slug}.{record.source_id}"
    for number, quote in enumerate(ids(record.get("quote")), start=1):
        ev = PGR[f"{slug}.ev{number}"]
        selector = PGR[f"{slug}.ev{number}.sel"]
        yield node, PG.evidence, ev, g
        yield ev, RDF.type, OA.SpecificResource, g
        yield ev, OA.hasSource, source_document(record.source_id), g
        yield ev, OA.hasSelector, selector, g
        yield selector, RDF.type, OA.TextQuoteSelector, g
        yield selector, OA.exact, Literal(quote, lang=lang), g
