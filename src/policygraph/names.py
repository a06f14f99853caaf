"""Display labels and finding entities by name, in any language.

Names are compared after normalisation: Unicode NFKC (full-width to half-width), case folding,
tone marks and other combining marks removed, spaces and punctuation dropped. So "He Qing",
"贺青", "hè qīng" and "heqing" all find the same person.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Literal, URIRef

from policygraph.errors import AmbiguousError, NotFoundError
from policygraph.labelindex import label_index
from policygraph.normalise import normalise_name as normalise_name
from policygraph.store import Store
from policygraph.vocab import LANGUAGES, PREFIXES, sparql_prologue

LABEL_PATHS = "skos:prefLabel|skos:altLabel|skos:hiddenLabel|rdfs:label"


def language_tag(tag: str) -> str:
    """A BCP 47 tag in its conventional case: ``zh-Latn-pinyin``, ``en-GB``.

    The one place tags are canonicalised: Oxigraph lower-cases them (``zh-latn-pinyin``) and
    rdflib keeps them as written, so every tag read from a store goes through here.
    """
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def fallback_order(lang: str) -> tuple[str, ...]:
    """``lang`` first, then the other display languages, then untagged."""
    lang = language_tag(lang)
    return (lang, *(other for other in LANGUAGES if other != lang), "")


def pick_label(by_lang: Mapping[str, str], lang: str) -> str | None:
    """The label of ``by_lang`` (canonical tag -> text) to show for ``lang``, with fallback."""
    return next((by_lang[tag] for tag in fallback_order(lang) if tag in by_lang), None)


@functools.lru_cache(maxsize=65536)
def short_name(iri: str) -> str:
    """``pgr:person-he-qing`` for a policygraph IRI, else the IRI itself."""
    for name, base in PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return f"{name}:{iri[len(base) :]}"
    return iri


def display_labels(store: Store, iris: Iterable[URIRef], lang: str = "en") -> dict[URIRef, str]:
    """The best ``skos:prefLabel`` (or ``rdfs:label``) of each IRI in ``lang``, with fallback."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    values = " ".join(iri.n3() for iri in wanted)
    query = sparql_prologue() + (
        f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }} ?s skos:prefLabel|rdfs:label ?l }}"
    )
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


def expand_name(text: str) -> URIRef | None:
    """An IRI written as ``<...>``, ``http...`` or a declared prefixed name, else ``None``."""
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if text.startswith(("http://", "https://", "urn:")):
        return URIRef(text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES:
        return URIRef(PREFIXES[prefix] + local)
    return None


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
