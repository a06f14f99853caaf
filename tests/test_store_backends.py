"""Memory, embedded Oxigraph and the project store answer the same queries the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.query import Result

from policygraph.project import Project
from policygraph.store import MemoryStore, Store, open_store
from policygraph.stores.disk import current_version
from policygraph.stores.oxigraph import OxigraphStore
from policygraph.stores.project import is_fresh, sync_project_store
from policygraph.stores.union import rebuild_union
from policygraph.vocab import sparql_prologue

QUERIES = {
    "signals": "SELECT ?s ?issuer ?day WHERE { ?s a pg:PolicySignal ; pg:issuer ?issuer ; "
    "pg:issuedOn ?day }",
    "labels": "SELECT ?x ?l WHERE { ?x skos:prefLabel ?l }",
    "per-graph": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "two-hop": "SELECT ?s ?quote WHERE { ?s pg:evidence ?e . ?e oa:hasSelector ?sel . "
    "?sel oa:exact ?quote }",
    "optional": "SELECT ?e ?d ?org WHERE { ?e a schema:Event . OPTIONAL { ?e schema:startDate ?d } "
    "OPTIONAL { ?e schema:organizer ?org } }",
    "ask": "ASK { ?s a pg:PolicySignal }",
    "construct": "CONSTRUCT { ?s skos:prefLabel ?l } WHERE { ?s a pg:PolicySignal ; "
    "skos:prefLabel ?l }",
}


def answer(store: Store, sparql: str, bindings: dict[str, URIRef] | None = None) -> object:
    result: Result = store.query(sparql_prologue() + sparql, bindings)
    if result.type == "ASK":
        return result.askAnswer
    if result.type == "CONSTRUCT":
        assert result.graph is not None
        return set(result.graph)
    return {tuple(row.get(v) for v in result.vars or []) for row in result.bindings}


@pytest.fixture(scope="module")
def oxigraph_store(tmp_path_factory: pytest.TempPathFactory, sasac_root: Path) -> OxigraphStore:
    import pyoxigraph as ox

    inner = ox.Store(str(tmp_path_factory.mktemp("ox") / "store"))
    inner.load(path=str(sasac_root / "graph" / "policygraph.trig"), format=ox.RdfFormat.TRIG)
    rebuild_union(inner)  # the default graph holds the union of the named graphs
    return OxigraphStore(inner)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_memory_and_oxigraph_agree(
    name: str, sasac_store: MemoryStore, oxigraph_store: OxigraphStore
) -> None:
    expected = answer(sasac_store, QUERIES[name])
    assert expected, f"{name} answers nothing: a useless comparison"
    assert answer(oxigraph_store, QUERIES[name]) == expected


def test_bindings_agree(sasac_store: MemoryStore, oxigraph_store: OxigraphStore) -> None:
    signal = next(iter(answer(sasac_store, QUERIES["signals"])))[0]  # type: ignore[call-overload]
    bindings = {"s": signal}
    memory = answer(sasac_store, QUERIES["signals"], bindings)
    assert len(memory) == 1  # type: ignore[arg-type]
    assert answer(oxigraph_store, QUERIES["signals"], bindings) == memory


def test_dataset_api_over_oxigraph(oxigraph_store: OxigraphStore, sasac_store: MemoryStore) -> None:
    assert len(oxigraph_store.dataset()) == len(sasac_store.dataset())


def copy_project(sasac_root: Path, tmp_path: Path) -> Project:
    (tmp_path / "graph").mkdir()
    (tmp_path / "data" / "records").mkdir(parents=True)
    shutil.copy(sasac_root / "graph" / "policygraph.trig", tmp_path / "graph")
    return Project(tmp_path)


def test_project_store_is_created_from_the_trig(sasac_root: Path, tmp_path: Path) -> None:
    project = copy_project(sasac_root, tmp_path)
    assert not is_fresh(project)
    store = open_store(project)
    try:
        assert store.kind == "oxigraph"
        assert is_fresh(project)
        assert answer(store, QUERIES["ask"]) is True
    finally:
        store.close()


def test_stale_store_is_rebuilt_and_loaded_graphs_stay(sasac_root: Path, tmp_path: Path) -> None:
    from policygraph.loading import load_files

    project = copy_project(sasac_root, tmp_path)
    assert sync_project_store(project)
    extra = tmp_path / "extra.nt"
    extra.write_text("<http://e/a> <http://e/b> <http://e/c> .\n", encoding="utf-8")
    load_files(project.store_dir, [extra])
    trig = project.trig_path
    trig.write_text(trig.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    first = current_version(project.store_dir)
    store = open_store(project)
    try:
        assert current_version(project.store_dir) != first
        assert answer(store, "ASK { <http://e/a> <http://e/b> <http://e/c> }") is True
        assert answer(store, QUERIES["ask"]) is True
    finally:
        store.close()


def test_busy_store_falls_back_to_memory(sasac_root: Path, tmp_path: Path) -> None:
    from policygraph.stores.disk import WRITE_LOCK
    from policygraph.stores.lock import WriteLock

    project = copy_project(sasac_root, tmp_path)
    lock = WriteLock(project.store_dir / WRITE_LOCK)
    lock.acquire()
    try:
        store = open_store(project)
        assert store.kind == "memory"
        assert answer(store, QUERIES["ask"]) is True
    finally:
        lock.release()
