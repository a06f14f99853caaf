"""Notebooks: DataFrames, inline cards and views, and docs/example.ipynb run end to end."""

from __future__ import annotations

import builtins
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from policygraph.build import build
from policygraph.card import show
from policygraph.errors import MissingDependencyError
from policygraph.project import Project
from policygraph.sparql.run import query
from policygraph.store import MemoryStore
from policygraph.views.api import View, make_view

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_select_to_dataframe(multi_store: MemoryStore) -> None:
    frame = query(
        multi_store,
        "SELECT ?s ?date ?conf WHERE { ?s a pg:PolicySignal ; pg:issuedOn ?date ; "
        "pg:confidence ?conf } ORDER BY ?date ?s",
    ).to_dataframe()
    assert list(frame.columns) == ["s", "date", "conf"]
    assert len(frame) == 6 and frame["s"].iloc[-1].endswith(
        "signal-2025-08-20-sh-sasac-pilot-reports"
    )
    assert frame["date"].iloc[-1].isoformat() == "2025-08-20"  # a datetime.date, not text
    assert float(frame["conf"].iloc[-1]) == 0.5


def test_ask_and_construct_to_dataframe(multi_store: MemoryStore) -> None:
    assert query(multi_store, "ASK { ?s a pg:PolicySignal }").to_dataframe()["answer"][0]
    frame = query(
        multi_store, "CONSTRUCT { ?s a pg:PolicySignal } WHERE { ?s a pg:PolicySignal }"
    ).to_dataframe()
    assert list(frame.columns) == ["subject", "predicate", "object"] and len(frame) == 6
    assert list(frame["subject"]) == sorted(frame["subject"])  # deterministic order


def test_missing_pandas_is_a_clear_error(
    multi_store: MemoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    result = query(multi_store, "ASK { ?s ?p ?o }")
    with pytest.raises(MissingDependencyError) as caught:
        result.to_dataframe()
    assert "policygraph[notebook]" in caught.value.hint


def test_card_html_is_escaped(multi_store: MemoryStore) -> None:
    page = show(multi_store, "He Qing")._repr_html_()
    assert "<h3>He Qing <small>(pgr:person-he-qing)</small></h3>" in page
    assert "贺青" in page and "<script" not in page and "http" not in page.split("</h3>")[0]
    hostile = show(multi_store, "He Qing").__class__(
        "urn:x", "<img src=x onerror=alert(1)>", (), ("<b>",), (), (), (), (), ()
    )
    html = hostile._repr_html_()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;" in html


def test_card_html_shows_a_fact_once_with_its_graphs(multi_store: MemoryStore) -> None:
    page = show(multi_store, "He Qing")._repr_html_()
    row = "<td>attributed to</td><td>Promote Industry-Digital Integration</td><td>2 sources</td>"
    assert page.count(row) == 1  # two graphs state it: one row (the signals list it too)


def test_view_html_is_a_sandboxed_srcdoc_iframe(multi_store: MemoryStore) -> None:
    view = make_view(multi_store, focus="He Qing")
    html = view._repr_html_()
    assert html.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert 'sandbox="allow-scripts"' in html and html.count("<") == 2  # the iframe, nothing else
    hostile = View('"><script>alert(1)</script>', 1, 0)._repr_html_()
    assert "<script>" not in hostile and "&quot;&gt;&lt;script&gt;" in hostile


def test_example_notebook_runs_without_errors(tmp_path: Path) -> None:
    root = tmp_path / "multi"
    shutil.copytree(FIXTURES / "multi", root, ignore=shutil.ignore_patterns("graph"))
    build(Project(root))
    notebook = nbformat.read(REPO / "docs" / "example.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in notebook.cells)  # committed clean
    client = NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(root)}}
    )
    client.execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "policygraph-card" in html and "<iframe srcdoc=" in html
    assert "<table" in html and "[贺青]" in html  # DataFrames, and the search hits
    markdown = "\n".join(str(o.get("data", {}).get("text/markdown", "")) for o in outputs)
    assert "# What changed since 2025-08" in markdown
