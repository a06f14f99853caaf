"""SHACL validation of a built dataset (the only module that imports pySHACL)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Identifier, Node

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


@contextmanager
def _queries_parsed_once() -> Iterator[None]:
    """While pySHACL runs, rdflib parses each SPARQL constraint's text once.

    pySHACL runs a constraint's text once per focus node and rdflib parses the string every time
    (about 50 ms each: 52 s of a 142 s build at 100 sources). Here each text is parsed once and
    its prepared query reused, as ``rdflib.plugins.sparql.prepareQuery`` is meant to be; the
    evaluation is rdflib's own. Restored on exit; not for concurrent use with other rdflib queries
    that rely on the processor being unpatched (none do: the answers are the same).
    """
    from rdflib.plugins.sparql import processor
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.sparql import Query

    original = processor.SPARQLProcessor.query
    prepared: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], Query] = {}

    def query(
        self: processor.SPARQLProcessor,
        strOrQuery: str | Query,  # noqa: N803
        initBindings: Mapping[str, Identifier] | None = None,  # noqa: N803
        initNs: Mapping[str, Any] | None = None,  # noqa: N803
        base: str | None = None,
        DEBUG: bool = False,  # noqa: N803
    ) -> Mapping[str, Any]:
        if isinstance(strOrQuery, str):
            names = tuple(sorted((k, str(v)) for k, v in (initNs or {}).items()))
            key = (strOrQuery, base, names)
            if key not in prepared:
                prepared[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
            strOrQuery = prepared[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def validate_dataset(
    dataset: Dataset, places: Mapping[str, Location] | None = None, union: Graph | None = None
) -> ValidationReport:
    """Run the packaged shapes over the union of all graphs; warnings do not break conformance.

    ``union`` is ``serialize.union_graph(dataset)`` when the caller has it already.
    """
    from pyshacl import validate

    data = union_graph(dataset) if union is None else union
    with _queries_parsed_once():
        _, report, _ = validate(
            data, shacl_graph=shapes_graph(), advanced=True, allow_warnings=True
        )
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
