"""Every size and shape limit on input, in one place, with the small checks that apply them.

The README's "Limits" table is tested against ``LIMITS`` (tests/test_limits.py); the checks of
RDF files are in ``policygraph.rdfcheck``. Each check raises
``InputError`` (exit 3) or ``QueryError`` (exit 5) with ``file:line:col`` and a hint; none reads
more of a file than its limit allows, so ``/dev/zero`` or a 10 GB file cannot exhaust memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policygraph.errors import InputError, Location, QueryError

if TYPE_CHECKING:
    pass

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


def shown_size(n: int) -> str:
    """``n`` bytes as a person reads a limit: ``1 MiB``, or ``1,000 bytes`` when not round."""
    for unit, size in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n:,} bytes"


LIMITS: tuple[Limit, ...] = (
    Limit("record or source YAML file", shown_size(MAX_YAML_FILE_BYTES), "refused", 3),
    Limit("YAML nesting depth", str(MAX_YAML_DEPTH), "refused at the deepest line", 3),
    Limit("YAML anchors (`&a`) and aliases (`*a`)", "none", "refused at their line", 3),
    Limit("YAML file encoding", "UTF-8, no NUL byte", "refused at the bad byte", 3),
    Limit("archived source text", shown_size(MAX_TEXT_BYTES), "refused at the `text:` line", 3),
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
        "RDF file given to `load` or `--input` (`.gz`: also unpacked)",
        shown_size(MAX_RDF_FILE_BYTES),
        "refused",
        3,
    ),
    Limit("RDF literal (`load`)", shown_size(MAX_LITERAL_BYTES), "nothing is loaded", 3),
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
            f"{name} is larger than {shown_size(limit)}",
            where=at,
            hint="see the Limits table in README.md",
        )
    return data


def decode_text(data: bytes, path: Path, what: str, where: Location | None = None) -> str:
    """``data`` as UTF-8 text with ``\n`` line ends (as ``Path.read_text`` gives it); a NUL byte
    (binary) or invalid UTF-8 is refused at its line."""
    nul = data.find(b"\0")
    if nul >= 0:
        place = f" at {_place(data, nul)}" if where else ""
        raise InputError(
            f"{what} is binary, not text (a NUL byte{place})",
            where=where or byte_location(path, data, nul),
            hint="archive and write records as UTF-8 text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        place = f" at {_place(data, err.start)}" if where else ""
        raise InputError(
            f"{what} is not UTF-8 text ({err.reason}{place})",
            where=where or byte_location(path, data, err.start),
            hint="re-save the file as UTF-8",
        ) from err
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as Path.read_text reads lines


def read_query_file(path: Path) -> str:
    """A ``.rq`` file's text: a regular UTF-8 text file of a size a query may have."""
    data = read_limited(path, 4 * MAX_QUERY_CHARS, "the query file")
    return decode_text(data, path, "the query file")


def byte_location(path: Path, data: bytes, offset: int) -> Location:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return Location(path, line, col)


def _place(data: bytes, offset: int) -> str:
    where = byte_location(Path(), data, offset)
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

    if yaml.__with_libyaml__:
        try:
            _check_events(yaml.parse(text, Loader=yaml.CSafeLoader), path)  # ~10x faster
            return
        except yaml.YAMLError:
            pass  # the pure-Python parser again: its messages are the ones users see
    _check_events(yaml.parse(text, Loader=yaml.SafeLoader), path)


def _check_events(events: Iterator[Any], path: Path) -> None:
    import yaml

    depth = 0
    for event in events:
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
