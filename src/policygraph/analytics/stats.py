"""Counts of a graph: by class, named graph and predicate; signals per issuer, topic and sector;
components and density of the entity projection."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import URIRef

from policygraph.analytics.projection import to_networkx
from policygraph.analytics.sparql import select
from policygraph.iris import short_name
from policygraph.names import display_labels
from policygraph.store import Store

COUNTS = """
SELECT ?g ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ?p
"""
CLASSES = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c"
PER_SIGNAL = """
SELECT ?p ?o (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES ?p { pg:issuer pg:topic pg:targetSector }
  GRAPH ?g { ?s a pg:PolicySignal ; ?p ?o }
} GROUP BY ?p ?o
"""


@dataclass(frozen=True)
class Stats:
    by_class: dict[str, int]
    by_graph: dict[str, int]  # triples per named graph
    by_predicate: dict[str, int]
    signals_by_issuer: dict[str, int]
    signals_by_topic: dict[str, int]
    signals_by_sector: dict[str, int]
    entities: int
    links: int
    components: int
    density: float

    def as_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def stats(store: Store, *, lang: str = "en") -> Stats:
    """Counts of the whole dataset and of its entity graph."""
    import networkx as nx

    graphs: Counter[str] = Counter()
    predicates: Counter[str] = Counter()
    for g, p, count in select(store, COUNTS):
        graphs[short_name(str(g))] += int(str(count))
        predicates[short_name(str(p))] += int(str(count))
    classes = Counter({short_name(str(c)): int(str(n)) for c, n in select(store, CLASSES)})
    rows = [(p, o, int(str(n))) for p, o, n in select(store, PER_SIGNAL) if isinstance(o, URIRef)]
    labels = display_labels(store, [o for _, o, _ in rows if isinstance(o, URIRef)], lang)
    per: dict[str, Counter[str]] = {"pg:issuer": Counter(), "pg:topic": Counter()}
    per["pg:targetSector"] = Counter()
    for p, o, n in rows:
        assert isinstance(o, URIRef)
        per[short_name(str(p))][labels[o]] += n
    projection = to_networkx(store, lang=lang)
    simple: nx.DiGraph[URIRef] = nx.DiGraph(projection)
    return Stats(
        _sorted(classes),
        _sorted(graphs),
        _sorted(predicates),
        _sorted(per["pg:issuer"]),
        _sorted(per["pg:topic"]),
        _sorted(per["pg:targetSector"]),
        projection.number_of_nodes(),
        projection.number_of_edges(),
        nx.number_weakly_connected_components(projection) if len(projection) else 0,
        round(nx.density(simple), 6),
    )
