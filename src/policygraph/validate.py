"""``validate``: the record checks, then the SHACL shapes, as one list of problems."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from policygraph.build import build_graphs, load_project, record_places
from policygraph.collector import frozen, paused
from policygraph.errors import DataProblems, Finding
from policygraph.project import Project
from policygraph.shapes import validate_dataset


@dataclass(frozen=True)
class ProjectReport:
    conforms: bool
    problems: tuple[str, ...]  # one line each: file:line:col: entity: message (and warnings)
    checked: int  # records checked
    warnings: int = 0  # how many of ``problems`` are warnings (they do not break conformance)

    @property
    def errors(self) -> int:
        """How many of ``problems`` are errors (what makes the data not conform)."""
        return len(self.problems) - self.warnings


@dataclass(frozen=True)
class Findings:
    """A project's problems and warnings, each with its place apart (``review`` maps them)."""

    errors: tuple[Finding, ...]
    warnings: tuple[str, ...]
    checked: int


def project_findings(project: Project, pending: Mapping[Path, str] | None = None) -> Findings:
    """The errors of a project's data (records checks, then SHACL), and its warnings.

    ``pending``: record files' text as they would be written, read instead of the files.
    """
    with paused():  # records and graphs live until the end: nothing to collect
        try:
            records = load_project(project, cached=True, pending=pending)
        except DataProblems as err:
            found = err.findings or tuple(Finding(None, line) for line in err.problems)
            return Findings(found, err.warnings, 0)
        graphs = build_graphs(project, records)
    with frozen():  # and SHACL's collections do not scan them
        places = record_places(records)
        report = validate_dataset(graphs, places, cache_dir=project.build_cache_dir)
    errors = tuple(
        Finding(v.where, str(replace(v, where=None)))
        for v in report.violations
        if v.severity == "Violation"
    )
    warnings = tuple(str(v) for v in report.violations if v.severity != "Violation")
    return Findings(errors, (*warnings, *records.warnings), len(records.records))


def validate_project(project: Project) -> ProjectReport:
    """Every problem with a project's data; SHACL warnings are listed but do not fail it."""
    found = project_findings(project)
    problems = (*(str(f) for f in found.errors), *found.warnings)
    conforms = not found.errors
    return ProjectReport(conforms, problems, found.checked, len(found.warnings))
