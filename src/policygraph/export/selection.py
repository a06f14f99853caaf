"""What to export: the whole dataset, one named graph, or the result of a CONSTRUCT query.

Everything is read through the ``Store`` protocol (SPARQL for one graph or a query), so an export
works on every store: the project's, an RDF file, or a remote endpoint.
"""

from __future__ import annotations

from rdflib import Dataset, URIRef
from rdflib.query import Result

from policygraph.errors import NotFoundError, QueryError
from policygraph.iris import expand_name, short_name
from policygraph.project import Project
from policygraph.store import Store
from policygraph.vocab import PGG

#: Graph names that are not source ids.
GRAPH_NAMES = ("ontology", "kos", "ref", "curation", "prov")


def graph_iri(text: str) -> URIRef:
    """The named graph meant by ``text``: an IRI, ``pgg:...``, ``ref``..., or a source id."""
    iri = expand_name(text)
    if iri is not None:
        return iri
    if text in GRAPH_NAMES or text.startswith("src-"):
        return PGG[text]
    return PGG[f"src-{text}"]


def graphs_in(store: Store) -> list[URIRef]:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    found = {row[0] for row in store.query(query)}  # type: ignore[index]
    return sorted(g for g in found if isinstance(g, URIRef))


def one_graph(store: Store, text: str) -> Dataset:
    """The named graph ``text`` of ``store``, as a dataset holding just that graph."""
    iri = graph_iri(text)
    available = graphs_in(store)
    if iri not in available:
        listing = ", ".join(short_name(str(g)) for g in available) or "none"
        raise NotFoundError(
            f"no named graph {short_name(str(iri))} in the store (graphs: {listing})",
            hint="give a source id (ffc-sasac-crypto-study), ref, curation, kos, ontology, prov, "
            "or a graph IRI",
        )
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": iri})
    dataset = Dataset()
    target = dataset.graph(iri)
    for triple in _graph(result):
        target.add(triple)
    return dataset


def _graph(result: Result) -> list[tuple[URIRef, URIRef, URIRef]]:
    if result.type not in ("CONSTRUCT", "DESCRIBE") or result.graph is None:
        raise QueryError(
            f"export needs a CONSTRUCT or DESCRIBE query, not {result.type}",
            hint="wrap the pattern: CONSTRUCT { ?s ?p ?o } WHERE { ... }",
        )
    return list(result.graph)  # type: ignore[arg-type]


def query_result(store: Store, text: str, project: Project | None) -> Dataset:
    """The triples a CONSTRUCT (or DESCRIBE) query builds, in the default graph of a dataset.

    ``text`` is the query, a ``.rq`` file or a named query, checked as ``policygraph query``
    checks it (``QueryError`` if it does not parse or is not a CONSTRUCT or DESCRIBE).
    """
    from policygraph.sparql import check_query, load_query_text, run_checked

    sparql, origin = load_query_text(text, project)
    checked = check_query(sparql, origin=origin)
    if checked.kind not in ("CONSTRUCT", "DESCRIBE"):
        raise QueryError(
            f"{origin}: export needs a CONSTRUCT or DESCRIBE query, not {checked.kind}",
            hint="wrap the pattern: CONSTRUCT { ?s ?p ?o } WHERE { ... }",
        )
    result = run_checked(store, checked)
    dataset = Dataset()
    for triple in result.graph if result.graph is not None else ():
        dataset.add(triple)
    return dataset
