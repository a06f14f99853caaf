"""Read YAML while keeping the line and column of every value.

PyYAML's composer gives nodes with marks; this module turns them into plain values wrapped in
``Located`` so later checks can say ``file:line:col``. Scalars stay strings unless YAML types them
as null, bool, int or float: dates are checked by the record rules, not by the YAML parser (which
would crash on 2025-02-30).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

import yaml

from policygraph.errors import InputError, Location
from policygraph.limits import (
    MAX_YAML_DEPTH,
    MAX_YAML_FILE_BYTES,
    check_yaml_events,
    decode_text,
    read_limited,
)

Scalar = str | int | float | bool | None
Value = Union[Scalar, "YMap", "YList"]  # noqa: UP007 (forward references)


@dataclass(frozen=True)
class Located:
    """A value and where it was written."""

    value: Value
    where: Location


class YMap(dict[str, Located]):
    """A YAML mapping: keys to located values, plus the mapping's own location."""

    where: Location

    def __init__(self) -> None:
        super().__init__()
        self.key_locations: dict[str, Location] = {}

    def key_where(self, key: str) -> Location:
        """Where ``key`` itself is written (for messages about the key, not its value)."""
        return self.key_locations.get(key, self[key].where)


class YList(list[Located]):
    """A YAML sequence of located values, plus the sequence's own location."""

    where: Location


_BOOL = {"true": True, "false": False, "yes": True, "no": False, "on": True, "off": False}


def _scalar(node: yaml.ScalarNode) -> Scalar:
    tag = str(node.tag).rsplit(":", 1)[-1]
    text = str(node.value)
    if tag == "null":
        return None
    if tag == "bool":
        return _BOOL.get(text.lower(), bool(text))
    if tag == "int":
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag == "float":
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return text
    return text


def _where(path: Path, node: yaml.Node) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(path: Path, node: yaml.Node) -> Located:
    where = _where(path, node)
    if isinstance(node, yaml.ScalarNode):
        return Located(_scalar(node), where)
    if isinstance(node, yaml.SequenceNode):
        items = YList(_convert(path, item) for item in node.value)
        items.where = where
        return Located(items, where)
    if isinstance(node, yaml.MappingNode):
        mapping = YMap()
        mapping.where = where
        for key_node, value_node in node.value:
            key_where = _where(path, key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError("a mapping key must be plain text", where=key_where)
            key = str(key_node.value)
            if key in mapping:
                first = mapping[key].where
                raise InputError(
                    f"duplicate key {key!r} (first given at line {first.line})", where=key_where
                )
            mapping[key] = _convert(path, value_node)
            mapping.key_locations[key] = key_where
        return Located(mapping, where)
    raise InputError(f"unsupported YAML node {type(node).__name__}", where=where)


def _compose(text: str) -> yaml.Node | None:
    """libyaml's composer when PyYAML has it (same nodes and marks, ~10x faster); on an error,
    the pure-Python one, whose messages are the ones users see."""
    if yaml.__with_libyaml__:
        try:
            return yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


class _Unusual(Exception):
    """Something the one-pass reader leaves to the two passes (whose errors users see)."""


_RESOLVER = yaml.resolver.Resolver()


def _one_pass(text: str, path: Path) -> Located | None:
    """``_convert(_compose(text))`` straight from libyaml's events, for a file that keeps the
    limits (one document, no anchor or alias, not too deep, plain keys, no key twice): about
    half the time of checking the events, then composing and converting. Raises ``_Unusual``
    for anything else, which the two passes then read (and report)."""
    root: Located | None = None
    stack: list[tuple[YMap | YList, str | None]] = []  # open collections, each with its key
    documents = 0
    events: Iterator[Any] = yaml.parse(text, Loader=yaml.CSafeLoader)
    for event in events:
        kind = type(event)
        if kind in _ENDS:
            stack.pop()
            continue
        if kind not in _NODES:
            if kind is yaml.AliasEvent or (kind is yaml.DocumentStartEvent and documents):
                raise _Unusual
            documents += kind is yaml.DocumentStartEvent
            continue
        if event.anchor is not None:
            raise _Unusual
        mark = event.start_mark
        where = Location(path, mark.line + 1, mark.column + 1)
        container, key = stack[-1] if stack else (None, None)
        if isinstance(container, YMap) and key is None:  # a key, not a value
            if kind is not yaml.ScalarEvent or str(event.value) in container:
                raise _Unusual
            container.key_locations[str(event.value)] = where
            stack[-1] = (container, str(event.value))
            continue
        value: Value
        if kind is yaml.ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
            value = _scalar(yaml.ScalarNode(tag, event.value))
        elif len(stack) >= MAX_YAML_DEPTH:
            raise _Unusual
        else:
            value = YMap() if kind is yaml.MappingStartEvent else YList()
            value.where = where
        located = Located(value, where)
        if isinstance(container, YList):
            container.append(located)
        elif isinstance(container, YMap) and key is not None:
            container[key] = located
            stack[-1] = (container, None)
        else:
            root = located
        if isinstance(value, YMap | YList):
            stack.append((value, None))
    return root


_NODES = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def load_yaml(path: Path, data: bytes | None = None) -> Located:
    """Parse one YAML file (or ``data``, its bytes as ``read_limited`` gave them) into located
    values; raise ``InputError`` with ``file:line:col``.

    The file must be UTF-8 text under ``MAX_YAML_FILE_BYTES``, hold a document, and use no
    anchors or aliases and no deeper nesting than ``MAX_YAML_DEPTH`` (``policygraph.limits``).
    """
    if data is None:
        data = read_limited(path, MAX_YAML_FILE_BYTES, "the YAML file")
    text = decode_text(data, path, "the file")
    if yaml.__with_libyaml__:
        try:
            located = _one_pass(text, path)
        except (_Unusual, yaml.YAMLError):
            pass  # read again below, where the problem is reported
        else:
            if located is not None:
                return located
    try:
        check_yaml_events(text, path)
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = err.problem or err.context or "invalid YAML"
        raise InputError(
            f"malformed YAML: {problem}",
            where=where,
            hint="check indentation and quoting; a value containing ': ' must be quoted",
        ) from err
    except yaml.YAMLError as err:
        raise InputError(f"malformed YAML: {err}", where=Location(path)) from err
    if node is None:
        raise InputError(
            "the file is empty (no YAML document in it)",
            where=Location(path, 1, 1),
            hint="write at least one record, or delete the file",
        )
    return _convert(path, node)
