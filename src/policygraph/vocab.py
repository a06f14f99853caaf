"""The IRIs of policygraph's vocabulary and the prefixes every graph and query shares.

This module names IRIs only; it makes no triples. ``tests/test_vocab.py`` keeps ``PG`` and the
packaged ontology in step. The same IRIs as plain strings, and the prefixes, are in
``namespaces`` (which does without rdflib); the prefixes are re-exported here.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from policygraph import namespaces
from policygraph.namespaces import LANGUAGES, PREFIXES, sparql_prologue


class Terms(Namespace):
    """An rdflib ``Namespace`` that makes each term read as an attribute (``PG.issuer``) once:
    rdflib makes and checks a new ``URIRef`` on every read, a third of the time of mapping the
    records of 1,000 sources to quads."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)  # AttributeError for special names, as before
        self.__dict__[name] = term
        return term


PG = Terms(namespaces.PG)
PGR = Terms(namespaces.PGR)
KOS = Terms(namespaces.KOS)
PGG = Terms(namespaces.PGG)
SCHEMA = Terms(namespaces.SCHEMA)
OA = Terms(namespaces.OA)
SH = Terms(namespaces.SH)
WD = Terms(namespaces.WD)

#: Named graphs that are not sources.
KOS_GRAPH = PGG["kos"]
ONTOLOGY_GRAPH = PGG["ontology"]
REFERENCE_GRAPH = PGG["ref"]
CURATION_GRAPH = PGG["curation"]
PROVENANCE_GRAPH = PGG["prov"]


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


def bind_prefixes(graph: Graph) -> Graph:
    """Bind exactly policygraph's prefixes on ``graph`` (replacing rdflib's defaults)."""
    for name, iri in PREFIXES.items():
        graph.bind(name, iri, override=True, replace=True)
    return graph


def new_graph() -> Graph:
    """An empty in-memory graph with policygraph's prefixes and no others."""
    return bind_prefixes(Graph(bind_namespaces="none"))


__all__ = [
    "CURATION_GRAPH", "DCTERMS", "FOAF", "KOS", "KOS_GRAPH", "LANGUAGES", "OA", "ONTOLOGY_GRAPH",
    "ORG", "OWL", "PG", "PGG", "PGR", "PREFIXES", "PROV", "PROVENANCE_GRAPH", "RDF", "RDFS",
    "REFERENCE_GRAPH", "SCHEMA", "SH", "SKOS", "WD", "XSD", "bind_prefixes", "concept", "entity",
    "new_graph", "source_document", "source_graph", "sparql_prologue",
]  # fmt: skip
