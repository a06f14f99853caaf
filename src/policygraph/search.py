"""``policygraph search``: ranked matches over every label of every entity, in every language.

Names are compared after ``names.normalise_name`` (case, width, tone marks, spaces). A whole-name
match ranks above a prefix match, which ranks above a match inside the name; shorter names
first within a rank. Each entity appears once, with its best-matching label.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef

from policygraph.errors import NotFoundError, QueryError
from policygraph.iris import expand_name, language_tag, short_name
from policygraph.names import normalise_name
from policygraph.store import Store
from policygraph.vocab import sparql_prologue

RANKS = ("exact", "prefix", "substring")
_LABELS = (
    sparql_prologue()
    + """SELECT ?s ?label ?type WHERE {
  ?s skos:prefLabel|skos:altLabel|skos:hiddenLabel|rdfs:label ?label .
  FILTER(isIRI(?s)) OPTIONAL { ?s a ?type } }"""
)
_CLASSES = (
    sparql_prologue()
    + """SELECT DISTINCT ?class WHERE {
  { ?x a ?class } UNION { ?class rdfs:subClassOf ?other }
  UNION { ?other rdfs:subClassOf ?class } }"""
)
_SUBCLASSES = (
    sparql_prologue() + "SELECT DISTINCT ?class ?sub WHERE { ?sub rdfs:subClassOf* ?class }"
)


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str
    lang: str
    rank: str  # exact, prefix or substring
    types: tuple[str, ...]


def _rank(key: str, name: str) -> int | None:
    if not name or not key:
        return None
    if name == key:
        return 0
    if name.startswith(key):
        return 1
    return 2 if key in name else None


def resolve_class(store: Store, text: str) -> URIRef:
    """A class by IRI, prefixed name or local name (``Person``, ``foaf:Person``)."""
    iri = expand_name(text)
    if iri is not None:
        return iri
    classes = [row[0] for row in store.query(_CLASSES)]  # type: ignore[index]
    wanted = text.casefold()
    found = sorted({c for c in classes if isinstance(c, URIRef) and _local(c) == wanted})
    if len(found) == 1:
        return found[0]
    if not found:
        known = ", ".join(sorted({short_name(str(c)) for c in classes if isinstance(c, URIRef)}))
        raise NotFoundError(f"no class {text!r}", hint=f"known classes: {known}")
    raise QueryError(
        f"class {text!r} is ambiguous: " + ", ".join(short_name(str(c)) for c in found),
        hint="give it as a prefixed name",
    )


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1].casefold()


def search(store: Store, text: str, type_: str | None = None, limit: int = 20) -> list[Hit]:
    """Entities whose labels (or slug) match ``text``, best first."""
    key = normalise_name(text)
    if not key:
        raise QueryError("nothing to search for", hint="give a name or part of one")
    allowed: set[str] | None = None
    if type_:
        cls = resolve_class(store, type_)
        allowed = {str(row[1]) for row in store.query(_SUBCLASSES, {"class": cls})}  # type: ignore[index]
    best: dict[URIRef, tuple[int, int, str, str]] = {}
    types: dict[URIRef, set[str]] = {}
    for row in store.query(_LABELS):
        subject, label, kind = row[0], row[1], row[2]  # type: ignore[index]
        if not isinstance(subject, URIRef) or not isinstance(label, Literal):
            continue
        if kind is not None:
            types.setdefault(subject, set()).add(str(kind))
        candidates = [(str(label), language_tag(label.language or "")), (_local(subject), "slug")]
        for name, lang in candidates:
            rank = _rank(key, normalise_name(name))
            if rank is not None and not (lang == "slug" and rank == 2):
                score = (rank, len(name), name, lang)
                if subject not in best or score < best[subject]:
                    best[subject] = score
    hits = []
    for subject, (rank, _, name, lang) in best.items():
        kinds = types.get(subject, set())
        if allowed is not None and not kinds & allowed:
            continue
        shown = tuple(sorted(short_name(k) for k in kinds))
        hits.append(Hit(str(subject), name, lang, RANKS[rank], shown))
    hits.sort(key=lambda h: (RANKS.index(h.rank), len(h.label), h.label, h.iri))
    return hits[:limit]
