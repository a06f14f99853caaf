"""The whole store in an RDF syntax, streamed by Oxigraph: no rdflib copy of the dataset.

Oxigraph writes every graph as canonical N-Triples (or N-Quads); the lines are sorted as bytes
(the order of code points, as the rdflib writers sort), then parsed back and written by
Oxigraph's Turtle or TriG serialiser with the declared prefixes of ``vocab.PREFIXES`` (only
those the output uses are kept). Oxigraph lower-cases language tags; they are written back in
their conventional case (``zh-Latn-pinyin``), as every store gives them. Same store, same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from policygraph.names import language_tag
from policygraph.stores.oxigraph import OxigraphStore
from policygraph.vocab import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

#: Formats this module writes.
STREAMED = frozenset({"turtle", "trig", "nt", "nq"})
#: A language tag with subtags after a literal's closing quote (an even run of backslashes
#: before the quote: the quote is not escaped). Oxigraph escapes line feeds, so a tag never
#: spans lines.
_TAG = re.compile(rb'(?<!\\)((?:\\\\)*)"@([a-z]+(?:-[a-z0-9]+)+)')
_USED = re.compile(rb"(?:^|[\s,;(\[])([A-Za-z][\w-]*):", re.MULTILINE)


def _tags(data: bytes) -> bytes:
    """Language tags with subtags in their conventional case."""

    def fix(match: re.Match[bytes]) -> bytes:
        tag = language_tag(match.group(2).decode("ascii")).encode("ascii")
        return match.group(1) + b'"@' + tag

    return _TAG.sub(fix, data)


def _sorted_lines(store: OxigraphStore, graph: ox.NamedNode | None, quads: bool) -> bytes:
    """The named graphs' quads (or one graph's triples) as sorted N-Triples or N-Quads lines."""
    import pyoxigraph as ox

    fmt = ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES
    found = store.quads(str(graph.value) if graph is not None else None)
    if quads:
        data = ox.serialize(found, format=fmt)
    else:
        data = ox.serialize(
            (ox.Triple(q.subject, q.predicate, q.object) for q in found), format=fmt
        )
    lines = sorted(set(_tags(data or b"").splitlines(keepends=True)))
    return b"".join(lines)


def graph_names(store: OxigraphStore) -> list[ox.NamedNode]:
    """The named graphs that hold triples, sorted by IRI."""
    import pyoxigraph as ox

    names = [g for g in store.inner.named_graphs() if isinstance(g, ox.NamedNode)]
    return sorted(
        (g for g in names if next(store.inner.quads_for_pattern(None, None, None, g), None)),
        key=lambda g: g.value,
    )


def _prefixed(body: bytes, fmt: ox.RdfFormat, graphs: list[ox.NamedNode] | None) -> bytes:
    """``body`` (sorted N-Triples or N-Quads) in Turtle or TriG, with only the used prefixes."""
    import pyoxigraph as ox

    source = ox.RdfFormat.N_TRIPLES if graphs is None else ox.RdfFormat.N_QUADS
    quads: Iterator[ox.Quad] = ox.parse(body, format=source)
    found = (q.triple for q in quads) if graphs is None else quads
    text = ox.serialize(found, format=fmt, prefixes=dict(PREFIXES)) or b""
    end = 0
    while text.startswith(b"@prefix ", end):
        end = text.index(b"\n", end) + 1
    out = _tags(text[end:])
    used = {m.group(1).decode("ascii") for m in _USED.finditer(out)}
    header = "".join(
        f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items() if name in used
    )
    return header.encode("utf-8") + b"\n" + _spaced(out)


def _spaced(text: bytes) -> bytes:
    """A blank line between statements and between graphs; indents of four spaces, not tabs.

    Oxigraph escapes line feeds in literals, so every line feed of its output ends a line of
    syntax, and a tab after one is indentation.
    """
    text = text.replace(b"\n\t\t", b"\n        ").replace(b"\n\t", b"\n    ")
    if text.startswith(b"\t"):
        text = b"    " + text[1:]
    text = text.replace(b" .\n", b" .\n\n").replace(b" .\n\n}\n", b" .\n}\n\n")
    return text.rstrip(b"\n") + b"\n" if text.strip() else b""


def stream(store: OxigraphStore, fmt: str) -> tuple[bytes, int]:
    """Every named graph of ``store`` in ``fmt`` (one of ``STREAMED``), and how many there are."""
    import pyoxigraph as ox

    graphs = graph_names(store)
    if fmt == "nt":
        return _sorted_lines(store, None, quads=False), len(graphs)
    if fmt == "nq":
        return _sorted_lines(store, None, quads=True), len(graphs)
    if fmt == "turtle":
        return _prefixed(_sorted_lines(store, None, False), ox.RdfFormat.TURTLE, None), len(graphs)
    body = b"".join(_sorted_lines(store, g, quads=True) for g in graphs)
    return _prefixed(body, ox.RdfFormat.TRIG, graphs), len(graphs)
