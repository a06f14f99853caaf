"""What a view is made from (``Facts``): triples between resources, names, types, posts and
quotes, read by ``views.facts`` with queries or by ``views.union`` in one pass over Oxigraph."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Post:
    """An ``org:Membership`` (or a ``pg:Participation``) folded into an edge."""

    iri: str
    member: str
    target: str
    role: str  # IRI of the role concept, or ""
    date: str
    stated: str


@dataclass
class Facts:
    """The raw material of a view: triples between resources, names, types, posts, quotes."""

    triples: list[tuple[str, str, str]] = field(default_factory=list)  # in no set order
    literals: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[str, list[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    superclasses: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    posts: list[Post] = field(default_factory=list)
    participations: list[Post] = field(default_factory=list)
    quotes: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    closure: dict[str, frozenset[str]] = field(default_factory=dict)  # all_types, memoised
    best: dict[tuple[str, str], str] = field(default_factory=dict)  # best_label, memoised
