"""Claims of sources to RDF: posts, events (participants, agenda), signals."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF

from policygraph.mapping_parts import Quad, date, evidence, ids, labels, lang_texts
from policygraph.records.model import Record
from policygraph.vocab import (
    PG,
    PGR,
    SCHEMA,
    concept,
    entity,
    source_document,
)

EVENT_CLASSES = {
    "study-session": PG.StudySession,
    "meeting": SCHEMA.Event,
    "speech": SCHEMA.Event,
    "forum-edition": SCHEMA.Event,
    "announcement": SCHEMA.Event,
    "opening": SCHEMA.Event,
}
SIGNAL_REFS = {
    "issuer": PG.issuer,
    "speaker": PROV.wasAttributedTo,
    "occasion": PG.occasion,
    "addressees": PG.addressee,
    "concerns": PG.concerns,
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


#: How a post's fields become RDF: its class, and the predicate of each field (the records
#: check reads the shapes' rules on posts through it, ``records.alternatives``).
POST_CLASS = ORG.Membership
POST_FIELDS: tuple[tuple[str, URIRef], ...] = (
    ("member", ORG.member),
    ("organisation", ORG.organization),
    ("role", ORG.role),
    ("observed_on", PG.observedOn),
    ("start", SCHEMA.startDate),
    ("end", SCHEMA.endDate),
)
_POST_DATES = POST_FIELDS[3:]


def post_quads(record: Record, g: URIRef, lang: str | None) -> Iterator[Quad]:
    node = entity(record.id)
    yield node, RDF.type, ORG.Membership, g
    if record.get("member"):
        yield node, ORG.member, entity(str(record.get("member"))), g
    if record.get("organisation"):
        yield node, ORG.organization, entity(str(record.get("organisation"))), g
    if record.get("role"):
        yield node, ORG.role, concept(str(record.get("role"))), g
    for key, prop in _POST_DATES:
        if record.get(key) is not None:
            yield node, prop, date(record.get(key)), g
    yield from lang_texts(node, PG.statedAs, record.get("stated_as"), g)
    yield from evidence(node, record, record.id, lang, g)


def event_quads(record: Record, g: URIRef, lang: str | None) -> Iterator[Quad]:
    node = entity(record.id)
    yield node, RDF.type, SCHEMA.Event, g
    for kind in ids(record.get("types")):
        if EVENT_CLASSES[kind] != SCHEMA.Event:
            yield node, RDF.type, EVENT_CLASSES[kind], g
    yield from labels(node, record.values, g)
    if record.get("date") is not None:
        yield node, SCHEMA.startDate, date(record.get("date")), g
    for key, prop in (
        ("organiser", SCHEMA.organizer),
        ("edition_of", SCHEMA.superEvent),
        ("location", SCHEMA.location),
    ):
        if record.get(key):
            yield node, prop, entity(str(record.get(key))), g
    for topic in ids(record.get("about")):
        yield node, SCHEMA.about, concept(topic), g
    yield from lang_texts(node, SCHEMA.description, record.get("description"), g)
    participants = record.get("participants") or ()
    assert isinstance(participants, tuple)
    for part in participants:
        assert isinstance(part, Record)
        slug = f"{record.id}.p.{part.get('who')}"  # one participation per participant, whoever
        pnode = PGR[slug]  # states it
        yield node, PG.participation, pnode, g
        yield pnode, RDF.type, PG.Participation, g
        yield pnode, PG.participant, entity(str(part.get("who"))), g
        if part.get("role"):
            yield pnode, PG.participationRole, concept(str(part.get("role"))), g
        yield from lang_texts(pnode, PG.statedAs, part.get("stated_as"), g)
        yield from evidence(
            pnode, dataclasses.replace(part, restated=record.restated), slug, lang, g
        )
    for item in record.get("agenda") or ():  # type: ignore[attr-defined]
        assert isinstance(item, Record)
        yield node, PG.agendaItem, entity(item.id), g
    yield from evidence(node, record, record.id, lang, g)


def agenda_quads(record: Record, g: URIRef, lang: str | None) -> Iterator[Quad]:
    node = entity(record.id)
    yield node, RDF.type, PG.AgendaItem, g
    yield from labels(node, record.values, g)
    yield from lang_texts(node, SCHEMA.description, record.get("description"), g)
    if record.get("sequence") is not None:
        yield node, PG.sequence, Literal(record.get("sequence")), g
    yield from evidence(node, record, record.id, lang, g)


def signal_quads(record: Record, g: URIRef, lang: str | None) -> Iterator[Quad]:
    node = entity(record.id)
    yield node, RDF.type, PG.PolicySignal, g
    yield from labels(node, record.values, g)
    if record.get("date") is not None:
        yield node, PG.issuedOn, date(record.get("date")), g
    for key, prop in SIGNAL_REFS.items():
        for ref in ids(record.get(key)):
            yield node, prop, entity(ref), g
    for key, prop in SIGNAL_CONCEPTS.items():
        for code in ids(record.get(key)):
            yield node, prop, concept(code), g
    yield from lang_texts(node, PG.focus, record.get("focus"), g)
    for key, prop in (("sequence", PG.sequence), ("strength", PG.strength)):
        if record.get(key) is not None:
            yield node, prop, Literal(record.get(key)), g
    confidence = record.get("confidence")
    if isinstance(confidence, Decimal):
        yield node, PG.confidence, Literal(confidence), g
    nature = (record.claim or record.values).get("nature")
    if nature == "nature.interpretation" and record.source_id:
        doc = source_document(record.source_id)
        yield node, PG.interpretedIn, doc, g
        yield node, PROV.wasAttributedTo, doc, g
    yield from evidence(node, record, record.id, lang, g)
