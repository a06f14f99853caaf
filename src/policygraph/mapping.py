"""Checked records to RDF quads: one small function per kind of record.

The provenance graph's quads (source documents, graph descriptions) are in ``provenance``.

Pure functions: records in, ``(subject, predicate, object, graph)`` quads out. No blank nodes:
every node gets an IRI minted from its record's slug, so serialisations are byte-stable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF, SKOS

from policygraph.mapping_claims import agenda_quads, event_quads, post_quads, signal_quads
from policygraph.mapping_parts import Quad, evidence, ids, labels, lang_texts
from policygraph.records.model import Record, Source
from policygraph.vocab import (
    CURATION_GRAPH,
    KOS_GRAPH,
    PG,
    REFERENCE_GRAPH,
    SCHEMA,
    concept,
    entity,
    source_graph,
)

__all__ = ["Quad", "record_quads"]

ORG_CLASSES = {
    "formal": ORG.FormalOrganization,
    "unit": ORG.OrganizationalUnit,
    "government": SCHEMA.GovernmentOrganization,
    "research": SCHEMA.ResearchOrganization,
    "company": SCHEMA.Corporation,
}
RELATIONS = {"unit-of": ORG.unitOf, "part-of": ORG.subOrganizationOf}


def _graph_of(record: Record) -> URIRef:
    if record.graph == "source":
        return source_graph(record.source_id)
    if record.graph == "curation":
        return CURATION_GRAPH
    return KOS_GRAPH if record.section in ("concepts", "schemes") else REFERENCE_GRAPH


def _concept(record: Record, g: URIRef) -> Iterator[Quad]:
    node = concept(record.id)
    scheme = str(record.get("scheme"))
    yield node, RDF.type, SKOS.Concept, g
    if scheme == "role":
        yield node, RDF.type, ORG.Role, g
    yield node, SKOS.inScheme, concept(scheme), g
    yield from labels(node, record.values, g)
    for broader in ids(record.get("broader")):
        yield node, SKOS.broader, concept(broader), g
        yield concept(broader), SKOS.narrower, node, g
    yield from lang_texts(node, SKOS.definition, record.get("definition"), g)
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
    yield from labels(node, record.values, g)
    if record.get("unit_of"):
        yield node, ORG.unitOf, entity(str(record.get("unit_of"))), g
    if record.get("part_of"):
        part_of = ORG.subOrganizationOf if record.section == "organisations" else SCHEMA.isPartOf
        yield node, part_of, entity(str(record.get("part_of"))), g
    if record.get("scope"):
        yield node, PG.scopeOrganization, entity(str(record.get("scope"))), g
    if record.get("location"):
        yield node, SCHEMA.location, entity(str(record.get("location"))), g
    if record.get("launched_by"):
        yield node, PG.launchedBy, entity(str(record.get("launched_by"))), g
    if record.get("same_as"):
        yield node, SCHEMA.sameAs, URIRef(str(record.get("same_as"))), g
    yield from evidence(node, record, record.id, lang, g)


PLACE_CLASSES = {
    "city": SCHEMA.City,
    "country": SCHEMA.Country,
    "district": SCHEMA.AdministrativeArea,
    "area": SCHEMA.AdministrativeArea,
}


def _kinds(record: Record) -> tuple[URIRef, ...]:
    """Classes of a place (schema:Place and its kinds), programme or forum."""
    types = ids(record.get("types"))
    if record.section == "places":
        return (SCHEMA.Place, *(PLACE_CLASSES[t] for t in types))
    if record.section == "programmes":
        return (SCHEMA.Project, *((SCHEMA.Service,) if "platform" in types else ()))
    return (SCHEMA.EventSeries,)


def record_quads(
    record: Record, sources: Mapping[str, Source], concepts: frozenset[str] = frozenset()
) -> Iterator[Quad]:
    """The quads one record stands for, in the graph its file belongs to (``concepts``: the
    concept codes, which ``names`` may name as well as entities)."""
    g = _graph_of(record)
    lang = sources[record.source_id].language if record.source_id else None
    section = record.section
    if section == "schemes":
        node = concept(record.id)
        yield node, RDF.type, SKOS.ConceptScheme, g
        yield from labels(node, record.values, g)
    elif section == "concepts":
        yield from _concept(record, g)
    elif section == "organisations":
        types = tuple(ORG_CLASSES[t] for t in ids(record.get("types")))
        yield from _agent(record, g, types, lang)
    elif section == "people":
        yield from _agent(record, g, (FOAF.Person,), lang)
    elif section == "audiences":
        yield from _agent(record, g, (SCHEMA.Audience,), lang)
    elif section in ("places", "programmes", "forums"):
        yield from _agent(record, g, _kinds(record), lang)
    elif section == "names":
        named = str(record.get("entity"))
        yield from labels(concept(named) if named in concepts else entity(named), record.values, g)
    elif section == "relations":
        rel = RELATIONS[str(record.get("relation"))]
        yield entity(str(record.get("from"))), rel, entity(str(record.get("to"))), g
    elif section == "posts":
        yield from post_quads(record, g, lang)
    elif section == "events":
        yield from event_quads(record, g, lang)
    elif section == "agenda":
        yield from agenda_quads(record, g, lang)
    elif section == "signals":
        yield from signal_quads(record, g, lang)
