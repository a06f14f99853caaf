"""The docs cover the CLI: every registered command is documented (sqlite-utils' docs test).

The README is assembled from ``docs/readme/*.md``; a command counts as documented when
``policygraph <command>`` appears in README.md or in one of those sections.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policygraph.cli import app

REPO = Path(__file__).resolve().parent.parent


def command_names() -> list[str]:
    names = [
        c.name or (c.callback.__name__.replace("_", "-") if c.callback else "")
        for c in app.registered_commands
    ]
    names += [g.name for g in app.registered_groups if g.name]
    return sorted(n for n in names if n)


def documented_text() -> str:
    parts = sorted((REPO / "docs" / "readme").glob("*.md"))
    readme = REPO / "README.md"
    if readme.exists():
        parts.append(readme)
    return "\n".join(p.read_text(encoding="utf-8") for p in parts)


@pytest.mark.parametrize("command", command_names())
def test_command_is_documented(command: str) -> None:
    text = documented_text()
    assert re.search(rf"policygraph (\[?--?[\w-]+[^\n]*?\]? )*{re.escape(command)}\b", text), (
        f"`policygraph {command}` appears in neither README.md nor docs/readme/*.md"
    )


def test_exit_codes_are_documented() -> None:
    text = documented_text()
    for code in ("0", "1", "2", "3", "4", "5"):
        assert re.search(rf"^\|\s*{code}\s*\|", text, re.MULTILINE), f"exit code {code}"
