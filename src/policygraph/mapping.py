"""Checked records to RDF quads: one small function per kind of record.

The provenance graph's quads (source documents, graph descriptions) are in ``provenance``.

Pure functions: records in, ``(subject, predicate, object, graph)`` quads out. No blank nodes:
every node gets an IRI minted from its record's slug, so serialisations are byte-stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, ORG, PROV, RDF, SKOS, XSD
from rdflib.term import Node

from policygraph.records.model import Record, Source
from policygraph.vocab import (
    CURATION_GRAPH,
    KOS_GRAPH,
    OA,
    PG,
    PGR,
    REFERENCE_GRAPH,
    SCHEMA,
    concept,
    entity,
    source_document,
    source_graph,
)

Quad = tuple[URIRef, URIRef, Node, URIRef]

ORG_CLASSES = {
    "formal": ORG.FormalOrganization,
    "unit": ORG.OrganizationalUnit,
    "government": SCHEMA.GovernmentOrganization,
    "research": SCHEMA.ResearchOrganization,
    "company": SCHEMA.Corporation,
}
EVENT_CLASSES = {"study-session": PG.StudySession, "meeting": SCHEMA.Event, "speech": SCHEMA.Event}
RELATIONS = {"unit-of": ORG.unitOf, "part-of": ORG.subOrganizationOf}
SIGNAL_REFS = {
    "issuer": PG.issuer,
    "speaker": PROV.wasAttributedTo,
    "occasion": PG.occasion,
    "addressees": PG.addressee,
}
SIGNAL_CONCEPTS = {
    "nature": PG.signalNature,
    "topics": PG.topic,
    "sectors": PG.targetSector,
    "expected_roles": PG.expectedRole,
    "goals": PG.goal,
    "stance": PG.stance,
    "previous_stance": PG.previousStance,
    "instrument": PG.instrument,
    "clarity": PG.clarity,
}


def _graph_of(record: Record) -> URIRef:
    if record.graph == "source":
        return source_graph(record.source_id)
    if record.graph == "curation":
        return CURATION_GRAPH
    return KOS_GRAPH if record.section in ("concepts", "schemes") else REFERENCE_GRAPH


def _date(value: object) -> Literal:
    assert isinstance(value, dt.date)
    return Literal(value.isoformat(), datatype=XSD.date)


def _labels(node: URIRef, values: Mapping[str, object], g: URIRef) -> Iterator[Quad]:
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


def _lang_texts(node: URIRef, prop: URIRef, value: object, g: URIRef) -> Iterator[Quad]:
    if isinstance(value, Mapping):
        for lang, text in sorted(value.items()):
            yield node, prop, Literal(str(text), lang=lang), g


def _ids(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)  # type: ignore[attr-defined]


def _evidence(
    node: URIRef, record: Record, slug: str, lang: str | None, g: URIRef
) -> Iterator[Quad]:
    """One Web Annotation per quote: the source document and the verbatim text."""
    if not record.source_id:
        return
    if record.restated:  # the first statement's evidence keeps the plain names
        slug = f"{slug}.{record.source_id}"
    for number, quote in enumerate(_ids(record.get("quote")), start=1):
        ev = PGR[f"{slug}.ev{number}"]
        selector = PGR[f"{slug}.ev{number}.sel"]
        yield node, PG.evidence, ev, g
        yield ev, RDF.type, OA.SpecificResource, g
        yield ev, OA.hasSource, source_document(record.source_id), g
        yield ev, OA.hasSelector, selector, g
        yield selector, RDF.type, OA.TextQuoteSelector, g
        yield selector, OA.exact, Literal(quote, lang=lang), g


def _concept(record: Record, g: URIRef) -> Iterator[Quad]:
    node = concept(record.id)
    scheme = str(record.get("scheme"))
    yield node, RDF.type, SKOS.Concept, g
    if scheme == "role":
        yield node, RDF.type, ORG.Role, g
    yield node, SKOS.inScheme, concept(scheme), g
    yield from _labels(node, record.values, g)
    for broader in _ids(record.get("broader")):
        yield node, SKOS.broader, concept(broader), g
        yield concept(broader), SKOS.narrower, node, g
    yield from _lang_texts(node, SKOS.definition, record.get("definition"), g)
    if record.get("notation") is not None:
        yield node, SKOS.notation, Literal(str(record.get("notation"))), g
    if record.get("same_as"):
        yield node, SKOS.exactMatch, URIRef(str(record.get("same_as"))), g


def _agent(
    record: Record, g: URIRef, classes: tuple[URIRef, ...], lang: str | None
) -> Iterator[Quad]:
    node = entity(record.id)
    for cls in classes:
        yield node, RDF.type, cls, g
    yield from _labels(node, record.values, g)
    if record.get("unit_of"):
        yield node, ORG.unitOf, entity(str(record.get("unit_of"))), g
    if record.get("part_of"):
        yield node, ORG.subOrganizationOf, entity(str(record.get("part_of"))), g
    if record.get("scope"):
        yield node, PG.scopeOrganization, entity(str(record.get("scope"))), g
    if record.get("same_as"):
        yield node, SCHEMA.sameAs, URIRef(str(record.get("same_as"))), g
    yield from _evidence(node, record, record.id, lang, g)


def _post(record: Record, g: URIRef, lang: str | None) -> Iterator[Quad]:
    node = entity(record.id)
    yield node, RDF.type, ORG.Membership, g
    yield node, ORG.member, entity(str(record.get("member"))), g
    yield node, ORG.organization, entity(str(record.get("organisation"))), g
    yield node, ORG.role, concept(str(record.get("role"))), g
    for key, prop in (
        ("observed_on", PG.observedOn),
        ("start", SCHEMA.startDate),
        ("end", SCHEMA.endDate),
    ):
        if record.get(key) is not None:
            yield node, prop, _date(record.get(key)), g
    yield from _lang_texts(node, PG.statedAs, record.get("stated_as"), g)
    yield from _evidence(node, record, record.id, lang, g)


def _event(record: Record, g: URIRef, lang: str | None) -> Iterator[Quad]:
    node = entity(record.id)
    yield node, RDF.type, SCHEMA.Event, g
    for kind in _ids(record.get("types")):
        if EVENT_CLASSES[kind] != SCHEMA.Event:
            yield node, RDF.type, EVENT_CLASSES[kind], g
    yield from _labels(node, record.values, g)
    yield node, SCHEMA.startDate, _date(record.get("date")), g
    if record.get("organiser"):
        yield node, SCHEMA.organizer, entity(str(record.get("organiser"))), g
    for topic in _ids(record.get("about")):
        yield node, SCHEMA.about, concept(topic), g
    yield from _lang_texts(node, SCHEMA.description, record.get("description"), g)
    participants = record.get("participants") or ()
    assert isinstance(participants, tuple)
    for number, part in enumerate(participants, start=1):
        assert isinstance(part, Record)
        slug = f"{record.id}.p{number}"
        pnode = PGR[slug]
        yield node, PG.participation, pnode, g
        yield pnode, RDF.type, PG.Participation, g
        yield pnode, PG.participant, entity(str(part.get("who"))), g
        yield pnode, PG.participationRole, concept(str(part.get("role"))), g
        yield from _lang_texts(pnode, PG.statedAs, part.get("stated_as"), g)
        yield from _evidence(pnode, part, slug, lang, g)
    for item in record.get("agenda") or ():  # type: ignore[attr-defined]
        assert isinstance(item, Record)
        yield node, PG.agendaItem, entity(item.id), g
    yield from _evidence(node, record, record.id, lang, g)


def _agenda_item(record: Record, g: URIRef, lang: str | None) -> Iterator[Quad]:
    node = entity(record.id)
    yield node, RDF.type, PG.AgendaItem, g
    yield from _labels(node, record.values, g)
    yield from _lang_texts(node, SCHEMA.description, record.get("description"), g)
    if record.get("sequence") is not None:
        yield node, PG.sequence, Literal(record.get("sequence")), g
    yield from _evidence(node, record, record.id, lang, g)


def _signal(record: Record, g: URIRef, lang: str | None) -> Iterator[Quad]:
    node = entity(record.id)
    yield node, RDF.type, PG.PolicySignal, g
    yield from _labels(node, record.values, g)
    yield node, PG.issuedOn, _date(record.get("date")), g
    for key, prop in SIGNAL_REFS.items():
        for ref in _ids(record.get(key)):
            yield node, prop, entity(ref), g
    for key, prop in SIGNAL_CONCEPTS.items():
        for code in _ids(record.get(key)):
            yield node, prop, concept(code), g
    yield from _lang_texts(node, PG.focus, record.get("focus"), g)
    for key, prop in (("sequence", PG.sequence), ("strength", PG.strength)):
        if record.get(key) is not None:
            yield node, prop, Literal(record.get(key)), g
    confidence = record.get("confidence")
    assert isinstance(confidence, Decimal)
    yield node, PG.confidence, Literal(confidence), g
    if record.get("nature") == "nature.interpretation" and record.source_id:
        doc = source_document(record.source_id)
        yield node, PG.interpretedIn, doc, g
        yield node, PROV.wasAttributedTo, doc, g
    yield from _evidence(node, record, record.id, lang, g)


def record_quads(record: Record, sources: Mapping[str, Source]) -> Iterator[Quad]:
    """The quads one record stands for, in the graph its file belongs to."""
    g = _graph_of(record)
    lang = sources[record.source_id].language if record.source_id else None
    section = record.section
    if section == "schemes":
        node = concept(record.id)
        yield node, RDF.type, SKOS.ConceptScheme, g
        yield from _labels(node, record.values, g)
    elif section == "concepts":
        yield from _concept(record, g)
    elif section == "organisations":
        types = tuple(ORG_CLASSES[t] for t in _ids(record.get("types")))
        yield from _agent(record, g, types, lang)
    elif section == "people":
        yield from _agent(record, g, (FOAF.Person,), lang)
    elif section == "audiences":
        yield from _agent(record, g, (SCHEMA.Audience,), lang)
    elif section == "names":
        yield from _labels(entity(str(record.get("entity"))), record.values, g)
    elif section == "relations":
        rel = RELATIONS[str(record.get("relation"))]
        yield entity(str(record.get("from"))), rel, entity(str(record.get("to"))), g
    elif section == "posts":
        yield from _post(record, g, lang)
    elif section == "events":
        yield from _event(record, g, lang)
    elif section == "agenda":
        yield from _agenda_item(record, g, lang)
    elif section == "signals":
        yield from _signal(record, g, lang)
