"""Check one record's fields against its section spec and turn them into typed values."""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, InvalidOperation

from policygraph.dates import FORMS, parse_date
from policygraph.errors import Location
from policygraph.records.spec import (
    CHOICE,
    CHOICES,
    CONCEPT,
    CONCEPTS,
    DATE,
    DECIMAL,
    INT,
    LABELS,
    MULTI_LABELS,
    NESTED,
    QUOTES,
    REF,
    REFS,
    TEXT,
    URL,
    Field,
)
from policygraph.records.yamlsrc import Located, YList, YMap

KNOWN_LANGUAGES = ("en", "zh", "zh-Latn-pinyin", "zh-Hans", "zh-Hant")
SLUG = re.compile(r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$")


class FieldProblem(Exception):
    """A problem with one value, at a location."""

    def __init__(self, where: Location, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


def close_matches(word: str, candidates: list[str]) -> str:
    """``"; did you mean a or b?"`` or an empty string."""
    near = difflib.get_close_matches(word, candidates, n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(near)}?" if near else ""


def _kind_name(value: object) -> str:
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YList):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


def _text(item: Located, what: str) -> str:
    value = item.value
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldProblem(item.where, f"{what} must be text, not {_kind_name(value)}")
    text = str(value).strip()
    if not text:
        raise FieldProblem(item.where, f"{what} is empty")
    return text


def _lang(key: str, where: Location) -> str:
    if key not in KNOWN_LANGUAGES:
        hint = close_matches(key, list(KNOWN_LANGUAGES))
        known = ", ".join(KNOWN_LANGUAGES)
        raise FieldProblem(where, f"unknown language tag {key!r} (known: {known}){hint}")
    return key


def _labels(item: Located, name: str, multi: bool) -> dict[str, tuple[str, ...] | str]:
    if not isinstance(item.value, YMap):
        raise FieldProblem(
            item.where,
            f"{name} must be a mapping of language to text, not {_kind_name(item.value)}",
        )
    out: dict[str, tuple[str, ...] | str] = {}
    for key, entry in item.value.items():
        lang = _lang(key, item.value.key_where(key))
        if multi and isinstance(entry.value, YList):
            out[lang] = tuple(_text(e, f"{name}.{lang}") for e in entry.value)
        else:
            text = _text(entry, f"{name}.{lang}")
            out[lang] = (text,) if multi else text
    return out


def _list(item: Located, name: str) -> list[Located]:
    if isinstance(item.value, YList):
        return list(item.value)
    if isinstance(item.value, str | int):
        return [item]
    raise FieldProblem(item.where, f"{name} must be a list, not {_kind_name(item.value)}")


def _date(item: Located, name: str) -> str:
    text = _text(item, name)
    found = parse_date(text)
    if found is None:
        raise FieldProblem(
            item.where,
            f"{name} {text!r} is not a real date (expected {FORMS}: as precise as the source "
            "says, never an invented day)",
        )
    return found


def _int(item: Located, name: str) -> int:
    if isinstance(item.value, bool) or not isinstance(item.value, int):
        raise FieldProblem(
            item.where, f"{name} must be a whole number, not {_kind_name(item.value)}"
        )
    return item.value


def _decimal(item: Located, name: str) -> Decimal:
    if isinstance(item.value, bool) or not isinstance(item.value, int | float | str):
        raise FieldProblem(item.where, f"{name} must be a number, not {_kind_name(item.value)}")
    try:
        return Decimal(str(item.value))
    except InvalidOperation:
        raise FieldProblem(item.where, f"{name} must be a number, not {item.value!r}") from None


def _choice(item: Located, spec: Field) -> str:
    text = _text(item, spec.name)
    if text not in spec.choices:
        hint = close_matches(text, list(spec.choices))
        raise FieldProblem(
            item.where,
            f"{spec.name} {text!r} is not one of {', '.join(spec.choices)}{hint}",
        )
    return text


def _slug(item: Located, name: str) -> str:
    text = _text(item, name)
    if not SLUG.match(text):
        raise FieldProblem(
            item.where,
            f"{name} {text!r} must be lower-case letters, digits, '-' and '.' (a stable slug)",
        )
    return text


def _url(item: Located, name: str) -> str:
    text = _text(item, name)
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", text):
        raise FieldProblem(item.where, f"{name} {text!r} is not an http(s) URL")
    return text


def field_value(item: Located, spec: Field) -> object:
    """The typed value of one field; raise ``FieldProblem`` when it is of the wrong kind."""
    kind = spec.kind
    if kind == TEXT:
        return _slug(item, spec.name) if spec.name == "id" else _text(item, spec.name)
    if kind in (LABELS, MULTI_LABELS):
        return _labels(item, spec.name, multi=kind == MULTI_LABELS)
    if kind == DATE:
        return _date(item, spec.name)
    if kind == INT:
        return _int(item, spec.name)
    if kind == DECIMAL:
        return _decimal(item, spec.name)
    if kind in (REF, CONCEPT):
        return _slug(item, spec.name)
    if kind in (REFS, CONCEPTS):
        return tuple(_slug(e, spec.name) for e in _list(item, spec.name))
    if kind == QUOTES:
        quotes = tuple(_text(e, spec.name) for e in _list(item, spec.name))
        if not quotes:
            raise FieldProblem(
                item.where, f"{spec.name} is empty: give at least one verbatim quote"
            )
        return quotes
    if kind == URL:
        return _url(item, spec.name)
    if kind == CHOICE:
        return _choice(item, spec)
    if kind == CHOICES:
        return tuple(_choice(e, spec) for e in _list(item, spec.name))
    if kind == NESTED:
        return _list(item, spec.name)
    raise AssertionError(f"unknown field kind {kind}")
