"""``build`` publishes the store and ``graph/`` together, and ``graph/`` whole (issue: hardening).

A killed build is simulated at each step of the publication: before the journal (graph/ stays
all old, the staged files are removed by the next build) and after it with only some renames done
(the next build finishes them: graph/ is all new). A store that cannot be written stops the build
before graph/ changes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.build import build
from policygraph.cli import app
from policygraph.project import Project
from policygraph.publish import JOURNAL, publish, recover, stage

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_killed_before_the_journal_leaves_everything_old(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("old a")
    (tmp_path / "b.txt").write_text("old b")
    stage(tmp_path, {tmp_path / "a.txt": "new a", tmp_path / "b.txt": "new b"})  # then killed
    assert len(list(tmp_path.glob(".*.tmp"))) == 2
    recover(tmp_path)
    assert snapshot(tmp_path) == {"a.txt": b"old a", "b.txt": b"old b"}


def test_killed_between_renames_is_finished_by_the_next_build(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("old a")
    (tmp_path / "b.txt").write_text("old b")
    staged = stage(tmp_path, {tmp_path / "a.txt": "new a", tmp_path / "b.txt": "new b"})
    pairs = [[s.name, t.name] for s, t in staged.files]
    (tmp_path / JOURNAL).write_text(json.dumps(pairs))
    first, target = staged.files[0]
    first.replace(target)  # one rename done, then killed
    recover(tmp_path)
    assert snapshot(tmp_path) == {"a.txt": b"new a", "b.txt": b"new b"}


def test_a_journal_never_names_a_file_elsewhere(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    folder = tmp_path / "graph"
    folder.mkdir()
    (folder / JOURNAL).write_text(json.dumps([["../outside.txt", "x"]]))
    recover(folder)
    assert outside.read_text() == "keep" and not (folder / JOURNAL).exists()


def test_publish_puts_every_file_in_place(tmp_path: Path) -> None:
    publish(stage(tmp_path, {tmp_path / "a.txt": "1", tmp_path / "b.txt": "2"}))
    assert snapshot(tmp_path) == {"a.txt": b"1", "b.txt": b"2"}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "multi", root, ignore=shutil.ignore_patterns("graph"))
    project = Project(root)
    build(project)
    return project


def test_a_store_that_cannot_be_written_stops_the_build_before_graph_changes(
    project: Project,
) -> None:
    before = snapshot(project.graph_dir)
    shutil.rmtree(project.store_dir)
    project.store_dir.write_text("not a folder")  # so no version can be written there
    records = project.records_dir / "fict-sasac-followup-2025-08.yaml"
    records.write_text(records.read_text().replace("(fictional)", "(fictional again)", 1))
    result = CliRunner().invoke(app, ["build", "--project", str(project.root)])
    assert result.exit_code == 7, result.output
    assert "cannot write the store" in result.stderr and "graph/ was left as it was" in (
        result.stderr
    )
    assert snapshot(project.graph_dir) == before
    assert not list(project.graph_dir.glob(".*.tmp"))


def test_leftovers_of_a_killed_build_are_removed(project: Project) -> None:
    leftover = project.graph_dir / ".policygraph.trig.abc.tmp"
    leftover.write_text("half written")
    build(project)
    assert not leftover.exists()
