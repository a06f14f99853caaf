"""An in-memory Oxigraph store: ``--graph FILE``, the build's own views, tests.

Files are read with Oxigraph's parsers (every syntax, ``.gz`` too); nothing is fetched. Triples a
file puts in its default graph go to the named graph ``pgg:file-<name>``, as ``load`` puts them,
so a file reads the same whether it is loaded into the project's store or opened with ``--graph``.
"""

from __future__ import annotations

import gzip
import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from policygraph.errors import InputError, Location, NotFoundError
from policygraph.namespaces import PGG
from policygraph.rdfcheck import check_rdf_file, limited_quads
from policygraph.stores.base import Store, ox_format, rdf_format
from policygraph.stores.oxigraph import OxigraphStore
from policygraph.stores.union import CHUNK, fill_union

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Dataset
    from rdflib.term import Node

    from policygraph.graphset import GraphSet


class MemoryStore(OxigraphStore):
    """An Oxigraph store in memory; its default graph is the union of its named graphs."""

    def __init__(self, inner: ox.Store, label: str = "") -> None:
        super().__init__(inner, kind="memory", label=label)


def file_graph(path: Path) -> str:
    """The named graph for a file's default-graph triples: ``pgg:file-<stem>``."""
    stem = path.name.split(".")[0]
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-").lower() or "data"
    return str(PGG[f"file-{slug}"])


def open_rdf(path: Path) -> IO[bytes]:
    """A file's bytes, gunzipped when it ends in ``.gz``."""
    if path.suffix.lower() == ".gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def parse_quads(
    path: Path,
    target: ox.NamedNode,
    counter: list[int] | None = None,
    *,
    data: bytes | None = None,
) -> Iterator[ox.Quad]:
    """The quads of one RDF file (or of ``data``, read as that file's syntax), default-graph
    triples moved to ``target``; ``file:line:col`` on a syntax error. ``counter[0]`` counts the
    quads read so far."""
    import io

    import pyoxigraph as ox

    count = counter if counter is not None else [0]
    try:
        with io.BytesIO(data) if data is not None else open_rdf(path) as handle:
            for quad in ox.parse(input=handle, format=ox_format(path)):
                count[0] += 1
                if isinstance(quad.graph_name, ox.DefaultGraph):
                    yield ox.Quad(quad.subject, quad.predicate, quad.object, target)
                else:
                    yield quad
    except SyntaxError as err:
        where = Location(path, err.lineno or 0, err.offset or 0)
        message = str(err.msg).split(": ", 1)[-1] if err.msg else "syntax error"
        raise InputError(
            f"cannot parse as {rdf_format(path)}: {message}",
            where=where,
            hint="nothing was loaded: the store is as it was before this command",
        ) from err
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, ValueError) as err:
        raise InputError(f"cannot read as {rdf_format(path)}: {err}", where=Location(path)) from err


def load_file(path: Path, data: bytes | None = None) -> ox.Store:
    """One RDF file of any syntax (or ``data`` in that file's syntax) in a new in-memory store,
    its union default graph materialised."""
    import pyoxigraph as ox

    if data is None and not path.is_file():
        raise NotFoundError(f"{path}: no such file")
    if data is None:
        check_rdf_file(path, rdf_format(path))  # size, gzip, DTD, remote @context (rdfcheck)
    quads = limited_quads(parse_quads(path, ox.NamedNode(file_graph(path)), data=data), path)
    return store_of_quads(quads).inner


def store_of_quads(quads: Iterable[ox.Quad], label: str = "") -> MemoryStore:
    """A memory store holding ``quads`` (named graphs only), union materialised."""
    import pyoxigraph as ox

    store = ox.Store()
    chunk_source = iter(quads)
    while chunk := list(itertools.islice(chunk_source, CHUNK)):
        store.bulk_extend(chunk)
    fill_union(store)
    return MemoryStore(store, label)


def union_store(data: Dataset | GraphSet) -> MemoryStore:
    """A memory store holding the named graphs of an rdflib dataset or of the build's graphs."""
    import pyoxigraph as ox
    from rdflib import URIRef

    from policygraph.graphset import GraphSet
    from policygraph.serialize import named_graphs
    from policygraph.stores.terms import to_ox

    # an IRI (a subject, predicate or class) comes back in many triples; literals are not
    # remembered: rdflib's == on literals compares values ("01" == "1" as integers)
    iris: dict[str, Any] = {}

    def term(node: Node) -> Any:
        if type(node) is not URIRef:
            return to_ox(node)
        found = iris.get(node)
        if found is None:
            found = iris[node] = to_ox(node)
        return found

    graphs: Iterable[tuple[Node, Iterable[tuple[Node, Node, Node]]]] = (
        data.graphs.items() if isinstance(data, GraphSet) else named_graphs(data)
    )

    def quads() -> Iterator[ox.Quad]:
        for name, triples in graphs:
            ox_name = to_ox(name)
            for s, p, o in triples:
                yield ox.Quad(term(s), term(p), term(o), ox_name)

    return store_of_quads(quads())


def as_store(data: Dataset | GraphSet | Store) -> Store:
    """``data`` itself when it is a store, else ``union_store(data)`` (a built dataset)."""
    from rdflib import Dataset  # a store needs no rdflib; a dataset has it loaded already

    from policygraph.graphset import GraphSet

    return union_store(data) if isinstance(data, Dataset | GraphSet) else data
