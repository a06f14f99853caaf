"""rdflib's in-memory store: tests, tiny graphs, and the fallback when the disk store is busy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from rdflib import Dataset
from rdflib.query import Result
from rdflib.term import Node

from policygraph.errors import InputError, NotFoundError
from policygraph.rdfcheck import check_rdf_file
from policygraph.stores.base import rdf_format


@dataclass
class MemoryStore:
    """rdflib's in-memory dataset; the default graph is the union of the named graphs."""

    data: Dataset
    kind: str = "memory"
    label: str = ""
    _closed: bool = field(default=False, repr=False)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        initial: dict[str, Any] = dict(bindings or {})
        return self.data.query(sparql, initBindings=initial)

    def dataset(self) -> Dataset:
        return self.data

    def close(self) -> None:
        self._closed = True


def load_file(path: Path) -> Dataset:
    """Parse one RDF file of any syntax into a union-default dataset."""
    if not path.exists():
        raise NotFoundError(f"{path}: no such file")
    fmt = rdf_format(path)
    check_rdf_file(path, fmt)  # size, gzip, DTD, remote @context (policygraph.rdfcheck)
    dataset = Dataset(default_union=True)
    try:
        if path.suffix.lower() == ".gz":
            import gzip

            with gzip.open(path, "rb") as handle:
                dataset.parse(cast(IO[bytes], handle), format=fmt)
        else:
            dataset.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many unrelated types for bad syntax
        raise InputError(f"{path}: cannot parse as {fmt}: {err}") from err
    return dataset
