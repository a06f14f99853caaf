"""The terminal-safe output layer: control characters escaped, long bodies cut."""

from __future__ import annotations

import pytest

from policygraph.textsafe import cut, safe_body, safe_line, safe_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("red \x1b[31mtext\x1b[0m", "red \\x1b[31mtext\\x1b[0m"),
        ("over\rwrite", "over\\x0dwrite"),
        ("bell\x07 nul\x00 del\x7f", "bell\\x07 nul\\x00 del\\x7f"),
        ("c1 \x9b31m csi", "c1 \\x9b31m csi"),
        ("a\u2028b\u2029c", "a\\u2028b\\u2029c"),
        ("abc\u202edcba\u202c", "abc\\u202edcba\\u202c"),
        ("iso\u2066late\u2069", "iso\\u2066late\\u2069"),
        ("tabs\tand\nlines stay", "tabs\tand\nlines stay"),
        ("中文 and Ünïcode", "中文 and Ünïcode"),
    ],
)
def test_control_characters_are_shown_escaped(raw: str, shown: str) -> None:
    assert safe_text(raw) == shown


def test_one_line_escapes_newlines_too() -> None:
    assert safe_line("a\nb\tc\x1b") == "a\\nb\\tc\\x1b"


def test_long_text_is_cut_with_a_note() -> None:
    assert cut("x" * 10, 10) == "x" * 10
    assert cut("x" * 2_000_000) == "x" * 2000 + " (... 1998000 more characters)"


def test_bodies_are_decoded_cut_and_escaped() -> None:
    body = b"\xff\x1b[2J" + b"y" * 5000
    shown = safe_body(body)
    assert shown.startswith("\ufffd\\x1b[2J")
    assert shown.endswith("(... 3005 more characters)")
