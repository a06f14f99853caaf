"""Load a project's records and check them: fields, ids, references and quotes.

Problems are collected, not raised one by one, so ``validate`` can list them all as
``file:line:col: record: message``. Malformed YAML stops at once (nothing after it can be read).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from policygraph.errors import DataProblems, Location
from policygraph.records.fields import FieldProblem, close_matches, field_value
from policygraph.records.model import CurationInfo, Record, RecordSet, Source
from policygraph.records.quotes import describe, normalise_space
from policygraph.records.restate import group_statements
from policygraph.records.sources import load_sources
from policygraph.records.spec import (
    CONCEPT,
    CONCEPTS,
    ENTITY_SECTIONS,
    REF,
    REFS,
    SECTIONS,
    Section,
)
from policygraph.records.values import value_problems
from policygraph.records.yamlsrc import Located, YList, YMap, load_yaml

GRAPHS = ("reference", "curation", "source")
FILE_KEYS = ("graph", "source", "note", "confidence", *SECTIONS)


def _as_tuple(value: object) -> tuple[object, ...]:
    return value if isinstance(value, tuple) else (value,)


class _Checker:
    def __init__(self, sources: dict[str, Source], packaged_concepts: Iterable[str]) -> None:
        self.sources = sources
        self.problems: list[tuple[Location, str, str]] = []
        self.records: list[Record] = []
        self.curation: list[CurationInfo] = []
        self.warnings: list[tuple[Location, str, str]] = []
        self.packaged_concepts = frozenset(packaged_concepts)

    def problem(self, where: Location, subject: str, message: str) -> None:
        self.problems.append((where, subject, message))

    # -- reading -----------------------------------------------------------------------------
    def read_file(self, path: Path) -> None:
        root = load_yaml(path)
        doc = root.value
        if not isinstance(doc, YMap):
            self.problem(root.where, path.name, "a record file must be a mapping of sections")
            return
        for key in doc:
            if key not in FILE_KEYS:
                hint = close_matches(key, list(FILE_KEYS))
                self.problem(doc.key_where(key), path.name, f"unknown section {key!r}{hint}")
        graph = str(doc["graph"].value) if "graph" in doc else ""
        if graph not in GRAPHS:
            where = doc["graph"].where if "graph" in doc else doc.where
            self.problem(where, path.name, f"'graph' must be one of {', '.join(GRAPHS)}")
            return
        source_id = ""
        if graph == "source":
            source_item = doc.get("source")
            source_id = str(source_item.value) if source_item else ""
            if source_item and isinstance(source_item.value, YMap | YList):
                self.problem(source_item.where, path.name, "'source' must be one source id")
                return
            if source_id not in self.sources:
                hint = close_matches(source_id, list(self.sources))
                where = source_item.where if source_item else doc.where
                self.problem(where, path.name, f"unknown source {source_id!r}{hint}")
                return
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

    # -- cross-checks ------------------------------------------------------------------------
    def check_ids(self) -> dict[str, Record]:
        """Declarations by id; restatements marked; duplicates and conflicts reported."""
        grouped = group_statements(self.records, _modified)
        self.records = grouped.records
        self.problems.extend(grouped.problems)
        self.warnings.extend(grouped.warnings)
        return grouped.declarations

    def concept_codes(self, ids: dict[str, Record]) -> set[str]:
        codes = set(self.packaged_concepts)
        codes.update(r.id for r in ids.values() if r.section in ("concepts", "schemes"))
        return codes

    def check_references(self, ids: dict[str, Record], concepts: set[str]) -> None:
        entity_ids = [i for i, r in ids.items() if r.section in ENTITY_SECTIONS]
        for record in self.records:
            for spec in SECTIONS[record.section].fields:
                value = record.get(spec.name)
                if value is None:
                    continue
                at = record.field_where.get(spec.name, record.where)
                if spec.kind in (REF, REFS):
                    for ref in _as_tuple(value):
                        self.check_ref(
                            record, spec.name, str(ref), spec.targets, ids, entity_ids, at
                        )
                elif spec.kind in (CONCEPT, CONCEPTS):
                    for code in _as_tuple(value):
                        self.check_concept(record, spec.name, str(code), spec.targets, concepts, at)

    def check_ref(
        self,
        record: Record,
        field: str,
        ref: str,
        targets: tuple[str, ...],
        ids: dict[str, Record],
        entity_ids: list[str],
        at: Location,
    ) -> None:
        target = ids.get(ref)
        if target is None:
            hint = close_matches(ref, entity_ids)
            self.problem(at, record.label, f"field {field!r} refers to undeclared id {ref!r}{hint}")
        elif targets and target.section not in targets:
            wanted = " or ".join(SECTIONS[t].record for t in targets)
            self.problem(
                at,
                record.label,
                f"field {field!r} needs a {wanted}, "
                f"but {ref!r} is a {SECTIONS[target.section].record}",
            )

    def check_concept(
        self,
        record: Record,
        field: str,
        code: str,
        schemes: tuple[str, ...],
        concepts: set[str],
        at: Location,
    ) -> None:
        if code not in concepts:
            hint = close_matches(code, sorted(concepts))
            self.problem(
                at, record.label, f"field {field!r} refers to undeclared concept {code!r}{hint}"
            )
        elif schemes and code.split(".", 1)[0] not in schemes:
            self.problem(
                at,
                record.label,
                f"field {field!r} needs a concept of scheme {' or '.join(schemes)}, not {code!r}",
            )

    def check_quotes(self) -> None:
        texts = {sid: normalise_space(s.text) for sid, s in self.sources.items()}
        for record in self.records:
            for sub in self._with_children(record):
                quotes = sub.get("quote")
                if not quotes or not sub.source_id:
                    continue
                assert isinstance(quotes, tuple)
                for quote in quotes:
                    if normalise_space(str(quote)) not in texts[sub.source_id]:
                        at = sub.field_where.get("quote", sub.where)
                        self.problem(
                            at,
                            sub.label,
                            f"quote is not verbatim in source {sub.source_id!r}: {str(quote)!r}: "
                            f"{describe(str(quote), texts[sub.source_id])}",
                        )

    def _with_children(self, record: Record) -> list[Record]:
        found = [record]
        for value in record.values.values():
            if isinstance(value, tuple) and value and isinstance(value[0], Record):
                for child in value:
                    if SECTIONS[child.section].has_id:
                        continue  # a top-level record of its own
                    found.extend(self._with_children(child))
        return found

    def check_values(self) -> None:
        for record in self.records:
            for where, message in value_problems(record):
                self.problem(where, record.label, message)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def load_records(
    sources_dir: Path, records_dir: Path, packaged_concepts: Iterable[str] = ()
) -> RecordSet:
    """Read and check every source and record file; raise ``DataProblems`` listing all problems."""
    checker = _Checker(load_sources(sources_dir), packaged_concepts)
    for path in sorted(records_dir.glob("*.yaml")):
        checker.read_file(path)
    ids = checker.check_ids()
    concepts = checker.concept_codes(ids)
    checker.check_references(ids, concepts)
    checker.check_quotes()
    checker.check_values()
    if checker.problems:
        raise DataProblems(_lines(checker.problems))
    return RecordSet(
        sources=checker.sources,
        records=tuple(checker.records),
        curation=tuple(checker.curation),
        concept_codes=frozenset(concepts),
        warnings=tuple(_lines(checker.warnings, "warning: ")),
    )


def _lines(found: list[tuple[Location, str, str]], tag: str = "") -> list[str]:
    ordered = sorted(found, key=lambda p: (str(p[0].path), p[0].line, p[0].col))
    return [f"{where}: {subject}: {tag}{message}" for where, subject, message in ordered]
