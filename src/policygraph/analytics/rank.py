"""Rank entities of the projection by degree, PageRank or betweenness centrality."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from policygraph.analytics.pagerank import pagerank
from policygraph.analytics.projection import to_networkx
from policygraph.errors import InputError
from policygraph.iris import short_name
from policygraph.store import Store

if TYPE_CHECKING:
    import networkx as nx

MEASURES = ("degree", "pagerank", "betweenness")


@dataclass(frozen=True)
class Ranked:
    iri: str
    label: str
    types: tuple[str, ...]
    score: float

    def as_json(self) -> dict[str, object]:
        return {
            "iri": self.iri,
            "label": self.label,
            "types": list(self.types),
            "score": self.score,
        }


def _matches(types: tuple[str, ...], wanted: str) -> bool:
    key = wanted.casefold()
    return any(key in (t.casefold(), t.split(":", 1)[-1].casefold()) for t in types)


def rank(
    store: Store,
    *,
    by: str = "degree",
    type_: str | None = None,
    top: int = 10,
    lang: str = "en",
    min_support: int = 0,
) -> list[Ranked]:
    """The ``top`` entities by ``by``; ties in score are broken by label, then IRI."""
    import networkx as nx

    if by not in MEASURES:
        raise InputError(f"unknown measure {by!r}", hint=f"use one of: {', '.join(MEASURES)}")
    graph = to_networkx(store, lang=lang, min_support=min_support)
    # a cast: with numpy installed, the stubs reject MultiGraph[URIRef] for Graph[object]
    simple: nx.Graph[object] = nx.Graph(cast("nx.Graph[object]", graph.to_undirected()))
    if by == "degree":
        scores: dict[object, float] = {n: float(d) for n, d in graph.degree()}
    elif by == "pagerank":
        scores = pagerank(list(simple.nodes), simple.edges)
    else:
        scores = nx.betweenness_centrality(simple)
    ranked = [
        Ranked(str(n), graph.nodes[n]["label"], graph.nodes[n]["types"], round(scores[n], 6))
        for n in graph.nodes
        if type_ is None or _matches(graph.nodes[n]["types"], type_)
    ]
    if (
        type_ is not None
        and not ranked
        and not any(_matches(graph.nodes[n]["types"], type_) for n in graph.nodes)
    ):
        known = sorted({t for n in graph.nodes for t in graph.nodes[n]["types"]})
        raise InputError(f"no entity of class {type_!r}", hint=f"classes: {', '.join(known)}")
    ranked.sort(key=lambda r: (-r.score, r.label, r.iri))
    return ranked[:top]


def describe(ranked: Ranked) -> str:
    return f"{ranked.label} ({short_name(ranked.iri)})"
