"""SHACL validation of a built dataset (the only module that imports pySHACL)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from policygraph.errors import Location
from policygraph.iris import short_name
from policygraph.project import packaged
from policygraph.serialize import union_graph
from policygraph.vocab import SH


@dataclass(frozen=True)
class Violation:
    focus: str  # the focus node, as a prefixed name
    path: str
    message: str
    severity: str  # "Violation" | "Warning" | "Info"
    where: Location | None

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        path = f" ({self.path})" if self.path else ""
        return f"{place}{self.focus}: {self.severity.lower()}: {self.message}{path}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]


def shapes_graph() -> Graph:
    return Graph().parse(
        data=packaged("schema/shapes.ttl").read_text(encoding="utf-8"), format="turtle"
    )


def _locate(focus: str, places: Mapping[str, Location]) -> Location | None:
    candidate = focus
    while candidate:
        if candidate in places:
            return places[candidate]
        if "." not in candidate:
            return None
        candidate = candidate.rsplit(".", 1)[0]
    return None


def _between_sources(report: Graph, result: Node, dataset: Dataset) -> bool:
    """Whether a ``sh:maxCount`` result comes only from sources that disagree: each named
    graph alone keeps to the maximum, and together they give more values."""
    if report.value(result, SH.sourceConstraintComponent) != SH.MaxCountConstraintComponent:
        return False
    focus, path = report.value(result, SH.focusNode), report.value(result, SH.resultPath)
    limit = report.value(report.value(result, SH.sourceShape), SH.maxCount)
    if not isinstance(path, URIRef) or not isinstance(limit, Literal):
        return False
    per_graph: dict[Node | None, int] = {}
    for _, _, _, graph in dataset.quads((focus, path, None, None)):
        per_graph[graph] = per_graph.get(graph, 0) + 1
    return len(per_graph) > 1 and max(per_graph.values()) <= int(limit)


def validate_dataset(
    dataset: Dataset, places: Mapping[str, Location] | None = None
) -> ValidationReport:
    """Run the packaged shapes over the union of all graphs; warnings do not break conformance."""
    from pyshacl import validate

    data = union_graph(dataset)
    _, report, _ = validate(data, shacl_graph=shapes_graph(), advanced=True, allow_warnings=True)
    assert isinstance(report, Graph)
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if _between_sources(report, result, dataset):
            continue  # two sources give two values: a conflict, warned about by the records
        focus = short_name(str(report.value(result, SH.focusNode)))
        message = report.value(result, SH.resultMessage)
        path = report.value(result, SH.resultPath)
        severity = short_name(str(report.value(result, SH.resultSeverity))).removeprefix(str(SH))
        local = str(report.value(result, SH.focusNode)).rsplit("/", 1)[-1]
        violations.append(
            Violation(
                focus=focus,
                path=short_name(str(path)) if isinstance(path, URIRef) else "",
                message=str(message) if isinstance(message, Literal) else "constraint not met",
                severity=severity.rsplit("#", 1)[-1],
                where=_locate(local, places or {}),
            )
        )
    violations.sort(key=lambda v: (str(v.where or ""), v.focus, v.message))
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms, tuple(violations))
