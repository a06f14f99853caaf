"""The ``Store`` protocol and what every store shares: file formats and term conversion."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from policygraph.errors import InputError

if TYPE_CHECKING:  # rdflib is imported by the stores when they answer, not at start-up
    import pyoxigraph as ox
    from rdflib import Dataset
    from rdflib.query import Result
    from rdflib.term import Node

#: RDF file extensions and the format each names: the one table (``export`` adds its own
#: non-RDF formats to it). Names are those ``policygraph export --format`` takes.
RDF_FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nq",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".n3": "n3",
}

#: Format names -> pyoxigraph ``RdfFormat`` attribute names.
OX_FORMATS = {
    "turtle": "TURTLE",
    "trig": "TRIG",
    "nt": "N_TRIPLES",
    "nq": "N_QUADS",
    "xml": "RDF_XML",
    "jsonld": "JSON_LD",
    "n3": "N3",
}

#: Formats whose files name their own graphs.
QUAD_FORMATS = {"trig", "nq"}


class Store(Protocol):
    """What every store offers: SPARQL queries (read-only) and the rdflib dataset API.

    The default graph of a query is the union of the named graphs (a set), whatever the store.
    A store is a context manager: ``with open_store(...) as store:`` closes it.
    """

    kind: str

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result: ...

    def dataset(self) -> Dataset: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


def rdf_format(path: Path) -> str:
    """The RDF format of a file, from its extension (``.gz`` looked through)."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        suffix = Path(path.stem).suffix.lower()
    if suffix not in RDF_FORMATS:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(f"{path}: unknown RDF file extension {suffix!r} (known: {known})")
    return RDF_FORMATS[suffix]


def ox_format(path: Path) -> ox.RdfFormat:
    """The pyoxigraph format of a file, from its extension."""
    import pyoxigraph as ox

    fmt: ox.RdfFormat = getattr(ox.RdfFormat, OX_FORMATS[rdf_format(path)])
    return fmt
