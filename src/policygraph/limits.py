"""Every size and shape limit on input, in one place, with the small checks that apply them.

The README's "Limits" table is tested against ``LIMITS`` (tests/test_limits.py). Each check raises
``InputError`` (exit 3) or ``QueryError`` (exit 5) with ``file:line:col`` and a hint; none reads
more of a file than its limit allows, so ``/dev/zero`` or a 10 GB file cannot exhaust memory.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policygraph.errors import InputError, Location, QueryError

if TYPE_CHECKING:
    import pyoxigraph as ox

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

#: A record or source YAML file (``data/records/*.yaml``, ``data/sources/*.yaml``).
MAX_YAML_FILE_BYTES = 1 * MIB
#: Mappings and lists inside one another in a YAML file (the real data needs 7).
MAX_YAML_DEPTH = 32
#: An archived source text (``data/sources/*.txt``).
MAX_TEXT_BYTES = 4 * MIB
#: A SPARQL query, in characters.
MAX_QUERY_CHARS = 100_000
#: Brackets ``( { [`` inside one another in a query: rdflib's parser runs out of Python stack
#: at about 21 mixed levels, Oxigraph's overflows the C stack at about 3,000.
MAX_QUERY_DEPTH = 16
#: Operators (``|| && + - * / = != < > <= >=``) in one query: Oxigraph crashes the process
#: (exit 139) at about 8,000 in one chain.
MAX_QUERY_OPERATORS = 1_000
#: Elements inside one another in an RDF/XML file: Oxigraph's parser slows down with the square
#: of the depth (50,000 levels, a 2.3 MB file, take 37 s).
MAX_XML_DEPTH = 256
#: An RDF file given to ``load`` or ``--graph`` (for ``.gz``: compressed and uncompressed size).
MAX_RDF_FILE_BYTES = 1 * GIB
#: One literal of an RDF file, UTF-8 bytes. Oxigraph's parsers stop at a 16 MiB term, and a dump
#: may escape a literal to several times its size, so restores stay well below that.
MAX_LITERAL_BYTES = 2 * MIB


@dataclass(frozen=True)
class Limit:
    """One row of the README's limits table."""

    what: str
    value: str
    happens: str
    exit_code: int


def _size(n: int) -> str:
    for unit, size in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n:,} bytes"


LIMITS: tuple[Limit, ...] = (
    Limit("record or source YAML file", _size(MAX_YAML_FILE_BYTES), "refused", 3),
    Limit("YAML nesting depth", str(MAX_YAML_DEPTH), "refused at the deepest line", 3),
    Limit("YAML anchors (`&a`) and aliases (`*a`)", "none", "refused at their line", 3),
    Limit("YAML file encoding", "UTF-8, no NUL byte", "refused at the bad byte", 3),
    Limit("archived source text", _size(MAX_TEXT_BYTES), "refused at the `text:` line", 3),
    Limit(
        "archived source text path",
        "a regular file under `data/sources/`",
        "refused at the `text:` line",
        3,
    ),
    Limit("SPARQL query", f"{MAX_QUERY_CHARS:,} characters", "refused before parsing", 5),
    Limit("SPARQL bracket nesting", str(MAX_QUERY_DEPTH), "refused before parsing", 5),
    Limit("SPARQL operators", f"{MAX_QUERY_OPERATORS:,}", "refused before parsing", 5),
    Limit(
        "RDF file given to `load` or `--graph` (`.gz`: also unpacked)",
        _size(MAX_RDF_FILE_BYTES),
        "refused",
        3,
    ),
    Limit("RDF literal (`load`)", _size(MAX_LITERAL_BYTES), "nothing is loaded", 3),
    Limit("RDF/XML `<!DOCTYPE>` and `<!ENTITY>`", "none", "refused", 3),
    Limit("RDF/XML element nesting", str(MAX_XML_DEPTH), "refused at the deepest element", 3),
    Limit("JSON-LD remote `@context`", "none", "refused", 3),
)


# --- files --------------------------------------------------------------------------------


def read_limited(path: Path, limit: int, what: str, where: Location | None = None) -> bytes:
    """The bytes of ``path``, refused when it is not a regular file or holds more than ``limit``.

    Reads at most ``limit + 1`` bytes, so a device, FIFO or huge file cannot run forever.
    """
    at = where or Location(path)
    name = f"{what} {_shown(path)}" if where else what
    try:
        if not path.is_file():
            raise InputError(f"{name} is not a regular file", where=at)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise InputError(f"cannot read {name}: {err.strerror}", where=at) from err
    if len(data) > limit:
        raise InputError(
            f"{name} is larger than {_size(limit)}",
            where=at,
            hint="see the Limits table in README.md",
        )
    return data


def decode_text(data: bytes, path: Path, what: str, where: Location | None = None) -> str:
    """``data`` as UTF-8 text; a NUL byte (binary) or invalid UTF-8 is refused at its line."""
    nul = data.find(b"\0")
    if nul >= 0:
        place = f" at {_place(data, nul)}" if where else ""
        raise InputError(
            f"{what} is binary, not text (a NUL byte{place})",
            where=where or _byte_location(path, data, nul),
            hint="archive and write records as UTF-8 text",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        place = f" at {_place(data, err.start)}" if where else ""
        raise InputError(
            f"{what} is not UTF-8 text ({err.reason}{place})",
            where=where or _byte_location(path, data, err.start),
            hint="re-save the file as UTF-8",
        ) from err


def read_query_file(path: Path) -> str:
    """A ``.rq`` file's text: a regular UTF-8 text file of a size a query may have."""
    data = read_limited(path, 4 * MAX_QUERY_CHARS, "the query file")
    return decode_text(data, path, "the query file")


def _byte_location(path: Path, data: bytes, offset: int) -> Location:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return Location(path, line, col)


def _place(data: bytes, offset: int) -> str:
    where = _byte_location(Path(), data, offset)
    return f"line {where.line}, column {where.col}"


def _shown(path: Path) -> str:
    return str(Location(path))


# --- YAML -------------------------------------------------------------------------------


def check_yaml_events(text: str, path: Path) -> None:
    """Refuse anchors, aliases and nesting deeper than ``MAX_YAML_DEPTH``, before composing.

    PyYAML's event parser is iterative, so this runs safely on any input; its composer (and
    alias expansion) is not, which is what ``x: &a [1, *a]`` and alias bombs exploit.
    """
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        mark = event.start_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            alias = isinstance(event, yaml.AliasEvent)
            raise InputError(
                f"YAML anchors and aliases are not allowed ({'*' if alias else '&'}{anchor})",
                where=where,
                hint="write the value out in full; records never need `&name` or `*name`",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise InputError(
                    f"YAML nested more than {MAX_YAML_DEPTH} levels deep",
                    where=where,
                    hint="records need a few levels only; see the Limits table in README.md",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


# --- SPARQL -------------------------------------------------------------------------------

_QUERY_TOKENS = re.compile(
    r"""(?P<skip>\#[^\n]*                       # comment
        |'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)   # long strings
        |\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z)
        |'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?
        |<[^<>"{}|^`\\\s]*>                     # IRI
        |[?$]?[A-Za-z_][\w.\-]*(?::[\w.\-%:]*)? # names, keywords, variables, prefixed names
        |:[\w.\-%:]*
        |\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)
      |(?P<open>[({\[])|(?P<close>[)}\]])
      |(?P<op>\|\||&&|!=|<=|>=|[-+*/=<>|^])
      |(?P<other>\S)""",
    re.VERBOSE | re.DOTALL,
)


def check_query_text(sparql: str, origin: str = "query") -> None:
    """Refuse an empty query, and one too large or too nested for the parsers to survive."""
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryError(
            f"{origin}: the query is {len(sparql):,} characters long "
            f"(the limit is {MAX_QUERY_CHARS:,})",
            hint="split it, or load the values it lists into the store and join on them",
        )
    if not re.sub(r"(?m)#.*$", "", sparql).strip():
        raise QueryError(
            f"{origin}: no query given",
            hint="give the SPARQL text as an argument, with -f FILE.rq, or on standard input",
        )
    depth = operators = 0
    for match in _QUERY_TOKENS.finditer(sparql):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > MAX_QUERY_DEPTH:
                raise _shape_error(sparql, match.start(), origin, "brackets nested", depth)
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "op":
            operators += 1
            if operators > MAX_QUERY_OPERATORS:
                raise _shape_error(sparql, match.start(), origin, "operators", operators)


def _shape_error(sparql: str, offset: int, origin: str, what: str, count: int) -> QueryError:
    line = sparql.count("\n", 0, offset) + 1
    col = offset - (sparql.rfind("\n", 0, offset) + 1) + 1
    nested = what.startswith("brackets")
    limit = MAX_QUERY_DEPTH if nested else MAX_QUERY_OPERATORS
    return QueryError(
        f"{origin}:{line}:{col}: more than {limit:,} {what} (the limit; found {count:,} here)",
        hint="split the query into simpler parts"
        if nested
        else "use VALUES or IN (...) instead of long chains of || and =",
    )


# --- RDF files ----------------------------------------------------------------------------

_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)\b", re.IGNORECASE)
#: How much of an RDF/XML file is searched for a DTD (it must come before the root element).
_XML_HEAD = 1 * MIB


def check_rdf_file(path: Path, fmt: str) -> None:
    """Refuse an RDF file (rdflib format name ``fmt``) that is too large, is not valid gzip,
    declares a DTD (RDF/XML entity expansion) or names a remote JSON-LD ``@context``."""
    try:
        size = path.stat().st_size
        if size > MAX_RDF_FILE_BYTES:
            raise _too_large(path, size)
        if path.suffix.lower() == ".gz":
            _check_gzip(path, size)
        if fmt == "xml":
            _check_no_dtd(path)
            _check_xml_depth(path)
        elif fmt == "json-ld":
            _check_local_context(path)
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", where=Location(path)) from err


def _too_large(path: Path, size: int) -> InputError:
    return InputError(
        f"the file is {size:,} bytes (the limit is {_size(MAX_RDF_FILE_BYTES)})",
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
            while chunk := stream.read(MIB):
                unpacked += len(chunk)
                if unpacked > MAX_RDF_FILE_BYTES:
                    raise InputError(
                        f"the file unpacks to more than {_size(MAX_RDF_FILE_BYTES)}",
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
            where=_byte_location(path, head, found.start()),
            hint="entities can expand a small file into gigabytes; write the values out "
            "in full, or convert the file to Turtle or N-Triples",
        )


def _check_xml_depth(path: Path) -> None:
    """Read the file once with expat (no DTD, no entities, nothing fetched): element depth at
    most ``MAX_XML_DEPTH``. Malformed XML is left for the RDF parser to report."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    depth = [0]

    def start(name: str, attributes: dict[str, str]) -> None:
        depth[0] += 1
        if depth[0] > MAX_XML_DEPTH:
            where = Location(path, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
            raise InputError(
                f"RDF/XML elements nested more than {MAX_XML_DEPTH} deep",
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
            while chunk := handle.read(MIB):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        return


_REMOTE = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:")


def _check_local_context(path: Path) -> None:
    import json

    data = _head(path, MAX_RDF_FILE_BYTES)
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
    """``quads``, refusing any literal longer than ``MAX_LITERAL_BYTES`` in UTF-8."""
    import pyoxigraph as ox

    for number, quad in enumerate(quads, 1):
        term = quad.object
        if isinstance(term, ox.Literal) and len(term.value) * 4 > MAX_LITERAL_BYTES:
            size = len(term.value.encode("utf-8"))
            if size > MAX_LITERAL_BYTES:
                raise InputError(
                    f"triple {number:,} has a literal of {size:,} bytes "
                    f"(the limit is {_size(MAX_LITERAL_BYTES)})",
                    where=Location(path),
                    hint="nothing was loaded; keep large texts as files and link to them",
                )
        yield quad
