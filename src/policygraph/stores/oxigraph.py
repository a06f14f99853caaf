"""The embedded Oxigraph store behind the ``Store`` protocol, answering with rdflib results."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Literal
from rdflib.query import Result
from rdflib.term import Node

from policygraph.errors import QueryError
from policygraph.sparql.check import store_syntax_error
from policygraph.stores.results import to_result
from policygraph.stores.terms import XSD_STRING, language_tag, plain_literal, to_ox

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
            try:
                answer = self.inner.query(
                    sparql, use_default_graph_as_union=True, substitutions=substitutions
                )
            except RuntimeError as err:
                if not bindings or "projection" not in str(err):
                    raise
                # Oxigraph substitutes only projected variables; the others are bound as the
                # remote store binds every one, by a VALUES block (rdflib binds them all too)
                from policygraph.stores.remote import with_bindings

                answer = self.inner.query(
                    with_bindings(sparql, bindings), use_default_graph_as_union=True
                )
            return to_result(answer)
        except SyntaxError as err:
            raise store_syntax_error(sparql, err) from err
        except OSError as err:
            raise QueryError(f"query failed: {err}") from err

    def dataset(self) -> Dataset:
        """rdflib's Dataset API over the same store (through oxrdflib), union default graph.

        Its literals are those ``query`` gives (plain strings, tags in their conventional case).
        """
        return Dataset(store=_rdflib_store(self.inner), default_union=True)

    def close(self) -> None:
        if self.on_close is not None:
            self.on_close()
            self.on_close = None


def _same_literal(term: Any) -> Any:
    """An oxrdflib term as ``terms.from_ox`` makes it, so exports read alike on every store.

    oxrdflib writes a plain string as ``"x"^^xsd:string`` (rdflib's memory store and SPARQL
    results leave the datatype out) and keeps Oxigraph's lower-cased language tags.
    """
    if isinstance(term, Literal):
        if term.language:
            tag = language_tag(term.language)
            return term if tag == term.language else plain_literal(str(term), tag)
        if term.datatype is not None and str(term.datatype) == XSD_STRING:
            return plain_literal(str(term), None)
    return term


def _rdflib_store(inner: ox.Store) -> Any:
    """oxrdflib's rdflib store over ``inner``, its triples' literals as ``_same_literal`` makes."""
    from oxrdflib import OxigraphStore as RdflibOxigraph

    class SameLiterals(RdflibOxigraph):
        def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[Any]:
            for (s, p, o), contexts in super().triples(triple_pattern, context):
                yield (s, p, _same_literal(o)), contexts

    return SameLiterals(store=inner)
