"""What each record file gave when it was last read, kept between runs and keyed by its bytes.

Reading a record file (YAML, then every field checked and typed) is most of ``load_records``'
time, and in a tracker of a thousand sources a rebuild changes one file or two. An entry holds
what ``reading.read_record_file`` gives for one file: its records, curation note and problems.
It is keyed by a SHA-256 of the file's path and bytes, of the cache format and of the source
code of the modules that read records (``records/*.py`` and the few they call outside it), so
an edit to either reads the file again. The one thing a file's reading takes from elsewhere is
whether the source it names exists: an entry remembers that source and is used only while it
does (a file naming an unknown source is not kept: its message suggests other sources' ids).
The cross-file checks (ids, restatements, references, quotes, values) run on every load, on
cached records as on new ones.

Entries are files, ``<project>/.policygraph/cache/records/<key>.json`` (``checkedjson``); a run
writes the entries it made and removes those no file used. Values are tagged JSON (tuples,
mappings, decimals and nested records keep their types); a record holding anything else is
simply not cached.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Container
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import cast

from policygraph.checkedjson import read_checked, write_checked
from policygraph.errors import Location
from policygraph.records.model import CurationInfo, Record

#: Bump when the layout of an entry changes.
CACHE_FORMAT = "policygraph-records-cache/1"

Problem = tuple[Location, str, str]


@dataclass(frozen=True)
class FileRead:
    """What reading one record file added; ``source`` is the source id it names ("" if none)."""

    source: str
    records: tuple[Record, ...]
    curation: tuple[CurationInfo, ...]
    problems: tuple[Problem, ...]


class Uncacheable(Exception):
    """A value the tagged JSON does not hold."""


#: Modules outside ``records/`` whose code reading a record file runs (its locations, limits,
#: dates and IRIs).
_SHARED = ("errors", "limits", "dates", "iris", "checkedjson")


@functools.cache
def _code_digest() -> bytes:
    """SHA-256 of the modules whose code decides what a record file gives."""
    package = Path(__file__).parent
    digest = hashlib.sha256(CACHE_FORMAT.encode("utf-8"))
    shared = [package.parent / f"{name}.py" for name in _SHARED]
    for path in [*sorted(package.glob("*.py")), *shared]:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.digest()


def file_key(path: Path, data: bytes) -> str:
    digest = hashlib.sha256(_code_digest())
    digest.update(os.fsencode(path) + b"\0")
    digest.update(data)
    return digest.hexdigest()


# -- tagged JSON -------------------------------------------------------------------------------


def _value(value: object) -> object:
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, tuple):
        return {"t": [_value(v) for v in value]}
    if isinstance(value, dict):
        return {"m": [[str(k), _value(v)] for k, v in value.items()]}
    if isinstance(value, Decimal):
        return {"d": str(value)}
    if isinstance(value, Record):
        return {"r": _record(value)}
    raise Uncacheable(type(value).__name__)


def _record(record: Record) -> list[object]:
    if record.restated or record.claim:  # set later, across files: never at reading
        raise Uncacheable("a grouped record")
    return [
        record.section,
        record.id,
        record.graph,
        record.source_id,
        [[name, _value(v)] for name, v in record.values.items()],
        [record.where.line, record.where.col],
        [[name, at.line, at.col] for name, at in record.field_where.items()],
    ]


def _from_value(item: object, path: Path) -> object:
    if not isinstance(item, dict):
        return item
    ((tag, body),) = item.items()
    if tag == "t":
        return tuple(_from_value(v, path) for v in body)
    if tag == "m":
        return {k: _from_value(v, path) for k, v in body}
    if tag == "d":
        return Decimal(body)
    if tag == "r":
        return _from_record(body, path)
    raise ValueError(f"not a tagged value: {tag!r}")


def _from_record(row: list[object], path: Path) -> Record:
    section, record_id, graph, source_id, values, where, field_where = row
    line, col = cast(list[int], where)
    return Record(
        str(section),
        str(record_id),
        str(graph),
        str(source_id),
        {str(k): _from_value(v, path) for k, v in values},  # type: ignore[attr-defined]
        Location(path, int(line), int(col)),
        {str(k): Location(path, ln, cl) for k, ln, cl in field_where},  # type: ignore[attr-defined]
    )


def _entry(read: FileRead) -> dict[str, object]:
    return {
        "source": read.source,
        "records": [_record(r) for r in read.records],
        "curation": [[c.note, c.confidence, c.where.line, c.where.col] for c in read.curation],
        "problems": [[at.line, at.col, subject, text] for at, subject, text in read.problems],
    }


def _from_entry(entry: object, path: Path) -> FileRead | None:
    """The entry as it was written, or ``None`` when it is not one (a hand-edited file)."""
    if not isinstance(entry, dict):
        return None
    try:
        return FileRead(
            str(entry["source"]),
            tuple(_from_record(r, path) for r in entry["records"]),
            tuple(
                CurationInfo(note, conf, Location(path, ln, cl))
                for note, conf, ln, cl in entry["curation"]
            ),
            tuple((Location(path, ln, cl), s, t) for ln, cl, s, t in entry["problems"]),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None


class RecordFileCache:
    """Entries by key, in ``folder``; ``save`` writes the new ones and drops the unused."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "records"
        self.used: set[str] = set()
        self.new: dict[str, FileRead] = {}

    def get(self, path: Path, key: str, sources: Container[str]) -> FileRead | None:
        """The entry for ``key`` while the source it names is in ``sources``."""
        read = _from_entry(read_checked(self.folder / f"{key}.json", CACHE_FORMAT), path)
        if read is None or (read.source and read.source not in sources):
            return None
        self.used.add(key)
        return read

    def put(self, key: str, read: FileRead) -> None:
        self.new[key] = read
        self.used.add(key)

    def save(self) -> None:
        for key, read in self.new.items():
            try:
                entry = _entry(read)
            except Uncacheable:
                continue
            if not write_checked(self.folder / f"{key}.json", CACHE_FORMAT, entry):
                return  # a folder that cannot be written: no cache, and nothing to prune
        self._prune()

    def _prune(self) -> None:
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name.endswith(".json") and name[: -len(".json")] not in self.used:
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / name)
