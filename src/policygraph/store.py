"""Stores behind one interface: every read command goes through ``Store.query``.

``open_store`` picks the store: an RDF file (``--graph FILE``), a remote SPARQL endpoint
(``--endpoint URL``), or the project's built dataset. Results are rdflib ``Result`` objects
whatever the store, so formatting code never cares where the data lives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib import Dataset
from rdflib.query import Result
from rdflib.term import Node

from policygraph.errors import InputError, NotFoundError
from policygraph.project import Project

RDF_FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".n3": "n3",
}


class Store(Protocol):
    """What every store offers: SPARQL queries (read-only) and the rdflib dataset API."""

    kind: str

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result: ...

    def dataset(self) -> Dataset: ...

    def close(self) -> None: ...


@dataclass
class MemoryStore:
    """rdflib's in-memory dataset; the default graph is the union of the named graphs."""

    data: Dataset
    kind: str = "memory"
    label: str = ""
    _closed: bool = field(default=False, repr=False)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        return self.data.query(sparql, initBindings=dict(bindings or {}))

    def dataset(self) -> Dataset:
        return self.data

    def close(self) -> None:
        self._closed = True


def rdf_format(path: Path) -> str:
    """The rdflib format name for a file, from its extension (``.gz`` looked through)."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        suffix = Path(path.stem).suffix.lower()
    if suffix not in RDF_FORMATS:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(f"{path}: unknown RDF file extension {suffix!r} (known: {known})")
    return RDF_FORMATS[suffix]


def load_file(path: Path) -> Dataset:
    """Parse one RDF file of any syntax into a union-default dataset."""
    if not path.exists():
        raise NotFoundError(f"{path}: no such file")
    fmt = rdf_format(path)
    dataset = Dataset(default_union=True)
    try:
        if path.suffix.lower() == ".gz":
            import gzip

            with gzip.open(path, "rb") as handle:
                dataset.parse(handle, format=fmt)
        else:
            dataset.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many unrelated types for bad syntax
        raise InputError(f"{path}: cannot parse as {fmt}: {err}") from err
    return dataset


def open_store(
    project: Project | None = None,
    *,
    graph_file: Path | None = None,
    endpoint: str | None = None,
) -> Store:
    """The store a read command should use."""
    if graph_file is not None:
        return MemoryStore(load_file(graph_file), label=str(graph_file))
    if endpoint is not None:
        raise NotImplementedError("remote endpoints arrive with the store work (issue 5)")
    if project is None:
        raise NotFoundError("no project and no --graph FILE given")
    if not project.trig_path.exists():
        raise NotFoundError(
            f"{project.trig_path}: the project has not been built",
            hint="run `policygraph build` first",
        )
    return MemoryStore(load_file(project.trig_path), label=str(project.trig_path))
