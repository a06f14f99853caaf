"""Text renderings of analytics results: tables for people, JSON, CSV and RDF Patch."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from rdflib import URIRef
from rdflib.term import Node

from policygraph.analytics.claims import Claim
from policygraph.analytics.diff import Diff, Quad
from policygraph.analytics.rank import Ranked
from policygraph.analytics.stats import Stats
from policygraph.analytics.timeline import Entry
from policygraph.cells import safe_row
from policygraph.iris import short_name
from policygraph.texttable import pad, render_rows, width


def to_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _section(title: str, counts: dict[str, int]) -> list[str]:
    widest = max((width(k) for k in counts), default=0)
    return [f"{title}:", *(f"  {pad(k, widest)}  {v:>6}" for k, v in counts.items()), ""]


def render_stats(result: Stats) -> str:
    lines = [
        f"entity graph: {result.entities} entities, {result.links} links, "
        f"{result.components} component(s), density {result.density}",
        "",
    ]
    for title, counts in (
        ("by class", result.by_class),
        ("triples by graph", result.by_graph),
        ("by predicate", result.by_predicate),
        ("signals by issuer", result.signals_by_issuer),
        ("signals by topic", result.signals_by_topic),
        ("signals by sector", result.signals_by_sector),
    ):
        lines += _section(title, counts)
    return "\n".join(lines)


def render_rank(rows: Sequence[Ranked], measure: str) -> str:
    lines = [f"{'#':>3}  {measure:>11}  entity"]
    for number, row in enumerate(rows, start=1):
        kinds = f"; {', '.join(row.types)}" if row.types else ""  # a concept has no entity class
        lines.append(f"{number:>3}  {row.score:>11g}  {row.label}  ({short_name(row.iri)}{kinds})")
    return "\n".join(lines) + "\n"


TIMELINE_COLUMNS = ("date", "nature", "label", "issuer", "stance", "sectors", "support", "seen")


def _seen(entry: Entry) -> str:
    first, last = entry.first_seen or "unknown", entry.last_seen or "unknown"
    return first if first == last else f"{first}..{last}"


def _cells(entry: Entry) -> tuple[str, ...]:
    return (
        entry.date, entry.nature, entry.label, entry.issuer, entry.stance,
        ", ".join(entry.sectors), str(entry.support), _seen(entry),
    )  # fmt: skip


def render_timeline(entries: Sequence[Entry], fmt: str) -> str:
    if fmt == "json":
        return to_json([e.as_json() for e in entries])
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*TIMELINE_COLUMNS[:-1], "first_seen", "last_seen", "sources", "signal"])
        for e in entries:
            row = [*_cells(e)[:-1], e.first_seen or "", e.last_seen or ""]
            writer.writerow(safe_row([*row, "; ".join(e.sources), e.signal]))
        return out.getvalue()
    lines = render_rows([TIMELINE_COLUMNS, *(_cells(e) for e in entries)])
    lines.append(f"{len(entries)} signal(s)")
    return "\n".join(lines) + "\n"


def _term(node: Node) -> str:
    return node.n3()


def _quad_line(op: str, quad: Quad) -> str:
    s, p, o, g = quad
    return f"{op} {_term(s)} {_term(p)} {_term(o)} {_term(g)} ."


def render_patch(result: Diff) -> str:
    """RDF Patch: ``D`` lines (removed quads) then ``A`` lines (added), each sorted."""
    deletes = sorted(_quad_line("D", q) for q in result.removed)
    adds = sorted(_quad_line("A", q) for q in result.added)
    return "".join(line + "\n" for line in (*deletes, *adds))


def _short(node: Node) -> str:
    return short_name(str(node)) if not hasattr(node, "language") else node.n3()


def diff_json(result: Diff) -> dict[str, object]:
    def quads(items: Sequence[Quad]) -> list[list[str]]:
        return [[_term(t) for t in q] for q in items]

    return {
        "equal": result.equal,
        "entities": {
            "added": [str(e) for e in result.entities_added],
            "removed": [str(e) for e in result.entities_removed],
        },
        "signals": {
            "added": [str(s) for s in result.signals_added],
            "removed": [str(s) for s in result.signals_removed],
        },
        "facts": {"added": quads(result.added), "removed": quads(result.removed)},
        "support_changed": [
            {"claim": str(c.claim), "label": c.label, "old": c.old, "new": c.new}
            for c in result.support_changed
        ],
        "changed": [
            {
                "subject": _term(c.subject),
                "predicate": _term(c.predicate),
                "graph": _term(c.graph),
                "old": [_term(o) for o in c.old],
                "new": [_term(o) for o in c.new],
            }
            for c in result.changed
        ],
    }


def _fact(result: Diff, quad: Quad) -> str:
    from policygraph.vocab import new_graph

    names = new_graph().namespace_manager
    s, p, o, g = quad
    named = [
        result.labels.get(str(t), short_name(str(t))) if not hasattr(t, "language") else t.n3(names)
        for t in (s, p, o)
    ]
    return f"[{short_name(str(g))}] {named[0]}  {named[1]}  {named[2]}"


def render_diff(result: Diff, *, stat: bool = False) -> str:
    """What changed: with ``stat`` the summary only; otherwise also every fact added or
    removed, with labels."""
    if result.equal:
        return "no differences\n"
    if not stat:
        facts = [f"- {_fact(result, q)}" for q in result.removed]
        facts += [f"+ {_fact(result, q)}" for q in result.added]
        return "\n".join(sorted(facts, key=lambda x: (x[2:], x[0]))) + "\n\n" + _summary(result)
    return _summary(result)


def _named(result: Diff, iri: URIRef) -> str:
    """``pgr:org-china-daily  China Daily``: the IRI, then its label when it has one."""
    short = short_name(str(iri))
    label = result.labels.get(str(iri), short)
    return short if label == short else f"{short}  {label}"


def _summary(result: Diff) -> str:
    lines = [
        f"facts: {len(result.added)} added, {len(result.removed)} removed, "
        f"{len(result.changed)} changed",
    ]
    for title, items in (
        ("entities added", result.entities_added),
        ("entities removed", result.entities_removed),
        ("signals added", result.signals_added),
        ("signals removed", result.signals_removed),
    ):
        if items:
            sign = "+" if title.endswith("added") else "-"
            lines += [f"{title}:", *(f"  {sign} {_named(result, i)}" for i in items)]
    if result.changed:
        lines.append("changed:")
        for c in result.changed:
            old = ", ".join(_short(o) for o in c.old)
            new = ", ".join(_short(o) for o in c.new)
            lines.append(
                f"  {short_name(str(c.subject))} {short_name(str(c.predicate))} "
                f"[{short_name(str(c.graph))}]: {old} -> {new}"
            )
    if result.support_changed:
        lines.append("support changed (sources stating the claim):")
        lines += [f"  {c.old} -> {c.new}  {c.label}" for c in result.support_changed]
    graphs: dict[str, list[int]] = {}
    for index, quads in enumerate((result.added, result.removed)):
        for quad in quads:
            graphs.setdefault(short_name(str(quad[3])), [0, 0])[index] += 1
    lines.append("facts by graph (added/removed):")
    lines += [f"  {g}: +{a} -{r}" for g, (a, r) in sorted(graphs.items())]
    return "\n".join(lines) + "\n"


def render_claims(rows: Sequence[Claim], fmt: str) -> str:
    """Claims with their support: a table for people (each source and its quote under its
    claim), or JSON."""
    if fmt == "json":
        return to_json(
            [
                {
                    "subject": str(c.subject),
                    "claim": c.label,
                    **c.support.as_json(),
                    "statements": [s.as_json() for s in c.statements],
                }
                for c in rows
            ]
        )
    lines = [f"{'support':>7}  {'first seen':<10}  {'last seen':<10}  claim"]
    for c in rows:
        first, last = c.support.first_seen or "unknown", c.support.last_seen or "unknown"
        lines.append(f"{c.support.count:>7}  {first:<10}  {last:<10}  {c.label}")
        for s in c.statements:
            said = ", ".join(x for x in (s.publisher, s.issued or "date unknown") if x)
            lines.append(f"{'':>33}- {s.title} ({said})")
            lines += [f"{'':>35}\u201c{quote}\u201d" for quote in s.quotes]
    lines.append(f"{len(rows)} claim(s)")
    return "\n".join(lines) + "\n"
