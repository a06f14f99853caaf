"""``policygraph query --name`` loads only what it needs (its start-up time is benchmarked in
``tests/benchmarks/bench_query_startup.py``: at most 2x ``python -c "import rdflib, typer"``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
from tests.benchmarks.bench_query_startup import HEAVY  # one list for test and benchmark

from policygraph.cli import COMMAND_MODULES
from policygraph.project import Project
from policygraph.sparql import get_query, load_queries

EVENT = "event=pgr:event-2025-07-10-sh-sasac-study-session"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, sasac_project: Project) -> Path:
    """A copy of the built SASAC project whose embedded store is already made."""
    root = tmp_path_factory.mktemp("startup")
    (root / "data" / "records").mkdir(parents=True)
    (root / "graph").mkdir()
    shutil.copy(sasac_project.trig_path, root / "graph" / "policygraph.trig")
    _run(root, "csv")  # builds the store from the TriG, as the first read does
    return root


def _run(project: Path, fmt: str, *flags: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, *flags, "-c", "from policygraph.cli import main; main()", "query"]
    argv += ["--name", "meeting-participants", "--param", EVENT, "--format", fmt]
    argv += ["--project", str(project)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done


def _imported(importtime: str) -> set[str]:
    lines = (line.rsplit("|", 1)[-1].strip() for line in importtime.splitlines())
    return {line for line in lines if line and not line.startswith("imported package")}


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_name_imports_nothing_heavy(built: Path, fmt: str) -> None:
    done = _run(built, fmt, "-X", "importtime")
    assert "He Qing" in done.stdout
    modules = _imported(done.stderr)
    assert "pyoxigraph" in modules  # the embedded store answered, not rdflib in memory
    heavy = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []


def test_cli_annotations_are_evaluated_once() -> None:
    """Typer reads each command's annotations on every start; as strings (PEP 563) it compiles
    and evaluates each of them twice, about 10 ms for the whole CLI. So the command modules
    do without ``from __future__ import annotations``."""
    feature = import_module("__future__").annotations
    for name in ("app", *COMMAND_MODULES):
        module = import_module(f"policygraph.cli.{name}")
        assert vars(module).get("annotations") is not feature, name


def test_get_query_reads_only_the_named_file(tmp_path: Path) -> None:
    (tmp_path / "data" / "records").mkdir(parents=True)
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "broken.rq").write_text("# param: ???\nSELECT * {}\n", encoding="utf-8")
    (queries / "sources.rq").write_text(
        "# title: My sources\nSELECT ?s WHERE { ?s a schema:NewsArticle }\n", encoding="utf-8"
    )
    project = Project(tmp_path)
    assert get_query("sources", project).title == "My sources"  # the project's file wins
    assert get_query("sources", project).origin == str(queries / "sources.rq")
    assert get_query("meeting-participants", project).origin == "packaged"
    assert get_query("meeting-participants", project) == load_queries()["meeting-participants"]


def test_a_touched_trig_is_hashed_once(sasac_project: Project, tmp_path: Path) -> None:
    """A checkout or a touch changes the TriG's mtime, not its content: the digest says the
    store is fresh, and the new mtime is recorded so that later reads do not hash it again."""
    from policygraph.store import open_store
    from policygraph.stores.disk import current_version, read_meta
    from policygraph.stores.project import is_fresh

    (tmp_path / "data" / "records").mkdir(parents=True)
    (tmp_path / "graph").mkdir()
    project = Project(tmp_path)
    shutil.copy(sasac_project.trig_path, project.trig_path)
    open_store(project).close()  # builds the store
    version = current_version(project.store_dir)
    later = project.trig_path.stat().st_mtime_ns + 10**9
    os.utime(project.trig_path, ns=(later, later))
    assert is_fresh(project)
    store = open_store(project)
    try:
        assert store.kind == "oxigraph"
    finally:
        store.close()
    assert current_version(project.store_dir) == version  # not rebuilt
    assert read_meta(project.store_dir)["trig"]["mtime_ns"] == later
    text = project.trig_path.read_bytes()
    project.trig_path.write_bytes(text.replace(b"He Qing", b"He Qinq"))  # same size
    assert not is_fresh(project)
