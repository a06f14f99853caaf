"""Check an RDF file against ``policygraph.limits`` before a parser sees it: its size (for
``.gz`` the whole stream, unpacked), no DTD and no deep nesting in RDF/XML, no JSON-LD context to
fetch; and, while loading, no literal over the limit. Each refusal is an ``InputError`` (exit 3).
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from policygraph import limits
from policygraph.errors import InputError, Location

if TYPE_CHECKING:
    import pyoxigraph as ox

_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)\b", re.IGNORECASE)
#: How much of an RDF/XML file is searched for a DTD (it must come before the root element).
_XML_HEAD = 1 * limits.MIB


def check_rdf_file(path: Path, fmt: str) -> None:
    """Refuse an RDF file (format ``fmt``, as ``stores.base.rdf_format`` names it) that is too
    large, is not valid gzip, declares a DTD (RDF/XML entity expansion) or names a remote
    JSON-LD ``@context``."""
    try:
        size = path.stat().st_size
        if size > limits.MAX_RDF_FILE_BYTES:
            raise _too_large(path, size)
        if path.suffix.lower() == ".gz":
            _check_gzip(path, size)
        if fmt == "xml":
            _check_no_dtd(path)
            _check_xml_depth(path)
        elif fmt == "jsonld":
            _check_local_context(path)
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", where=Location(path)) from err


def _too_large(path: Path, size: int) -> InputError:
    return InputError(
        f"the file is {size:,} bytes (the limit is {limits.shown_size(limits.MAX_RDF_FILE_BYTES)})",
        where=Location(path),
        hint="split it into several files and load them together",
    )


def _check_gzip(path: Path, size: int) -> None:
    """A whole, valid gzip stream that unpacks to at most ``MAX_RDF_FILE_BYTES``: read through
    once (at about 300 MB/s, output discarded), so a bomb or a broken file never reaches a parser.
    """
    with path.open("rb") as handle:
        magic = handle.read(2)
    if magic != b"\x1f\x8b" or size < 18:
        raise InputError(
            "not a gzip file (its name ends in .gz)",
            where=Location(path),
            hint="compress it with gzip, or drop the .gz extension",
        )
    unpacked = 0
    try:
        with gzip.open(path, "rb") as stream:
            while chunk := stream.read(limits.MIB):
                unpacked += len(chunk)
                if unpacked > limits.MAX_RDF_FILE_BYTES:
                    raise InputError(
                        "the file unpacks to more than "
                        + limits.shown_size(limits.MAX_RDF_FILE_BYTES),
                        where=Location(path),
                        hint="split it into several files and load them together",
                    )
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        raise InputError(
            f"a broken gzip file ({err})",
            where=Location(path),
            hint="it may be truncated: download or compress it again",
        ) from err


def _head(path: Path, limit: int) -> bytes:
    try:
        if path.suffix.lower() == ".gz":
            with gzip.open(path, "rb") as handle:
                return bytes(handle.read(limit))
        with path.open("rb") as handle:
            return handle.read(limit)
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        raise InputError(f"a broken gzip file: {err}", where=Location(path)) from err


def _check_no_dtd(path: Path) -> None:
    head = _head(path, _XML_HEAD)
    found = _DTD.search(head)
    if found:
        raise InputError(
            f"RDF/XML with a document type declaration (<!{found.group(1).decode()}) is refused",
            where=limits.byte_location(path, head, found.start()),
            hint="entities can expand a small file into gigabytes; write the values out "
            "in full, or convert the file to Turtle or N-Triples",
        )


def _check_xml_depth(path: Path) -> None:
    """Read the file once with expat (no DTD, no entities, nothing fetched): element depth at
    most ``limits.MAX_XML_DEPTH``. Malformed XML is left for the RDF parser to report."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    depth = [0]

    def start(name: str, attributes: dict[str, str]) -> None:
        depth[0] += 1
        if depth[0] > limits.MAX_XML_DEPTH:
            where = Location(path, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
            raise InputError(
                f"RDF/XML elements nested more than {limits.MAX_XML_DEPTH} deep",
                where=where,
                hint="see the Limits table in README.md",
            )

    def end(name: str) -> None:
        depth[0] -= 1

    def refuse(*args: object) -> None:
        where = Location(path, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        raise InputError("RDF/XML with a document type declaration is refused", where=where)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            while chunk := handle.read(limits.MIB):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        return


_REMOTE = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:")


def _check_local_context(path: Path) -> None:
    import json

    data = _head(path, limits.MAX_RDF_FILE_BYTES)
    if b'"@context"' not in data and b'"@import"' not in data:
        return
    text = data.decode("utf-8", errors="replace")
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return  # the RDF parser reports bad JSON with its line and column
    for key, value in _json_items(document):
        if key in ("@context", "@import"):
            for ref in value if isinstance(value, list) else [value]:
                if isinstance(ref, str):
                    raise InputError(
                        f"the JSON-LD {key} {ref!r} would be fetched"
                        + (" over the network" if _REMOTE.match(ref) else " from another file"),
                        where=_text_location(path, text, ref),
                        hint="policygraph works offline: put the context inline in the file",
                    )


def _json_items(document: object) -> Iterator[tuple[str, object]]:
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                yield str(key), value
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def _text_location(path: Path, text: str, needle: str) -> Location:
    offset = max(text.find(needle), 0)
    line = text.count("\n", 0, offset) + 1
    return Location(path, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def limited_quads(quads: Iterator[ox.Quad], path: Path) -> Iterator[ox.Quad]:
    """``quads``, refusing any literal longer than ``limits.MAX_LITERAL_BYTES`` in UTF-8."""
    import pyoxigraph as ox

    for number, quad in enumerate(quads, 1):
        term = quad.object
        if isinstance(term, ox.Literal) and len(term.value) * 4 > limits.MAX_LITERAL_BYTES:
            size = len(term.value.encode("utf-8"))
            if size > limits.MAX_LITERAL_BYTES:
                raise InputError(
                    f"triple {number:,} has a literal of {size:,} bytes "
                    f"(the limit is {limits.shown_size(limits.MAX_LITERAL_BYTES)})",
                    where=Location(path),
                    hint="nothing was loaded; keep large texts as files and link to them",
                )
        yield quad
