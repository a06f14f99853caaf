"""Several sources stating one record: restatements, set semantics, conflicts, duplicates,
partial dates and quotes that differ by one character (issue: many sources, one graph)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.build import build
from policygraph.cli import app
from policygraph.project import Project
from policygraph.store import MemoryStore, Store, load_file, open_store
from policygraph.vocab import sparql_prologue

runner = CliRunner()
EVENT = "pgr:event-2025-07-10-sh-sasac-study-session"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def count(store: Store, pattern: str) -> int:
    result = store.query(sparql_prologue() + f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(next(iter(result))[0])  # type: ignore[index]


def test_a_triple_three_sources_state_counts_once_on_every_store(multi_project: Project) -> None:
    """The meeting is stated by the article and both fictional reports: one triple in the
    union, three copies seen through GRAPH ?g, whatever the store."""
    stores: list[Store] = [
        MemoryStore(load_file(multi_project.trig_path)),
        open_store(multi_project),
    ]
    for store in stores:
        try:
            assert count(store, f"GRAPH ?g {{ {EVENT} a schema:Event }}") == 3, store.kind
            assert count(store, f"{EVENT} a schema:Event") == 1, store.kind
            assert count(store, f"{EVENT} schema:startDate ?d") == 1, store.kind
            mandate = "pgr:signal-2025-07-10-sh-sasac-mandate-2"
            assert count(store, f"{mandate} a pg:PolicySignal") == 1, store.kind
            assert count(store, f"{mandate} pg:targetSector ?s") == 3, store.kind
        finally:
            store.close()


def test_support_lists_every_source_of_the_meeting(multi_project: Project) -> None:
    result = runner.invoke(app, ["support", EVENT, "--project", str(multi_project.root)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].split()[0] == "3"
    for publisher in ("Fresh From China", "Fictional Test Digest", "Fictional Test Wire"):
        assert publisher in result.stdout


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "multi"
    shutil.copytree(FIXTURES / "multi", root, ignore=shutil.ignore_patterns("graph"))
    return Project(root)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


RECAP = "data/records/fict-mandate-recap-2025-09.yaml"
FOLLOWUP = "data/records/fict-sasac-followup-2025-08.yaml"


def test_sources_that_disagree_are_a_warning_and_both_values_stay(project: Project) -> None:
    edit(
        project.root / RECAP,
        '    date: 2025-07-10\n    quote: "At the',
        '    date: 2025-07-11\n    quote: "At the',
    )
    result = runner.invoke(app, ["validate", "--project", str(project.root)])
    assert result.exit_code == 0, result.stdout + result.stderr
    (line,) = [x for x in result.stdout.splitlines() if "disagree" in x]
    assert (
        "fict-mandate-recap-2025-09.yaml:" in line and "warning: sources disagree on date" in line
    )
    assert "'2025-07-10'" in line and "'2025-07-11'" in line
    assert "At the July 10, 2025 study session" in line  # each side with its quote
    build(project)
    store = open_store(project)
    try:
        assert count(store, f"{EVENT} schema:startDate ?d") == 2  # both kept, each in its graph
    finally:
        store.close()


def test_one_id_twice_in_one_graph_is_a_duplicate_naming_the_newest_file(project: Project) -> None:
    path = project.root / FOLLOWUP
    text = path.read_text(encoding="utf-8")
    block = text[text.index("  - id: event-2025-08-20-sh-sasac-followup") : text.index("posts:")]
    path.write_text(text.replace("posts:", block + "\nposts:", 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--project", str(project.root)])
    assert result.exit_code == 1
    (line,) = [x for x in result.stdout.splitlines() if "duplicate id" in x]
    assert line.startswith(
        str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)
    )
    assert "a file states a record once" in line and "Traceback" not in result.stdout


def test_a_second_declaration_says_what_to_do(project: Project) -> None:
    edit(
        project.root / RECAP,
        '    date: 2025-07-10\n    quote: "At the',
        '    labels: {en: Another title}\n    date: 2025-07-10\n    quote: "At the',
    )
    result = runner.invoke(app, ["validate", "--project", str(project.root)])
    assert result.exit_code == 1
    assert "declared twice" in result.stdout and "alt_labels" in result.stdout


@pytest.mark.parametrize(
    ("written", "ok"),
    [
        ("2025-06", True),
        ("2025", True),
        ("2025-13", False),
        ("2025-06-31", False),
        ("25-06", False),
    ],
)
def test_partial_dates(project: Project, written: str, ok: bool) -> None:
    edit(project.root / FOLLOWUP, "    observed_on: 2025-08-20", f"    observed_on: {written}")
    result = runner.invoke(app, ["validate", "--project", str(project.root)])
    if ok:
        assert result.exit_code == 0, result.stdout
        build(project)
        store = open_store(project)
        try:
            found = store.query(
                sparql_prologue()
                + "SELECT ?d WHERE { pgr:post-he-qing-sasac-director-2025-08 pg:observedOn ?d }"
            )
            (row,) = list(found)
            datatype = str(row[0].datatype).rsplit("#", 1)[-1]  # type: ignore[index]
            assert (str(row[0]), datatype) == (  # type: ignore[index]
                written,
                {4: "gYear", 7: "gYearMonth"}[len(written)],
            )
        finally:
            store.close()
    else:
        assert result.exit_code == 1
        assert f"observed_on '{written}' is not a real date" in result.stdout
        assert "never an invented day" in result.stdout


def test_a_chinese_quote_one_character_off_shows_where(tmp_path: Path) -> None:
    from policygraph.records.quotes import describe

    text = "上海市国资委党委召开党委理论学习中心组学习会，专题学习加密货币和稳定币。"
    quote = "上海市国资委党委召开党委理论学习中心组学习会专题学习加密货币"  # the ， is missing
    said = describe(quote, text)
    assert said.startswith(
        "first difference at character 23: the quote has '专' where the text has '，'"
    )
    assert "学习会[，]专题" in said
    assert describe("完全无关的一句话", "The meeting was chaired by He Qing.") == (
        "nothing in the text comes close"
    )


def test_timeline_orders_a_month_before_its_days(project: Project) -> None:
    edit(
        project.root / FOLLOWUP,
        "    date: 2025-08-20\n    occasion",
        "    date: 2025-08\n    occasion",
    )
    build(project)
    result = runner.invoke(
        app,
        ["timeline", "--project", str(project.root), "--format", "csv", "--since", "2025-08-15"],
    )
    assert result.exit_code == 0, result.stderr
    dates = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert dates == ["2025-08"]  # August overlaps the range; the July signals do not
    every = runner.invoke(app, ["timeline", "--project", str(project.root), "--format", "csv"])
    dates = [line.split(",")[0] for line in every.stdout.splitlines()[1:]]
    assert dates == sorted(dates) and dates[-1] == "2025-08"
