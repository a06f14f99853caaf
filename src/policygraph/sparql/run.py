"""Run a checked query on any store, with a time limit, and keep the answer as plain values."""

from __future__ import annotations

import math
import threading
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.term import Node, Variable

from policygraph.errors import QueryError, QueryTimeout
from policygraph.sparql.check import CheckedQuery, check_query, packaged_query
from policygraph.sparql.named import NamedQuery, complete_params
from policygraph.sparql.params import bind_all
from policygraph.store import Store

if TYPE_CHECKING:
    import pandas as pd

Row = dict[str, Node]


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE)."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    answer: bool | None = None
    graph: Graph | None = field(default=None, compare=False)

    def to_dataframe(self) -> pd.DataFrame:
        """The result as a pandas DataFrame (needs the ``policygraph[notebook]`` extra)."""
        from policygraph.notebook import to_dataframe

        return to_dataframe(self)


def _evaluate(store: Store, checked: CheckedQuery, bindings: Mapping[str, Node]) -> QueryResult:
    result = store.query(checked.text, bindings)
    kind = checked.kind or str(result.type)
    if kind == "SELECT":
        variables = [var for var in (result.vars or []) if isinstance(var, Variable)]
        names = tuple(str(var) for var in variables)
        # each row's keys in the order of the variables, whatever order the store gave them in
        rows: tuple[Row, ...] = tuple(
            {str(var): binding[var] for var in variables if binding.get(var) is not None}
            for binding in result.bindings
        )
        return QueryResult("SELECT", names, rows)
    if kind == "ASK":
        return QueryResult("ASK", answer=bool(result.askAnswer))
    graph = result.graph
    if graph is None:
        raise QueryError(f"the store gave no graph for a {kind} query")
    return QueryResult(kind, graph=graph)


def run_checked(
    store: Store,
    checked: CheckedQuery,
    bindings: Mapping[str, Node] | None = None,
    timeout: float | None = None,
) -> QueryResult:
    """Evaluate ``checked``; past ``timeout`` seconds, stop waiting and raise ``QueryTimeout``."""
    values = dict(bindings or {})
    if timeout is not None and not (math.isfinite(timeout) and timeout > 0):
        raise QueryError(
            f"the time limit must be a positive number of seconds, not {timeout!r}",
            hint="e.g. --timeout 30; leave it out to wait as long as the query runs",
        )
    if timeout is None:
        return _guarded(store, checked, values)
    outcome: list[QueryResult | BaseException] = []

    def work() -> None:
        try:
            outcome.append(_guarded(store, checked, values))
        except BaseException as err:  # handed to the waiting thread, which re-raises it
            _clear_locals(err)
            outcome.append(err)

    worker = threading.Thread(target=work, name="policygraph-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        # Oxigraph evaluates in Rust and cannot be interrupted: the worker finishes (and drops
        # its answer) on its own, a daemon thread that ends with the process (the CLI exits now)
        raise QueryTimeout(
            f"the query ran past the time limit of {timeout:g} s and was stopped",
            hint="narrow the query (more specific patterns, LIMIT) or raise --timeout",
        )
    if not outcome:
        raise QueryError("the query stopped without an answer")
    answer = outcome[0]
    if isinstance(answer, BaseException):
        raise answer
    return answer


def _clear_locals(err: BaseException) -> None:
    """Let go of the frames' locals along ``err``'s chain (tracebacks stay printable): they can
    hold Oxigraph objects bound to this thread, which must not be dropped on another one."""
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        traceback.clear_frames(current.__traceback__)
        current = current.__cause__ or current.__context__


def _guarded(store: Store, checked: CheckedQuery, bindings: Mapping[str, Node]) -> QueryResult:
    from policygraph.errors import PolicyGraphError

    try:
        return _evaluate(store, checked, bindings)
    except PolicyGraphError:
        raise
    except Exception as err:  # the store's evaluation errors come in many types
        raise QueryError(f"the query failed: {type(err).__name__}: {err}") from err


def query(
    store: Store,
    sparql: str | NamedQuery,
    params: Mapping[str, object] | None = None,
    *,
    timeout: float | None = None,
    allow_network: bool = False,
    origin: str = "query",
) -> QueryResult:
    """Run a SPARQL query (text or a named query) read-only, with parameters bound as terms.

    Parameter values may be rdflib terms or Python values; text is read as by
    ``policygraph.sparql.params.parse_value`` (``"pgr:person-he-qing"``, ``"2025-07-10"``...).
    For a named query, declared types apply (an ``entity`` may be any of its names) and
    defaults fill missing parameters.
    """
    given = dict(params or {})
    kinds: dict[str, str] = {}
    if isinstance(sparql, NamedQuery):
        kinds = sparql.kinds()
        given = complete_params(sparql, given)
        if sparql.origin == "packaged":
            return run_checked(
                store, packaged_query(sparql.text), bind_all(given, kinds, store), timeout
            )
        origin, sparql = sparql.origin, sparql.text
    checked = check_query(sparql, allow_network=allow_network, origin=origin)
    return run_checked(store, checked, bind_all(given, kinds, store), timeout)
