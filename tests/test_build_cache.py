"""``build``'s Turtle cache: same bytes as a cold build, invalidated by content, never trusted
when damaged, and never a reason to accept data a cold build refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from policygraph import buildcache
from policygraph.build import build
from policygraph.buildcache import TurtleCache
from policygraph.errors import DataProblems
from policygraph.project import Project
from policygraph.serialize import turtle_body
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


def entries(project: Project) -> dict[str, str]:
    folder = project.build_cache_dir / "turtle"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.json"))}


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
    cached = entries(project)
    assert cached, "build wrote no cache entries"
    build(project)
    assert outputs(project) == first
    assert entries(project) == cached  # every entry reused, none added or dropped


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
    old_entries = entries(project)
    edit(project.root / path, old, new)
    build(project)
    warm, warm_store = outputs(project), stored(project)
    assert warm == cold(project)
    assert warm_store == stored(project)  # the store swapped only the changed graphs
    changed = set(entries(project)) ^ set(old_entries)
    if "comment" in new:
        assert warm == before and not changed
    else:
        assert warm != before and changed  # the changed graphs got new keys; old ones pruned


def test_a_new_package_version_misses_every_entry(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = Graph()
    graph.add(
        (
            URIRef("https://w3id.org/policygraph/id/x"),
            URIRef("https://schema.org/name"),
            Literal("x"),
        )
    )
    cache = TurtleCache(project.build_cache_dir)
    assert cache.body(graph) == turtle_body(graph) and cache.misses == 1
    assert TurtleCache(project.build_cache_dir).body(graph) == turtle_body(graph)
    monkeypatch.setattr(buildcache, "version", lambda name: "999")
    newer = TurtleCache(project.build_cache_dir)
    assert newer.body(graph) == turtle_body(graph)
    assert (newer.hits, newer.misses) == (0, 1)


def test_damaged_or_foreign_entries_are_ignored_and_rewritten(project: Project) -> None:
    expected = cold(project)
    folder = project.build_cache_dir / "turtle"
    names = sorted(folder.glob("*.json"))
    assert len(names) >= 3
    names[0].write_text("{not json", encoding="utf-8")
    names[1].write_bytes(b"\xff\xfe")
    foreign = json.loads(names[2].read_text(encoding="utf-8"))
    foreign["body"] = "pgr:x a pgr:y ."  # another text under this key, checksum left as it was
    names[2].write_text(json.dumps(foreign), encoding="utf-8")
    renamed = json.loads(names[3].read_text(encoding="utf-8"))
    names[4].write_text(json.dumps(renamed), encoding="utf-8")  # a valid entry, wrong key
    build(project)
    assert outputs(project) == expected
    for path in names[:5]:
        entry = json.loads(path.read_text(encoding="utf-8"))
        assert entry["key"] == path.stem and "pgr:x a pgr:y" not in entry["body"]


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
