"""Everything a view needs from the store, read with a handful of SPARQL queries.

Each query reads the whole store (or one source graph) once; the selection and the cards are
then made in Python. So a view costs a fixed number of round trips whatever its size, and it
works on every store behind ``Store.query``. A whole-graph view on Oxigraph reads the same facts
in one pass over the store's quads instead (``views.union``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from policygraph.iris import language_tag
from policygraph.namespaces import sparql_prologue
from policygraph.stores.oxigraph import OxigraphStore
from policygraph.views.factset import Facts, Post
from policygraph.views.union import LABEL_KINDS, read_union

if TYPE_CHECKING:
    from rdflib.term import Node

    from policygraph.store import Store

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


class Text(NamedTuple):
    """A literal in an answer: its lexical form and its language tag (canonical case, or "")."""

    value: str
    lang: str


#: A term in an answer: an IRI, a blank node as ``_:id`` (see ``term_id``), or a literal.
Cell = str | Text | None


def term_id(term: Node) -> str:
    """A stable string for an IRI or blank node (``_:id`` for blank nodes)."""
    from rdflib.term import BNode  # loaded already: ``term`` is an rdflib term

    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _cell(term: Node | None) -> Cell:
    from rdflib.term import Literal  # loaded already: the store answered with rdflib terms

    if isinstance(term, Literal):
        return Text(str(term), language_tag(term.language or ""))
    return None if term is None else term_id(term)


def _ox_cell(term: Any) -> Cell:
    import pyoxigraph as ox

    kind = type(term)
    if kind is ox.NamedNode:
        return str(term.value)
    if kind is ox.Literal:
        language = term.language
        return Text(term.value, language_tag(language) if language else "")
    if kind is ox.BlankNode:
        return f"_:{term.value}"
    return None


def _ox_rows(store: OxigraphStore, query: str) -> list[tuple[Cell, ...]]:
    """Oxigraph's answer read once into plain strings (no rdflib terms)."""
    import pyoxigraph as ox

    answer = store.inner.query(query)
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError("a view's facts are read with SELECT queries")
    width = range(len(answer.variables))
    return [tuple(_ox_cell(solution[i]) for i in width) for solution in answer]


def _rows(store: Store, query: str) -> list[tuple[Cell, ...]]:
    if isinstance(store, OxigraphStore):
        return _ox_rows(store, sparql_prologue() + query)
    result = store.query(sparql_prologue() + query)
    return [tuple(_cell(t) for t in row) for row in result]  # type: ignore[union-attr]


def _triples(store: Store, graph: str | None) -> list[tuple[Cell, ...]]:
    """Every triple of the union (or of ``graph``): on Oxigraph straight from its index."""
    if not isinstance(store, OxigraphStore):
        return _rows(store, Q_TRIPLES.format(scope=_scoped("?s ?p ?o", graph)))
    import pyoxigraph as ox

    name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    return [
        (_ox_cell(q.subject), _ox_cell(q.predicate), _ox_cell(q.object))
        for q in store.inner.quads_for_pattern(None, None, None, name)
    ]


def _scoped(pattern: str, graph: str | None) -> str:
    return f"GRAPH <{graph}> {{ {pattern} }}" if graph else pattern


def _text(cell: Cell) -> str:
    """A literal's text or an IRI; a blank node's bare id (as rdflib's ``str`` gives it)."""
    if isinstance(cell, Text):
        return cell.value
    if cell is None:
        return ""
    return cell[2:] if cell.startswith("_:") else cell


def _is_iri(cell: Cell) -> bool:
    return isinstance(cell, str) and not cell.startswith("_:")


def _read_triples(facts: Facts, rows: list[tuple[Cell, ...]]) -> None:
    for s, p, o in rows:
        if not isinstance(s, str) or not isinstance(p, str) or o is None:
            continue
        if isinstance(o, Text):
            facts.literals[s].append((p, o.value))
        else:
            facts.triples.append((s, p, o))


def _read_names(facts: Facts, store: Store) -> None:
    """Labels, types and subclass links of the whole union."""
    for s, p, label in _rows(store, Q_LABELS):
        if isinstance(s, str) and isinstance(label, Text):
            kind = LABEL_KINDS.get(_text(p), "alt")
            facts.labels[s].append((label.lang, kind, label.value))
    for s, c in _rows(store, Q_TYPES):
        if isinstance(s, str) and _is_iri(c):
            facts.types[s].add(_text(c))
    for c, d in _rows(store, Q_SUBCLASSES):
        if _is_iri(c) and _is_iri(d):
            facts.superclasses[_text(c)].add(_text(d))


def _grouped(pairs: dict[str, list[Any]]) -> None:
    """Each list of ``pairs`` sorted and without repeats, the keys in order. Most lists hold one
    value: sorting them one by one (keys are unique, so the lists are never compared) costs a
    third of one sort of every (key, value) pair."""
    items = sorted(pairs.items())
    pairs.clear()
    for key, values in items:
        pairs[key] = values if len(values) == 1 else sorted(set(values))


def _read_folded(facts: Facts, store: Store, graph: str | None) -> None:
    """Posts, participations (of ``graph`` only, if given) and quotes, by query."""
    for m, person, org, role, date, stated in _rows(
        store, Q_POSTS.format(scope=_scoped(POST_PATTERN, graph))
    ):
        if isinstance(m, str) and isinstance(person, str) and isinstance(org, str):
            facts.posts.append(Post(m, person, org, _text(role), _text(date), _text(stated)))
    for x, event, who, role in _rows(store, Q_PARTS.format(scope=_scoped(PART_PATTERN, graph))):
        if isinstance(x, str) and isinstance(event, str) and isinstance(who, str):
            facts.participations.append(Post(x, who, event, _text(role), "", ""))
    for s, quote, doc in _rows(store, Q_QUOTES):
        if isinstance(s, str) and quote is not None:
            facts.quotes[s].append((_text(quote), _text(doc)))


def read_facts(store: Store, graph: str | None = None) -> Facts:
    """Read what a view needs; ``graph`` limits triples, posts and participations to one graph."""
    if graph is None and isinstance(store, OxigraphStore):
        facts = read_union(store)
    else:
        facts = Facts()
        _read_triples(facts, _triples(store, graph))
        _read_names(facts, store)
        _read_folded(facts, store, graph)
    for pairs in (facts.labels, facts.literals, facts.quotes):
        _grouped(pairs)
    if not (graph is None and isinstance(store, OxigraphStore)):  # a graph has no repeats
        facts.triples = list(set(facts.triples))
    # every field in the key: several sources may state one post in different words
    # (spelt out: ``dataclasses.astuple`` deep-copies each field, a tenth of read_facts at 10k)
    facts.posts = sorted(
        set(facts.posts), key=lambda p: (p.member, p.target, p.iri, p.role, p.date, p.stated)
    )
    facts.participations = sorted(
        set(facts.participations),
        key=lambda p: (p.member, p.iri, p.target, p.role, p.date, p.stated),
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
