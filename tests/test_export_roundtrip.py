"""Lossless: every RDF export parses back, by rdflib and by pyoxigraph, to the same dataset.

Formats with named graphs (TriG, N-Quads, JSON-LD) must give back every quad with its graph; the
others (Turtle, N-Triples, RDF/XML) the union graph. Our data has no blank nodes, so datasets are
compared as sets of quads (rdflib terms, and pyoxigraph's canonical N-Quads strings).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from policygraph.export import render
from policygraph.export.rdf import XML_FORBIDDEN
from policygraph.serialize import union_graph
from policygraph.store import MemoryStore, union_store
from policygraph.vocab import PGG, PGR, SKOS

DATASET_FORMATS = {"trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
GRAPH_FORMATS = {"turtle": "turtle", "nt": "nt", "xml": "xml"}
OX_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
}

Quad = tuple[Node, Node, Node, Node | None]


def rdflib_quads(dataset: Dataset) -> set[Quad]:
    found: set[Quad] = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = None if g is None or g == DATASET_DEFAULT_GRAPH_ID else g
        found.add((s, p, o, graph))
    return found


def ox_quads(data: bytes, fmt: str, *, union: bool) -> set[str]:
    quads = ox.parse(data, format=OX_FORMATS[fmt])
    return {str(q.triple) if union else str(q) for q in quads}


def exported(dataset: Dataset, fmt: str) -> bytes:
    return render(dataset, fmt, store=union_store(dataset)).files[""]


def assert_lossless(dataset: Dataset, fmt: str) -> None:
    data = exported(dataset, fmt)
    reference = render(dataset, "nq", store=union_store(dataset)).files[""]
    back = Dataset()
    if fmt in DATASET_FORMATS:
        back.parse(data=data.decode("utf-8"), format=DATASET_FORMATS[fmt])
        assert rdflib_quads(back) == rdflib_quads(dataset)
        expected = ox_quads(reference, "nq", union=False)
        assert ox_quads(data, fmt, union=False) == expected
    else:
        graph = back.default_graph if hasattr(back, "default_graph") else back
        graph.parse(data=data.decode("utf-8"), format=GRAPH_FORMATS[fmt])
        assert isomorphic(union_graph(back), union_graph(dataset))
        assert ox_quads(data, fmt, union=True) == ox_quads(reference, "nq", union=True)


@pytest.mark.parametrize("fmt", [*DATASET_FORMATS, *GRAPH_FORMATS])
def test_sasac_round_trips(fmt: str, sasac_store: MemoryStore) -> None:
    assert_lossless(sasac_store.dataset(), fmt)


def test_jsonld_round_trip_is_isomorphic_per_graph(sasac_store: MemoryStore) -> None:
    dataset = sasac_store.dataset()
    back = Dataset()
    back.parse(data=exported(dataset, "jsonld").decode("utf-8"), format="json-ld")
    for graph in dataset.graphs():
        if len(graph):
            assert isomorphic(graph, back.graph(graph.identifier))


def test_jsonld_keeps_language_maps_and_readable_keys(sasac_store: MemoryStore) -> None:
    import json

    document = json.loads(exported(sasac_store.dataset(), "jsonld"))
    nodes = [node for graph in document["@graph"] for node in graph.get("@graph", [])]
    signal = next(n for n in nodes if n.get("@type") == "pg:PolicySignal")
    assert isinstance(signal["prefLabel"], dict) and "en" in signal["prefLabel"]
    assert signal["issuer"].startswith("pgr:")
    assert any(isinstance(n.get("prefLabel"), dict) and "zh" in n["prefLabel"] for n in nodes)


# --- arbitrary Unicode ------------------------------------------------------------------------

TRICKY = ['"""', "\\", "\n", "\r\n", '"', "'", "贺青", "שלום", "\u202e", "😀", "\t", "<&>", "]]>"]
no_surrogates = st.characters(exclude_categories=("Cs",))
label_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(no_surrogates, max_size=8)))
labels = label_text.map("".join)
xml_labels = labels.filter(lambda text: not XML_FORBIDDEN.search(text))
languages = st.sampled_from([None, "en", "zh", "zh-Latn-pinyin", "he"])


def dataset_with(text: str, lang: str | None) -> Dataset:
    dataset = Dataset()
    subject = PGR["person-test"]
    dataset.add((subject, SKOS.prefLabel, Literal(text, lang=lang), PGG["ref"]))
    dataset.add((subject, SKOS.altLabel, Literal(text + "!"), PGG["src-test"]))
    return dataset


SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld", "turtle", "nt"])
@SETTINGS
@given(text=labels, lang=languages)
def test_any_unicode_label_round_trips(fmt: str, text: str, lang: str | None) -> None:
    assert_lossless(dataset_with(text, lang), fmt)


@SETTINGS
@given(text=xml_labels, lang=languages)
def test_any_xml_character_round_trips_in_rdf_xml(text: str, lang: str | None) -> None:
    assert_lossless(dataset_with(text, lang), "xml")


def test_xml_forbidden_set_is_exactly_xml_1_0() -> None:
    allowed = {0x9, 0xA, 0xD, *range(0x20, 0xD800), *range(0xE000, 0xFFFE)}
    for code in [*range(0, 0x10000, 1), 0x10000, 0x10FFFF]:
        assert (XML_FORBIDDEN.search(chr(code)) is None) == (code in allowed or code >= 0x10000)
