"""The shortest connections between two entities, each step spelled out with its direction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from policygraph.analytics.projection import to_networkx
from policygraph.errors import InputError, NotFoundError
from policygraph.names import resolve_entity
from policygraph.store import Store


@dataclass(frozen=True)
class Step:
    source: str  # IRIs and labels of the two ends, in walking order
    source_label: str
    label: str
    target: str
    target_label: str
    forward: bool  # the edge points the way we walk

    def as_json(self) -> dict[str, object]:
        return {
            "from": self.source,
            "label": self.label,
            "to": self.target,
            "forward": self.forward,
        }


@dataclass(frozen=True)
class Connection:
    steps: tuple[Step, ...]

    def __str__(self) -> str:
        if not self.steps:
            return ""
        parts = [self.steps[0].source_label]
        for step in self.steps:
            arrow = f" -{step.label}-> " if step.forward else f" <-{step.label}- "
            parts.append(arrow + step.target_label)
        return "".join(parts)


def _step(graph: object, u: object, v: object) -> Step:
    g = graph  # a networkx MultiDiGraph
    forward = sorted(d["label"] for d in g.get_edge_data(u, v, default={}).values())  # type: ignore[attr-defined]
    backward = sorted(d["label"] for d in g.get_edge_data(v, u, default={}).values())  # type: ignore[attr-defined]
    label = " / ".join(forward or backward)
    nodes = g.nodes  # type: ignore[attr-defined]
    return Step(str(u), nodes[u]["label"], label, str(v), nodes[v]["label"], bool(forward))


def path(
    store: Store,
    a: str,
    b: str,
    *,
    max_length: int = 6,
    all_paths: bool = False,
    lang: str = "en",
    min_support: int = 0,
) -> list[Connection]:
    """Shortest connections from ``a`` to ``b`` (or every simple one up to ``max_length`` steps)."""
    import networkx as nx

    if max_length < 1:
        raise InputError("--max-length must be at least 1")
    start, end = resolve_entity(store, a), resolve_entity(store, b)
    graph = to_networkx(store, lang=lang, min_support=min_support)
    # a cast: with numpy installed, the stubs reject MultiGraph[URIRef] for Graph[object]
    walk: nx.Graph[object] = nx.Graph(cast("nx.Graph[object]", graph.to_undirected()))
    if start not in walk or end not in walk:
        raise NotFoundError(f"{a!r} or {b!r} is not an entity of the entity graph")
    if all_paths:
        found = list(nx.all_simple_paths(walk, start, end, cutoff=max_length))
    elif nx.has_path(walk, start, end):
        found = [p for p in nx.all_shortest_paths(walk, start, end) if len(p) - 1 <= max_length]
    else:
        found = []
    if not found:
        raise NotFoundError(
            f"no path from {graph.nodes[start]['label']!r} to {graph.nodes[end]['label']!r}"
            f" within {max_length} steps",
            hint="raise --max-length, or lower --min-support",
        )
    connections = [
        Connection(tuple(_step(graph, u, v) for u, v in zip(p, p[1:], strict=False))) for p in found
    ]
    return sorted(connections, key=lambda c: (len(c.steps), str(c)))
