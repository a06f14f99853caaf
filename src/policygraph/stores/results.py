"""pyoxigraph answers as rdflib ``Result`` objects, converted cheaply.

A SELECT answer becomes a list of rdflib ``ResultRow`` objects, made once, sharing one labels
table (rdflib's constructor makes one per row, and again on every iteration); the
``bindings`` dicts are made only when something asks for them. Each distinct term is converted
once per answer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableSequence
from typing import Any

from rdflib import Graph, Variable
from rdflib.query import Result, ResultRow
from rdflib.term import Identifier

from policygraph.stores.terms import from_ox

Binding = Mapping[Variable, Identifier]


class RowsResult(Result):
    """A SELECT result held as ``ResultRow`` objects; the ``Result`` API on top of them."""

    def __init__(self, names: list[Variable], rows: list[ResultRow], *, has_empty: bool) -> None:
        super().__init__("SELECT")
        self.vars = names
        self._rows = rows
        self._has_empty = has_empty

    @property
    def bindings(self) -> MutableSequence[Binding]:
        if self._bindings is None:
            names = self.vars or []
            self._bindings = [
                {name: value for name, value in zip(names, row, strict=True) if value is not None}
                for row in self._rows
            ]
        return self._bindings

    @bindings.setter
    def bindings(
        self,
        rows: MutableSequence[Mapping[Variable, Identifier]]
        | Iterator[Mapping[Variable, Identifier]],
    ) -> None:
        names = self.vars or []
        self._bindings = list(rows)
        self._rows = [ResultRow(row, names) for row in self._bindings]
        self._has_empty = any(not row for row in self._bindings)

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Any]:
        if not self._has_empty:
            return iter(self._rows)
        # rdflib leaves out rows that bind nothing
        return (row for row in self._rows if row.count(None) < len(row))


def select_result(answer: Any) -> RowsResult:
    """A pyoxigraph ``QuerySolutions`` as a ``Result`` (reads the whole answer)."""
    names = [Variable(v.value) for v in answer.variables]
    labels = {str(name): i for i, name in enumerate(names)}
    width = len(names)
    seen: dict[Any, Identifier] = {}
    get = seen.get
    new_row = tuple.__new__
    rows: list[ResultRow] = []
    has_empty = False
    for solution in answer:
        values: list[Identifier | None] = []
        unbound = 0
        for value in solution:
            if value is None:
                values.append(None)
                unbound += 1
                continue
            term = get(value)
            if term is None:
                term = seen[value] = from_ox(value)
            values.append(term)
        row = new_row(ResultRow, values)
        row.labels = labels
        rows.append(row)
        if unbound == width:  # (``list.count`` would compare every term with None)
            has_empty = True
    return RowsResult(names, rows, has_empty=has_empty)


def to_result(answer: Any) -> Result:
    """Any pyoxigraph query answer (boolean, solutions, triples) as an rdflib ``Result``."""
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(answer)
        return out
    if isinstance(answer, ox.QuerySolutions):
        return select_result(answer)
    seen: dict[Any, Identifier] = {}

    def term(value: Any) -> Identifier:
        found = seen.get(value)
        if found is None:
            found = seen[value] = from_ox(value)
        return found

    out = Result("CONSTRUCT")
    graph = Graph()
    graph.addN((term(t.subject), term(t.predicate), term(t.object), graph) for t in answer)
    out.graph = graph
    return out
