"""``validate``: the record checks, then the SHACL shapes, as one list of problems."""

from __future__ import annotations

from dataclasses import dataclass

from policygraph.build import build_graphs, load_project, record_places
from policygraph.collector import frozen, paused
from policygraph.errors import DataProblems
from policygraph.project import Project
from policygraph.shapes import validate_dataset


@dataclass(frozen=True)
class ProjectReport:
    conforms: bool
    problems: tuple[str, ...]  # one line each: file:line:col: entity: message (and warnings)
    checked: int  # records checked


def validate_project(project: Project) -> ProjectReport:
    """Every problem with a project's data; SHACL warnings are listed but do not fail it."""
    with paused():  # records and graphs live until the end: nothing to collect
        try:
            records = load_project(project, cached=True)
        except DataProblems as err:
            return ProjectReport(False, tuple(err.problems), 0)
        graphs = build_graphs(project, records)
    with frozen():  # and SHACL's collections do not scan them
        places = record_places(records)
        report = validate_dataset(graphs, places, cache_dir=project.build_cache_dir)
    problems = (*(str(v) for v in report.violations), *records.warnings)
    return ProjectReport(report.conforms, tuple(problems), len(records.records))
