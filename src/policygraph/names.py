"""Display labels and finding entities by name, in any language.

Names are compared after normalisation: Unicode NFKC (full-width to half-width), case folding,
tone marks and other combining marks removed, spaces and punctuation dropped. So "He Qing",
"贺青", "hè qīng" and "heqing" all find the same person.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policygraph.errors import AmbiguousError, NotFoundError
from policygraph.iris import expand_name, language_tag, short_name
from policygraph.labelindex import label_index
from policygraph.namespaces import LANGUAGES, sparql_prologue
from policygraph.normalise import normalise_name as normalise_name

if TYPE_CHECKING:  # rdflib only where names are looked up: a view's labels need none of it
    from rdflib import URIRef

    from policygraph.store import Store

__all__ = [
    "Match",
    "display_labels",
    "expand_name",
    "fallback_order",
    "find_entities",
    "language_tag",
    "normalise_name",
    "pick_label",
    "resolve_entity",
    "short_name",
]

LABEL_PATHS = "skos:prefLabel|skos:altLabel|skos:hiddenLabel|rdfs:label"


#: Chinese in either script: a reader of one reads the other before any other language.
CHINESE_SCRIPTS = ("zh", "zh-Hant", "zh-Hans")


@functools.lru_cache(maxsize=64)
def fallback_order(lang: str) -> tuple[str, ...]:
    """``lang`` first (for Chinese, then its other scripts: 香港金融管理局 for ``zh``), then the
    other display languages, then Chinese in any script, then untagged."""
    lang = language_tag(lang)
    first = (
        (lang, *(c for c in CHINESE_SCRIPTS if c != lang)) if lang in CHINESE_SCRIPTS else (lang,)
    )
    rest = (t for t in (*LANGUAGES, *CHINESE_SCRIPTS) if t not in first)
    return (*first, *dict.fromkeys(rest), "")


def pick_label(by_lang: Mapping[str, str], lang: str) -> str | None:
    """The label of ``by_lang`` (canonical tag -> text) to show for ``lang``, with fallback."""
    return next((by_lang[tag] for tag in fallback_order(lang) if tag in by_lang), None)


def display_labels(store: Store, iris: Iterable[URIRef], lang: str = "en") -> dict[URIRef, str]:
    """The best ``skos:prefLabel`` (or ``rdfs:label``) of each IRI in ``lang``, with fallback."""
    wanted = sorted(set(iris), key=str)  # IRIs: as rdflib orders them, without its __lt__
    if not wanted:
        return {}
    values = " ".join(iri.n3() for iri in wanted)
    query = sparql_prologue() + (
        f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }} ?s skos:prefLabel|rdfs:label ?l }}"
    )
    from rdflib import Literal, URIRef

    found: dict[URIRef, dict[str, str]] = {}
    for row in store.query(query):
        subject, label = row[0], row[1]  # type: ignore[index]
        if isinstance(subject, URIRef) and isinstance(label, Literal):
            tag = language_tag(label.language or "")
            known = found.setdefault(subject, {})
            # the same answer whatever order a store gives the rows in
            known[tag] = min(known.get(tag, str(label)), str(label))
    labels = {}
    for iri in wanted:
        best = pick_label(found.get(iri, {}), lang)
        labels[iri] = best if best is not None else short_name(str(iri))
    return labels


@dataclass(frozen=True)
class Match:
    iri: URIRef
    label: str  # the name that matched
    exact: bool  # matched the whole normalised name (not only a part of it)


def _candidates(store: Store, text: str) -> list[Match]:
    """Entities one of whose labels (or whose slug) is ``text`` once normalised, or contains it."""
    from rdflib import URIRef

    key = normalise_name(text)
    exact: dict[str, tuple[int, str]] = {}
    partial: dict[str, tuple[int, str]] = {}
    for entry in label_index(store).containing(key):
        if entry.kind == "local":
            continue
        shown = (len(entry.label), entry.label)
        if entry.key == key:
            exact[entry.iri] = min(exact.get(entry.iri, shown), shown)
        elif entry.kind == "label":
            partial[entry.iri] = min(partial.get(entry.iri, shown), shown)
    matches = [Match(URIRef(i), label, True) for i, (_, label) in exact.items()]
    matches += [Match(URIRef(i), lb, False) for i, (_, lb) in partial.items() if i not in exact]
    return sorted(matches, key=lambda m: (not m.exact, len(m.label), str(m.iri)))


def find_entities(store: Store, text: str) -> list[Match]:
    """Entities whose IRI, slug or any label matches ``text``; exact matches first."""
    return _candidates(store, text)


def resolve_entity(store: Store, text: str) -> URIRef:
    """One entity for ``text`` (IRI, prefixed name, slug or any label), or a clear error."""
    iri = expand_name(text)
    if iri is not None:
        ask = f"ASK {{ {{ {iri.n3()} ?p ?o }} UNION {{ ?s ?p {iri.n3()} }} }}"
        if not store.query(ask).askAnswer:
            raise NotFoundError(f"no entity {short_name(str(iri))} in the graph")
        return iri
    matches = _candidates(store, text)
    exact = [m for m in matches if m.exact]
    chosen = exact or matches
    if len(chosen) == 1:
        return chosen[0].iri
    if not chosen:
        raise NotFoundError(
            f"no entity is named {text!r}", hint="try `policygraph search TEXT` for partial matches"
        )
    listing = "\n".join(f"  {short_name(str(m.iri))}  ({m.label})" for m in chosen[:20])
    raise AmbiguousError(
        f"{text!r} matches {len(chosen)} entities:\n{listing}",
        hint="give the IRI or slug of the one you mean",
    )
