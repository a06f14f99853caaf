"""Oxigraph behind the ``Store`` protocol, on disk or in memory, answering with rdflib results.

Queries run on the store's real default graph, which holds the union of the named graphs as a
set (``stores.union``): a triple stated by three sources counts once, on every store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from policygraph.errors import QueryError
from policygraph.stores.union import named_quads

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Dataset
    from rdflib.query import Result
    from rdflib.term import Node


@dataclass
class OxigraphStore:
    """A pyoxigraph store whose default graph is the (materialised) union of its named graphs."""

    inner: ox.Store
    kind: str = "oxigraph"
    label: str = ""
    on_close: Callable[[], None] | None = field(default=None, repr=False)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        import pyoxigraph as ox

        # rdflib (for the answer's terms) is imported here, not at start-up: a view reads
        # ``inner`` directly and needs none of it
        from policygraph.stores.results import to_result
        from policygraph.stores.terms import to_ox

        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            try:
                answer = self.inner.query(sparql, substitutions=substitutions)
            except RuntimeError as err:
                if not bindings or "projection" not in str(err):
                    raise
                # Oxigraph substitutes only projected variables; the others are bound as the
                # remote store binds every one, by a VALUES block
                from policygraph.stores.remote import with_bindings

                answer = self.inner.query(with_bindings(sparql, bindings))
            return to_result(answer)
        except SyntaxError as err:
            from policygraph.sparql.check import store_syntax_error  # only on an error

            raise store_syntax_error(sparql, err) from err
        except OSError as err:
            raise QueryError(f"query failed: {err}") from err

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of the named graphs (or of the one named ``graph``), as Oxigraph terms."""
        import pyoxigraph as ox

        yield from named_quads(self.inner, ox.NamedNode(graph) if graph else None)

    def dataset(self) -> Dataset:
        """A copy of the named graphs as an rdflib ``Dataset`` (for rdflib's serialisers).

        Its literals are those ``query`` gives (plain strings, tags in their conventional case).
        """
        from rdflib import Dataset

        from policygraph.stores.terms import from_ox

        data = Dataset(default_union=True)
        graphs: dict[Any, Any] = {}
        for quad in self.quads():
            name = quad.graph_name
            if name not in graphs:
                graphs[name] = data.graph(from_ox(name))
            graphs[name].add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return data

    def close(self) -> None:
        if self.on_close is not None:
            self.on_close()
            self.on_close = None

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
