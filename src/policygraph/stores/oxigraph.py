"""The embedded Oxigraph store behind the ``Store`` protocol, answering with rdflib results."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Dataset
from rdflib.query import Result
from rdflib.term import Node

from policygraph.errors import QueryError
from policygraph.stores.results import to_result
from policygraph.stores.terms import to_ox

if TYPE_CHECKING:
    import pyoxigraph as ox


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
            return to_result(answer)
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
