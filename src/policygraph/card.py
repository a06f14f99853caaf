"""The entity card behind ``policygraph show``: everything the graph says about one entity.

Every read goes through ``Store.query`` so the card works on any store. IRIs appear as prefixed
names; the other side of a relation and each predicate are shown by their display labels. The
``Card`` keeps a row per graph that states a name or a relation (its JSON too); the text and the
notebook show each fact once, with the graphs that state it (``by_fact``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TypeVar

from rdflib import Literal, URIRef
from rdflib.term import Node

from policygraph.analytics.claims import claim_sentence
from policygraph.cardqueries import QUERIES
from policygraph.iris import language_tag, short_name
from policygraph.names import display_labels, resolve_entity
from policygraph.store import Store

LABEL_KINDS = {"prefLabel": "pref", "altLabel": "alt", "hiddenLabel": "hidden", "label": "label"}
SIGNAL_ROLES = {
    "issuer": "issued by",
    "wasAttributedTo": "attributed to",
    "addressee": "addressed to",
}


@dataclass(frozen=True, order=True)
class Name:
    text: str
    lang: str
    kind: str  # pref, alt, hidden or label
    graph: str


@dataclass(frozen=True, order=True)
class Relation:
    predicate: str
    predicate_label: str
    other: str
    other_label: str
    graph: str


Fact = TypeVar("Fact", Name, Relation)


@dataclass(frozen=True, order=True)
class Post:
    """One post, however many sources state it: what each called it and when each saw it."""

    post: str
    organization: str
    organization_label: str
    role: str
    role_label: str
    stated_as: tuple[str, ...]  # the titles the sources gave, each once, sorted
    observed_on: tuple[str, ...]  # the dates it was observed on, sorted


@dataclass(frozen=True, order=True)
class SignalLink:
    relation: str  # issued by, attributed to, addressed to (this entity)
    signal: str
    label: str
    date: str


@dataclass(frozen=True, order=True)
class Quote:
    claim: str
    source: str
    quote: str
    source_label: str = ""  # the document's title (or "publisher, date (untitled)")
    claim_label: str = ""  # the claim's display label (its prefixed name when it has none)


@dataclass(frozen=True, order=True)
class Card:
    iri: str
    label: str
    names: tuple[Name, ...]
    types: tuple[str, ...]
    outgoing: tuple[Relation, ...]
    incoming: tuple[Relation, ...]
    posts: tuple[Post, ...]
    signals: tuple[SignalLink, ...]
    quotes: tuple[Quote, ...]

    def stated(self, rows: tuple[Fact, ...]) -> list[tuple[Fact, str]]:
        """Each of ``rows`` (``names``, ``outgoing`` or ``incoming``) once, with the graphs that
        state it as ``graphs_text`` gives them."""
        return [(fact, graphs_text(graphs)) for fact, graphs in by_fact(rows)]

    def _repr_html_(self) -> str:
        """Jupyter's inline display (escaped, offline HTML)."""
        from policygraph.notebook import card_html

        return card_html(self)


Row = dict[str, Node]


def _rows(store: Store, sparql: str, entity: URIRef) -> list[Row]:
    # The IRI is written into the pattern (as resolve_entity's ASK does): Oxigraph plans a query
    # without knowing a substituted (or VALUES) variable is bound, and the quotes' UNION then
    # joins every evidence of the store (19 s at 1M triples, against 1 ms with the IRI written)
    head, _, where = sparql.partition("WHERE")
    result = store.query(f"{head}WHERE{where.replace('?entity', entity.n3())}")
    return [{str(k): v for k, v in row.items()} for row in result.bindings]


def _text(node: Node | None) -> str:
    if node is None:
        return ""
    return short_name(str(node)) if isinstance(node, URIRef) else str(node)


def show(store: Store, text: str, lang: str = "en") -> Card:
    """The card of the entity ``text`` names (IRI, prefixed name, slug or any label)."""
    entity = resolve_entity(store, text)
    rows = {name: _rows(store, q, entity) for name, q in QUERIES.items()}
    iris: set[URIRef] = {entity}
    for found in rows.values():
        for row in found:
            iris.update(v for v in row.values() if isinstance(v, URIRef))
    labels = display_labels(store, iris, lang)
    _name_claims(labels, entity, rows)

    def label(node: Node | None) -> str:
        if isinstance(node, URIRef):
            return labels.get(node, short_name(str(node)))
        return _text(node)

    names = [
        Name(
            str(r["text"]),
            language_tag(getattr(r["text"], "language", None) or ""),
            LABEL_KINDS.get(_local(r["kind"]), "label"),
            _text(r["graph"]),
        )
        for r in rows["labels"]
    ]
    return Card(
        iri=str(entity),
        label=labels[entity],
        names=tuple(sorted(names, key=lambda n: (n.kind != "pref", n.lang, n.text, n.graph))),
        types=tuple(sorted(_text(r["type"]) for r in rows["types"])),
        outgoing=_relations(rows["out"], "p", "o", label),
        incoming=_relations(rows["in"], "p", "s", label),
        posts=_posts(rows["posts"], label),
        signals=tuple(
            sorted(
                SignalLink(
                    SIGNAL_ROLES.get(_local(r["rel"]), _text(r["rel"])),
                    _text(r["signal"]),
                    label(r["signal"]),
                    _text(r.get("date")),
                )
                for r in rows["signals"]
            )
        ),
        quotes=tuple(
            sorted(
                Quote(
                    _text(r["claim"]),
                    _text(r["source"]),
                    str(r["quote"]),
                    label(r["source"]),
                    label(r["claim"]),
                )
                for r in rows["quotes"]
            )
        ),
    )


def _name_claims(labels: dict[URIRef, str], entity: URIRef, rows: dict[str, list[Row]]) -> None:
    """Posts and participations have no label: give them their sentence (``claim_sentence``)."""

    def of(node: Node | None) -> str:
        return labels.get(node, short_name(str(node))) if isinstance(node, URIRef) else ""

    def name(claim: Node, kind: str, who: Node, role: Node | None, what: Node) -> None:
        if isinstance(claim, URIRef) and of(claim) == short_name(str(claim)):
            labels[claim] = claim_sentence(kind, of(who), of(role), of(what))

    for r in rows["posts"]:  # the entity's own posts
        name(r["post"], "post", entity, r.get("role"), r["org"])
    for r in rows["staff"]:  # posts held in it
        name(r["post"], "post", r["member"], r.get("role"), entity)
    for r in rows["parts"]:  # its participations
        name(r["claim"], "part", entity, r.get("role"), r["event"])


def _posts(
    rows: Iterable[dict[str, Node]], label: Callable[[Node | None], str]
) -> tuple[Post, ...]:
    """One ``Post`` per post: the query gives a row per title and date of each."""
    stated: dict[tuple[str, str, str, str, str], set[str]] = {}
    observed: dict[tuple[str, str, str, str, str], set[str]] = {}
    for r in rows:
        key = (
            _text(r["post"]),
            _text(r["org"]),
            label(r["org"]),
            _text(r.get("role")),
            label(r.get("role")),
        )
        stated.setdefault(key, set()).update(filter(None, [_text(r.get("statedAs"))]))
        observed.setdefault(key, set()).update(filter(None, [_text(r.get("observed"))]))
    posts = (Post(*k, tuple(sorted(stated[k])), tuple(sorted(observed[k]))) for k in stated)
    return tuple(sorted(posts))


def _local(node: Node) -> str:
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _relations(
    rows: Iterable[dict[str, Node]], pred: str, other: str, label: Callable[[Node], str]
) -> tuple[Relation, ...]:
    found = {
        Relation(
            _text(r[pred]),
            label(r[pred]),
            _text(r[other]),
            label(r[other]) if not isinstance(r[other], Literal) else _literal(r[other]),
            _text(r["graph"]),
        )
        for r in rows
    }
    return tuple(sorted(found, key=lambda x: (x.predicate, x.other, x.graph)))


def _literal(node: Node) -> str:
    assert isinstance(node, Literal)
    return f"{node}@{language_tag(node.language)}" if node.language else str(node)


def by_fact(rows: Iterable[Fact]) -> list[tuple[Fact, tuple[str, ...]]]:
    """Each name or relation once (its ``graph`` left empty), with the graphs that state it,
    in the order of ``rows``: the same fact from five sources is one line, not five."""
    graphs: dict[Fact, set[str]] = {}
    for row in rows:
        graphs.setdefault(replace(row, graph=""), set()).add(row.graph)
    return [(fact, tuple(sorted(names))) for fact, names in graphs.items()]


def graphs_text(graphs: tuple[str, ...]) -> str:
    """``pgg:ref, 4 sources``: graphs other than sources' by name, sources' counted (their
    names are on the quotes and in ``policygraph support``); one graph by its name."""
    if len(graphs) == 1:
        return graphs[0]
    sources = sum(1 for g in graphs if g.startswith("pgg:src-"))
    named = [g for g in graphs if not g.startswith("pgg:src-")]
    counted = [f"{sources} source{'s' if sources > 1 else ''}"] if sources else []
    return ", ".join(named + counted)
