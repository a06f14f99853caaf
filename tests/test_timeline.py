"""The timeline: order, filters (narrower topics, units of an issuer), support, formats, HTML."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.analytics.render import render_timeline
from policygraph.analytics.timeline import timeline
from policygraph.analytics.timeline_data import timeline_data
from policygraph.analytics.timeline_html import render_timeline_html, text_base
from policygraph.cli import app
from policygraph.errors import InputError, NotFoundError
from policygraph.page import script_json
from policygraph.project import Project
from policygraph.store import MemoryStore

runner = CliRunner()


def test_timeline_order_and_support(
    multi_store: MemoryStore,  # noqa: F811
    golden: Callable[[str, str], None],
) -> None:
    entries = timeline(multi_store)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    assert entries[-1].label == "Report blockchain pilots in supply chain finance (fictional)"
    mandate_2 = next(e for e in entries if e.label == "Promote Industry-Digital Integration")
    assert (mandate_2.support, mandate_2.first_seen) == (2, "2025-09-05")
    golden("analytics/timeline-multi.txt", render_timeline(entries, "table"))
    golden("analytics/timeline-multi.csv", render_timeline(entries, "csv"))


def test_timeline_filters(multi_store: MemoryStore) -> None:  # noqa: F811
    # digital currency includes cryptocurrency and stablecoin (skos:broader*)
    labels = [e.label for e in timeline(multi_store, topic="digital currency")]
    assert len(labels) == 2 and labels[0] == "Embrace Innovation-Driven Development"
    # Shanghai SASAC includes its Party Committee (org:unitOf*)
    assert len(timeline(multi_store, issuer="Shanghai SASAC")) == 6
    # a person issues no signal, but keeps those attributed to them (the speaker)
    spoken = timeline(multi_store, issuer="贺青")
    assert spoken and all(e.speaker == "He Qing" for e in spoken)
    assert len(spoken) < len(timeline(multi_store))
    assert [e.date for e in timeline(multi_store, since="2025-08-01")] == ["2025-08-20"]
    assert len(timeline(multi_store, until="2025-07-31")) == 5
    assert [e.support for e in timeline(multi_store, min_support=2)] == [2]
    with pytest.raises(InputError):
        timeline(multi_store, since="last week")
    with pytest.raises(NotFoundError):
        timeline(multi_store, topic="no such topic at all")


def test_html_is_self_contained_and_escaped(multi_store: MemoryStore) -> None:  # noqa: F811
    page = render_timeline_html(multi_store)
    assert page == render_timeline_html(multi_store)
    assert "Report blockchain" not in render_timeline_html(multi_store, until="2025-07-31")
    for loads_something in ("src=", "href=", "<link", "@import", "url(", "fetch("):
        assert loads_something not in page
    assert "innerHTML" not in page and "textContent" in page
    policy = page.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert policy.startswith("default-src 'none'; script-src 'sha256-")
    assert "unsafe-inline" not in policy.split("; ")[1]
    hostile = script_json([{"label": "</script><b>&"}])
    assert "</script>" not in hostile and "<" not in hostile and "&" not in hostile
    assert json.loads(hostile) == [{"label": "</script><b>&"}]


def test_page_data_quotes_sources_and_readings(multi_store: MemoryStore) -> None:  # noqa: F811
    data = timeline_data(multi_store, timeline(multi_store), title="t", text_base="../")
    signals = {s["label"]: s for s in data["signals"]}
    sources = data["sources"]
    mandate_2 = signals["Promote Industry-Digital Integration"]
    assert mandate_2["support"] == 2 and mandate_2["speaker"] == "He Qing"
    quoted = {sources[i]["publisher"] for i, _ in mandate_2["quotes"]}
    assert quoted == {"Fresh From China", "Fictional Test Digest"}
    recap = next(s for s in sources if s["publisher"] == "Fictional Test Digest")
    assert recap == {
        "label": "FICTIONAL TEST SOURCE: Recap of what Shanghai SASAC asked of its enterprises",
        "publisher": "Fictional Test Digest",
        "date": "2025-09-05",
        "url": "https://example.org/fictional/mandate-recap-2025-09",
        "text": "../data/sources/fict-mandate-recap-2025-09.txt",
    }
    # a reading is attributed to its source document, never voiced by the article's title
    shift = next(s for s in signals.values() if s["label"].startswith("Reading: a shift from"))
    assert shift["speaker"] == "" and sources[shift["reading"]]["publisher"] == "Fresh From China"
    assert data["stances"][shift["previous"]]["label"] == "restrictive / sceptical"
    # the topic filter's keys include broader topics: stablecoin is a digital currency
    assert data["topics"][shift["topic"][0]] == "cryptocurrency"
    assert "digital currency" in [data["topics"][i] for i in shift["topics"]]


def test_text_base(tmp_path: Path) -> None:
    assert text_base(tmp_path, tmp_path / "graph" / "timeline.html") == "../"
    assert text_base(tmp_path, tmp_path / "t.html") == ""
    assert text_base(tmp_path / "p", tmp_path / "out" / "t.html") == "../p/"


def test_committed_timeline_is_current(sasac_project: Project) -> None:
    from policygraph.analytics.timeline_html import render_dataset_timeline
    from policygraph.store import MemoryStore, load_file

    built = render_dataset_timeline(MemoryStore(load_file(sasac_project.trig_path)).dataset())
    assert sasac_project.timeline_path.read_text(encoding="utf-8") == built


def test_cli_timeline(multi_project: Project, tmp_path: object) -> None:  # noqa: F811
    where = ["--project", str(multi_project.root)]
    result = runner.invoke(app, ["timeline", *where, "--format", "json", "--min-support", "2"])
    assert result.exit_code == 0, result.stderr
    assert [e["support"] for e in json.loads(result.stdout)] == [2]
    out = multi_project.root / "t.html"
    result = runner.invoke(app, ["timeline", *where, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["timeline", *where, "--topic", "unicorns"])
    assert result.exit_code == 4 and "no entity is named 'unicorns'" in result.stderr
    result = runner.invoke(app, ["timeline", *where, "--since", "yesterday"])
    assert result.exit_code == 3 and "--since 'yesterday' is not a date" in result.stderr


def test_page_data_links_only_web_addresses_and_relative_paths() -> None:
    from benchmarks.bench_timeline import synthetic_timeline

    store = synthetic_timeline(20, hostile=True)
    data = timeline_data(store, timeline(store), title="t", text_base="../")
    links = {(s["url"], s["text"]) for s in data["sources"]}
    assert (None, None) in links  # javascript: in schema:url and pg:archivedText: no link
    assert ("https://example.org/a/1", "../data/sources/s1.txt") in links


def test_partial_dates_match_the_range_they_overlap() -> None:
    from benchmarks.bench_timeline import synthetic_timeline

    store = synthetic_timeline(20)
    dates = {e.signal.rsplit("/", 1)[1]: e.date for e in timeline(store)}
    year, month = dates["signal-1"], dates["signal-2"]  # dated by their year and month
    assert len(year) == 4 and len(month) == 7
    for partial, day in ((year, f"{year}-06-30"), (month, f"{month}-28")):
        assert partial in {e.date for e in timeline(store, since=day, until=day)}
    assert year not in {e.date for e in timeline(store, since=f"{int(year) + 1}-01-01")}
    assert year not in {e.date for e in timeline(store, until=f"{int(year) - 1}-12-31")}


SIGNALS = """
SELECT DISTINCT ?s ?p ?o WHERE {
  GRAPH ?g { ?s a pg:PolicySignal ; ?p ?o }
  VALUES ?p { pg:issuedOn pg:issuer prov:wasAttributedTo pg:signalNature pg:stance
              pg:topic pg:targetSector pg:previousStance pg:interpretedIn }
}
"""


@pytest.mark.parametrize("fixture", ["multi_store", "sasac_store", "hostile"])
def test_signal_fields_are_the_rows_of_the_one_query(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    """``signal_fields`` joins two simple queries in Python: the same as ``SIGNALS``' join."""
    from rdflib import URIRef

    from policygraph.analytics.sparql import select
    from policygraph.analytics.timeline import FIELDS, signal_fields
    from policygraph.namespaces import PREFIXES

    if fixture == "hostile":
        from benchmarks.bench_timeline import synthetic_timeline

        store = synthetic_timeline(60, hostile=True)
    else:
        store = request.getfixturevalue(fixture)
    names = {PREFIXES[k.split(":")[0]] + k.split(":")[1]: v for k, v in FIELDS.items()}
    expected: dict[object, dict[str, set[object]]] = {}
    for s, p, o in select(store, SIGNALS):
        value = o if isinstance(o, URIRef) else str(o)
        expected.setdefault(s, {}).setdefault(names[str(p)], set()).add(value)
    assert expected and signal_fields(store) == expected
