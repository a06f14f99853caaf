"""GraphML, GEXF and CSV read back by independent readers: networkx, lxml and the csv module."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from rdflib import Dataset, Literal
from rdflib.namespace import RDF, XSD

from policygraph.export import export, render, write
from policygraph.store import MemoryStore, union_store
from policygraph.vocab import PG, PGG, PGR, SKOS

SIGNAL = "https://w3id.org/policygraph/id/signal-2025-07-10-sh-sasac-mandate-1"
ISSUER = "https://w3id.org/policygraph/ns#issuer"
ISSUING_BODY = "https://w3id.org/policygraph/id/org-sh-sasac-party-committee"


@pytest.fixture(scope="module")
def graphml(sasac_store: MemoryStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graphml") / "sasac.graphml"
    write(export(sasac_store, "graphml"), path)
    return path


@pytest.fixture(scope="module")
def gexf(sasac_store: MemoryStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gexf") / "sasac.gexf"
    write(export(sasac_store, "gexf"), path)
    return path


def test_graphml_reads_in_networkx(graphml: Path) -> None:
    graph = nx.read_graphml(graphml)
    assert isinstance(graph, nx.MultiDiGraph | nx.DiGraph)
    by_iri = {data["iri"]: node for node, data in graph.nodes(data=True)}
    signal = graph.nodes[by_iri[SIGNAL]]
    assert signal["class"] == "pg:PolicySignal"
    assert signal["label"] == "Embrace Innovation-Driven Development"
    assert isinstance(signal["pg:sequence"], int)
    edges = graph.get_edge_data(by_iri[SIGNAL], by_iri[ISSUING_BODY])
    assert any(e["label"] == "pg:issuer" and e["predicate"] == ISSUER for e in edges.values())


def test_graphml_is_well_formed_with_declared_keys(graphml: Path) -> None:
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = etree.parse(str(graphml)).getroot()
    keys = {k.get("id"): k for k in root.findall("g:key", ns)}
    assert {k.get("attr.type") for k in keys.values()} <= {"string", "long", "double", "boolean"}
    used = {d.get("key") for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")}
    assert used <= set(keys)
    ids = [n.get("id") for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")]
    assert len(ids) == len(set(ids)) and all(i and i.isalnum() for i in ids)  # XML NMTOKENs


def test_gexf_reads_in_networkx(gexf: Path) -> None:
    graph = nx.read_gexf(gexf, version="1.2draft")
    signal = graph.nodes[SIGNAL]
    assert signal["label"] == "Embrace Innovation-Driven Development"
    assert signal["class"] == "pg:PolicySignal"
    assert isinstance(signal["pg:confidence"], float)
    edges = graph.get_edge_data(SIGNAL, ISSUING_BODY)
    assert any(e["label"] == "pg:issuer" and e["predicate"] == ISSUER for e in edges.values())


def test_gexf_is_well_formed(gexf: Path) -> None:
    root = etree.parse(str(gexf)).getroot()
    assert root.tag == "{http://www.gexf.net/1.2draft}gexf" and root.get("version") == "1.2"


def test_labels_follow_lang(sasac_store: MemoryStore) -> None:
    text = export(sasac_store, "gexf", lang="zh").files[""].decode()
    assert 'label="上海市国资委党委"' in text
    english = export(sasac_store, "gexf", lang="en").files[""].decode()
    assert english != text


def test_csv_tables_read_back(sasac_store: MemoryStore, tmp_path: Path) -> None:
    path = tmp_path / "tables.zip"
    write(export(sasac_store, "csv"), path)
    with zipfile.ZipFile(path) as archive:
        nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8-sig"))))
        edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8-sig"))))
    signal = next(n for n in nodes if n["id"] == SIGNAL)
    assert signal["class"] == "pg:PolicySignal" and signal["pg:sequence"] == "1"
    assert any(e["source"] == SIGNAL and e["predicate"] == ISSUER for e in edges)
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)


def test_typed_attributes_and_joined_values() -> None:
    data = Dataset()
    node = PGR["x"]
    data.add((node, RDF.type, PG.PolicySignal, PGG["ref"]))
    data.add((node, PG.sequence, Literal(3), PGG["ref"]))
    data.add((node, PG.confidence, Literal("0.5", datatype=XSD.decimal), PGG["ref"]))
    data.add((node, PG.flag, Literal(True), PGG["ref"]))
    data.add((node, SKOS.altLabel, Literal("a\nb | c", lang="en"), PGG["ref"]))
    data.add((node, SKOS.altLabel, Literal("d", lang="en"), PGG["ref"]))
    data.add((node, PG.issuedOn, Literal("2025-07-10", datatype=XSD.date), PGG["ref"]))
    rendered = render(data, "graphml", store=union_store(data))
    graph = nx.parse_graphml(rendered.files[""].decode())
    (attrs,) = [a for _, a in graph.nodes(data=True)]
    assert attrs["pg:sequence"] == 3 and attrs["pg:confidence"] == 0.5
    assert attrs["pg:flag"] is True
    assert attrs["pg:issuedOn"] == "2025-07-10"
    assert attrs["skos:altLabel@en"] == "a\nb | c | d"
