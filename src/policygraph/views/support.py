"""``--min-support K`` for views: keep what at least K independent sources state.

The rule is the one ``rank`` and ``path`` apply to the entity projection
(``analytics.projection``): claims (signals, events) stated by fewer than K source documents
are dropped, and so is every edge whose fact fewer than K sources state, unless a curated
reference graph (``pgg:ref``, ``pgg:kos``, the ontology: anything but a source or the curation
graph) states it. A folded edge (a post, a participation) counts the sources of the node it
folds. Support comes from ``analytics.support``, so it is the same on every store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from policygraph.namespaces import PG, SCHEMA
from policygraph.views.facts import all_types, term_id
from policygraph.views.factset import Facts

if TYPE_CHECKING:
    from policygraph.store import Store

#: View nodes that are claims of sources (as ``analytics.projection.CLAIMS``).
CLAIM_CLASSES = frozenset({str(PG.PolicySignal), str(SCHEMA.Event)})

CURATED_FACTS = """
SELECT DISTINCT ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(!isLiteral(?o) && ?g != pgg:curation)
  FILTER NOT EXISTS { GRAPH pgg:prov { ?g prov:wasDerivedFrom ?doc } }
}
"""

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Backing:
    """How many sources state each node and fact, and which facts curated graphs state."""

    nodes: dict[str, int]
    facts: dict[Triple, int]
    curated: frozenset[Triple]
    curated_subjects: frozenset[str]


def read_backing(store: Store) -> Backing:
    """Support of every node and fact in ``store`` (two queries, any store)."""
    from rdflib import Literal  # here, not at start-up: only --min-support reads support

    from policygraph.analytics.sparql import select as rows
    from policygraph.analytics.support import fact_support, support

    nodes = {term_id(node): found.count for node, found in support(store).items()}
    facts = {
        (term_id(s), term_id(p), term_id(o)): found.count
        for (s, p, o), found in fact_support(store).items()
        if not isinstance(o, Literal)
    }
    curated = frozenset(
        (term_id(s), term_id(p), term_id(o))
        for s, p, o in rows(store, CURATED_FACTS)
        if s is not None and p is not None and o is not None
    )
    return Backing(nodes, facts, curated, frozenset(s for s, _, _ in curated))


def weak_claims(facts: Facts, nodes: set[str], backing: Backing, k: int) -> set[str]:
    """The claims among ``nodes`` that fewer than ``k`` sources state."""
    return {n for n in nodes if all_types(facts, n) & CLAIM_CLASSES and backing.nodes.get(n, 0) < k}


def edge_kept(source: str, predicate: str, target: str, via: str, backing: Backing, k: int) -> bool:
    """Whether an edge of a view is backed by ``k`` sources (or by a curated graph)."""
    if via:
        return backing.nodes.get(via, 0) >= k or via in backing.curated_subjects
    fact = (source, predicate, target)
    return fact in backing.curated or backing.facts.get(fact, 0) >= k


__all__ = ["Backing", "edge_kept", "read_backing", "weak_claims"]
