"""Checked records and sources: plain frozen values, ready to be mapped to RDF."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from policygraph.errors import Location

#: A checked field value: text, a date, a number, ids, label maps or nested records.
FieldValue = object


@dataclass(frozen=True)
class Record:
    """One record of a record file, its fields checked and typed."""

    section: str
    id: str
    graph: str  # "reference" | "curation" | "source"
    source_id: str  # the source whose graph holds it ("" outside source graphs)
    values: Mapping[str, FieldValue]
    where: Location
    field_where: Mapping[str, Location] = field(default_factory=dict)
    #: a statement of a record declared elsewhere (the same id, restated by another source)
    restated: bool = False
    #: the record's fields across all its statements (the declaration's first)
    claim: Mapping[str, FieldValue] = field(default_factory=dict)

    def get(self, name: str, default: FieldValue = None) -> FieldValue:
        return self.values.get(name, default)

    @property
    def label(self) -> str:
        """A name for messages: the id, or the section and position."""
        return self.id or f"{self.section} record at line {self.where.line}"


@dataclass(frozen=True)
class Source:
    """A source document: its metadata and archived text. Unknown fields stay ``None``."""

    id: str
    kind: str
    title: str | None
    publisher: str | None
    url: str | None
    language: str | None
    published: str | None  # ISO date or year-month, as precise as known
    retrieved: str | None
    author: str | None
    note: str | None
    text: str
    text_path: Path
    meta_path: Path


@dataclass(frozen=True)
class CurationInfo:
    """What a curation file says about its additions."""

    note: str
    confidence: str | None
    where: Location


@dataclass(frozen=True)
class RecordSet:
    """Everything a project's ``data/`` holds, checked."""

    sources: Mapping[str, Source]
    records: tuple[Record, ...]
    curation: tuple[CurationInfo, ...] = ()
    concept_codes: frozenset[str] = frozenset()
    #: ``file:line:col: record: message`` lines that do not stop a build (sources disagreeing)
    warnings: tuple[str, ...] = ()

    def by_section(self, section: str) -> list[Record]:
        return [r for r in self.records if r.section == section]
