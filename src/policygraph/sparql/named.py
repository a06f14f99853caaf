"""Named queries: ``.rq`` files with a header comment, packaged or in a project's ``queries/``.

A header is a block of comment lines at the top of the file::

    # title: Signals of an issuer over time
    # description: Every signal an organisation issued, oldest first.
    # param: issuer entity required — the issuing organisation (any name)
    # example: issuer="Shanghai SASAC Party Committee"

A ``param`` line gives the name, a type (see ``params.TYPES``), a default (``required`` if it
has none, ``any`` to leave the variable unbound) and its meaning. A project's file overrides a
packaged one of the same name. Adding a query is adding a file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from policygraph.errors import InputError, Location, NotFoundError, QueryError
from policygraph.limits import read_query_file
from policygraph.project import Project, packaged
from policygraph.sparql.params import TYPES, split_assignment

REQUIRED = "required"
UNBOUND = "any"
_HEADER = re.compile(r"^#\s*(title|description|param|example):\s*(.*)$")
_PARAM = re.compile(r"^([A-Za-z_]\w*)\s+(\S+)\s+(\S+)\s*(?:[—–-]+\s*(.*))?$")
_FILE_NAME = re.compile(r"[\w-][\w.-]*")  # a file in the queries folder, not a path


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: str  # REQUIRED, UNBOUND or a value
    meaning: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    examples: tuple[tuple[str, str], ...]  # (param, value) pairs that give a useful answer
    text: str
    origin: str  # "packaged" or the file's path

    def kinds(self) -> dict[str, str]:
        return {param.name: param.kind for param in self.params}


def parse_named(name: str, text: str, origin: str) -> NamedQuery:
    """Read the header of one ``.rq`` file."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": []}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            fields[match.group(1)].append(match.group(2).strip())
            if match.group(1) == "param" and not _PARAM.match(match.group(2).strip()):
                raise InputError(
                    "bad param line",
                    where=Location(Path(origin), number, 1),
                    hint="# param: NAME TYPE DEFAULT — meaning (DEFAULT: required, any or a value)",
                )
    params = []
    for line in fields["param"]:
        found = _PARAM.match(line)
        assert found is not None  # checked above
        kind = found.group(2)
        if kind not in TYPES:
            raise InputError(
                f"{name}: unknown param type {kind!r}", hint="types: " + ", ".join(TYPES)
            )
        params.append(Param(found.group(1), kind, found.group(3), found.group(4) or ""))
    examples = tuple(
        split_assignment(item) for line in fields["example"] for item in line.split("; ")
    )
    return NamedQuery(
        name=name,
        title=" ".join(fields["title"]) or name,
        description=" ".join(fields["description"]),
        params=tuple(params),
        examples=examples,
        text=text,
        origin=origin,
    )


def load_queries(project: Project | None = None) -> dict[str, NamedQuery]:
    """Packaged named queries, then the project's (which win), sorted by name."""
    found: dict[str, NamedQuery] = {}
    for node in packaged("queries").iterdir():
        if node.name.endswith(".rq"):
            name = node.name[: -len(".rq")]
            found[name] = parse_named(name, node.read_text(encoding="utf-8"), "packaged")
    if project is not None and project.queries_dir.is_dir():
        for path in sorted(project.queries_dir.glob("*.rq")):
            found[path.stem] = parse_named(path.stem, read_query_file(path), str(path))
    return dict(sorted(found.items()))


def get_query(name: str, project: Project | None = None) -> NamedQuery:
    """One named query, or ``NotFoundError`` suggesting close names.

    Reads only ``<name>.rq`` (the project's, else the packaged one); all of them are read only
    to suggest names for one that does not exist.
    """
    if _FILE_NAME.fullmatch(name):
        if project is not None:
            path = project.queries_dir / f"{name}.rq"
            if path.is_file():
                return parse_named(name, read_query_file(path), str(path))
        node = packaged(f"queries/{name}.rq")
        if node.is_file():
            return parse_named(name, node.read_text(encoding="utf-8"), "packaged")
    queries = load_queries(project)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = (
        f"did you mean {', '.join(close)}?" if close else "run `policygraph queries` to list them"
    )
    raise NotFoundError(f"no named query {name!r}", hint=hint)


_NAME = re.compile(r"[\w.-]+")


def load_query_text(spec: str, project: Project | None, *, inline: bool = True) -> tuple[str, str]:
    """The SPARQL a ``--query SPEC`` option means, and where it came from (for messages).

    ``spec`` is a ``.rq`` file, the name of a named query (the project's, then the packaged
    ones) or, when ``inline``, the query text itself.
    """
    path = Path(spec)
    if spec.endswith(".rq") or not inline:
        if _is_file(path):
            return read_query_file(path), spec
        if spec.endswith(".rq") and len(path.parts) > 1:
            raise NotFoundError(f"{spec}: no such query file")
    if _NAME.fullmatch(spec):
        named = get_query(spec.removesuffix(".rq"), project)
        origin = named.origin if named.origin != "packaged" else f"queries/{named.name}.rq"
        return named.text, origin
    if not inline:
        raise NotFoundError(
            f"no query file or named query {spec!r}",
            hint="give a path to a .rq file, or the name of a query (`policygraph queries`)",
        )
    return spec, "--query"


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # query text given where a path may be: too long, or a NUL
        return False


def complete_params(named: NamedQuery, given: Mapping[str, object]) -> dict[str, object]:
    """``given`` plus defaults; an unknown or missing required parameter is an error."""
    declared = {param.name: param for param in named.params}
    for key in given:
        if key not in declared:
            names = ", ".join(declared) or "none"
            raise QueryError(f"{named.name} has no parameter {key!r} (parameters: {names})")
    values = dict(given)
    for param in named.params:
        if param.name in values:
            continue
        if param.default == REQUIRED:
            raise QueryError(
                f"{named.name} needs --param {param.name}=... ({param.meaning or param.kind})",
                hint=f"see `policygraph queries show {named.name}`",
            )
        if param.default != UNBOUND:
            values[param.name] = param.default
    return values
