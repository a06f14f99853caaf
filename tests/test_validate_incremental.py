"""``validate`` with its SHACL cache: after each edit, the same report, byte for byte, as a run
from scratch; only the focus nodes whose inputs changed are validated again."""

from __future__ import annotations

import os
import shutil
from functools import partial
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from policygraph.build import build_graphs, load_project, record_places
from policygraph.checkcache import Result, ResultCache, cached_results
from policygraph.cli import app
from policygraph.forkrun import map_forked, usable_cores
from policygraph.project import Project, packaged
from policygraph.serialize import union_graph
from policygraph.shacldeps import ShapePlan, Triples, Unsupported
from policygraph.shapes import pyshacl_results, shapes_graph, validate_dataset

REPO = Path(__file__).resolve().parent.parent
MULTI = REPO / "tests" / "fixtures" / "multi" / "data"
PGR = "https://w3id.org/policygraph/id/"
SHAPES = packaged("schema/shapes.ttl").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(MULTI, tmp_path / "project" / "data")
    return Project(tmp_path / "project")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def validate(project: Project) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["validate", "--project", str(project.root)])
    return result.exit_code, result.stdout, result.stderr


def from_scratch(project: Project, tmp_path: Path) -> tuple[int, str, str]:
    """The report of a cold run (the cache moved aside, then put back)."""
    state, aside = project.root / ".policygraph", tmp_path / "aside"
    if state.exists():
        state.rename(aside)
    try:
        return validate(project)
    finally:
        shutil.rmtree(state, ignore_errors=True)
        if aside.exists():
            aside.rename(state)


RECAP = "fict-mandate-recap-2025-09.yaml"
STUDY = "ffc-sasac-crypto-study.yaml"
WANG = "labels: {en: Wang Zhiping, zh: 王治平, zh-Latn-pinyin: Wáng Zhìpíng}"
SPEAKER = "    speaker: person-he-qing\n"
MANDATE_2 = "  - id: signal-2025-07-10-sh-sasac-mandate-2\n"
EDITS: list[tuple[str, str, str, str]] = [
    # (file, old, new, a line the report must now have, or "" for a conforming project)
    # the restated directive keeps its speaker from the other source: no problem
    (STUDY, f"{MANDATE_2}", f"{MANDATE_2}    # edited\n", ""),
    (RECAP, SPEAKER, "", ""),
    ("reference.yaml", WANG,
     "labels: {zh: 王治平}", "A person needs an English name"),
    # a source's date moves before its signals: the signals (and readings) of another graph
    (f"../sources/{STUDY}", "published: ~ ", "published: 2025-07-01", "dated after the document"),
    # two sources disagree on the restated event's date: a warning, not a SHACL violation
    (RECAP, "    date: 2025-07-10\n    quote: \"At the July 10",
     "    date: 2025-07-11\n    quote: \"At the July 10", "sources disagree on date"),
    ("reference.yaml", "labels: {zh: 王治平}",
     WANG, ""),
]  # fmt: skip


def test_each_edit_gives_the_report_of_a_run_from_scratch(project: Project, tmp_path: Path) -> None:
    assert validate(project) == from_scratch(project, tmp_path)
    assert (project.build_cache_dir / "shacl" / "results.json").is_file()
    for name, old, new, expected in EDITS:
        edit(project.records_dir / name, old, new)
        incremental = validate(project)
        assert incremental == from_scratch(project, tmp_path), name
        if expected:
            assert expected in incremental[1]
    code, out, _ = validate(project)
    assert "dated after the document" in out and "sources disagree on date" in out
    assert code == 1


def test_a_directive_whose_speaker_only_one_source_names(project: Project, tmp_path: Path) -> None:
    records = project.records_dir
    issuer = "    issuer: org-sh-sasac-party-committee\n"
    rest = "    date: 2025-07-10\n    occasion: event-2025-07-10-sh-sasac-study-session\n"
    edit(
        records / STUDY,
        f"{issuer}{SPEAKER}{rest}    sequence: 2\n",
        f"{issuer}{rest}    sequence: 2\n",
    )
    assert validate(project)[0] == 0  # the recap names the speaker
    edit(records / RECAP, SPEAKER, "")  # now none does: a change in another file
    code, out, _ = validate(project)
    assert (code, out) == from_scratch(project, tmp_path)[:2]
    (line,) = [p for p in out.splitlines() if "A directive needs the speaker" in p]
    assert line.startswith(f"{records}/")  # at a record of that signal
    assert "pgr:signal-2025-07-10-sh-sasac-mandate-2: violation: " in line


def counting(shapes: Graph, runs: list[set[str]]) -> object:
    def run(data: Graph) -> list[Result]:
        runs.append({str(s) for s in data.subjects()})
        return pyshacl_results(data, shapes)

    return run


def test_only_the_changed_nodes_are_validated_again(project: Project, tmp_path: Path) -> None:
    shapes, runs = shapes_graph(), []
    plan = ShapePlan.of(shapes)

    def results(cache_dir: Path) -> list[Result]:
        data = Triples(build_graphs(project, load_project(project)).triples())
        return cached_results(plan, SHAPES, data, ResultCache(cache_dir), counting(shapes, runs))  # type: ignore[arg-type]

    first = results(tmp_path / "cache")
    cache = ResultCache(tmp_path / "cache")
    assert cache.entries and not runs[1:]
    assert results(tmp_path / "cache") == first and len(runs) == 1  # nothing changed: no run
    edit(project.records_dir / "reference.yaml", WANG,
         "labels: {zh: 王治平}")  # fmt: skip
    changed = results(tmp_path / "cache")
    assert len(runs) == 2 and f"{PGR}person-wang-zhiping" in runs[1]
    assert f"{PGR}signal-2025-08-20-sh-sasac-pilot-reports" not in runs[1]
    assert len(runs[1]) < len(runs[0]) / 5
    assert [r.message for r in changed if "English" in r.message] == [
        "A person needs an English name"
    ]


PREFIXED = "sh:sparql [ sh:prefixes pg:shapes ; sh:select "


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        ("sh:property [ sh:path [ sh:inversePath pg:issuer ] ; sh:minCount 1 ]", "property path"),
        ("sh:closed true", "closed"),
        ("sh:property [ sh:path pg:issuer ; sh:equals pg:speaker ]", "equals"),
        ('sh:sparql [ sh:select "SELECT $this WHERE { ?a ?p ?b }" ]', "SPARQL"),
        (
            PREFIXED + '"SELECT $this WHERE { $this pg:issuer+ ?b }" ]',
            "SPARQL",
        ),
        (
            PREFIXED + '"SELECT $this WHERE { ?x pg:a ?y . ?y pg:b ?z }" ]',
            "SPARQL",
        ),
        ("sh:unknownParameter 1", "unknownParameter"),
        (
            "sh:property [ sh:path pg:issuer ; " + PREFIXED + '"SELECT $this WHERE { }" ] ]',
            "sparql",
        ),
        ("sh:property [ sh:path pg:topic ; sh:qualifiedValueShapesDisjoint true ]", "Disjoint"),
    ],
)
def test_shapes_it_does_not_follow_are_unsupported(extra: str, why: str) -> None:
    text = SHAPES + f"\npg:ExtraShape a sh:NodeShape ; sh:targetClass pg:PolicySignal ; {extra} .\n"
    with pytest.raises(Unsupported, match=why):
        ShapePlan.of(Graph().parse(data=text, format="turtle"))


def test_unsupported_shapes_validate_everything_without_a_cache(
    project: Project, tmp_path: Path
) -> None:
    extra = (
        "pg:ExtraShape a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property [ sh:path "
        '[ sh:inversePath org:member ] ; sh:minCount 9 ; sh:message "Fewer than nine posts" ] .'
    )
    records = load_project(project)
    dataset = build_graphs(project, records)
    cache = tmp_path / "cache"
    report = validate_dataset(
        dataset, record_places(records), cache_dir=cache, shapes_text=SHAPES + extra
    )
    assert not (cache / "shacl").exists()  # a full run
    assert not report.conforms
    people = {v.focus for v in report.violations if v.message == "Fewer than nine posts"}
    assert "pgr:person-he-qing" in people
    full = validate_dataset(dataset, record_places(records), shapes_text=SHAPES + extra)
    assert full == report


def test_a_damaged_cache_is_ignored(project: Project, tmp_path: Path) -> None:
    scratch = from_scratch(project, tmp_path)
    assert validate(project) == scratch
    path = project.build_cache_dir / "shacl" / "results.json"
    text = path.read_text(encoding="utf-8")
    forged = text.replace("[]", '[["<x>", "", "forged", "", "", null]]', 1)
    path.write_text(forged, encoding="utf-8")
    assert validate(project) == scratch
    path.write_text("{not json", encoding="utf-8")
    assert validate(project) == scratch
    assert ResultCache(project.build_cache_dir).entries  # rewritten


def test_a_cache_that_cannot_be_written_does_not_stop_validate(
    project: Project, tmp_path: Path
) -> None:
    scratch = from_scratch(project, tmp_path)
    project.build_cache_dir.parent.mkdir()
    project.build_cache_dir.write_text("not a folder", encoding="utf-8")
    edit(project.records_dir / "reference.yaml", WANG, "labels: {zh: 王治平}")
    code, out, _ = validate(project)
    assert code == 1 and "A person needs an English name" in out
    assert (code, out) == from_scratch(project, tmp_path)[:2] != scratch[:2]


def test_results_split_over_processes_are_those_of_one_run(
    project: Project, tmp_path: Path
) -> None:
    edit(project.records_dir / "reference.yaml", WANG,
         "labels: {zh: 王治平}")  # fmt: skip
    edit(project.sources_dir / STUDY, "published: ~ ", "published: 2025-07-01")
    shapes = shapes_graph()
    plan = ShapePlan.of(shapes)
    data = Triples(build_graphs(project, load_project(project)).triples())
    run = partial(pyshacl_results, shapes=shapes)

    def results(parts: int, cache: str) -> list[Result]:
        found = cached_results(plan, SHAPES, data, ResultCache(tmp_path / cache), run, parts=parts)
        return sorted(found, key=lambda r: r.row().__repr__())

    one = results(1, "one")
    assert {r.message for r in one} >= {"A person needs an English name"}
    assert any("dated after the document" in r.message for r in one)
    assert results(3, "three") == one
    assert results(3, "three") == one  # and from the cache the parts wrote
    built = build_graphs(project, load_project(project))
    whole = pyshacl_results(union_graph(built.to_dataset()), shapes)
    assert sorted(whole, key=lambda r: r.row().__repr__()) == one


def _fails_in_a_child(item: int) -> tuple[int, int]:
    if item == 2 and os.getpid() != PARENT[0]:
        raise RuntimeError("only in a child")
    return item * 10, os.getpid()


PARENT = [os.getpid()]


def test_forked_runs_answer_in_order_and_a_failed_child_is_run_again() -> None:
    PARENT[0] = os.getpid()
    answers = map_forked(_fails_in_a_child, [1, 2, 3])
    assert [a for a, _ in answers] == [10, 20, 30]
    pids = [pid for _, pid in answers]
    assert pids[0] == pids[1] == os.getpid()  # the first here; the failed one again here
    if usable_cores() > 1:
        assert pids[2] != os.getpid()


def test_one_process_when_the_environment_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYGRAPH_PROCESSES", "1")
    assert usable_cores() == 1
    answers = map_forked(_fails_in_a_child, [1, 3])
    assert {pid for _, pid in answers} == {os.getpid()}


def test_one_process_while_other_threads_run() -> None:
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        assert usable_cores() == 1
        answers = map_forked(_fails_in_a_child, [1, 3])
        assert {pid for _, pid in answers} == {os.getpid()}
    finally:
        release.set()
        other.join()
