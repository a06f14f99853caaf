"""Hostile SPARQL input: empty, huge, deeply nested, long operator chains, odd time limits;
errors placed in the user's own text (after tabs, CJK, and on lines only Oxigraph checks)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner, Result

from policygraph import limits
from policygraph.cli import app
from policygraph.errors import QueryError
from policygraph.project import Project
from policygraph.sparql import check_query
from policygraph.sparql.check import caret
from policygraph.stores.oxigraph import OxigraphStore


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture(scope="module")
def trig(multi_project: Project) -> str:
    return str(multi_project.trig_path)


@pytest.mark.parametrize("text", ["", "   \n\t", "# only a comment\n  # and another\n"])
def test_an_empty_query_says_no_query_given(trig: str, text: str) -> None:
    with pytest.raises(QueryError, match="no query given"):
        check_query(text)
    result = run("query", "--graph", trig, text)
    assert result.exit_code == 5
    assert "no query given" in result.stderr
    assert "update" not in result.stderr


def test_5000_nested_brackets_give_a_clean_error(trig: str) -> None:
    nested = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    braces = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
    for text in (nested, braces):
        result = run("query", "--graph", trig, text)
        assert result.exit_code == 5
        assert "more than 16 brackets nested" in result.stderr
        assert "RecursionError" not in result.stderr


def test_the_deepest_allowed_nesting_still_parses_inside_the_cli(trig: str) -> None:
    depth = limits.MAX_QUERY_DEPTH - 2  # the WHERE braces and FILTER's own parentheses
    text = "ASK { ?s ?p ?o FILTER(" + "(1+" * depth + "1" + ")" * depth + " > 0) }"
    result = run("query", "--graph", trig, "--format", "json", text)
    assert result.exit_code == 0, result.stderr


def test_ten_thousand_ors_are_refused_before_the_engine(trig: str) -> None:
    """159 KB with 10,000 `||` crashed the CLI with exit 139 (Oxigraph's stack overflow)."""
    long = "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o = 1"] * 10_000) + ") }"
    result = run("query", "--graph", trig, long)
    assert result.exit_code == 5
    assert "the query is 100,032 characters long (the limit is 100,000)" in result.stderr
    short = "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(["?o"] * 8_000) + ") }"
    assert len(short) < limits.MAX_QUERY_CHARS
    result = run("query", "--graph", trig, short)
    assert result.exit_code == 5
    assert "query:1:4032: more than 1,000 operators" in result.stderr


def test_operators_inside_strings_iris_names_and_comments_do_not_count() -> None:
    noise = "'a+b' \"||\" <http://x/a-b?c=d&e=f> pg:a-b-c # + - * / = || &&\n"
    text = "SELECT * WHERE { ?s ?p ?o VALUES ?x { " + noise * 1500 + "} }"
    limits.check_query_text(text)


def test_a_huge_query_file_is_not_read_whole(tmp_path: Path, trig: str) -> None:
    path = tmp_path / "huge.rq"
    with path.open("wb") as handle:
        handle.truncate(10 * limits.MAX_QUERY_CHARS)
    result = run("query", "--graph", trig, "-f", str(path))
    assert result.exit_code == 3
    assert "huge.rq: the query file is larger than" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"SELECT \xff", "is not UTF-8 text"), (b"SELECT\0", "is binary")],
)
def test_a_query_file_that_is_not_text_is_refused(
    tmp_path: Path, trig: str, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.rq"
    path.write_bytes(content)
    result = run("query", "--graph", trig, "-f", str(path))
    assert result.exit_code == 3
    assert message in result.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0"])
def test_a_time_limit_must_be_a_positive_number(trig: str, value: str) -> None:
    result = run("query", "--graph", trig, f"--timeout={value}", "ASK {}")
    assert result.exit_code == 5
    assert "the time limit must be a positive number of seconds" in result.stderr


def test_carets_sit_under_the_error_after_tabs_and_wide_characters() -> None:
    assert caret("a\tb", 3) == " \t^"
    assert caret("中文x", 3) == "    ^"
    assert caret("e\u0301x", 3) == " ^"  # a combining accent takes no cell
    with pytest.raises(QueryError) as tab:
        check_query("SELECT * WHERE {\t\t?s ?p ?o . FOO }")
    assert "query:1:30: SPARQL syntax error" in str(tab.value)
    assert str(tab.value).endswith("\n  " + " " * 16 + "\t\t" + " " * 11 + "^")
    with pytest.raises(QueryError) as cjk:
        check_query('SELECT * WHERE { ?s ?p "中文中文" . FOO }')
    assert "query:1:33: SPARQL syntax error" in str(cjk.value)
    assert str(cjk.value).endswith("\n  " + " " * 36 + "^")


def test_errors_only_oxigraph_finds_carry_the_users_line_numbers() -> None:
    store = OxigraphStore(ox.Store())
    text = "SELECT ?x WHERE {\n  BIND(1 AS ?x)\n  BIND(2 AS ?x)\n}"
    checked = check_query(text)  # rdflib's parser lets it pass
    with pytest.raises(QueryError) as err:
        store.query(checked.text)
    message = str(err.value)
    assert message.startswith("query:4:2: SPARQL syntax error")
    assert message.endswith("\n  }\n   ^")
    duplicated = check_query("SELECT (1 AS ?x) (2 AS ?x) WHERE {}")
    with pytest.raises(QueryError, match=r"query:1:36: .*Duplicated variable name in SELECT"):
        store.query(duplicated.text)


def test_standard_input_is_read_only_up_to_the_limit(trig: str) -> None:
    endless = " " * (3 * limits.MAX_QUERY_CHARS)
    result = CliRunner().invoke(app, ["query", "--graph", trig, "-"], input=endless)
    assert result.exit_code == 5
    assert "<stdin>: the query is 100,001 characters long" in result.stderr


def test_a_project_query_file_that_is_not_text_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data" / "records").mkdir(parents=True)
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "bad.rq").write_bytes(b"SELECT \xff")
    for args in (["queries"], ["query", "-n", "bad"]):
        result = run(*args, "--project", str(tmp_path))
        assert result.exit_code == 3, result.stderr
        assert "bad.rq:1:8: the query file is not UTF-8 text" in result.stderr
