"""The project's store after a rebuild holds what a store made from scratch holds: the changed
graphs replaced, the unchanged ones kept, the union (default graph) exactly their set union."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from policygraph.build import build
from policygraph.project import Project
from policygraph.stores.disk import open_reader
from policygraph.stores.project import _edit_in_place, sync_project_store

MULTI = Path(__file__).resolve().parent / "fixtures" / "multi" / "data"
RECAP = "fict-mandate-recap-2025-09"


def held(project: Project) -> set[ox.Quad]:
    store = open_reader(project.store_dir)
    try:
        return set(store.inner.quads_for_pattern(None, None, None, None))
    finally:
        store.close()


def from_scratch(project: Project) -> set[ox.Quad]:
    shutil.rmtree(project.store_dir)
    assert sync_project_store(project)
    return held(project)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_rebuild_leaves_the_store_a_fresh_sync_would_make(tmp_path: Path) -> None:
    shutil.copytree(MULTI, tmp_path / "data")
    project = Project(tmp_path)
    build(project)
    first = held(project)
    default = ox.DefaultGraph()
    union = {q.triple for q in first if q.graph_name == default}
    assert union == {q.triple for q in first if q.graph_name != default}
    # a quote in one source changes: that graph only
    edit(project.records_dir / f"{RECAP}.yaml", "At the July 10", "At the July  10")
    build(project)
    changed = held(project)
    assert changed != first
    assert changed == from_scratch(project)
    # a source's metadata changes: the provenance graph, edited in place, and nothing else
    build(project)
    edit(project.sources_dir / f"{RECAP}.yaml", "published: 2025-09-05", "published: 2025-09-06")
    build(project)
    redated = held(project)
    assert redated != changed
    assert redated == from_scratch(project)
    # a whole source goes: its graph, and the triples only it stated, leave the union
    build(project)
    (project.records_dir / f"{RECAP}.yaml").unlink()
    (project.sources_dir / f"{RECAP}.yaml").unlink()
    (project.sources_dir / f"{RECAP}.txt").unlink()
    build(project)
    gone = held(project)
    assert not any(RECAP in str(q.graph_name) for q in gone)
    assert gone == from_scratch(project)


def nt(*triples: str) -> bytes:
    return "".join(f'<http://e/{s}> <http://e/p> "{o}" .\n' for s, o in triples).encode()


def test_a_graph_mostly_kept_is_edited_in_place_else_replaced() -> None:
    store, graph = ox.Store(), ox.NamedNode("http://e/g")
    before = [("a", "1"), ("b", "2"), ("c", "3"), ("d", "4")]
    store.bulk_load(input=nt(*before), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    edit = _edit_in_place(store, graph, nt(("a", "1"), ("b", "2"), ("c", "3"), ("d", "5")))
    assert edit is not None
    gone, added = edit
    assert [str(t.object.value) for t in gone] == ["4"]
    assert added == nt(("d", "5"))
    assert {q.object.value for q in store.quads_for_pattern(None, None, None, graph)} == {
        "1",
        "2",
        "3",
    }
    # more than half gone, blank nodes, or a graph the build no longer has: replaced whole
    assert _edit_in_place(store, graph, nt(("x", "1"), ("y", "2"))) is None
    assert _edit_in_place(store, graph, None) is None
    store.add(ox.Quad(ox.BlankNode("n"), ox.NamedNode("http://e/p"), ox.Literal("z"), graph))
    assert _edit_in_place(store, graph, nt(("a", "1"))) is None
