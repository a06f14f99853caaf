"""The embedded Oxigraph store behind the ``Store`` protocol, answering with rdflib results."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier, Node

from policygraph.errors import QueryError

if TYPE_CHECKING:
    import pyoxigraph as ox


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot bind a {type(term).__name__} in a query")


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_ox(term: Any) -> Identifier:
    """A pyoxigraph term as an rdflib term."""
    import pyoxigraph as ox

    kind = type(term)
    if kind is ox.NamedNode:
        return URIRef(term.value)
    if kind is ox.BlankNode:
        return BNode(term.value)
    if kind is ox.Literal:
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in a result: {term!r}")


def _rows(answer: Any, names: list[Variable]) -> list[Mapping[Variable, Identifier]]:
    """Solutions as rdflib rows; equal terms are converted once (rows repeat them a lot)."""
    seen: dict[Any, Identifier] = {}
    rows: list[Mapping[Variable, Identifier]] = []
    for solution in answer:
        row: dict[Variable, Identifier] = {}
        for name, value in zip(names, solution, strict=True):
            if value is None:
                continue
            term = seen.get(value)
            if term is None:
                term = seen[value] = from_ox(value)
            row[name] = term
        rows.append(row)
    return rows


def _convert(answer: Any) -> Result:
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(answer)
        return out
    if isinstance(answer, ox.QuerySolutions):
        out = Result("SELECT")
        names = [Variable(v.value) for v in answer.variables]
        out.vars = names
        out.bindings = _rows(answer, names)
        return out
    out = Result("CONSTRUCT")
    graph = Graph()
    for triple in answer:
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    out.graph = graph
    return out


@dataclass
class OxigraphStore:
    """A pyoxigraph store; queries see the union of the named graphs as their default graph."""

    inner: ox.Store
    kind: str = "oxigraph"
    label: str = ""
    on_close: Callable[[], None] | None = field(default=None, repr=False)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        import pyoxigraph as ox

        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            answer = self.inner.query(
                sparql, use_default_graph_as_union=True, substitutions=substitutions
            )
            return _convert(answer)
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}") from err
        except OSError as err:
            raise QueryError(f"query failed: {err}") from err

    def dataset(self) -> Dataset:
        """rdflib's Dataset API over the same store (through oxrdflib), union default graph."""
        from oxrdflib import OxigraphStore as RdflibOxigraph

        return Dataset(store=RdflibOxigraph(store=self.inner), default_union=True)

    def close(self) -> None:
        if self.on_close is not None:
            self.on_close()
            self.on_close = None
