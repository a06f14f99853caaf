"""Export the graph for other tools: RDF syntaxes, GraphML, GEXF and CSV.

``export(store, fmt, ...)`` renders what is selected (the whole dataset, one named graph, or a
CONSTRUCT query's result) into a ``Rendered`` (bytes by file name); ``write(rendered, path)``
writes it atomically. Formats that cannot hold named graphs merge them, and say how many they
merged in ``Rendered.merged`` so the caller can tell the user.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, URIRef

from policygraph.atomic import write_all_atomic, write_atomic
from policygraph.errors import InputError
from policygraph.export.stream import STREAMED, stream
from policygraph.project import Project
from policygraph.store import Store
from policygraph.stores.base import RDF_FORMATS
from policygraph.stores.oxigraph import OxigraphStore

if TYPE_CHECKING:
    import pyoxigraph as ox

FORMATS = ("turtle", "trig", "nt", "nq", "jsonld", "xml", "graphml", "gexf", "csv")
#: Formats that keep named graphs; the others merge them into one.
DATASET_FORMATS = frozenset({"trig", "nq", "jsonld"})
ALIASES = {
    "ttl": "turtle",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nq",
    "n-quads": "nq",
    "json-ld": "jsonld",
    "rdf": "xml",
    "rdfxml": "xml",
    "rdf/xml": "xml",
}
EXTENSIONS = {
    **RDF_FORMATS,
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".zip": "csv",
    ".csv": "csv",
}
#: Where a query's triples (in no named graph) go while Oxigraph writes them.
DEFAULT_AS = URIRef("urn:x-policygraph:default")
_HINT = "formats: " + ", ".join(FORMATS)


@dataclass(frozen=True)
class Rendered:
    fmt: str
    files: dict[str, bytes]  # {"": content} for one file; nodes.csv and edges.csv for csv
    merged: int  # how many graphs were merged into one (0: none were)


def format_name(name: str) -> str:
    """The canonical name of a format (aliases such as ``ttl`` accepted)."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        raise InputError(f"unknown export format {name!r} (known: {', '.join(FORMATS)})")
    return key


def format_for(output: str | None, given: str | None) -> str:
    """``given`` if any, else the format the output path implies (a folder means csv)."""
    if given:
        return format_name(given)
    if output is None or output == "-":
        return "turtle"
    path = Path(output)
    if path.suffix.lower() in EXTENSIONS:
        return EXTENSIONS[path.suffix.lower()]
    if path.is_dir() or output.endswith(("/", "\\")):
        return "csv"
    raise InputError(
        f"{path}: cannot tell the export format from the extension {path.suffix or '(none)'!r}",
        hint=f"give --format ({_HINT}) or a known extension ({', '.join(EXTENSIONS)})",
    )


def select(
    store: Store, *, graph: str | None = None, query: str | None = None, project: Project | None
) -> Dataset:
    """What to export: one named graph, a CONSTRUCT query's result, or the whole dataset."""
    from policygraph.export.selection import one_graph, query_result

    if graph is not None and query is not None:
        raise InputError("give --graph or --query, not both")
    if graph is not None:
        return one_graph(store, graph)
    if query is not None:
        return query_result(store, query, project)
    return store.dataset()


def _oxigraph_copy(dataset: Dataset) -> OxigraphStore:
    """``dataset`` in an Oxigraph store, default-graph triples (a query's) in a named graph."""
    from policygraph.stores.memory import store_of_quads
    from policygraph.stores.terms import to_ox

    def quads() -> Iterator[ox.Quad]:
        import pyoxigraph as ox

        for s, p, o, g in dataset.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            if name is None or str(name) == "urn:x-rdflib:default":
                name = DEFAULT_AS
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(name))

    return store_of_quads(quads())


def render(dataset: Dataset, fmt: str, *, store: Store, lang: str = "en") -> Rendered:
    """``dataset`` in format ``fmt``; ``store`` supplies display labels for graph formats."""
    from policygraph.export import rdf

    fmt = format_name(fmt)
    count = rdf.graph_count(dataset)
    merged = count if count > 1 and fmt not in DATASET_FORMATS else 0
    if fmt in ("graphml", "gexf", "csv"):
        from functools import partial

        from policygraph.export.graphs import to_gexf, to_graphml
        from policygraph.export.tables import csv_tables, property_graph
        from policygraph.names import display_labels

        model = property_graph(dataset, partial(display_labels, store, lang=lang))
        if fmt == "csv":
            return Rendered(fmt, csv_tables(model), merged)
        text = to_graphml(model) if fmt == "graphml" else to_gexf(model)
        return Rendered(fmt, {"": text.encode("utf-8")}, merged)
    if fmt == "jsonld":
        from policygraph.export.jsonld import to_jsonld

        return Rendered(fmt, {"": to_jsonld(dataset).encode("utf-8")}, merged)
    # Oxigraph writes them; TriG and N-Quads of a query's triples (in no named graph) stay on rdflib
    if fmt in ("turtle", "nt") or (fmt in STREAMED and not len(rdf.default_graph(dataset))):
        return Rendered(fmt, {"": stream(_oxigraph_copy(dataset), fmt)[0]}, merged)
    writers = {
        "turtle": rdf.turtle,
        "trig": rdf.trig,
        "nt": rdf.ntriples,
        "nq": rdf.nquads,
        "xml": rdf.rdf_xml,
    }
    return Rendered(fmt, {"": writers[fmt](dataset).encode("utf-8")}, merged)


def export(
    store: Store,
    fmt: str = "turtle",
    *,
    graph: str | None = None,
    query: str | None = None,
    lang: str = "en",
    project: Project | None = None,
) -> Rendered:
    """Select from ``store`` and render in ``fmt``: the library side of ``policygraph export``."""
    fmt = format_name(fmt)
    if graph is None and query is None and fmt in STREAMED and isinstance(store, OxigraphStore):
        data, count = stream(store, fmt)  # the whole store: Oxigraph writes it, no rdflib copy
        merged = count if count > 1 and fmt not in DATASET_FORMATS else 0
        return Rendered(fmt, {"": data}, merged)
    return render(
        select(store, graph=graph, query=query, project=project), fmt, store=store, lang=lang
    )


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` with fixed timestamps and permissions: same files, same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def targets(rendered: Rendered, path: Path) -> dict[Path, bytes]:
    """The files ``write`` makes for ``path``.

    CSV: ``x.zip`` holds ``nodes.csv`` and ``edges.csv``; ``x.csv`` becomes ``x.nodes.csv`` and
    ``x.edges.csv``; any other path is a folder that receives ``nodes.csv`` and ``edges.csv``.
    """
    if "" in rendered.files:
        return {path: rendered.files[""]}
    if path.suffix.lower() == ".zip":
        return {path: zip_bytes(rendered.files)}
    if path.suffix.lower() == ".csv":
        stem = path.with_suffix("")
        return {stem.with_name(f"{stem.name}.{name}"): d for name, d in rendered.files.items()}
    return {path / name: data for name, data in rendered.files.items()}


def write(rendered: Rendered, path: Path) -> list[Path]:
    """Write atomically: on any failure, files already at the target are left untouched."""
    files = targets(rendered, path)
    if len(files) == 1:
        ((only, data),) = files.items()
        write_atomic(only, data)
    else:
        write_all_atomic(dict(files))
    return sorted(files)


__all__ = [
    "FORMATS",
    "Rendered",
    "export",
    "format_for",
    "format_name",
    "render",
    "select",
    "write",
]
