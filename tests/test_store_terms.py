"""The embedded store's cheap conversions make the same rdflib objects and results as rdflib."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef, Variable
from rdflib.query import Result

from policygraph.store import MemoryStore
from policygraph.stores.oxigraph import OxigraphStore
from policygraph.stores.results import RowsResult
from policygraph.stores.terms import from_ox, to_ox
from policygraph.stores.union import rebuild_union
from policygraph.vocab import sparql_prologue

XSD = "http://www.w3.org/2001/XMLSchema#"
TERMS = [
    URIRef("https://w3id.org/policygraph/id/person-he-qing"),
    URIRef("http://example.org/é?q=1#frag"),
    Literal("何青", lang="zh"),
    Literal("He Qing", lang="en"),
    Literal("Hé Qīng", lang="zh-Latn-pinyin"),
    Literal("colour", lang="en-GB"),
    Literal("plain"),
    Literal(""),
    Literal("2025-07-10", datatype=URIRef(XSD + "date")),
    Literal("0.8", datatype=URIRef(XSD + "decimal")),
    Literal("007", datatype=URIRef(XSD + "integer")),
    Literal("not a number", datatype=URIRef(XSD + "integer")),
    Literal("true", datatype=URIRef(XSD + "boolean")),
    Literal("x", datatype=URIRef("http://example.org/own-type")),
]


@pytest.mark.parametrize("term", TERMS, ids=repr)
def test_converted_terms_are_what_rdflib_makes(term: Literal | URIRef) -> None:
    made = from_ox(to_ox(term))
    assert type(made) is type(term)
    assert made == term
    assert hash(made) == hash(term)
    assert made.n3() == term.n3()
    if isinstance(term, Literal):
        assert isinstance(made, Literal)
        for slot in Literal.__slots__:
            assert getattr(made, slot) == getattr(term, slot), slot
        assert made.toPython() == term.toPython()
        assert made.eq(term)


@pytest.fixture(scope="module")
def stores(sasac_store: MemoryStore) -> tuple[MemoryStore, OxigraphStore]:
    inner = ox.Store()
    trig = sasac_store.dataset().serialize(format="trig")
    inner.load(trig.encode("utf-8"), format=ox.RdfFormat.TRIG)
    rebuild_union(inner)  # the default graph holds the union of the named graphs
    return sasac_store, OxigraphStore(inner)


SELECTS = {
    "labels": "SELECT ?x ?l WHERE { ?x skos:prefLabel ?l } ORDER BY ?x STR(?l) LANG(?l)",
    "dates": "SELECT ?s ?day WHERE { ?s pg:issuedOn ?day } ORDER BY ?s",
    "optional": "SELECT ?e ?org WHERE { ?e a pg:Participation . "
    "OPTIONAL { ?e pg:nothing ?org } } ORDER BY ?e",
    "empty-row": "SELECT ?x WHERE { OPTIONAL { <urn:x:none> <urn:x:none> ?x } }",
    "no-rows": "SELECT ?x WHERE { ?x <urn:x:none> ?y }",
}


@pytest.mark.parametrize("name", sorted(SELECTS))
def test_select_results_behave_like_rdflibs(
    name: str, stores: tuple[MemoryStore, OxigraphStore]
) -> None:
    memory, oxigraph = stores
    sparql = sparql_prologue() + SELECTS[name]
    expected = memory.query(sparql)
    got = oxigraph.query(sparql)
    assert isinstance(got, RowsResult)
    assert got.vars == expected.vars
    assert len(got) == len(expected)
    assert bool(got) == bool(expected)
    assert got.bindings == expected.bindings
    assert got == expected
    rows, want = list(got), list(expected)
    assert rows == want
    assert list(got) == want  # iterating again gives the same rows
    for row, other in zip(rows, want, strict=True):
        assert row.asdict() == other.asdict()  # type: ignore[union-attr]
        for var in got.vars or []:
            assert row[str(var)] == other[str(var)]  # type: ignore[index,call-overload]
            assert row.get(str(var)) == other.get(str(var))  # type: ignore[union-attr]
    as_json = json.loads(got.serialize(format="json") or b"{}")
    assert as_json == json.loads(expected.serialize(format="json") or b"{}")


def test_an_empty_row_is_counted_but_not_iterated(
    stores: tuple[MemoryStore, OxigraphStore],
) -> None:
    got = stores[1].query(SELECTS["empty-row"])
    assert len(got) == 1
    assert got.bindings == [{}]
    assert list(got) == []


def test_rows_can_be_replaced_through_bindings() -> None:
    result = RowsResult([Variable("a"), Variable("b")], [], has_empty=False)
    result.bindings = [{Variable("a"): URIRef("urn:x:1")}, {}]
    assert len(result) == 2
    assert [tuple(row) for row in result] == [(URIRef("urn:x:1"), None)]  # type: ignore[arg-type]
    assert result == Result.parse(
        io.StringIO(
            json.dumps(
                {
                    "head": {"vars": ["a", "b"]},
                    "results": {"bindings": [{"a": {"type": "uri", "value": "urn:x:1"}}, {}]},
                }
            ),
        ),
        format="json",
    )


def test_construct_answers_are_graphs(stores: tuple[MemoryStore, OxigraphStore]) -> None:
    memory, oxigraph = stores
    sparql = sparql_prologue() + "CONSTRUCT { ?s pg:issuedOn ?d } WHERE { ?s pg:issuedOn ?d }"
    got, expected = oxigraph.query(sparql), memory.query(sparql)
    assert got.graph is not None and expected.graph is not None
    assert set(got.graph) == set(expected.graph)
    assert len(got.graph) > 0


def test_union_store_holds_the_datasets_terms_exactly() -> None:
    """IRIs are converted once and reused; literals each time (rdflib's == on literals compares
    values), so every term comes out as rdflib held it, in its graph and in the union."""
    from rdflib import XSD, Dataset, Literal, URIRef

    from policygraph.sparql import query
    from policygraph.store import union_store

    dataset = Dataset()
    subject, count = URIRef("https://example.org/s"), URIRef("https://example.org/n")
    objects = [
        Literal("01", datatype=XSD.integer),
        Literal("1", lang="en"),
        Literal("1"),
        Literal("2025-07-10", datatype=XSD.date),
        URIRef("https://example.org/s"),
    ]
    for number, graph_iri in enumerate(("https://example.org/g1", "https://example.org/g2")):
        graph = dataset.graph(URIRef(graph_iri))
        for obj in objects[number:]:
            graph.add((subject, count, obj))
    expected = sorted(
        f"{o.n3()} {g.n3()}" for s, p, o, g in dataset.quads((None, None, None, None)) if g
    )
    store = union_store(dataset)
    rows = query(store, "SELECT ?n ?g WHERE { GRAPH ?g { ?s ?p ?n } }").rows
    assert sorted(f"{row['n'].n3()} {row['g'].n3()}" for row in rows) == expected
    union = query(store, "SELECT ?n WHERE { ?s ?p ?n }").rows
    assert sorted(row["n"].n3() for row in union) == sorted(o.n3() for o in objects)
