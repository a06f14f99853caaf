"""The graph a view draws: its nodes and edges, and the cuts the view's options make of it."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple


@dataclass(frozen=True)
class ViewNode:
    id: str
    label: str
    group: str
    names: tuple[str, ...]  # every label, for the search box
    tooltip: str  # plain text


class ViewEdge(NamedTuple):
    """An edge to draw (a tuple: tens of thousands are made, hashed and sorted per view)."""

    source: str
    target: str
    predicate: str
    label: str
    via: str = ""  # the folded membership or participation


#: The order of a view's edges: by ends, then predicate, membership and label.
EDGE_ORDER = itemgetter(0, 1, 2, 4, 3)


@dataclass
class ViewModel:
    nodes: dict[str, ViewNode] = field(default_factory=dict)
    edges: list[ViewEdge] = field(default_factory=list)


def restrict(model: ViewModel, keep: set[str]) -> ViewModel:
    """The part of ``model`` on the nodes ``keep``."""
    nodes = {k: v for k, v in model.nodes.items() if k in keep}
    return ViewModel(nodes, [e for e in model.edges if e.source in nodes and e.target in nodes])


def neighbourhood(model: ViewModel, focus: str, depth: int) -> set[str]:
    """Nodes within ``depth`` steps of ``focus``, edges taken both ways."""
    adjacent: dict[str, set[str]] = {}
    for e in model.edges:
        adjacent.setdefault(e.source, set()).add(e.target)
        adjacent.setdefault(e.target, set()).add(e.source)
    seen = {focus}
    queue = deque([(focus, 0)])
    while queue:
        node, dist = queue.popleft()
        if dist < depth:
            for other in sorted(adjacent.get(node, ())):
                if other not in seen:
                    seen.add(other)
                    queue.append((other, dist + 1))
    return seen


def degrees(model: ViewModel) -> dict[str, int]:
    counts = dict.fromkeys(model.nodes, 0)
    for e in model.edges:
        counts[e.source] += 1
        counts[e.target] += 1
    return counts
