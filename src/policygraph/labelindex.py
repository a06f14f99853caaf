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
import struct
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from policygraph.atomic import write_atomic
from policygraph.iris import language_tag
from policygraph.namespaces import sparql_prologue
from policygraph.normalise import normalise_name
from policygraph.store import Store
from policygraph.stores.oxigraph import OxigraphStore

log = logging.getLogger(__name__)

MAGIC = "policygraph-names 2"
Q_LABELS = sparql_prologue() + (
    "SELECT DISTINCT ?s ?l WHERE { ?s skos:prefLabel|skos:altLabel|skos:hiddenLabel|rdfs:label ?l"
    " FILTER(isIRI(?s) && isLiteral(?l)) }"
)
LABEL_PREDICATES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
)
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


@dataclass(frozen=True)
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
    if isinstance(store, OxigraphStore):  # straight from the index of the default graph
        import pyoxigraph as ox

        union = ox.DefaultGraph()
        for predicate in LABEL_PREDICATES:
            name = ox.NamedNode(predicate)
            for quad in store.inner.quads_for_pattern(None, name, None, union):
                s, label = quad.subject, quad.object
                if type(s) is ox.NamedNode and type(label) is ox.Literal:
                    yield s.value, label.value, language_tag(label.language or "")
        return
    for row in store.query(Q_LABELS):
        iri, text = row[0], row[1]  # type: ignore[index]
        yield str(iri), str(text), language_tag(getattr(text, "language", None) or "")


def build_entries(store: Store) -> list[Entry]:
    """Every name of every labelled entity, sorted (same store, same entries)."""
    rows: set[tuple[str, str, str, str, str]] = set()  # tuples sort in C, dataclasses do not
    shortest: dict[str, str] = {}
    for iri, label, lang in _labels(store):
        rows.add((normalise_name(label), "label", iri, label, lang))
        known = shortest.get(iri)
        if known is None or (len(label), label) < (len(known), known):
            shortest[iri] = label
    for iri, label in shortest.items():
        rows.add((normalise_name(iri.rsplit("/", 1)[-1]), "slug", iri, label, ""))
        local = local_name(iri)
        rows.add((normalise_name(local), "local", iri, local, "slug"))
    return [Entry(*row) for row in sorted(rows) if row[0]]


@dataclass(frozen=True)
class LabelIndex:
    """One bytes block, as kept on disk: a header line, the keys (one per line), the records
    (kind, iri, label, lang; tab-separated, escaped; one per line, in the keys' order), and
    the offset of each record (uint32, little-endian). Loading it reads the file and nothing
    else; a lookup searches the keys' block in place (UTF-8: a match is a whole-character one)
    and decodes only the records that match."""

    data: bytes
    keys: tuple[int, int]  # start and end of the keys' block
    records: int  # start of the records' block
    offsets: int  # start of the offsets' block

    @classmethod
    def of(cls, entries: list[Entry]) -> LabelIndex:
        keys = "".join(f"{e.key}\n" for e in entries).encode("utf-8")
        lines = ["\t".join(map(_escape, (e.kind, e.iri, e.label, e.lang))) for e in entries]
        records = "".join(f"{line}\n" for line in lines).encode("utf-8")
        offsets, at = array("I"), 0
        for line in lines:
            offsets.append(at)
            at += len(line.encode("utf-8")) + 1
        if sys.byteorder != "little":
            offsets.byteswap()
        head = f"{MAGIC}\t{len(entries)}\t{len(keys)}\t{len(records)}\n".encode("ascii")
        found = cls.load(head + keys + records + offsets.tobytes())
        if found is None:
            raise AssertionError("a label index that does not read back")
        return found

    @classmethod
    def load(cls, data: bytes) -> LabelIndex | None:
        """The index in ``data``, or ``None`` if it is not one (or not whole)."""
        head, sep, _ = data[:200].partition(b"\n")
        fields = head.decode("ascii", "replace").split("\t")
        if not sep or len(fields) != 4 or fields[0] != MAGIC or not "".join(fields[1:]).isdigit():
            return None
        count, size, records = (int(f) for f in fields[1:])
        start = len(head) + 1
        if len(data) != start + size + records + 4 * count:
            return None
        return cls(data, (start, start + size), start + size, start + size + records)

    def containing(self, key: str) -> Iterator[Entry]:
        """Entries whose key contains ``key`` (a normalised name: no line feed, no tab)."""
        data, (start, stop), needle = self.data, self.keys, key.encode("utf-8")
        line, counted = 0, start
        while needle:
            found = data.find(needle, start, stop)
            if found < 0:
                return
            line += data.count(b"\n", counted, found)
            begin, end = data.rfind(b"\n", 0, found) + 1, data.index(b"\n", found)
            (offset,) = struct.unpack_from("<I", data, self.offsets + 4 * line)
            at = self.records + offset
            record = data[at : data.index(b"\n", at)].decode("utf-8")
            kind, iri, label, lang = map(_unescape, record.split("\t"))
            yield Entry(
                data[max(begin, self.keys[0]) : end].decode("utf-8"), kind, iri, label, lang
            )
            start = counted = end + 1
            line += 1

    def dump(self) -> bytes:
        return self.data


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
        found = LabelIndex.load(path.read_bytes())
        if found is not None:
            return found
    index = LabelIndex.of(build_entries(store))
    if path is not None:
        try:
            write_atomic(path, index.dump())
        except OSError as err:  # a read-only store still answers, without keeping the index
            log.debug("cannot keep the label index at %s: %s", path, err)
    return index
