"""The whole store in an RDF syntax, streamed by Oxigraph: no rdflib copy of the dataset.

Oxigraph writes every graph as canonical N-Triples (or N-Quads); the lines are sorted as bytes
(the order of code points, as the rdflib writers sort), then parsed back and written by
Oxigraph's Turtle or TriG serialiser with the declared prefixes of ``vocab.PREFIXES`` (only
those the output uses are kept). Oxigraph lower-cases language tags; they are written back in
their conventional case (``zh-Latn-pinyin``), as every store gives them. Same store, same bytes.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from policygraph.names import language_tag
from policygraph.namespaces import PREFIXES
from policygraph.stores.oxigraph import OxigraphStore

if TYPE_CHECKING:
    import pyoxigraph as ox

#: Formats this module writes.
STREAMED = frozenset({"turtle", "trig", "nt", "nq"})
#: A language tag with subtags after a quote; ``_tags`` checks the quote ends a literal.
#: Oxigraph escapes line feeds, so a tag never spans lines.
_TAG = re.compile(rb'"@([a-z]+(?:-[a-z0-9]+)+)')


def _tags(data: bytes) -> bytes:
    """Language tags with subtags in their conventional case (``data`` itself if none)."""

    def fix(match: re.Match[bytes]) -> bytes:
        start = before = match.start()
        while before > 0 and data[before - 1] == 0x5C:  # backslashes before the quote
            before -= 1
        if (start - before) % 2:  # an escaped quote inside a literal
            return match.group(0)
        return b'"@' + language_tag(match.group(1).decode("ascii")).encode("ascii")

    return _TAG.sub(fix, data) if _TAG.search(data) else data


def _sorted(data: bytes) -> bytes:
    """N-Triples or N-Quads lines, tags fixed, sorted as bytes (the order of code points)."""
    lines = _tags(data).splitlines(keepends=True)
    del data
    lines.sort()
    return b"".join(lines)


def _union_lines(store: OxigraphStore) -> bytes:
    """The union graph (the store's default graph: a set) as sorted N-Triples lines."""
    import pyoxigraph as ox

    quads = store.inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
    # default-graph quads are written as N-Triples lines, with no Python work per quad
    return _sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")


def _graph_lines(store: OxigraphStore, graph: ox.NamedNode) -> bytes:
    import pyoxigraph as ox

    quads = store.inner.quads_for_pattern(None, None, None, graph)
    return _sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")


def graph_names(store: OxigraphStore) -> list[ox.NamedNode]:
    """The named graphs that hold triples, sorted by IRI."""
    import pyoxigraph as ox

    names = [g for g in store.inner.named_graphs() if isinstance(g, ox.NamedNode)]
    return sorted(
        (g for g in names if next(store.inner.quads_for_pattern(None, None, None, g), None)),
        key=lambda g: g.value,
    )


def _uses(text: bytes, name: bytes) -> bool:
    """Whether Oxigraph's output writes a prefixed name with ``name``: its writer starts a term
    at the start of a line or after a space or a tab (it writes blank nodes as ``_:id``, never
    ``[`` or ``(``). A literal's text may match too: the prefix is then declared anyway."""
    if text.startswith(name + b":"):
        return True
    return any(lead + name + b":" in text for lead in (b" ", b"\n", b"\t"))


def _prefixed(body: bytes, fmt: ox.RdfFormat) -> bytes:
    """``body`` (sorted N-Triples or N-Quads) in Turtle or TriG, with only the used prefixes."""
    import pyoxigraph as ox

    # lenient: the lines are Oxigraph's own canonical output, already checked when loaded
    quads = ox.parse(body, format=ox.RdfFormat.N_QUADS, lenient=True)
    text = ox.serialize(quads, format=fmt, prefixes=dict(PREFIXES)) or b""
    del quads, body  # the parser holds the input: free it before the output is rewritten
    end = 0
    while text.startswith(b"@prefix ", end):
        end = text.index(b"\n", end) + 1
    out = _tags(text[end:])
    used = {name for name in PREFIXES if _uses(out, name.encode("ascii"))}
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
        return _union_lines(store), len(graphs)
    if fmt == "turtle":
        return _prefixed(_union_lines(store), ox.RdfFormat.TURTLE), len(graphs)
    if fmt == "nq":  # sorted line by line, as N-Triples
        every = itertools.chain.from_iterable(
            store.inner.quads_for_pattern(None, None, None, g) for g in graphs
        )
        return _sorted(ox.serialize(every, format=ox.RdfFormat.N_QUADS) or b""), len(graphs)
    body = b"".join(_graph_lines(store, g) for g in graphs)
    return _prefixed(body, ox.RdfFormat.TRIG), len(graphs)
