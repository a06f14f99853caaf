"""Reading one record file: its sections and records, each field checked and typed.

What a file gives depends only on its path and bytes and on whether the source it names exists,
which is what lets ``filecache`` keep it between runs; everything checked across files (ids,
restatements, references, quotes, values) is ``check``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from policygraph.errors import Location
from policygraph.limits import MAX_YAML_FILE_BYTES, read_limited
from policygraph.records.fields import FieldProblem, close_matches, field_value
from policygraph.records.filecache import FileRead, RecordFileCache, file_key
from policygraph.records.model import CurationInfo, Record
from policygraph.records.spec import SECTIONS, Section
from policygraph.records.yamlsrc import Located, YList, YMap, load_yaml

GRAPHS = ("reference", "curation", "source")
FILE_KEYS = ("graph", "source", "note", "confidence", *SECTIONS)


def read_record_file(
    path: Path,
    sources: Mapping[str, object],
    cache: RecordFileCache | None = None,
    data: bytes | None = None,
) -> FileRead:
    """What ``path`` holds (or ``data``, its bytes as they would be written): its records,
    curation note and problems. With ``cache``, what the same bytes gave before, while the
    source they name exists (``filecache``)."""
    key = ""
    if cache is not None:
        if data is None:
            data = read_limited(path, MAX_YAML_FILE_BYTES, "the YAML file")
        key = file_key(path, data)
        found = cache.get(path, key, sources)
        if found is not None:
            return found
    reader = _FileReader(sources)
    source = reader.read_file(path, data)
    read = reader.result(source or "")
    if cache is not None and source is not None:  # an unknown source's message names the
        cache.put(key, read)  # known ones: it depends on more than the file
    return read


class _FileReader:
    def __init__(self, sources: Mapping[str, object]) -> None:
        self.sources = sources
        self.problems: list[tuple[Location, str, str]] = []
        self.records: list[Record] = []
        self.curation: list[CurationInfo] = []

    def problem(self, where: Location, subject: str, message: str) -> None:
        self.problems.append((where, subject, message))

    def result(self, source: str) -> FileRead:
        return FileRead(source, tuple(self.records), tuple(self.curation), tuple(self.problems))

    def read_file(self, path: Path, data: bytes | None = None) -> str | None:
        """Read one record file; return the source id it names ("" when none), or ``None`` when
        what it gave depends on more than its bytes and that source (an unknown source)."""
        root = load_yaml(path, data)
        doc = root.value
        if not isinstance(doc, YMap):
            self.problem(root.where, path.name, "a record file must be a mapping of sections")
            return ""
        for key in doc:
            if key not in FILE_KEYS:
                hint = close_matches(key, list(FILE_KEYS))
                self.problem(doc.key_where(key), path.name, f"unknown section {key!r}{hint}")
        graph = str(doc["graph"].value) if "graph" in doc else ""
        if graph not in GRAPHS:
            where = doc["graph"].where if "graph" in doc else doc.where
            self.problem(where, path.name, f"'graph' must be one of {', '.join(GRAPHS)}")
            return ""
        source_id = ""
        if graph == "source":
            source_item = doc.get("source")
            source_id = str(source_item.value) if source_item else ""
            if source_item and isinstance(source_item.value, YMap | YList):
                self.problem(source_item.where, path.name, "'source' must be one source id")
                return ""
            if source_id not in self.sources:
                hint = close_matches(source_id, list(self.sources))
                where = source_item.where if source_item else doc.where
                self.problem(where, path.name, f"unknown source {source_id!r}{hint}")
                return None
        if graph == "curation":
            note = doc.get("note")
            if note is None or not str(note.value or "").strip():
                self.problem(
                    doc.where,
                    path.name,
                    "a curation file needs a 'note' saying what it adds and why",
                )
            conf = doc.get("confidence")
            self.curation.append(
                CurationInfo(
                    str(note.value) if note else "", str(conf.value) if conf else None, doc.where
                )
            )
        for name, section in SECTIONS.items():
            if name in doc and section.name not in ("participants", "agenda"):
                self.read_section(doc[name], section, graph, source_id)
        return source_id

    def read_section(self, item: Located, section: Section, graph: str, source_id: str) -> None:
        if graph not in section.graphs:
            allowed = " or ".join(section.graphs)
            self.problem(
                item.where, section.name, f"{section.name} belong in a {allowed} file, not {graph}"
            )
            return
        if not isinstance(item.value, YList):
            self.problem(item.where, section.name, f"{section.name} must be a list of records")
            return
        for entry in item.value:
            self.read_record(entry, section, graph, source_id, parent="")

    def read_record(
        self, entry: Located, section: Section, graph: str, source_id: str, parent: str
    ) -> Record | None:
        if not isinstance(entry.value, YMap):
            self.problem(
                entry.where, section.name, f"each {section.record} must be a mapping of fields"
            )
            return None
        raw = entry.value
        subject = (
            str(raw["id"].value)
            if "id" in raw and isinstance(raw["id"].value, str | int)
            else f"{section.record} at line {entry.where.line}"
        )
        values: dict[str, object] = {}
        where: dict[str, Location] = {}
        names = [f.name for f in section.fields]
        for key, item in raw.items():
            spec = section.field(key)
            if spec is None:
                self.problem(
                    raw.key_where(key),
                    subject,
                    f"unknown field {key!r} for a {section.record}{close_matches(key, names)}",
                )
                continue
            where[key] = item.where  # given, even if its value is wrong
            try:
                values[key] = field_value(item, spec)
            except FieldProblem as err:
                self.problem(err.where, subject, err.message)
        for spec in section.fields:
            missing = spec.required and spec.name not in raw
            if missing and (not section.has_id or spec.name == "id"):
                self.problem(entry.where, subject, f"missing required field {spec.name!r}")
            # the other required fields of a record with an id may come from any of its
            # statements (restate.group_statements checks them across sources)
        if section.quoted and graph == "source" and "quote" not in values and "quote" not in raw:
            self.problem(
                entry.where,
                subject,
                f"a {section.record} must cite its source with a verbatim 'quote'",
            )
        record_id = str(values.get("id", ""))
        if section.name == "participants" and parent:
            record_id = ""
        nested: dict[str, tuple[Record, ...]] = {}
        for spec in section.fields:
            if spec.kind == "nested" and spec.name in values:
                sub = SECTIONS[spec.section]
                items = values[spec.name]
                assert isinstance(items, list)
                children = [
                    self.read_record(i, sub, graph, source_id, parent=record_id) for i in items
                ]
                nested[spec.name] = tuple(c for c in children if c is not None)
        values.update(nested)
        record = Record(section.name, record_id, graph, source_id, values, entry.where, where)
        if not parent or section.has_id:
            self.records.append(record)
        return record
