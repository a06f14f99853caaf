"""``build``: the golden Turtle, the committed ``graph/`` kept fresh, same inputs -> same bytes."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from policygraph.atomic import write_all_atomic
from policygraph.build import BuildResult, build, render_outputs
from policygraph.errors import DataProblems
from policygraph.fulltext.collect import Document, read_documents
from policygraph.project import Project
from policygraph.serialize import to_turtle, union_graph
from policygraph.store import union_store

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="module")
def built(sasac_project: Project) -> BuildResult:
    """The repository's project, built in memory (nothing written)."""
    return build(sasac_project, write=False)


def rdf_difference(actual: str, expected: str) -> str:
    """Triples only in one of two Turtle texts, for a readable failure message."""
    ours = to_isomorphic(Graph().parse(data=actual, format="turtle"))
    theirs = to_isomorphic(Graph().parse(data=expected, format="turtle"))
    _, only_ours, only_theirs = graph_diff(ours, theirs)
    lines = [f"+ {t}" for t in sorted(only_ours.triples((None, None, None)))][:20]
    lines += [f"- {t}" for t in sorted(only_theirs.triples((None, None, None)))][:20]
    return "\n".join(lines) or "(same triples; the serialisation differs)"


def test_union_turtle_matches_the_golden_file(
    built: BuildResult, golden: Callable[[str, str], None]
) -> None:
    actual = to_turtle(union_graph(built.dataset))
    path = GOLDEN / "policygraph.ttl"
    if path.exists() and actual != path.read_text(encoding="utf-8"):
        difference = rdf_difference(actual, path.read_text(encoding="utf-8"))
        print(f"built Turtle differs from tests/golden/policygraph.ttl:\n{difference}")
    golden("policygraph.ttl", actual)


def test_committed_graph_is_not_stale(repository: Project) -> None:
    # the one test of the repository's own graph/: it must be what data/ builds
    sasac_project = repository
    outputs = render_outputs(repository, build(repository, write=False).graphs)
    assert repository.trig_path in outputs and repository.turtle_path in outputs
    stale = [
        str(path.relative_to(sasac_project.root))
        for path, text in outputs.items()
        if not path.exists() or path.read_bytes() != text.encode("utf-8")
    ]
    assert not stale, f"graph/ is stale ({', '.join(stale)}): run `policygraph build` and commit"


def test_same_inputs_give_the_same_bytes(sasac_project: Project, built: BuildResult) -> None:
    again = build(sasac_project, write=False)
    first = render_outputs(sasac_project, built.graphs)
    second = render_outputs(sasac_project, again.graphs)
    assert list(first) == list(second)
    for path in first:
        assert first[path] == second[path], f"{path.name} differs between two builds"


@pytest.mark.parametrize(
    ("spare", "cached"),
    [(0, False), (1, False), (1, True)],
    ids=["pages-here", "pages-forked", "pages-split"],
)
def test_outputs_made_in_several_processes_are_those_of_one(
    sasac_project: Project,
    built: BuildResult,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    spare: int,
    cached: bool,
) -> None:
    alone, documents = render_outputs(sasac_project, built.graphs), list[Document]()
    monkeypatch.setattr("policygraph.build.FORK_MIN_QUADS", 0)  # JSON-LD forked, and the
    monkeypatch.setattr("policygraph.build.spare_cores", lambda: spare)  # pages when spare
    cache = tmp_path if cached else None  # with JSON-LD's cache, the pages in two processes
    with caplog.at_level(logging.INFO, logger="policygraph.forkrun"):
        made = render_outputs(sasac_project, built.graphs, documents=documents, cache_dir=cache)
        assert made == alone
    assert "forked run failed" not in caplog.text  # each child answered (no rerun here)
    assert documents == read_documents(union_store(built.graphs))


def test_build_does_not_depend_on_where_the_project_lives(
    sasac_project: Project, built: BuildResult, tmp_path: Path
) -> None:
    shutil.copytree(sasac_project.root / "data", tmp_path / "data")
    moved = Project(tmp_path)
    elsewhere = render_outputs(moved, build(moved, write=False).graphs)
    here = render_outputs(sasac_project, built.graphs)
    assert [p.name for p in elsewhere] == [p.name for p in here]
    for (_, ours), (_, theirs) in zip(elsewhere.items(), here.items(), strict=True):
        assert ours == theirs


def test_turtle_is_prefix_clean(built: BuildResult) -> None:
    text = to_turtle(union_graph(built.dataset))
    prefixes = [line.split()[1] for line in text.splitlines() if line.startswith("@prefix")]
    assert not [p for p in prefixes if p.startswith("ns")], prefixes
    assert "_:" not in text  # no blank nodes: every node has a minted IRI


def test_summary_counts(built: BuildResult) -> None:
    summary = built.summary
    assert summary.sources == 1
    assert summary.signals == 5
    assert summary.entities["foaf:Person"] == 3
    assert summary.entities["pg:AgendaItem"] == 4
    assert summary.entities["pg:StudySession"] == 1
    assert summary.triples == len(union_graph(built.dataset))
    assert built.written == ()  # write=False writes nothing


def test_build_writes_every_output(tmp_path: Path, sasac_project: Project) -> None:
    shutil.copytree(sasac_project.root / "data", tmp_path / "data")
    project = Project(tmp_path)
    result = build(project)
    outputs = render_outputs(project, result.graphs)
    assert set(result.written) == set(outputs)
    for path, text in outputs.items():
        assert path.read_text(encoding="utf-8") == text
    leftovers = [p.name for p in (tmp_path / "graph").iterdir() if p.name.endswith(".tmp")]
    assert not leftovers


def test_atomic_writes_replace_nothing_when_one_file_fails(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    first.write_text("old a", encoding="utf-8")
    second.write_text("old b", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_all_atomic({first: "new a", second: "bad \ud800 text"})
    assert first.read_text(encoding="utf-8") == "old a"
    assert second.read_text(encoding="utf-8") == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.ttl"]


def test_rendering_beside_shacl_writes_what_one_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    multi = Path(__file__).resolve().parent / "fixtures" / "multi" / "data"
    alone, beside = Project(tmp_path / "alone"), Project(tmp_path / "beside")
    for project in (alone, beside):
        shutil.copytree(multi, project.root / "data")
    first = build(alone)
    monkeypatch.setattr("policygraph.build.FORK_MIN_QUADS", 0)  # SHACL in a forked process,
    monkeypatch.setattr("policygraph.checkcache.PARALLEL_MIN_READS", 0)  # which forks its parts
    with caplog.at_level(logging.INFO, logger="policygraph.forkrun"):
        second = build(beside)
    assert "forked run failed" not in caplog.text  # the child answered (no rerun here)
    assert first.summary == second.summary
    assert [p.name for p in first.written] == [p.name for p in second.written]
    for ours, theirs in zip(first.written, second.written, strict=True):
        assert ours.read_bytes() == theirs.read_bytes(), ours.name
    # data that does not conform: the error of one process, and graph/ left as it was
    before = {p: p.read_bytes() for p in second.written}
    reference = beside.records_dir / "reference.yaml"
    text = reference.read_text(encoding="utf-8")
    wang = "labels: {en: Wang Zhiping, zh: 王治平, zh-Latn-pinyin: Wáng Zhìpíng}"
    reference.write_text(text.replace(wang, "labels: {zh: 王治平}"), encoding="utf-8")
    with pytest.raises(DataProblems, match="A person needs an English name"):
        build(beside)
    assert {p: p.read_bytes() for p in second.written} == before
