"""Text tables for terminals, aligned by display width: a CJK character takes two columns.

The one helper every text table uses (``len()`` counts 贺青 as two columns where a terminal
shows four, and tables with Chinese names came out ragged).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Terminal columns taken by ``text`` (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` columns."""
    if width(text) <= limit:
        return text
    out, used = [], 0
    for char in text:
        size = width(char)
        if used + size > limit:
            break
        out.append(char)
        used += size
    return "".join(out)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``columns`` display columns (left-aligned by default)."""
    fill = " " * max(columns - width(text), 0)
    return fill + text if right else text + fill


def render_rows(rows: Sequence[Sequence[str]], *, limit: int = 48, gap: str = "  ") -> list[str]:
    """Rows of cells as aligned lines (each cell at most ``limit`` columns), right-stripped."""
    if not rows:
        return []
    count = max(len(r) for r in rows)
    widths = [
        min(max((width(r[i]) for r in rows if i < len(r)), default=0), limit) for i in range(count)
    ]
    return [
        gap.join(pad(clip(cell, limit), widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in rows
    ]
