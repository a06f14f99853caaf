"""Load a project's records and check them: fields, ids, references and quotes.

Problems are collected, not raised one by one, so ``validate`` can list them all as
``file:line:col: record: message``. Malformed YAML stops at once (nothing after it can be read).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from policygraph.errors import DataProblems, Finding, Location
from policygraph.records.fields import close_matches
from policygraph.records.filecache import RecordFileCache
from policygraph.records.model import CurationInfo, Record, RecordSet, Source
from policygraph.records.quotes import describe, normalise_space
from policygraph.records.reading import read_record_file
from policygraph.records.restate import group_statements
from policygraph.records.sources import load_sources
from policygraph.records.spec import (
    CONCEPT,
    CONCEPTS,
    ENTITY_SECTIONS,
    REF,
    REFS,
    SECTIONS,
)
from policygraph.records.values import value_problems


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

    # -- cross-checks ------------------------------------------------------------------------
    def check_ids(self, modified: Callable[[Path], float]) -> dict[str, Record]:
        """Declarations by id; restatements marked; duplicates and conflicts reported."""
        grouped = group_statements(self.records, modified)
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
    sources_dir: Path,
    records_dir: Path,
    packaged_concepts: Iterable[str] = (),
    *,
    cache_dir: Path | None = None,
    pending: Mapping[Path, str] | None = None,
) -> RecordSet:
    """Read and check every source and record file; raise ``DataProblems`` listing all problems.

    With ``cache_dir``, a record file whose bytes were read before is not read again
    (``filecache``); every check across files still runs. ``pending`` gives the text of record
    files as they would be written (``review`` checks what it would write, in memory): read in
    place of the files on disk, and counted as the newest.
    """
    pending = dict(pending or {})
    checker = _Checker(load_sources(sources_dir), packaged_concepts)
    cache = RecordFileCache(cache_dir) if cache_dir is not None else None
    for path in sorted({*records_dir.glob("*.yaml"), *pending}):
        data = pending[path].encode("utf-8") if path in pending else None
        read = read_record_file(path, checker.sources, cache, data)
        checker.records.extend(read.records)
        checker.curation.extend(read.curation)
        checker.problems.extend(read.problems)
    if cache is not None:
        cache.save()
    ids = checker.check_ids(lambda p: math.inf if p in pending else _modified(p))
    concepts = checker.concept_codes(ids)
    checker.check_references(ids, concepts)
    checker.check_quotes()
    checker.check_values()
    if checker.problems:
        warned = tuple(_lines(checker.warnings, "warning: "))
        raise DataProblems(_lines(checker.problems), _findings(checker.problems), warned)
    return RecordSet(
        sources=checker.sources,
        records=tuple(checker.records),
        curation=tuple(checker.curation),
        concept_codes=frozenset(concepts),
        warnings=tuple(_lines(checker.warnings, "warning: ")),
    )


def _findings(found: list[tuple[Location, str, str]]) -> tuple[Finding, ...]:
    ordered = sorted(found, key=lambda p: (str(p[0].path), p[0].line, p[0].col))
    return tuple(Finding(where, f"{subject}: {message}") for where, subject, message in ordered)


def _lines(found: list[tuple[Location, str, str]], tag: str = "") -> list[str]:
    ordered = sorted(found, key=lambda p: (str(p[0].path), p[0].line, p[0].col))
    return [f"{where}: {subject}: {tag}{message}" for where, subject, message in ordered]
