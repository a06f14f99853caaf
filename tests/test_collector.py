"""The collector paused while a page is made, a build's objects frozen, both undone after."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from policygraph.analytics.timeline_html import render_timeline_html
from policygraph.build import build
from policygraph.collector import frozen, paused
from policygraph.digest import render_feed
from policygraph.errors import DataProblems, InputError
from policygraph.project import Project
from policygraph.store import MemoryStore
from policygraph.validate import validate_project

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_paused_restores_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_timeline_and_the_feed_leave_the_collector_on(sasac_store: MemoryStore) -> None:
    assert render_timeline_html(sasac_store).startswith("<!DOCTYPE html>")
    assert gc.isenabled()
    with pytest.raises(InputError):
        render_timeline_html(sasac_store, since="not a date")
    assert gc.isenabled()
    assert render_feed(sasac_store).startswith("<?xml")
    assert gc.isenabled()


def test_frozen_unfreezes_what_it_froze_and_nothing_else() -> None:
    assert gc.get_freeze_count() == 0
    kept = [object() for _ in range(10)]
    with frozen():
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a process that froze its own objects (before forking workers)
    try:
        before = gc.get_freeze_count()
        with frozen():
            pass
        assert gc.get_freeze_count() == before  # still frozen: not ours to unfreeze
    finally:
        gc.unfreeze()


def test_build_and_validate_leave_the_collector_as_it_was(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "multi" / "data", tmp_path / "data")
    project = Project(tmp_path)
    build(project)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert validate_project(project).conforms
    assert gc.isenabled() and gc.get_freeze_count() == 0
    (project.records_dir / "broken.yaml").write_text("graph: nowhere\n", encoding="utf-8")
    with pytest.raises(DataProblems):
        build(project)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert not validate_project(project).conforms
    assert gc.isenabled() and gc.get_freeze_count() == 0
