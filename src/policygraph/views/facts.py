"""Everything a view needs from the store, read with a handful of SPARQL queries.

Each query reads the whole store (or one source graph) once; the selection and the cards are
then made in Python. So a view costs a fixed number of round trips whatever its size, and it
works on every store behind ``Store.query``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import astuple, dataclass, field

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from policygraph.iris import language_tag
from policygraph.store import Store
from policygraph.vocab import sparql_prologue

LABEL_KINDS = {
    "http://www.w3.org/2004/02/skos/core#prefLabel": "pref",
    "http://www.w3.org/2000/01/rdf-schema#label": "pref",
    "http://purl.org/dc/terms/title": "title",
    "http://www.w3.org/2004/02/skos/core#altLabel": "alt",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel": "hidden",
}

Q_TRIPLES = "SELECT ?s ?p ?o WHERE {{ {scope} }}"
Q_LABELS = (
    "SELECT ?s ?p ?l WHERE { VALUES ?p { skos:prefLabel rdfs:label dcterms:title skos:altLabel "
    "skos:hiddenLabel } ?s ?p ?l FILTER(isLiteral(?l)) }"
)
Q_TYPES = "SELECT ?s ?c WHERE { ?s a ?c }"
Q_SUBCLASSES = "SELECT ?c ?d WHERE { ?c rdfs:subClassOf ?d }"
Q_POSTS = """SELECT ?m ?person ?org ?role ?date ?stated WHERE {{ {scope} }}"""
POST_PATTERN = (
    "?m a org:Membership ; org:member ?person ; org:organization ?org . "
    "OPTIONAL { ?m org:role ?role } OPTIONAL { ?m pg:observedOn ?date } "
    "OPTIONAL { ?m pg:statedAs ?stated }"
)
Q_PARTS = "SELECT ?x ?event ?who ?role WHERE {{ {scope} }}"
PART_PATTERN = (
    "?event pg:participation ?x . ?x pg:participant ?who . "
    "OPTIONAL { ?x pg:participationRole ?role }"
)
Q_QUOTES = (
    "SELECT ?s ?quote ?doc WHERE { ?s pg:evidence ?ev . ?ev oa:hasSelector/oa:exact ?quote . "
    "OPTIONAL { ?ev oa:hasSource ?doc } }"
)


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

    triples: list[tuple[str, str, str]] = field(default_factory=list)
    literals: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[str, list[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    superclasses: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    posts: list[Post] = field(default_factory=list)
    participations: list[Post] = field(default_factory=list)
    quotes: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    closure: dict[str, frozenset[str]] = field(default_factory=dict)  # all_types, memoised


def term_id(term: Node) -> str:
    """A stable string for an IRI or blank node (``_:id`` for blank nodes)."""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _rows(store: Store, query: str) -> list[tuple[Node | None, ...]]:
    return [tuple(row) for row in store.query(sparql_prologue() + query)]  # type: ignore[arg-type]


def _scoped(pattern: str, graph: str | None) -> str:
    return f"GRAPH <{graph}> {{ {pattern} }}" if graph else pattern


def _text(term: Node | None) -> str:
    return str(term) if term is not None else ""


def read_facts(store: Store, graph: str | None = None) -> Facts:
    """Read what a view needs; ``graph`` limits triples, posts and participations to one graph."""
    facts = Facts()
    for s, p, o in _rows(store, Q_TRIPLES.format(scope=_scoped("?s ?p ?o", graph))):
        if s is None or p is None or o is None:
            continue
        if isinstance(o, Literal):
            facts.literals[term_id(s)].append((str(p), str(o)))
        else:
            facts.triples.append((term_id(s), str(p), term_id(o)))
    for s, p, label in _rows(store, Q_LABELS):
        if s is not None and isinstance(label, Literal):
            kind = LABEL_KINDS.get(str(p), "alt")
            tag = language_tag(label.language or "")
            facts.labels[term_id(s)].append((tag, kind, str(label)))
    for s, c in _rows(store, Q_TYPES):
        if s is not None and isinstance(c, URIRef):
            facts.types[term_id(s)].add(str(c))
    for c, d in _rows(store, Q_SUBCLASSES):
        if isinstance(c, URIRef) and isinstance(d, URIRef):
            facts.superclasses[str(c)].add(str(d))
    for m, person, org, role, date, stated in _rows(
        store, Q_POSTS.format(scope=_scoped(POST_PATTERN, graph))
    ):
        if m is not None and person is not None and org is not None:
            facts.posts.append(
                Post(
                    term_id(m),
                    term_id(person),
                    term_id(org),
                    _text(role),
                    _text(date),
                    _text(stated),
                )
            )
    for x, event, who, role in _rows(store, Q_PARTS.format(scope=_scoped(PART_PATTERN, graph))):
        if x is not None and event is not None and who is not None:
            facts.participations.append(
                Post(term_id(x), term_id(who), term_id(event), _text(role), "", "")
            )
    for s, quote, doc in _rows(store, Q_QUOTES):
        if s is not None and quote is not None:
            facts.quotes[term_id(s)].append((str(quote), _text(doc)))
    for iri, names in facts.labels.items():
        facts.labels[iri] = sorted(set(names))
    for iri, values in facts.literals.items():
        facts.literals[iri] = sorted(set(values))
    for iri, quotes in facts.quotes.items():
        facts.quotes[iri] = sorted(set(quotes))
    facts.triples = sorted(set(facts.triples))
    # every field in the key: several sources may state one post in different words
    facts.posts = sorted(set(facts.posts), key=lambda p: (p.member, p.target, p.iri, *astuple(p)))
    facts.participations = sorted(
        set(facts.participations), key=lambda p: (p.member, p.iri, *astuple(p))
    )
    return facts


def all_types(facts: Facts, node: str) -> frozenset[str]:
    """The classes of ``node`` and all their superclasses."""
    if node in facts.closure:
        return facts.closure[node]
    seen: set[str] = set()
    todo = list(facts.types.get(node, ()))
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.add(cls)
            todo.extend(facts.superclasses.get(cls, ()))
    facts.closure[node] = frozenset(seen)
    return facts.closure[node]
