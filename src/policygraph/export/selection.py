"""What to export: the whole dataset, one named graph, or the result of a CONSTRUCT query.

Everything is read through the ``Store`` protocol (SPARQL for one graph or a query), so an export
works on every store: the project's, an RDF file, or a remote endpoint.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.query import Result

from policygraph.errors import NotFoundError, QueryError
from policygraph.names import expand_name, short_name
from policygraph.project import Project, packaged
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


def query_text(text: str, project: Project | None) -> tuple[str, str]:
    """The SPARQL of ``--query`` (a file, a named query, or the query itself), and its origin."""
    if re.fullmatch(r"[\w.-]+", text):
        name = text.removesuffix(".rq")
        candidates = [Path(text)] if text.endswith(".rq") else []
        if project is not None:
            candidates.append(project.queries_dir / f"{name}.rq")
        for path in candidates:
            if path.is_file():
                return path.read_text(encoding="utf-8"), str(path)
        packaged_query = packaged(f"queries/{name}.rq")
        if packaged_query.is_file():
            return packaged_query.read_text(encoding="utf-8"), f"queries/{name}.rq"
        raise NotFoundError(
            f"no named query {name!r}",
            hint="give a CONSTRUCT query, a .rq file, or the name of a query in queries/",
        )
    path = Path(text)
    if text.endswith(".rq") and path.is_file():
        return path.read_text(encoding="utf-8"), str(path)
    return text, "--query"


def check_query(sparql: str, origin: str) -> str:
    """The full text to run, checked as ``policygraph query`` checks it (``QueryError`` if not)."""
    from policygraph.sparql import check_query as check

    checked = check(sparql, origin=origin)
    if checked.kind not in ("CONSTRUCT", "DESCRIBE"):
        raise QueryError(
            f"{origin}: export needs a CONSTRUCT or DESCRIBE query, not {checked.kind}",
            hint="wrap the pattern: CONSTRUCT { ?s ?p ?o } WHERE { ... }",
        )
    return checked.text


def _graph(result: Result) -> list[tuple[URIRef, URIRef, URIRef]]:
    if result.type not in ("CONSTRUCT", "DESCRIBE") or result.graph is None:
        raise QueryError(
            f"export needs a CONSTRUCT or DESCRIBE query, not {result.type}",
            hint="wrap the pattern: CONSTRUCT { ?s ?p ?o } WHERE { ... }",
        )
    return list(result.graph)  # type: ignore[arg-type]


def query_result(store: Store, text: str, project: Project | None) -> Dataset:
    """The triples a CONSTRUCT (or DESCRIBE) query builds, in the default graph of a dataset."""
    sparql, origin = query_text(text, project)
    full = check_query(sparql, origin)
    try:
        result = store.query(full)
    except QueryError:
        raise
    except Exception as err:  # rdflib raises many types for a query it cannot evaluate
        raise QueryError(f"{origin}: the query failed: {err}") from err
    dataset = Dataset()
    for triple in _graph(result):
        dataset.add(triple)
    return dataset
