"""Append records to a record file as text, so its comments and layout stay as written.

``append_items`` returns ``None`` when it cannot do so safely (a section written in flow style,
an unusual layout); the caller then rewrites the file from its parsed content instead.
"""

from __future__ import annotations

from collections.abc import Mapping

import yaml

Item = dict[str, object]


def _dump_list(items: list[Item], indent: int) -> str:
    body = yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=100)
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in body.splitlines(True))


def _last_end(node: yaml.Node) -> int:
    """Where the deepest last value of ``node`` ends (the end of a block node is not exact)."""
    while isinstance(node, yaml.SequenceNode | yaml.MappingNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return int(node.end_mark.index)


def append_items(text: str, additions: Mapping[str, list[Item]]) -> str | None:
    """``text`` with ``additions`` added at the end of their sections (new sections at the end)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        before = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode) or not isinstance(before, dict):
        return None
    nodes = {str(k.value): v for k, v in root.value}
    inserts: list[tuple[int, str]] = []
    tail = ""
    for section, items in additions.items():
        node = nodes.get(section)
        if node is None:
            tail += f"\n{section}:\n{_dump_list(items, 2)}"
            continue
        if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
            return None
        line_end = text.find("\n", _last_end(node))
        at = len(text) if line_end < 0 else line_end + 1
        prefix = "" if line_end >= 0 else "\n"
        inserts.append((at, prefix + _dump_list(items, node.start_mark.column)))
    result = text
    for at, chunk in sorted(inserts, reverse=True):
        result = result[:at] + chunk + result[at:]
    if tail:
        result = result.rstrip("\n") + "\n" + tail
    expected = dict(before)
    for section, items in additions.items():
        expected[section] = [*(before.get(section) or []), *items]
    try:
        return result if yaml.safe_load(result) == expected else None
    except yaml.YAMLError:
        return None
