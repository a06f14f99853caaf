"""A source whose title is unknown: no title is invented, and no output shows its IRI instead.

Where the publisher and date are shown beside it, it is "(untitled)"; where it is shown alone
(its label: timeline, digest's "from ...", views, cards) it is named by publisher and date.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.build import build
from policygraph.cli import app
from policygraph.project import Project
from policygraph.store import MemoryStore, load_file
from policygraph.vocab import sparql_prologue

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE = "fict-sasac-followup-2025-08"
NAME = "Fictional Test Wire, 2025-08-21 (untitled)"


@pytest.fixture(scope="module")
def untitled(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("untitled") / "multi"
    shutil.copytree(FIXTURES / "multi", root)
    path = root / "data" / "sources" / f"{SOURCE}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", "title: ~", text), encoding="utf-8")
    project = Project(root)
    build(project)
    return project


def run(project: Project, *args: str) -> str:
    result = runner.invoke(app, [*args, "--project", str(project.root)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_graph_names_it_by_publisher_and_date_and_invents_no_title(untitled: Project) -> None:
    store = MemoryStore(load_file(untitled.trig_path))
    doc = f"pgr:doc-{SOURCE}"
    ask = sparql_prologue() + f"SELECT ?p ?o WHERE {{ GRAPH pgg:prov {{ {doc} ?p ?o }} }}"
    values = {(str(p), str(o)) for p, o in store.query(ask)}  # type: ignore[misc]
    assert ("http://www.w3.org/2004/02/skos/core#prefLabel", NAME) in values
    assert not any(p == "http://purl.org/dc/terms/title" for p, _ in values)


def test_no_command_shows_the_iri_in_its_place(untitled: Project) -> None:
    support = run(untitled, "support", "pgr:event-2025-07-10-sh-sasac-study-session")
    assert "- (untitled) (Fictional Test Wire, 2025-08-21)" in support
    digest = run(untitled, "digest", "--since", "2025-08")
    assert "Fictional Test Wire: (untitled)" in digest
    assert f"from {NAME}" in digest
    hits = run(untitled, "search", "--text", "blockchain pilots")
    assert "Fictional Test Wire: (untitled)" in hits
    timeline = json.loads(run(untitled, "timeline", "--format", "json"))
    assert NAME in json.dumps(timeline, ensure_ascii=False)
    feed = untitled.feed_path.read_text(encoding="utf-8")
    assert 'title="Fictional Test Wire, 2025-08-21 (untitled)"' in feed
    assert 'title=""' not in feed
    for output in (support, digest, hits, json.dumps(timeline)):
        assert f"doc-{SOURCE}" not in output.replace(f"/doc-{SOURCE}", "")
