"""Check a SPARQL query before it runs: syntax (with ``line:col``), read-only, no network.

The query text is parsed once with rdflib's SPARQL grammar, after policygraph's ``PREFIX`` lines
are put in front of it. Errors point at the user's own line and column, not the prologue's.
Updates are refused, and so is ``SERVICE`` unless the network is explicitly allowed: both are
found in the parse tree, never by searching the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policygraph.errors import QueryError
from policygraph.limits import MAX_QUERY_DEPTH, check_query_text
from policygraph.namespaces import PREFIXES, sparql_prologue

KINDS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
_DECLARATIONS = re.compile(
    r"\A(?:\s+|#[^\n]*\n|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE
)
_UPDATE_WORD = re.compile(
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class CheckedQuery:
    """A query that parsed and passed the safety checks, ready for ``Store.query``."""

    kind: str  # SELECT, ASK, CONSTRUCT or DESCRIBE ("" until the answer says, for packaged ones)
    text: str  # the full text sent to the store (prologue + the user's query)
    source: str  # the user's query as given


def check_query(sparql: str, *, allow_network: bool = False, origin: str = "query") -> CheckedQuery:
    """Parse ``sparql`` (with policygraph's prefixes predeclared) and apply the safety rules.

    ``origin`` names where the text came from (a file, a named query) in error messages.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    check_query_text(sparql, origin)
    prologue = sparql_prologue()
    text = prologue + sparql
    try:
        tree = parseQuery(text)
    except RecursionError as err:  # the limits keep well below this; a last guard
        raise QueryError(
            f"{origin}: the query is nested too deeply for the SPARQL parser",
            hint=f"keep brackets under {MAX_QUERY_DEPTH} levels deep",
        ) from err
    except ParseException as err:
        if _is_update(text):
            raise QueryError(
                "this is a SPARQL update; `policygraph query` never changes data",
                hint="updates (INSERT, DELETE, LOAD, CLEAR, DROP, ...) are refused; edit the "
                "records under data/records and run `policygraph build` instead",
            ) from err
        raise _syntax_error(sparql, err, prologue.count("\n"), origin) from err
    kind = KINDS.get(getattr(tree[1], "name", ""), "")
    if not kind:
        raise QueryError("not a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    declared = set(PREFIXES)
    used: list[str] = []
    for node in _walk(tree):
        name = getattr(node, "name", None)
        if not isinstance(node, dict):
            continue
        if name == "PrefixDecl":
            declared.add(str(node.get("prefix") or ""))
        elif name == "pname":
            used.append(str(node.get("prefix") or ""))
        elif name == "ServiceGraphPattern" and not allow_network:
            raise QueryError(
                f"SERVICE <{node.get('term')}> would query another server over the network",
                hint="pass --allow-network (Python: allow_network=True) if you mean it",
            )
    unknown = sorted({prefix for prefix in used if prefix not in declared})
    if unknown:
        known = ", ".join(PREFIXES)
        raise QueryError(
            f"unknown prefix {unknown[0]}:",
            hint=f"declare it with `PREFIX {unknown[0]}: <...>`; predeclared: {known}",
        )
    return CheckedQuery(kind=kind, text=text, source=sparql)


def packaged_query(sparql: str) -> CheckedQuery:
    """A query shipped with policygraph, checked by the test suite (``tests/test_query_named.py``
    runs ``check_query`` on every one), so it skips rdflib's slow parser at run time; its kind
    is read from the answer."""
    return CheckedQuery(kind="", text=sparql_prologue() + sparql, source=sparql)


def _is_update(text: str) -> bool:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except ParseException:
        start = _DECLARATIONS.match(text)
        return bool(_UPDATE_WORD.match(text, start.end() if start else 0))
    return True


def _syntax_error(sparql: str, err: Exception, offset: int, origin: str) -> QueryError:
    line_no = max(int(getattr(err, "lineno", 1)) - offset, 1)
    lines = sparql.splitlines() or [""]
    line = lines[min(line_no, len(lines)) - 1]
    # pyparsing counts columns in the text with its tabs expanded to 8 spaces
    col = _unexpanded_col(line, int(getattr(err, "col", 1)))
    expected = str(getattr(err, "msg", "")).strip()
    return _located_error(origin, line_no, col, line, expected)


_HINT = (
    "check the spelling of keywords, the braces and the dots between triple patterns; "
    "prefixes " + ", ".join(PREFIXES) + " are predeclared"
)


def _located_error(origin: str, line_no: int, col: int, line: str, detail: str) -> QueryError:
    shown = f" ({detail})" if detail else ""
    return QueryError(
        f"{origin}:{line_no}:{col}: SPARQL syntax error{shown}\n  {line}\n  {caret(line, col)}",
        hint=_HINT,
    )


def caret(line: str, col: int) -> str:
    """A ``^`` under column ``col`` (1-based, in characters) of ``line`` as a terminal shows it:
    tabs are kept as tabs, wide (CJK) characters take two cells, combining marks none."""
    import unicodedata

    cells = []
    for char in line[: max(col - 1, 0)]:
        if char == "\t":
            cells.append("\t")
        elif unicodedata.combining(char):
            continue
        else:
            wide = unicodedata.east_asian_width(char) in ("W", "F")
            cells.append("  " if wide else " ")
    return "".join(cells) + "^"


def _unexpanded_col(line: str, expanded_col: int) -> int:
    """The character column of ``line`` that ``line.expandtabs()`` shows at ``expanded_col``."""
    width = 0
    for index, char in enumerate(line):
        if width >= expanded_col - 1:
            return index + 1
        width = (width // 8 + 1) * 8 if char == "\t" else width + 1
    return len(line) + 1


_OX_ERROR = re.compile(r"error at (\d+):(\d+)(?:-\d+:\d+)?: (.*)", re.DOTALL)


def store_syntax_error(sparql: str, err: SyntaxError, origin: str = "query") -> QueryError:
    """An error Oxigraph found in ``sparql`` (rdflib's parser let it pass), placed in the
    user's own text: the lines of policygraph's prologue are not counted."""
    found = _OX_ERROR.match(str(err.msg or err))
    if not found:
        return QueryError(f"{origin}: SPARQL error: {err.msg or err}", hint=_HINT)
    line_no, col = int(found.group(1)), int(found.group(2))
    prologue = sparql_prologue()
    if sparql.startswith(prologue):
        sparql = sparql[len(prologue) :]
        line_no -= prologue.count("\n")
    lines = sparql.splitlines() or [""]
    line_no = min(max(line_no, 1), len(lines))
    detail = found.group(3).strip().removeprefix("expected one of ").removesuffix(", [_]")
    detail = detail.removeprefix("expected ").replace("[_]", "").strip(", ")
    return _located_error(origin, line_no, col, lines[line_no - 1], detail)


def _walk(node: object) -> Iterator[object]:
    """Every node of a pyparsing/rdflib parse tree, depth first."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list | tuple):
            stack.extend(current)
        elif hasattr(current, "asList") and not isinstance(current, str):
            stack.extend(list(current))  # type: ignore[call-overload]
