"""``policygraph digest`` and the Atom feed ``build`` writes (``policygraph.digest``)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, SKOS
from typer.testing import CliRunner

from policygraph.build import build
from policygraph.cli import app
from policygraph.digest import digest, render_feed
from policygraph.digest.facts import read_facts
from policygraph.digest.render import render_digest_markdown
from policygraph.errors import InputError
from policygraph.project import Project
from policygraph.store import MemoryStore, union_store
from policygraph.vocab import OA, PG, PGR, PROVENANCE_GRAPH, concept, source_document, source_graph

MANDATE = str(PGR["signal-2025-07-10-sh-sasac-mandate-2"])
PILOTS = str(PGR["signal-2025-08-20-sh-sasac-pilot-reports"])
FOLLOWUP = str(PGR["doc-fict-sasac-followup-2025-08"])
RECAP = str(PGR["doc-fict-mandate-recap-2025-09"])
READING = str(PGR["signal-2025-07-10-sh-sasac-stance-shift-reading"])
ATOM = "{http://www.w3.org/2005/Atom}"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_MONTH = URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")


def test_new_sources_signals_restated_and_posts(multi_store: MemoryStore) -> None:
    found = digest(multi_store, "2025-08")
    assert [d.iri for d in found.sources] == [FOLLOWUP, RECAP]  # oldest first
    assert [s.iri for s in found.signals] == [PILOTS]
    assert found.signals[0].quote.startswith("He Qing asked state-owned enterprises")
    (restated,) = found.restated
    assert restated.iri == MANDATE and restated.support == 2
    assert restated.new_sources == (found.sources[1].title,)
    assert restated.quote.startswith("SASAC Director He Qing set out Mandate 2")  # the new quote
    assert [p.label for p in found.posts] == ["He Qing: Director of Shanghai SASAC"]
    assert found.people == () and found.stance_changes == ()


def test_partial_dates_a_month_sorts_before_its_days(multi_store: MemoryStore) -> None:
    assert [d.iri for d in digest(multi_store, "2025-08-21").sources] == [FOLLOWUP, RECAP]
    assert [d.iri for d in digest(multi_store, "2025-08-22").sources] == [RECAP]
    assert [d.iri for d in digest(multi_store, "2025-09").sources] == [RECAP]
    assert digest(multi_store, "2025").sources == digest(multi_store, "2025-01-01").sources
    assert digest(multi_store, "2026").is_empty()
    for bad in ("2025-13", "2025-02-30", "25-01", "last week", "2025-6"):
        with pytest.raises(InputError):
            digest(multi_store, bad)


def test_undated_source_counts_as_of_the_signals_date(multi_store: MemoryStore) -> None:
    # the study source is undated; its signals are dated 2025-07-10
    found = digest(multi_store, "2025-07-10")
    assert MANDATE in {s.iri for s in found.signals} and found.restated == ()
    assert FOLLOWUP in {d.iri for d in found.sources}
    (change,) = found.stance_changes
    assert (change.iri, change.how, change.before) == (READING, "stated", "restrictive / sceptical")
    assert change.after == "exploratory / pro-innovation"


def _signal(g: Dataset, doc: str, slug: str, date: str, stance: str, who: URIRef) -> None:
    graph = g.graph(source_graph(doc))
    node = PGR[slug]
    graph.add((node, RDF.type, PG.PolicySignal))
    graph.add((node, SKOS.prefLabel, Literal(f"Signal {slug}", lang="en")))
    graph.add((node, PG.issuedOn, Literal(date, datatype=XSD_DATE)))
    graph.add((node, PG.issuer, PGR["org-x"]))
    graph.add((node, PG.stance, concept(stance)))
    graph.add((node, PROV.wasAttributedTo, who))
    ev = PGR[f"{slug}.ev1"]
    graph.add((node, PG.evidence, ev))
    graph.add((ev, OA.hasSource, source_document(doc)))
    graph.add((ev, OA.hasSelector, PGR[f"{slug}.ev1.sel"]))
    graph.add((PGR[f"{slug}.ev1.sel"], OA.exact, Literal(f"<b>quote</b> {slug} \x01")))


def _two_sources() -> MemoryStore:
    data = Dataset(default_union=True)
    prov = data.graph(PROVENANCE_GRAPH)
    for doc, issued in (("old", "2025-05"), ("new", "2025-06")):
        prov.add((source_graph(doc), PROV.wasDerivedFrom, source_document(doc)))
        prov.add((source_document(doc), DCTERMS.issued, Literal(issued, datatype=XSD_MONTH)))
        prov.add((source_document(doc), DCTERMS.title, Literal(f"Source {doc} & <co>")))
    old, new = PGR["person-old"], PGR["person-new"]
    for person, name in ((old, "Old Official"), (new, "New Official")):
        data.graph(PGR["ref"]).add((person, RDF.type, FOAF.Person))
        data.graph(PGR["ref"]).add((person, SKOS.prefLabel, Literal(name, lang="en")))
    _signal(data, "old", "s1", "2025-05-01", "stance.restrictive", old)
    _signal(data, "new", "s2", "2025-06-10", "stance.exploratory", new)
    return union_store(data)


def test_stance_change_between_an_issuers_signals_and_new_people() -> None:
    found = digest(_two_sources(), "2025-06")
    assert [s.iri for s in found.signals] == [str(PGR["s2"])]
    (change,) = found.stance_changes
    assert change.how == "between signals" and change.previous_signal == str(PGR["s1"])
    assert (change.before, change.after) == ("kos:stance.restrictive", "kos:stance.exploratory")
    assert [p.label for p in found.people] == ["New Official"]
    assert digest(_two_sources(), "2025-06-11").stance_changes == ()  # s2 is before the date


def test_markdown_is_escaped() -> None:
    text = render_digest_markdown(digest(_two_sources(), "2025-06"))
    assert "Source new \\& \\<co\\>" not in text  # & is not markdown
    assert "\\<b\\>quote\\</b\\>" in text and "<b>" not in text


def test_cli_formats(multi_project: Project, tmp_path: Path) -> None:
    root = str(multi_project.root)
    runner = CliRunner()
    text = runner.invoke(app, ["digest", "--since", "2025-08", "-P", root])
    assert text.exit_code == 0, text.output
    assert text.stdout.startswith("What changed since 2025-08\n\nNew sources: 2\n")
    assert "Restated signals (new support): 1" in text.stdout
    md = runner.invoke(app, ["digest", "--since", "2025-08", "--format", "markdown", "-P", root])
    assert (
        md.stdout.startswith("# What changed since 2025-08\n") and "## New posts (1)" in md.stdout
    )
    out = tmp_path / "digest.json"
    as_json = runner.invoke(app, ["digest", "--since", "2025-09", "--format", "json", "-P", root,
                                  "-o", str(out)])  # fmt: skip
    assert as_json.exit_code == 0 and as_json.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["since"] == "2025-09" and data["restated"][0]["iri"] == MANDATE
    bad = runner.invoke(app, ["digest", "--since", "soon", "-P", root])
    assert bad.exit_code == 3 and "is not a date" in bad.stderr


def test_feed_is_written_by_build_and_well_formed(multi_project: Project) -> None:
    feed = multi_project.feed_path.read_text(encoding="utf-8")
    root = ET.fromstring(feed.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    ids = [e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")]
    assert PILOTS in ids and MANDATE in ids and len(ids) == len(set(ids))
    parsed = feedparser.parse(feed)
    assert not parsed.bozo, parsed.get("bozo_exception")
    entry = next(e for e in parsed.entries if e.id == PILOTS)
    assert entry.title == "Report blockchain pilots in supply chain finance (fictional)"
    assert entry.link == "https://example.org/fictional/sasac-followup-2025-08"
    assert entry.published.startswith("2025-08-20") and entry.updated.startswith("2025-08-21")
    assert "He Qing asked state-owned enterprises" in entry.summary
    assert parsed.feed.updated.startswith("2025-09-05")  # the latest entry's date, no wall clock


def test_feed_is_byte_stable(
    tmp_path: Path, multi_project: Project, multi_store: MemoryStore
) -> None:
    first = render_feed(multi_store)
    assert first == render_feed(multi_store) == multi_project.feed_path.read_text(encoding="utf-8")
    result = build(multi_project, write=False)
    assert render_feed(result.dataset) == first


@pytest.mark.parametrize("fixture", ["multi_store", "sasac_store"])
def test_the_feeds_facts_are_the_digests_less_mentions(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    store = request.getfixturevalue(fixture)
    full, feed = read_facts(store), read_facts(store, mentions=False)
    assert full.mentions and not feed.mentions
    assert (feed.sources, feed.signals) == (full.sources, full.signals)
    shown = {i for s in full.signals for i in (s.iri, s.issuer, s.stance, s.previous) if i}
    assert {i: feed.labels[i] for i in shown} == {i: full.labels[i] for i in shown}


def test_feed_escapes_and_drops_what_xml_cannot_hold() -> None:
    feed = render_feed(_two_sources())
    parsed = feedparser.parse(feed)
    assert not parsed.bozo and len(parsed.entries) == 2
    assert "\x01" not in feed and "&lt;b&gt;quote&lt;/b&gt;" in feed
    assert [e.id for e in parsed.entries] == [str(PGR["s2"]), str(PGR["s1"])]  # latest first


SIGNALS = """
SELECT ?s ?p ?o WHERE {
  GRAPH ?g { ?s a pg:PolicySignal ; ?p ?o }
  VALUES ?p { pg:issuedOn pg:issuer pg:stance pg:previousStance }
}
"""


@pytest.mark.parametrize("fixture", ["multi_store", "sasac_store"])
def test_signal_fields_are_the_rows_of_the_one_query(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    """``read_facts`` joins two simple queries in Python: the same as ``SIGNALS``' join."""
    from policygraph.analytics.sparql import select
    from policygraph.digest.facts import _FIELDS, _text

    store = request.getfixturevalue(fixture)
    expected: dict[str, dict[str, str]] = {}
    for s, p, o in select(store, SIGNALS):
        slot = expected.setdefault(_text(s), {})
        name = _FIELDS[str(p).rsplit("#", 1)[-1]]
        slot[name] = min(slot.get(name, _text(o)), _text(o))
    found = {
        s.iri: {k: v for k, v in zip(_FIELDS.values(), fields, strict=True) if v}
        for s in read_facts(store).signals
        for fields in [(s.date, s.issuer, s.stance, s.previous)]
    }
    assert expected and found == {s: {k: v for k, v in f.items() if v} for s, f in expected.items()}
