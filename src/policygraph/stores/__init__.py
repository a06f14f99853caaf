"""Stores behind one interface, all on Oxigraph: in memory, embedded on disk, remote SPARQL 1.1."""

from __future__ import annotations

from policygraph.stores.base import RDF_FORMATS, Store, rdf_format
from policygraph.stores.memory import MemoryStore, load_file

__all__ = ["RDF_FORMATS", "MemoryStore", "Store", "load_file", "rdf_format"]
