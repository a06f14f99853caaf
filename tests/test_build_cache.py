"""A build after an earlier one (warm SHACL cache, store synced graph by graph) writes what a
cold build writes, holds what it holds in the store, and refuses what it refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policygraph.build import build
from policygraph.errors import DataProblems
from policygraph.project import Project
from policygraph.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RECAP = "data/records/fict-mandate-recap-2025-09.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "multi"
    shutil.copytree(FIXTURES / "multi", root, ignore=shutil.ignore_patterns("graph"))
    return Project(root)


def outputs(project: Project) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(project.graph_dir.iterdir())}


def stored(project: Project) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """The project store's named-graph quads and its default graph (the union), sorted."""
    store = open_store(project)
    try:
        named = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        union = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
        return (
            sorted(tuple(str(t) for t in row) for row in named),  # type: ignore[union-attr]
            sorted(tuple(str(t) for t in row) for row in union),  # type: ignore[union-attr]
        )
    finally:
        store.close()


def cold(project: Project) -> dict[str, bytes]:
    """What a build without any cache (or store) writes."""
    shutil.rmtree(project.root / ".policygraph", ignore_errors=True)
    build(project)
    return outputs(project)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_cached_rebuild_writes_the_same_bytes_as_a_cold_build(project: Project) -> None:
    first = cold(project)
    assert (project.build_cache_dir / "shacl" / "results.json").is_file()
    build(project)
    assert outputs(project) == first


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        (RECAP, "graph: source", "graph: source\n# a comment changes no triple"),
        (RECAP, "date: 2025-07-10", "date: 2025-07-11"),
        ("data/records/reference.yaml", "labels: {en: He Qing", "labels: {en: He  Qing"),
    ],
    ids=["comment-only", "changed-source", "changed-reference"],
)
def test_a_change_gives_what_a_cold_build_gives(
    project: Project, path: str, old: str, new: str
) -> None:
    before = cold(project)
    edit(project.root / path, old, new)
    build(project)
    warm, warm_store = outputs(project), stored(project)
    assert warm == cold(project)
    assert warm_store == stored(project)  # the store swapped only the changed graphs
    assert (warm == before) == ("comment" in new)


def test_the_cache_never_accepts_what_a_cold_build_refuses(project: Project) -> None:
    cold(project)
    edit(project.root / RECAP, 'quote: "', 'quote: "NOT IN THE TEXT ')
    with pytest.raises(DataProblems) as warm:
        build(project)
    shutil.rmtree(project.build_cache_dir)
    with pytest.raises(DataProblems) as refused:
        build(project)
    assert warm.value.problems == refused.value.problems


def test_a_removed_source_leaves_the_store_as_a_cold_build_does(project: Project) -> None:
    cold(project)
    for path in (
        RECAP,
        RECAP.replace("records", "sources"),
        RECAP.replace("records", "sources")[:-4] + "txt",
    ):
        (project.root / path).unlink()
    build(project)
    warm, warm_store = outputs(project), stored(project)
    assert warm == cold(project) and warm_store == stored(project)


def test_built_files_are_what_export_writes_from_the_store(project: Project) -> None:
    """One writer for TriG and Turtle: build's files and export of the store are the same bytes."""
    from typer.testing import CliRunner

    from policygraph.cli import app

    built = cold(project)
    for name, fmt in (("policygraph.ttl", "turtle"), ("policygraph.trig", "trig")):
        target = project.root / f"exported.{fmt}"
        args = ["export", "--format", fmt, "-o", str(target), "--project", str(project.root)]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert target.read_bytes() == built[name]
