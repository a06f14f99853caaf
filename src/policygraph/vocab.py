"""The IRIs of policygraph's vocabulary and the prefixes every graph and query shares.

This module names IRIs only; it makes no triples. ``tests/test_vocab.py`` keeps ``PG`` and the
packaged ontology in step.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

PG = Namespace("https://w3id.org/policygraph/ns#")
PGR = Namespace("https://w3id.org/policygraph/id/")
KOS = Namespace("https://w3id.org/policygraph/kos/")
PGG = Namespace("https://w3id.org/policygraph/graph/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")

#: The prefixes policygraph declares, in the order they are written. Nothing else is ever bound.
PREFIXES: dict[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "pg": str(PG),
    "pgr": str(PGR),
    "kos": str(KOS),
    "pgg": str(PGG),
    "wd": str(WD),
}

#: Named graphs that are not sources.
KOS_GRAPH = PGG["kos"]
ONTOLOGY_GRAPH = PGG["ontology"]
REFERENCE_GRAPH = PGG["ref"]
CURATION_GRAPH = PGG["curation"]
PROVENANCE_GRAPH = PGG["prov"]

LANGUAGES = ("en", "zh", "zh-Latn-pinyin")


def source_graph(source_id: str) -> URIRef:
    """The named graph that holds what one source states."""
    return PGG[f"src-{source_id}"]


def source_document(source_id: str) -> URIRef:
    """The IRI of a source document."""
    return PGR[f"doc-{source_id}"]


def entity(slug: str) -> URIRef:
    """The IRI of a curated entity, by its slug."""
    return PGR[slug]


def concept(code: str) -> URIRef:
    """The IRI of a SKOS concept or scheme, by its dotted code (``topic.stablecoin``)."""
    return KOS[code]


def sparql_prologue(extra: dict[str, str] | None = None) -> str:
    """``PREFIX`` lines for every declared prefix (plus ``extra``), to put before a query."""
    merged = {**PREFIXES, **(extra or {})}
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in merged.items())


def bind_prefixes(graph: Graph) -> Graph:
    """Bind exactly policygraph's prefixes on ``graph`` (replacing rdflib's defaults)."""
    for name, iri in PREFIXES.items():
        graph.bind(name, iri, override=True, replace=True)
    return graph


def new_graph() -> Graph:
    """An empty in-memory graph with policygraph's prefixes and no others."""
    return bind_prefixes(Graph(bind_namespaces="none"))
