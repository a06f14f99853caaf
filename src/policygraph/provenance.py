"""The provenance graph (``pgg:prov``): source documents and what each named graph is.

Pure functions like ``mapping``: a source's metadata or the record set in, quads out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from policygraph.dates import date_literal
from policygraph.mapping import Quad
from policygraph.records.model import RecordSet, Source
from policygraph.sourcenames import source_label
from policygraph.vocab import (
    CURATION_GRAPH,
    PG,
    PROVENANCE_GRAPH,
    REFERENCE_GRAPH,
    SCHEMA,
    concept,
    source_document,
    source_graph,
)

SOURCE_CLASSES = {
    "news-article": SCHEMA.NewsArticle,
    "statement": SCHEMA.CreativeWork,
    "report": SCHEMA.Report,
    "web-page": SCHEMA.WebPage,
    "speech": SCHEMA.CreativeWork,
    "document": SCHEMA.DigitalDocument,
}


def _issued(text: str) -> Literal:
    return date_literal(text)


def source_quads(source: Source, text_path: str) -> Iterator[Quad]:
    """What the provenance graph says about a source and the graph of what it states."""
    g, doc, graph = PROVENANCE_GRAPH, source_document(source.id), source_graph(source.id)
    yield doc, RDF.type, SOURCE_CLASSES[source.kind], g
    yield doc, RDF.type, PROV.Entity, g
    if source.title:
        yield doc, DCTERMS.title, Literal(source.title, lang=source.language), g
        yield doc, SKOS.prefLabel, Literal(source.title, lang=source.language or "en"), g
    else:  # no title is invented: the name says who published it and when
        name = source_label(None, source.publisher, source.published)
        yield doc, SKOS.prefLabel, Literal(name, lang="en"), g
    if source.url:
        yield doc, SCHEMA.url, URIRef(source.url), g
    for value, prop in ((source.publisher, DCTERMS.publisher), (source.author, DCTERMS.creator)):
        if value:
            yield doc, prop, Literal(value), g
    if source.language:
        yield doc, DCTERMS.language, Literal(source.language), g
    if source.published:
        yield doc, DCTERMS.issued, _issued(source.published), g
    if source.note:
        yield doc, RDFS.comment, Literal(source.note, lang="en"), g
    digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    yield doc, PG.contentHash, Literal(f"sha256:{digest}"), g
    yield doc, PG.archivedText, Literal(text_path), g
    yield graph, RDF.type, PG.AssertionGraph, g
    yield graph, PROV.wasDerivedFrom, doc, g
    yield graph, PG.method, concept("method.manual"), g
    if source.published:
        yield graph, PG.firstSeen, _issued(source.published), g
        yield graph, PG.lastSeen, _issued(source.published), g


def graph_quads(records: RecordSet) -> Iterator[Quad]:
    """Descriptions of the reference and curation graphs."""
    g = PROVENANCE_GRAPH
    yield REFERENCE_GRAPH, RDF.type, PG.ReferenceGraph, g
    yield REFERENCE_GRAPH, RDFS.label, Literal("curated identities and names", lang="en"), g
    if records.curation:
        yield CURATION_GRAPH, RDF.type, PG.AssertionGraph, g
        yield (
            CURATION_GRAPH,
            RDFS.label,
            Literal("analyst additions, stated by no source", lang="en"),
            g,
        )
        for info in records.curation:
            yield CURATION_GRAPH, RDFS.comment, Literal(" ".join(info.note.split()), lang="en"), g
            if info.confidence is not None:
                yield CURATION_GRAPH, PG.confidence, Literal(Decimal(info.confidence)), g
