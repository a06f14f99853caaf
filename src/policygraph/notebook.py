"""Jupyter display: query results as pandas DataFrames, cards and views as inline HTML.

pandas is the optional extra ``policygraph[notebook]``, imported only when a DataFrame is asked
for. The HTML is offline and inert: every text is escaped, nothing is fetched, and a view's page
is embedded whole in a sandboxed ``<iframe srcdoc>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from policygraph.errors import MissingDependencyError

if TYPE_CHECKING:
    import pandas as pd

    from policygraph.card import Card
    from policygraph.sparql.run import QueryResult


def _pandas() -> object:
    try:
        import pandas
    except ImportError as err:
        raise MissingDependencyError(
            "pandas is not installed: DataFrames need the notebook extra",
            hint="pip install 'policygraph[notebook]'",
        ) from err
    return pandas


def to_python(node: Node | None) -> object:
    """A cell value: IRIs and blank nodes as text, literals as Python values (dates, numbers)."""
    if node is None:
        return None
    if isinstance(node, Literal):
        value = node.toPython()
        return value if not isinstance(value, Literal) else str(value)
    if isinstance(node, URIRef | BNode):
        return str(node)
    return str(node)


def to_dataframe(result: QueryResult) -> pd.DataFrame:
    """SELECT rows as columns of the query's variables; CONSTRUCT as subject/predicate/object."""
    _pandas()
    import pandas as pd

    if result.kind == "SELECT":
        rows = [[to_python(row.get(var)) for var in result.variables] for row in result.rows]
        return pd.DataFrame(rows, columns=list(result.variables))
    if result.kind == "ASK":
        return pd.DataFrame([[result.answer]], columns=["answer"])
    triples = sorted(result.graph or (), key=lambda t: tuple(str(x) for x in t))
    rows = [[to_python(s), to_python(p), to_python(o)] for s, p, o in triples]
    return pd.DataFrame(rows, columns=["subject", "predicate", "object"])


def _rows(title: str, rows: Sequence[tuple[str, ...]]) -> list[str]:
    """A section of the card: a heading row, then a row of three cells per item (the third,
    when there is one, the graphs that state it)."""
    if not rows:
        return []
    out = [f"<tr><th colspan='3' style='text-align:left'>{escape(title)}</th></tr>"]
    for row in rows:
        cells = "".join(f"<td>{escape(cell)}</td>" for cell in (*row, "", "")[:3])
        out.append(f"<tr>{cells}</tr>")
    return out


def card_html(card: Card) -> str:
    """An entity card as an HTML table: names, types, posts, signals, relations, quotes; a name
    or a relation that several graphs state is one row, with those graphs."""
    from policygraph.iris import short_name

    posts = [
        (
            p.role_label or p.role or "member",
            ", ".join(filter(None, (p.organization_label, *p.observed_on))),
        )
        for p in card.posts
    ]
    out, into = card.stated(card.outgoing), card.stated(card.incoming)
    parts = [
        "<div class='policygraph-card'>",
        f"<h3>{escape(card.label)} <small>({escape(short_name(card.iri))})</small></h3>",
        f"<p>types: {escape(', '.join(card.types) or '-')}</p>",
        "<table>",
        *_rows(
            "names",
            [(f"{n.kind} {n.lang or '-'}", n.text, g) for n, g in card.stated(card.names)],
        ),
        *_rows("posts", posts),
        *_rows("signals", [(f"{s.relation} {s.date or '-'}", s.label) for s in card.signals]),
        *_rows("relations out", [(r.predicate_label, r.other_label, g) for r, g in out]),
        *_rows("relations in", [(r.predicate_label, r.other_label, g) for r, g in into]),
        *_rows(
            "sources and quotes",
            [
                (q.claim_label or q.claim, f"\u201c{q.quote}\u201d", q.source_label or q.source)
                for q in card.quotes
            ],  # fmt: skip
        ),
        "</table>",
        "</div>",
    ]
    return "\n".join(parts)
