"""The terminal-safe output layer: control characters escaped, long bodies cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.textsafe import cut, safe_body, safe_line, safe_text

runner = CliRunner()


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


def test_a_label_with_escape_sequences_reaches_stdout_escaped(tmp_path: Path) -> None:
    data = tmp_path / "evil.ttl"
    data.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/policygraph/id/person-evil> skos:prefLabel "Evil \\u001B[31mred'
        '\\u001B[0m \\u202Eesrever"@en .\n',
        encoding="utf-8",
    )
    graph = ["--input", str(data)]
    table = runner.invoke(app, ["query", "SELECT ?l WHERE { ?s skos:prefLabel ?l }", *graph])
    search = runner.invoke(app, ["search", "Evil", *graph])
    for result in (table, search):
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
        assert "Evil \\x1b[31mred\\x1b[0m \\u202eesrever" in result.stdout
    csv = runner.invoke(
        app, ["query", "SELECT ?l WHERE { ?s skos:prefLabel ?l }", "--format", "csv", *graph]
    )
    assert "\u202eesrever" in csv.stdout  # machine formats: data unchanged, off a terminal


def test_error_messages_are_escaped_too(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "-f", str(tmp_path / "no\x1b[2Jsuch.rq")])
    assert result.exit_code == 4
    assert "\x1b" not in result.stderr and "no\\x1b[2Jsuch.rq" in result.stderr
