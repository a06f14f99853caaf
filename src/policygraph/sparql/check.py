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
from policygraph.vocab import PREFIXES, sparql_prologue

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

    prologue = sparql_prologue()
    text = prologue + sparql
    try:
        tree = parseQuery(text)
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
    col = int(getattr(err, "col", 1))
    lines = sparql.splitlines() or [""]
    line = lines[min(line_no, len(lines)) - 1]
    expected = str(getattr(err, "msg", "")).strip()
    caret = " " * (col - 1) + "^"
    detail = f" ({expected})" if expected else ""
    return QueryError(
        f"{origin}:{line_no}:{col}: SPARQL syntax error{detail}\n  {line}\n  {caret}",
        hint="check the spelling of keywords, the braces and the dots between triple patterns; "
        "prefixes " + ", ".join(PREFIXES) + " are predeclared",
    )


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
