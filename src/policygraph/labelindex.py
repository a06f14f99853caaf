"""A label index: every name of every entity, normalised once, so a lookup reads no label.

``show``, ``search`` and ``--focus`` find entities by any label or slug after
``normalise.normalise_name``. Reading and normalising every label on each call took seconds at
1M triples; the index holds the normalised keys as one string (a lookup is a substring search
in C) and decodes only the entries that match. An embedded store's versions never change once
published, so its index is built once per version and kept beside it (``v000007.names``); other
stores build it per call.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from policygraph.atomic import write_atomic
from policygraph.normalise import normalise_name
from policygraph.store import Store
from policygraph.stores.oxigraph import OxigraphStore
from policygraph.stores.terms import language_tag
from policygraph.vocab import sparql_prologue

log = logging.getLogger(__name__)

MAGIC = "policygraph-names 1"
Q_LABELS = sparql_prologue() + (
    "SELECT DISTINCT ?s ?l WHERE { ?s skos:prefLabel|skos:altLabel|skos:hiddenLabel|rdfs:label ?l"
    " FILTER(isIRI(?s) && isLiteral(?l)) }"
)
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


@dataclass(frozen=True, order=True)
class Entry:
    """One name of an entity: ``kind`` is ``label``, ``slug`` (the IRI's last path segment,
    shown with the entity's shortest label) or ``local`` (the local name after ``#`` or ``/``)."""

    key: str
    kind: str
    iri: str
    label: str
    lang: str


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"t": "\t", "n": "\n", "r": "\r"}.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1].casefold()


def _labels(store: Store) -> Iterator[tuple[str, str, str]]:
    """(subject IRI, label, canonical language tag) of every label, from any store."""
    if isinstance(store, OxigraphStore):
        for solution in store.inner.query(Q_LABELS):  # type: ignore[union-attr]
            s, label = solution[0], solution[1]
            yield s.value, label.value, language_tag(label.language or "")
        return
    for row in store.query(Q_LABELS):
        s, label = row[0], row[1]  # type: ignore[index]
        yield str(s), str(label), language_tag(getattr(label, "language", None) or "")


def build_entries(store: Store) -> list[Entry]:
    """Every name of every labelled entity, sorted (same store, same entries)."""
    entries: set[Entry] = set()
    shortest: dict[str, str] = {}
    for iri, label, lang in _labels(store):
        entries.add(Entry(normalise_name(label), "label", iri, label, lang))
        known = shortest.get(iri)
        if known is None or (len(label), label) < (len(known), known):
            shortest[iri] = label
    for iri, label in shortest.items():
        entries.add(Entry(normalise_name(iri.rsplit("/", 1)[-1]), "slug", iri, label, ""))
        local = local_name(iri)
        entries.add(Entry(normalise_name(local), "local", iri, local, "slug"))
    return sorted(e for e in entries if e.key)


@dataclass(frozen=True)
class LabelIndex:
    """Keys one per line, and the matching records (kind, iri, label, lang; escaped)."""

    keys: str  # "\n".join(keys) + "\n"
    records: list[str]

    @classmethod
    def of(cls, entries: list[Entry]) -> LabelIndex:
        keys = "".join(f"{e.key}\n" for e in entries)
        records = ["\t".join(map(_escape, (e.kind, e.iri, e.label, e.lang))) for e in entries]
        return cls(keys, records)

    def containing(self, key: str) -> Iterator[Entry]:
        """Entries whose key contains ``key`` (a normalised name: no line feed)."""
        keys, start, line, counted = self.keys, 0, 0, 0
        while key:
            found = keys.find(key, start)
            if found < 0:
                return
            line += keys.count("\n", counted, found)
            end = keys.index("\n", found)
            kind, iri, label, lang = map(_unescape, self.records[line].split("\t"))
            yield Entry(keys[keys.rfind("\n", 0, found) + 1 : end], kind, iri, label, lang)
            start = counted = end + 1
            line += 1

    def dump(self) -> str:
        return f"{MAGIC}\t{len(self.keys)}\n{self.keys}" + "\n".join(self.records) + "\n"

    @classmethod
    def load(cls, text: str) -> LabelIndex | None:
        head, sep, rest = text.partition("\n")
        magic, _, size = head.rpartition("\t")
        if not sep or magic != MAGIC or not size.isdigit():
            return None
        keys, body = rest[: int(size)], rest[int(size) :]
        records = body.split("\n")[:-1]
        return cls(keys, records) if len(records) == keys.count("\n") else None


def _index_path(store: Store) -> Path | None:
    """Where an embedded store's version keeps its index (``None`` for other stores)."""
    if not isinstance(store, OxigraphStore) or store.kind != "oxigraph" or not store.label:
        return None
    folder = Path(store.label)
    return folder.with_name(folder.name + ".names") if folder.is_dir() else None


def label_index(store: Store) -> LabelIndex:
    """The store's label index: read beside an embedded store's version, or built."""
    path = _index_path(store)
    if path is not None and path.exists():
        found = LabelIndex.load(path.read_text(encoding="utf-8"))
        if found is not None:
            return found
    index = LabelIndex.of(build_entries(store))
    if path is not None:
        try:
            write_atomic(path, index.dump())
        except OSError as err:  # a read-only store still answers, without keeping the index
            log.debug("cannot keep the label index at %s: %s", path, err)
    return index
