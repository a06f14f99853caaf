"""From the store's facts to the graph a view draws: which nodes, which edges, which labels.

By default n-ary nodes are folded: an ``org:Membership`` becomes an edge person -[role]->
organisation, a ``pg:Participation`` an edge participant -[capacity]-> event, and evidence
resources and selectors are dropped (their quotes go into the side panel). Ontology terms,
concept schemes, named graphs and concepts nothing points to are left out. ``raw`` draws every
RDF node and every triple between them instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from policygraph.dates import overlaps, parse_date
from policygraph.iris import short_name
from policygraph.names import normalise_name, pick_label
from policygraph.namespaces import FOAF, KOS, OA, ORG, OWL, PG, PGG, PROV, RDF, RDFS, SCHEMA, SKOS
from policygraph.views.facts import all_types
from policygraph.views.factset import Facts, Post
from policygraph.views.model import (
    EDGE_ORDER,
    ViewEdge,
    ViewModel,
    ViewNode,
    degrees,
    neighbourhood,
    restrict,
)
from policygraph.views.support import Backing, edge_kept, weak_claims

#: The legend group of a source document (an article, a statement...).
DOCUMENT_GROUP = "source document"
#: (class, legend group), the first class a node has decides its group.
GROUPS: tuple[tuple[str, str], ...] = (
    (str(PG.PolicySignal), "signal"),
    (str(SCHEMA.Event), "event"),
    (str(FOAF.Person), "person"),
    (str(ORG.Organization), "organisation"),
    (str(ORG.FormalOrganization), "organisation"),
    (str(ORG.OrganizationalUnit), "organisation"),
    (str(SCHEMA.Audience), "audience"),
    (str(PG.AgendaItem), "agenda item"),
    (str(SCHEMA.Place), "place"),
    (str(SCHEMA.Project), "programme"),
    (str(SCHEMA.EventSeries), "forum"),
    (str(SCHEMA.CreativeWork), DOCUMENT_GROUP),
    (str(PROV.Entity), DOCUMENT_GROUP),
)
PLUMBING_TYPES = {
    str(t)
    for t in (
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        OWL.Ontology,
        RDFS.Class,
        RDF.Property,
        SKOS.ConceptScheme,
        PG.AssertionGraph,
        PG.ReferenceGraph,
        ORG.Membership,
        PG.Participation,
        OA.SpecificResource,
        OA.TextQuoteSelector,
    )
}
HIDDEN_PREDICATES = {str(p) for p in (RDF.type, SKOS.inScheme, SKOS.narrower, PG.evidence)}
FOLDED_PREDICATES = {str(p) for p in (PG.participation,)}
DATE_PREDICATES = (
    str(PG.issuedOn),
    str(SCHEMA.startDate),
    str(PG.observedOn),
    "http://purl.org/dc/terms/issued",
)
CONCEPT = str(SKOS.Concept)
#: Legend names of concept schemes whose codes are abbreviations.
SCHEME_NAMES = {"srole": "expected role", "instr": "instrument", "prole": "participation role"}


@dataclass(frozen=True)
class Selection:
    """What to draw; the defaults draw the whole graph."""

    focus: str | None = None
    depth: int = 1
    iris: frozenset[str] | None = None  # the IRIs a SELECT query returned
    triples: tuple[tuple[str, str, str], ...] | None = None  # a CONSTRUCT query's graph
    types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    top: int | None = None
    raw: bool = False
    min_support: int = 0  # keep claims and facts stated by at least this many sources


def best_label(facts: Facts, iri: str, lang: str) -> str:
    """The preferred label in ``lang`` with fallback, else the prefixed name (memoised)."""
    key = (iri, lang)
    found = facts.best.get(key)
    if found is not None:
        return found
    by_lang: dict[str, str] = {}
    for tag, kind, text in facts.labels.get(iri, ()):
        if kind in ("pref", "title"):
            by_lang.setdefault(tag, text)
    best = pick_label(by_lang, lang)
    facts.best[key] = label = best if best is not None else short_name(iri)
    return label


def group_of(facts: Facts, iri: str, scheme: dict[str, str]) -> str:
    classes = all_types(facts, iri)
    if CONCEPT in classes:
        code = scheme.get(iri, "")
        name = code[len(str(KOS)) :] if code.startswith(str(KOS)) else "concept"
        return SCHEME_NAMES.get(name, name)
    for cls, group in GROUPS:
        if cls in classes:
            return group
    return "other"


def _is_content(facts: Facts, iri: str) -> bool:
    if iri.startswith((str(PGG), str(PG))) or iri.startswith("_:"):
        return False
    if not any(kind in ("pref", "title") for _, kind, _ in facts.labels.get(iri, ())):
        return False
    return not facts.types.get(iri, set()) & PLUMBING_TYPES


def _folded_edges(facts: Facts, lang: str, posts: list[Post], default: str) -> list[ViewEdge]:
    predicate = str(ORG.role) if default == "member of" else str(PG.participationRole)
    return [
        ViewEdge(
            p.member,
            p.target,
            predicate,
            best_label(facts, p.role, lang) if p.role else default,
            p.iri,
        )
        for p in posts
    ]


def _semantic(facts: Facts, lang: str, triples: list[tuple[str, str, str]]) -> ViewModel:
    ends = {n for t in triples for n in (t[0], t[2])}
    content = {n for n in ends if _is_content(facts, n)}
    concepts = {n for n in content if CONCEPT in all_types(facts, n)}
    things = content - concepts
    pointed = {o for s, p, o in triples if o in concepts and s in things}
    keep = things | pointed
    hidden = HIDDEN_PREDICATES | FOLDED_PREDICATES
    names = _predicate_labels(facts, lang, triples)
    edges = [
        ViewEdge(s, o, p, names[p])
        for s, p, o in triples
        if s in keep and o in keep and p not in hidden
    ]
    edges += _folded_edges(facts, lang, facts.posts, "member of")
    edges += _folded_edges(facts, lang, facts.participations, "took part in")
    edges = [e for e in edges if e.source in keep and e.target in keep]
    return _model(facts, lang, keep, edges)


def _predicate_labels(
    facts: Facts, lang: str, triples: list[tuple[str, str, str]]
) -> dict[str, str]:
    return {p: best_label(facts, p, lang) for p in {t[1] for t in triples}}


def _raw(facts: Facts, lang: str, triples: list[tuple[str, str, str]]) -> ViewModel:
    keep = {n for t in triples for n in (t[0], t[2])}
    names = _predicate_labels(facts, lang, triples)
    edges = [ViewEdge(s, o, p, names[p]) for s, p, o in triples]
    return _model(facts, lang, keep, edges)


def _model(facts: Facts, lang: str, keep: set[str], edges: list[ViewEdge]) -> ViewModel:
    in_scheme = str(SKOS.inScheme)  # a concept in several schemes: the greatest scheme IRI
    scheme = dict(sorted((s, o) for s, p, o in facts.triples if p == in_scheme))
    nodes = {}
    for iri in sorted(keep):
        label = best_label(facts, iri, lang)
        names = sorted({text for _, _, text in facts.labels.get(iri, ())} | {short_name(iri)})
        group = group_of(facts, iri, scheme)
        nodes[iri] = ViewNode(
            iri, label, group, tuple(names), f"{label}\n{group}\n{short_name(iri)}"
        )
    unique = sorted(set(edges), key=EDGE_ORDER)
    return ViewModel(nodes, unique)


def _dates(facts: Facts) -> dict[str, str]:
    dates: dict[str, str] = {}
    for iri, values in facts.literals.items():
        for predicate, text in values:
            value = parse_date(text[:10]) if predicate in DATE_PREDICATES else None
            if value is not None:
                dates[iri] = min(dates.get(iri, value), value)
    for post in facts.posts:
        if post.date and parse_date(post.date):
            dates[post.iri] = post.date
    return dates


def supported(facts: Facts, model: ViewModel, backing: Backing, k: int) -> ViewModel:
    """The part of ``model`` that ``k`` sources back (see ``views.support``); nodes left with
    no edge by the cut go too (nodes that had none stay, as without ``min_support``)."""
    linked = {n for e in model.edges for n in (e.source, e.target)}
    model = restrict(model, set(model.nodes) - weak_claims(facts, set(model.nodes), backing, k))
    model.edges = [
        e for e in model.edges if edge_kept(e.source, e.predicate, e.target, e.via, backing, k)
    ]
    still = {n for e in model.edges for n in (e.source, e.target)}
    return restrict(model, set(model.nodes) - (linked - still))


def select(
    facts: Facts, selection: Selection, lang: str = "en", backing: Backing | None = None
) -> ViewModel:
    """The graph to draw for ``selection``; ``backing`` is needed for ``min_support``."""
    triples = list(selection.triples) if selection.triples is not None else facts.triples
    build = _raw if selection.raw else _semantic
    model = build(facts, lang, triples)
    filtered = False
    if selection.min_support > 0:
        if backing is None:
            raise ValueError("select(): min_support needs the backing read from the store")
        model = supported(facts, model, backing, selection.min_support)
    if selection.iris is not None:
        model, filtered = restrict(model, set(selection.iris)), True
    if selection.types:
        wanted = set(selection.types)
        model = restrict(model, {n for n in model.nodes if all_types(facts, n) & wanted})
        filtered = True
    if selection.since or selection.until:
        dates = _dates(facts)

        def inside(key: str) -> bool:
            return key not in dates or overlaps(dates[key], selection.since, selection.until)

        model = restrict(model, {n for n in model.nodes if inside(n)})
        model.edges = [e for e in model.edges if not e.via or inside(e.via)]
        filtered = True
    if filtered:  # drop what the filters cut off from everything
        connected = {n for e in model.edges for n in (e.source, e.target)}
        model = restrict(model, connected | (set(selection.iris or ()) & set(model.nodes)))
    if selection.focus is not None:
        model = restrict(model, neighbourhood(model, selection.focus, selection.depth))
    elif selection.iris is None and selection.triples is None and not selection.types:
        model = _without_lone_documents(model)  # the whole graph
    if selection.top is not None:
        ranked = sorted(degrees(model).items(), key=lambda kv: (-kv[1], kv[0]))
        model = restrict(model, {n for n, _ in ranked[: selection.top]})
    return model


def _without_lone_documents(model: ViewModel) -> ViewModel:
    """``model`` without the source documents no drawn edge touches. What a source states is
    tied to it by evidence, which views fold away; a document stays where a reading is
    attributed to it. (A dot tied to nothing, one per source, said nothing in the overview.)"""
    connected = {n for e in model.edges for n in (e.source, e.target)}
    lone = {
        n for n, node in model.nodes.items() if node.group == DOCUMENT_GROUP and n not in connected
    }
    return restrict(model, set(model.nodes) - lone) if lone else model


def search_keys(node: ViewNode) -> list[str]:
    """Normalised names the search box matches against (see ``names.normalise_name``)."""
    return sorted({k for k in (normalise_name(n) for n in node.names) if k})
