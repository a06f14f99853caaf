"""Cells of CSV and TSV output made safe to open in a spreadsheet (no formula injection).

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)``, ``@SUM(...)``); such a cell
gets a leading ``'``, which spreadsheets show as text and do not display (OWASP's advice).
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """``text``, with a ``'`` in front when a spreadsheet would read it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def safe_row(cells: Iterable[str]) -> list[str]:
    """Every cell of a row through ``safe_cell``."""
    return [safe_cell(cell) for cell in cells]
