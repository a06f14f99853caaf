"""SHACL validation of a built dataset (the only module that imports pySHACL)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from policygraph.errors import Location
from policygraph.project import packaged
from policygraph.serialize import union_graph
from policygraph.vocab import PREFIXES, SH


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


def _short(node: object) -> str:
    text = str(node)
    for name, base in PREFIXES.items():
        if text.startswith(base) and len(text) > len(base):
            return f"{name}:{text[len(base) :]}"
    return text


def _locate(focus: str, places: Mapping[str, Location]) -> Location | None:
    candidate = focus
    while candidate:
        if candidate in places:
            return places[candidate]
        if "." not in candidate:
            return None
        candidate = candidate.rsplit(".", 1)[0]
    return None


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
        focus = _short(report.value(result, SH.focusNode))
        message = report.value(result, SH.resultMessage)
        path = report.value(result, SH.resultPath)
        severity = _short(report.value(result, SH.resultSeverity)).removeprefix(str(SH))
        local = str(report.value(result, SH.focusNode)).rsplit("/", 1)[-1]
        violations.append(
            Violation(
                focus=focus,
                path=_short(path) if isinstance(path, URIRef) else "",
                message=str(message) if isinstance(message, Literal) else "constraint not met",
                severity=severity.rsplit("#", 1)[-1],
                where=_locate(local, places or {}),
            )
        )
    violations.sort(key=lambda v: (str(v.where or ""), v.focus, v.message))
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms, tuple(violations))
