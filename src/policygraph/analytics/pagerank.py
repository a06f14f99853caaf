"""PageRank, the one implementation: ``rank --by pagerank`` and ``view --size pagerank`` agree.

Power iteration on the undirected simple graph (an entity graph's edge directions are mostly a
reading convention: issuer -issued-> signal), with dangling nodes' rank spread evenly, until the
ranks move by less than ``TOLERANCE`` in total (at most ``ROUNDS`` rounds). No SciPy needed; nodes
are taken in the order given, so the result is deterministic.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

N = TypeVar("N", bound=Hashable)
TOLERANCE = 1e-12
ROUNDS = 200


def pagerank(
    nodes: Sequence[N], edges: Iterable[tuple[N, N]], damping: float = 0.85
) -> dict[N, float]:
    """The PageRank of each node; ``edges`` between unknown nodes and loops are ignored."""
    size = len(nodes)
    if not size:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    neighbours: list[set[int]] = [set() for _ in nodes]
    for a, b in edges:
        i, j = index.get(a), index.get(b)
        if i is not None and j is not None and i != j:
            neighbours[i].add(j)
            neighbours[j].add(i)
    degree = [len(n) for n in neighbours]
    links = [sorted(n) for n in neighbours]
    score = [1.0 / size] * size
    for _ in range(ROUNDS):
        dangling = sum(score[i] for i in range(size) if not degree[i])
        base = (1.0 - damping) / size + damping * dangling / size
        new = [base + damping * sum(score[m] / degree[m] for m in links[i]) for i in range(size)]
        moved = sum(abs(a - b) for a, b in zip(new, score, strict=True))
        score = new
        if moved < TOLERANCE:
            break
    return {node: score[i] for node, i in index.items()}
