"""A whole-graph view's facts in one pass over Oxigraph's union (its default graph).

What ``views.facts`` reads with queries on other stores (triples, literals, labels, types,
subclass links, posts, participations and quotes) is read here from the quads themselves, without
a term object or a query answer row per triple: the first cost of a big view. Posts,
participations and quotes are joined in Python from the triples the pass keeps aside, row for
row as the queries ``Q_POSTS``, ``Q_PARTS`` and ``Q_QUOTES`` of ``views.facts`` give them (each
optional value left out is ``""``); three SPARQL queries cost a tenth of a 1,000-source overview.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from policygraph.iris import language_tag
from policygraph.namespaces import OA, ORG, PG
from policygraph.stores.oxigraph import OxigraphStore
from policygraph.views.factset import Facts, Post

LABEL_KINDS = {
    "http://www.w3.org/2004/02/skos/core#prefLabel": "pref",
    "http://www.w3.org/2000/01/rdf-schema#label": "pref",
    "http://purl.org/dc/terms/title": "title",
    "http://www.w3.org/2004/02/skos/core#altLabel": "alt",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel": "hidden",
}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
MEMBERSHIP = str(ORG.Membership)
#: Links to a resource (an IRI or ``_:id``) that the joins follow: a literal there joins nothing.
NODE_LINKS = {
    str(p) for p in (ORG.member, ORG.organization, PG.participation, PG.participant, PG.evidence)
} | {str(OA.hasSelector)}
#: Values the joins read as text (``facts._text``: a literal's text, an IRI, a blank node's id).
TEXT_LINKS = {
    str(p)
    for p in (ORG.role, PG.observedOn, PG.statedAs, PG.participationRole, OA.exact, OA.hasSource)
}
Links = dict[str, dict[str, list[str]]]  # predicate -> subject -> objects
#: A folded node: (membership or participation, member, organisation or event, role, date,
#: wording), the fields of ``views.facts.Post``.
Folded = tuple[str, str, str, str, str, str]


def read_union(store: OxigraphStore) -> Facts:
    """Every triple of the union, read into a view's facts (see the module's docstring)."""
    import pyoxigraph as ox

    iri, blank, literal = ox.NamedNode, ox.BlankNode, ox.Literal
    facts = Facts()
    triples, literals, labels = facts.triples, facts.literals, facts.labels
    types, superclasses = facts.types, facts.superclasses
    nodes: Links = {p: {} for p in NODE_LINKS}
    texts: Links = {p: {} for p in TEXT_LINKS}
    for s, p, o, _ in store.inner.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        named = type(s) is iri
        if named:
            subject = s.value
        elif type(s) is blank:
            subject = "_:" + s.value
        else:
            continue
        predicate, kind = p.value, type(o)
        if kind is literal:
            literals[subject].append((predicate, o.value))
            if predicate in LABEL_KINDS:
                tag = o.language
                text = (language_tag(tag) if tag else "", LABEL_KINDS[predicate], o.value)
                labels[subject].append(text)
            elif predicate in TEXT_LINKS:
                texts[predicate].setdefault(subject, []).append(o.value)
        elif kind is iri:
            value = o.value
            triples.append((subject, predicate, value))
            if predicate == RDF_TYPE:
                types[subject].add(value)
            elif predicate == SUBCLASS_OF and named:
                superclasses[subject].add(value)
            elif predicate in NODE_LINKS:
                nodes[predicate].setdefault(subject, []).append(value)
            elif predicate in TEXT_LINKS:
                texts[predicate].setdefault(subject, []).append(value)
        elif kind is blank:
            value = "_:" + o.value
            triples.append((subject, predicate, value))
            if predicate in NODE_LINKS:
                nodes[predicate].setdefault(subject, []).append(value)
            elif predicate in TEXT_LINKS:
                texts[predicate].setdefault(subject, []).append(o.value)
    facts.posts.extend(Post(*row) for row in _posts(types, nodes, texts))
    facts.participations.extend(Post(*row) for row in _participations(nodes, texts))
    for s, quote, doc in _quotes(nodes, texts):
        facts.quotes[s].append((quote, doc))
    return facts


def _optional(values: list[str] | None) -> list[str]:
    return values or [""]


def _posts(types: dict[str, set[str]], nodes: Links, texts: Links) -> Iterator[Folded]:
    """``Q_POSTS``: each membership with its member and organisation (role, date, wording)."""
    members, organisations = nodes[str(ORG.member)], nodes[str(ORG.organization)]
    roles, dates = texts[str(ORG.role)], texts[str(PG.observedOn)]
    stated = texts[str(PG.statedAs)]
    for m, people in members.items():
        if MEMBERSHIP not in types.get(m, ()) or m not in organisations:
            continue
        for person, org, role, date, words in itertools.product(
            people,
            organisations[m],
            _optional(roles.get(m)),
            _optional(dates.get(m)),
            _optional(stated.get(m)),
        ):
            yield m, person, org, role, date, words


def _participations(nodes: Links, texts: Links) -> Iterator[Folded]:
    """``Q_PARTS``: each participation with its event and participant (and capacity)."""
    participants, roles = nodes[str(PG.participant)], texts[str(PG.participationRole)]
    for event, parts in nodes[str(PG.participation)].items():
        for x in parts:
            for who in participants.get(x, ()):
                for role in _optional(roles.get(x)):
                    yield x, who, event, role, "", ""


def _quotes(nodes: Links, texts: Links) -> Iterator[tuple[str, str, str]]:
    """``Q_QUOTES``: (claim, quote, source document or "") through each evidence's selector."""
    selectors, exact = nodes[str(OA.hasSelector)], texts[str(OA.exact)]
    sources = texts[str(OA.hasSource)]
    for s, evidence in nodes[str(PG.evidence)].items():
        for ev in evidence:
            for selector in selectors.get(ev, ()):
                for quote in exact.get(selector, ()):
                    for doc in _optional(sources.get(ev)):
                        yield s, quote, doc
