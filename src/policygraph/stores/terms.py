"""Terms between rdflib and pyoxigraph, converted cheaply: result rows repeat terms a lot.

Oxigraph hands out terms that are already valid (IRIs checked, language tags well formed), so
IRIs and plain or language-tagged literals are built without rdflib's checks and parsing. They
are the same objects rdflib's constructors would make (``tests/test_store_terms.py`` checks it);
typed literals still go through ``Literal`` so their Python values are parsed as rdflib does.
Language tags come back in their conventional case (``zh-Latn-pinyin``), as the other stores
give them.
"""

from __future__ import annotations

import functools
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier, Node

from policygraph.errors import QueryError
from policygraph.iris import language_tag

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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


def iri(value: str) -> URIRef:
    """``URIRef(value)`` for an IRI known to be valid (no check, no warning)."""
    return str.__new__(URIRef, value)


def plain_literal(value: str, language: str | None) -> Literal:
    """``Literal(value, lang=language)`` without rdflib's parsing (a string is its own value)."""
    term = str.__new__(Literal, value)
    term._language = language
    term._datatype = None
    term._value = value
    term._ill_typed = None
    return term


@functools.lru_cache(maxsize=65536)
def typed_literal(value: str, datatype: str) -> Literal:
    """``Literal(value, datatype=datatype)``, remembered: rdflib parses the value (dates,
    numbers), and the same few dates and numbers come back in query after query."""
    return Literal(value, datatype=iri(datatype))


def from_ox(term: Any) -> Identifier:
    """A pyoxigraph term as an rdflib term."""
    import pyoxigraph as ox

    kind = type(term)
    if kind is ox.NamedNode:
        return iri(term.value)
    if kind is ox.Literal:
        language = term.language
        if language:
            return plain_literal(term.value, language_tag(language))
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return plain_literal(term.value, None)
        return typed_literal(term.value, datatype)
    if kind is ox.BlankNode:
        return BNode(term.value)
    raise QueryError(f"unsupported term in a result: {term!r}")
