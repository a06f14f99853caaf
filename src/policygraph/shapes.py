"""SHACL validation of a built dataset (the only module that imports pySHACL)."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Identifier, Node
from rdflib.util import from_n3

from policygraph.checkcache import Result, ResultCache, cached_results
from policygraph.errors import Location
from policygraph.graphset import GraphSet
from policygraph.iris import short_name
from policygraph.project import packaged
from policygraph.shacldeps import ShapePlan, Triples, Unsupported
from policygraph.vocab import SH

log = logging.getLogger(__name__)


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
    """The packaged shapes (``schema/shapes.ttl``)."""
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


def _between_sources(result: Result, graphs: GraphSet) -> bool:
    """Whether a ``sh:maxCount`` result comes only from sources that disagree: each named
    graph alone keeps to the maximum, and together they give more values."""
    if str(SH.MaxCountConstraintComponent) != result.component or result.max_count is None:
        return False
    if not result.path:
        return False
    focus = from_n3(result.focus)
    if not isinstance(focus, Node):
        return False
    per_graph = graphs.graphs_stating(focus, URIRef(result.path))
    return len(per_graph) > 1 and max(per_graph.values()) <= result.max_count


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


def pyshacl_results(data: Graph, shapes: Graph) -> list[Result]:
    """pySHACL's results for ``data``. Without SHACL-AF rules
    or targets the data graph is read in place (pySHACL would copy it in advanced mode)."""
    from pyshacl import validate

    advanced = any((None, p, None) in shapes for p in (SH.rule, SH.target))
    with _queries_parsed_once():
        _, report, _ = validate(
            data,
            shacl_graph=shapes,
            advanced=advanced,
            inplace=not advanced,
            allow_warnings=True,
        )
    assert isinstance(report, Graph)
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus_node = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        limit = report.value(report.value(result, SH.sourceShape), SH.maxCount)
        assert focus_node is not None
        results.append(
            Result(
                focus=focus_node.n3(),
                path=str(path) if isinstance(path, URIRef) else "",
                message=str(message) if isinstance(message, Literal) else "constraint not met",
                severity=str(report.value(result, SH.resultSeverity)),
                component=str(report.value(result, SH.sourceConstraintComponent)),
                max_count=int(limit) if isinstance(limit, Literal) else None,
            )
        )
    return results


def validate_dataset(
    data: Dataset | GraphSet,
    places: Mapping[str, Location] | None = None,
    index: Triples | None = None,
    cache_dir: Path | None = None,
    shapes_text: str | None = None,
) -> ValidationReport:
    """Run the packaged shapes over the union of all graphs; warnings do not break conformance.

    ``index`` is ``Triples`` of the union when the caller has it already. With a ``cache_dir``
    (the project's build cache), only the focus nodes whose inputs changed since a run that
    used the cache are validated again (``checkcache``); the report is the same. Without one,
    pySHACL reads the whole union. ``shapes_text`` replaces the packaged shapes (Turtle).
    """
    graphs = GraphSet.of_dataset(data) if isinstance(data, Dataset) else data
    text = shapes_text or packaged("schema/shapes.ttl").read_text(encoding="utf-8")
    shapes = Graph().parse(data=text, format="turtle")
    plan = None
    if cache_dir is not None:
        try:
            plan = ShapePlan.of(shapes)
        except Unsupported as err:
            log.info("validating every node: %s", err)
    if plan is None or cache_dir is None:
        union = Graph()
        for triple in graphs.triples():
            union.add(triple)
        results = pyshacl_results(union, shapes)
    else:  # the union graph is not needed: an index of the quads is enough, and faster to make
        data_index = Triples(graphs.triples()) if index is None else index
        run = partial(pyshacl_results, shapes=shapes)
        results = cached_results(plan, text, data_index, ResultCache(cache_dir), run)
    violations = [
        _violation(r, places or {}) for r in results if not _between_sources(r, graphs)
    ]  # a maxCount broken between sources is a conflict, warned about by the records
    violations.sort(key=lambda v: (str(v.where or ""), v.focus, v.path, v.severity, v.message))
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms, tuple(violations))


def _violation(result: Result, places: Mapping[str, Location]) -> Violation:
    focus = from_n3(result.focus)
    severity = short_name(result.severity).removeprefix(str(SH))
    return Violation(
        focus=short_name(str(focus)),
        path=short_name(result.path) if result.path else "",
        message=result.message,
        severity=severity.rsplit("#", 1)[-1],
        where=_locate(str(focus).rsplit("/", 1)[-1], places),
    )
