"""``policygraph search``: ranked matches over every label of every entity, in every language.

Names are compared after ``names.normalise_name`` (case, width, tone marks, spaces). A whole-name
match ranks above a prefix match, which ranks above a match inside the name; shorter names
first within a rank. Each entity appears once, with its best-matching label.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from policygraph.errors import NotFoundError, QueryError
from policygraph.iris import expand_name, short_name
from policygraph.labelindex import label_index
from policygraph.names import normalise_name
from policygraph.namespaces import sparql_prologue
from policygraph.store import Store

RANKS = ("exact", "prefix", "substring")
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


def _types(store: Store, iris: list[str]) -> dict[str, set[str]]:
    """The classes of each of ``iris`` (one query, whatever their number)."""
    types: dict[str, set[str]] = {}
    for start in range(0, len(iris), 5000):
        values = " ".join(f"<{iri}>" for iri in iris[start : start + 5000])
        query = f"SELECT ?s ?type WHERE {{ VALUES ?s {{ {values} }} ?s a ?type }}"
        for row in store.query(query):
            subject, kind = row[0], row[1]  # type: ignore[index]
            types.setdefault(str(subject), set()).add(str(kind))
    return types


def search(store: Store, text: str, type_: str | None = None, limit: int = 20) -> list[Hit]:
    """Entities whose labels (or slug) match ``text``, best first."""
    key = normalise_name(text)
    if not key:
        raise QueryError("nothing to search for", hint="give a name or part of one")
    allowed: set[str] | None = None
    if type_:
        cls = resolve_class(store, type_)
        allowed = {str(row[1]) for row in store.query(_SUBCLASSES, {"class": cls})}  # type: ignore[index]
    best: dict[str, tuple[int, int, str, str]] = {}
    for entry in label_index(store).containing(key):
        if entry.kind == "slug":
            continue
        rank = _rank(key, entry.key)
        if rank is not None and not (entry.kind == "local" and rank == 2):
            score = (rank, len(entry.label), entry.label, entry.lang)
            if entry.iri not in best or score < best[entry.iri]:
                best[entry.iri] = score
    types = _types(store, sorted(best))
    hits = []
    for subject, (rank, _, name, lang) in best.items():
        kinds = types.get(subject, set())
        if allowed is not None and not kinds & allowed:
            continue
        shown = tuple(sorted(short_name(k) for k in kinds))
        hits.append(Hit(subject, name, lang, RANKS[rank], shown))
    hits.sort(key=lambda h: (RANKS.index(h.rank), len(h.label), h.label, h.iri))
    return hits[:limit]
