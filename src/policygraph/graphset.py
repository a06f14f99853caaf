"""The build's named graphs as plain sets of triples.

``build`` and ``validate`` make every quad from the records once and keep them here: putting
200,000 quads of a 1,000-source project into an rdflib ``Dataset`` (and again into a union
``Graph``) cost 18 s of a 87 s build, while a set per graph costs under a second. Everything the
build reads (the SHACL index, the union store, JSON-LD, the summary) reads these sets; an rdflib
``Dataset`` is made only when a caller asks for one (``to_dataset``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class GraphSet:
    """Named graphs by IRI, each a set of triples (duplicates merge, as in a dataset)."""

    def __init__(self) -> None:
        self.graphs: dict[URIRef, set[Triple]] = {}
        self._per_graph: dict[tuple[Node, Node], dict[URIRef, int]] | None = None

    @classmethod
    def of_dataset(cls, dataset: Dataset) -> GraphSet:
        """The named graphs of an rdflib ``dataset`` (its default graph is left out)."""
        found = cls()
        for s, p, o, g in dataset.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            if isinstance(name, URIRef) and name != DATASET_DEFAULT_GRAPH_ID:
                found.graphs.setdefault(name, set()).add((s, p, o))
        return found

    def add(self, quads: Iterable[tuple[Node, Node, Node, URIRef]]) -> None:
        graphs = self.graphs
        for s, p, o, g in quads:
            found = graphs.get(g)
            if found is None:
                found = graphs[g] = set()
            found.add((s, p, o))
        self._per_graph = None

    def named(self) -> list[tuple[URIRef, set[Triple]]]:
        """The non-empty graphs, sorted by IRI."""
        return sorted(((g, t) for g, t in self.graphs.items() if t), key=lambda item: str(item[0]))

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        for name, triples in self.graphs.items():
            for s, p, o in triples:
                yield s, p, o, name

    def triples(self) -> Iterator[Triple]:
        """Every graph's triples, one after the other (a triple in two graphs comes twice)."""
        for triples in self.graphs.values():
            yield from triples

    def graphs_stating(self, subject: Node, predicate: Node) -> dict[URIRef, int]:
        """How many values of ``predicate`` each graph gives ``subject`` (an index made on the
        first call)."""
        if self._per_graph is None:
            index: dict[tuple[Node, Node], dict[URIRef, int]] = {}
            for s, p, _, g in self.quads():
                counts = index.setdefault((s, p), {})
                counts[g] = counts.get(g, 0) + 1
            self._per_graph = index
        return self._per_graph.get((subject, predicate), {})

    def __len__(self) -> int:
        return sum(len(t) for t in self.graphs.values())

    def to_dataset(self) -> Dataset:
        """An rdflib ``Dataset`` holding the same named graphs."""
        dataset = Dataset()
        for name, triples in self.graphs.items():
            graph = dataset.graph(name)
            for triple in triples:
                graph.add(triple)
        return dataset
