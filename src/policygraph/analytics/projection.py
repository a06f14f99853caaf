"""The entity graph as networkx: entities are nodes; posts, participations and evidence fold
into labelled edges (He Qing -[director]-> Shanghai SASAC, He Qing -[led the meeting]-> event).

Each edge keeps the named graphs that state it and its support (source documents). This is the
one module that imports networkx (inside functions, so importing it stays cheap).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import URIRef

from policygraph.analytics.sparql import select
from policygraph.iris import short_name
from policygraph.names import display_labels
from policygraph.store import Store
from policygraph.vocab import PGG

if TYPE_CHECKING:
    import networkx as nx

#: Predicates between entities, with the label an edge gets (read subject -label-> object).
DIRECT = {
    "pg:issuer": ("issued", True),
    "prov:wasAttributedTo": ("issued", True),
    "pg:occasion": ("made at", False),
    "pg:topic": ("is about", False),
    "pg:targetSector": ("targets", False),
    "pg:addressee": ("addresses", False),
    "pg:goal": ("serves goal", False),
    "pg:expectedRole": ("expects role", False),
    "schema:organizer": ("organised", True),
    "schema:about": ("is about", False),
    "pg:agendaItem": ("has agenda item", False),
    "org:unitOf": ("unit of", False),
    "org:subOrganizationOf": ("part of", False),
    "pg:scopeOrganization": ("supervised by", False),
    "pg:concerns": ("concerns", False),
    "pg:launchedBy": ("launched", True),
    "schema:location": ("located in", False),
    "schema:superEvent": ("edition of", False),
    "schema:isPartOf": ("part of", False),
}
# (predicate, reversed): a reversed edge runs object -label-> subject (issuer -issued-> signal)

ENTITY_CLASSES = (
    "foaf:Person org:Organization org:FormalOrganization org:OrganizationalUnit "
    "schema:Audience schema:Event pg:PolicySignal pg:AgendaItem schema:Place schema:Project "
    "schema:EventSeries"
)

#: Entities that are claims of sources (filtered by ``min_support``); the others are curated.
CLAIMS = {"pg:PolicySignal", "schema:Event"}

DIRECT_QUERY = """
SELECT DISTINCT ?s ?p ?o ?g WHERE {{
  VALUES ?p {{ {predicates} }}
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(isIRI(?o))
  FILTER NOT EXISTS {{ GRAPH pgg:prov {{ ?o a prov:Entity }} }}
}}
"""
FOLDED_QUERY = """
SELECT DISTINCT ?s ?role ?o ?g ?kind WHERE {
  { GRAPH ?g { ?m a org:Membership ; org:member ?s ; org:organization ?o ; org:role ?role }
    BIND("org:Membership" AS ?kind) }
  UNION
  { GRAPH ?g { ?o pg:participation ?x . ?x pg:participant ?s ; pg:participationRole ?role }
    BIND("pg:Participation" AS ?kind) }
}
"""
NODE_QUERY = """
SELECT DISTINCT ?s ?c WHERE {{ VALUES ?c {{ {classes} }} GRAPH ?g {{ ?s a ?c }} }}
"""
SOURCE_GRAPHS = "SELECT ?g ?doc WHERE { GRAPH pgg:prov { ?g prov:wasDerivedFrom ?doc } }"


@dataclass(frozen=True)
class Edge:
    source: URIRef
    target: URIRef
    label: str
    predicate: str  # prefixed name of what the edge stands for
    graphs: frozenset[URIRef]
    support: int  # distinct source documents stating it


def _raw_edges(store: Store) -> Iterator[tuple[URIRef, URIRef, str | URIRef, str, URIRef]]:
    values = " ".join(DIRECT)
    for s, p, o, g in select(store, DIRECT_QUERY.format(predicates=values)):
        if isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef):
            name = short_name(str(p))
            label, flip = DIRECT[name]
            assert isinstance(g, URIRef)
            yield (o, s, label, name, g) if flip else (s, o, label, name, g)
    for s, role, o, g, kind in select(store, FOLDED_QUERY):
        if isinstance(s, URIRef) and isinstance(o, URIRef) and isinstance(role, URIRef):
            assert isinstance(g, URIRef)
            yield s, o, role, str(kind), g


def entity_edges(store: Store, lang: str = "en") -> list[Edge]:
    """Every labelled edge between entities, with the graphs and sources stating it."""
    docs = {g: doc for g, doc in select(store, SOURCE_GRAPHS) if isinstance(g, URIRef)}
    grouped: dict[tuple[URIRef, URIRef, str | URIRef, str], set[URIRef]] = {}
    for s, o, label, name, g in _raw_edges(store):
        grouped.setdefault((s, o, label, name), set()).add(g)
    roles = display_labels(store, [k[2] for k in grouped if isinstance(k[2], URIRef)], lang)
    edges = []
    for (s, o, label, name), graphs in grouped.items():
        text = roles[label] if isinstance(label, URIRef) else label
        support = len({docs[g] for g in graphs if g in docs})
        edges.append(Edge(s, o, text, name, frozenset(graphs), support))
    return sorted(edges, key=lambda e: (str(e.source), str(e.target), e.label, e.predicate))


def node_types(store: Store) -> dict[URIRef, set[str]]:
    """The entity classes (prefixed names) of each entity."""
    types: dict[URIRef, set[str]] = {}
    for s, c in select(store, NODE_QUERY.format(classes=ENTITY_CLASSES)):
        if isinstance(s, URIRef) and isinstance(c, URIRef):
            types.setdefault(s, set()).add(short_name(str(c)))
    return types


def keeps(edge: Edge, min_support: int) -> bool:
    """Curated reference edges always stay; claims need ``min_support`` sources."""
    return edge.support >= min_support or PGG["ref"] in edge.graphs


def to_networkx(store: Store, *, lang: str = "en", min_support: int = 0) -> nx.MultiDiGraph[URIRef]:
    """The entity projection: nodes carry ``label`` and ``types``; edges ``label``, ``predicate``,
    ``support`` and ``graphs`` (sorted IRIs)."""
    import networkx as nx

    types = node_types(store)
    edges = [e for e in entity_edges(store, lang) if keeps(e, min_support)]
    nodes: set[URIRef] = set(types) | {e.source for e in edges} | {e.target for e in edges}
    if min_support > 0:
        from policygraph.analytics.support import NONE, support

        backed = support(store)
        weak = {n for n in nodes if types.get(n, set()) & CLAIMS}
        weak = {n for n in weak if backed.get(n, NONE).count < min_support}
        nodes -= weak
        edges = [e for e in edges if e.source in nodes and e.target in nodes]
    graph: nx.MultiDiGraph[URIRef] = nx.MultiDiGraph()
    labels = display_labels(store, nodes, lang)
    for node in sorted(nodes):
        graph.add_node(node, label=labels[node], types=tuple(sorted(types.get(node, ()))))
    for e in edges:
        graph.add_edge(
            e.source,
            e.target,
            key=f"{e.predicate} {e.label}",
            label=e.label,
            predicate=e.predicate,
            support=e.support,
            graphs=tuple(sorted(str(g) for g in e.graphs)),
        )
    return graph
