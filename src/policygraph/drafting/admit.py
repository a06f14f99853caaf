"""What ``review`` checks before it writes: items that would make the project invalid.

The record file ``review`` would write is checked in memory with the project's own checks (the
records checker, then the SHACL shapes), before anything is written. Problems the project has
already are not the accepted items' doing and are left to ``validate``; a new one refuses the
whole review, each problem shown at the draft item that causes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

from policygraph.errors import Finding, Location, RefusedItems, shown
from policygraph.project import Project

SECTIONS_WITH_KEYS = {"names": "entity"}


def _item_spans(text: str, path: Path) -> list[tuple[int, int, str, Location]]:
    """Each top-level item of a record (or draft) file: first and last line, key, place."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    spans: list[tuple[int, int, str, Location]] = []
    for key_node, section in root.value:
        if not isinstance(section, yaml.SequenceNode):
            continue
        field = SECTIONS_WITH_KEYS.get(str(key_node.value), "id")
        for node in section.value:
            if not isinstance(node, yaml.MappingNode):
                continue
            keys = {str(k.value): v for k, v in node.value}
            value = keys.get(field)
            if isinstance(value, yaml.ScalarNode):
                start, end = node.start_mark, node.end_mark
                where = Location(path, start.line + 1, start.column + 1)
                # a block mapping ends where the next item begins: at column 0 of its line,
                # which is not the item's own (both items would hold that line)
                last = end.line if end.column == 0 else end.line + 1
                spans.append((start.line + 1, max(last, start.line + 1), str(value.value), where))
    return spans


def _at_item(finding: Finding, spans: list[tuple[int, int, str, Location]]) -> str | None:
    where = finding.where
    if where is None:
        return None
    inside = [s for s in spans if s[0] <= where.line <= s[1]]
    return min(inside, key=lambda s: s[1] - s[0])[2] if inside else None


def refuse_invalid(
    project: Project,
    records_path: Path,
    text: str,
    draft_path: Path,
    renames: Mapping[str, str],
) -> None:
    """Raise ``RefusedItems`` when writing ``text`` to ``records_path`` would add problems to
    the project's data; each one is placed at its draft item in ``draft_path`` when it has one."""
    from policygraph.validate import project_findings

    after = project_findings(project, {records_path: text})
    if not after.errors:
        return
    before = {f.text for f in project_findings(project).errors}
    new = [f for f in after.errors if f.text not in before]
    if not new:
        return
    written = _item_spans(text, records_path)
    drafted = {key: where for _, _, key, where in _item_spans(_read(draft_path), draft_path)}
    original = {new_id: old for old, new_id in renames.items()}
    lines = []
    keys: list[str] = []
    for finding in new:
        here = finding.where is not None and finding.where.path == records_path
        key = _at_item(finding, written) if here else None
        place = drafted.get(original.get(key, key)) if key else None
        if key is not None:
            keys.append(original.get(key, key))
        if place is not None:
            lines.append(f"{place}: {finding.text}")
        elif here:
            lines.append(f"{finding} (in {records_path.name} as review would write it)")
        else:
            lines.append(str(finding))
    hint = (
        f"fix these items in {shown(draft_path)}, or leave them out (accept the others with "
        "--accept ID), then review again"
    )
    if any("undeclared concept" in f.text for f in new):
        hint += (
            "; a concept the project lacks (such as a drafted role.*) is declared once, in a "
            "reference file's `concepts:` (id, scheme, labels: docs/records.md)"
        )
    raise RefusedItems(lines, hint=hint, keys=list(dict.fromkeys(keys)))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
