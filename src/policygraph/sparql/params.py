"""Query parameters: ``var=value`` text to typed RDF terms, bound without touching the query text.

A value is read by its look: ``<iri>`` or a declared prefixed name is an IRI, ``2025-07-10`` an
``xsd:date``, ``12`` an ``xsd:integer``, ``0.9`` an ``xsd:decimal``, ``"text"@en`` a literal with
a language tag, ``"text"`` or anything else a plain string. A named query may declare a
parameter's type, and then the value is read as that type (``entity`` resolves any name).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from policygraph.errors import QueryError
from policygraph.iris import expand_name
from policygraph.names import resolve_entity
from policygraph.store import Store

TYPES = ("auto", "iri", "entity", "date", "integer", "decimal", "string", "literal")
_LANG_LITERAL = re.compile(r'^"(.*)"@([A-Za-z]+(?:-[A-Za-z0-9]+)*)$', re.DOTALL)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")


def split_assignment(text: str) -> tuple[str, str]:
    """``"var=value"`` -> ``("var", "value")``; a leading ``?`` or ``$`` on the name is dropped."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise QueryError(
            f"bad parameter {text!r}: expected NAME=VALUE",
            hint='e.g. --param person="He Qing" or --param date=2025-07-10',
        )
    return name, value


def parse_value(value: str, kind: str = "auto", store: Store | None = None) -> Node:
    """``value`` as an RDF term of type ``kind`` (one of ``TYPES``)."""
    if kind == "entity":
        if store is None:
            raise QueryError("an entity parameter needs a store to resolve names in")
        return resolve_entity(store, _unquote(value.strip()))
    if kind == "iri":
        iri = expand_name(value)
        if iri is None:
            raise QueryError(f"{value!r} is not an IRI or a declared prefixed name")
        return iri
    if kind == "date":
        return _date(value)
    if kind == "integer":
        if not _INTEGER.match(value.strip()):
            raise QueryError(f"{value!r} is not an integer")
        return Literal(int(value), datatype=XSD.integer)
    if kind == "decimal":
        try:
            return Literal(Decimal(value.strip()), datatype=XSD.decimal)
        except InvalidOperation as err:
            raise QueryError(f"{value!r} is not a decimal number") from err
    if kind == "string":
        return Literal(_unquote(value))
    if kind in ("auto", "literal"):
        return _auto(value)
    raise QueryError(f"unknown parameter type {kind!r}", hint="types: " + ", ".join(TYPES))


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _date(value: str) -> Literal:
    try:
        return Literal(dt.date.fromisoformat(value.strip()), datatype=XSD.date)
    except ValueError as err:
        raise QueryError(f"{value!r} is not a date (YYYY-MM-DD)") from err


def _auto(value: str) -> Node:
    text = value.strip()
    iri = expand_name(text) if (text.startswith("<") or ":" in text) else None
    if iri is not None:
        return iri
    if _DATE.match(text):
        return _date(text)
    if _INTEGER.match(text):
        return Literal(int(text), datatype=XSD.integer)
    if _DECIMAL.match(text):
        return Literal(Decimal(text), datatype=XSD.decimal)
    tagged = _LANG_LITERAL.match(text)
    if tagged:
        return Literal(tagged.group(1), lang=tagged.group(2))
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return Literal(text[1:-1])
    return Literal(value)


def to_term(value: object, kind: str = "auto", store: Store | None = None) -> Node:
    """A Python value as an RDF term: terms kept, text parsed as by ``parse_value``."""
    if isinstance(value, URIRef | Literal):
        return value
    if isinstance(value, str):
        return parse_value(value, kind, store)
    if isinstance(value, bool | int | float | Decimal | dt.date):
        return Literal(value)
    raise QueryError(f"cannot use {value!r} as a query parameter")


def bind_all(
    given: Mapping[str, object], kinds: Mapping[str, str], store: Store | None
) -> dict[str, Node]:
    """Every given parameter as a typed term, using the declared kinds where there are some."""
    return {name: to_term(value, kinds.get(name, "auto"), store) for name, value in given.items()}
