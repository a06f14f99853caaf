"""Several sources stating one record: one declaration per id, restatements, conflicts.

Any record with an id may be stated by several files: the reference graph or one source declares
it (the statement that gives its ``labels``; reference records always declare), and other sources
restate it under the same id, each with only what that source states and its own quotes.
Required fields are required across all statements of an id. Two sources that give different
values of a single-valued field (an event's date, a post's role) are both kept, each in its own
source's graph, and reported as a warning. A true duplicate (one id twice in one graph, two
declarations, or one id for two kinds of record) is an error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policygraph.errors import Location
from policygraph.records.alternatives import required_alternatives
from policygraph.records.model import Record
from policygraph.records.spec import SECTIONS

#: Fields of which a claim has one value: sources that give two values disagree.
SINGLE_VALUED: dict[str, tuple[str, ...]] = {
    "events": ("date", "organiser", "edition_of", "location"),
    "posts": ("member", "organisation", "role"),
    "signals": (
        "nature",
        "issuer",
        "speaker",
        "date",
        "occasion",
        "stance",
        "previous_stance",
        "instrument",
        "clarity",
        "strength",
    ),  # fmt: skip
    "agenda": ("sequence",),
    "organisations": ("unit_of", "part_of", "location"),
    "places": ("part_of",),
    "programmes": ("launched_by", "part_of", "location"),
    "forums": ("organiser", "location"),
    "audiences": ("scope",),
}
Problem = tuple[Location, str, str]


@dataclass
class Statements:
    """The records with their restatements marked, declarations by id, problems, warnings."""

    records: list[Record]
    declarations: dict[str, Record] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def labelled(section: str) -> bool:
    """Whether records of ``section`` carry labels (posts do not)."""
    return SECTIONS[section].field("labels") is not None


def declares(record: Record) -> bool:
    """Whether a statement declares its record: the reference graph's, or the one with labels.

    Records without labels (posts) have no declaring statement: each is as good as another, and
    the first (in file order) stands for the record.
    """
    if not labelled(record.section):
        return False
    return record.graph == "reference" or "labels" in record.values


def _newest(records: Sequence[Record], modified: Callable[[Path], float]) -> Record:
    """The statement in the file changed last: the one being added, named first in messages."""
    return max(enumerate(records), key=lambda ir: (modified(ir[1].where.path), ir[0]))[1]


def _where(record: Record) -> str:
    return str(record.where)


def _shown(value: object) -> str:
    return str(value)


def _first_quote(record: Record) -> str:
    quotes = record.get("quote")
    if isinstance(quotes, tuple) and quotes:
        return f' ("{quotes[0]}")'
    return ""


def group_statements(
    records: Sequence[Record], modified: Callable[[Path], float] = lambda _: 0.0
) -> Statements:
    """Mark restatements, find each id's declaration, and report duplicates and conflicts."""
    out = Statements(list(records))
    groups: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        if record.id:
            groups.setdefault(record.id, []).append(index)
    for rid, indexes in groups.items():
        group = [records[i] for i in indexes]
        if not _one_kind(rid, group, out, modified) or not _one_per_graph(
            rid, group, out, modified
        ):
            continue
        declared = [r for r in group if declares(r)] if labelled(group[0].section) else group[:1]
        if len(declared) > 1:
            newest = _newest(declared, modified)
            other = next(r for r in declared if r is not newest)
            out.problems.append(
                (
                    newest.where,
                    rid,
                    f"declared twice (also at {_where(other)}): give `labels` in one statement "
                    "only; another source restates it with the same id and no `labels` (its own "
                    "title goes in `alt_labels`)",
                )
            )
        if not declared:
            first = group[0]
            out.problems.append(
                (
                    first.where,
                    rid,
                    f"{SECTIONS[first.section].record} {rid!r} is restated but never declared: "
                    "give its `labels` in one statement (or declare it in a reference file)",
                )
            )
        declaration = declared[0] if declared else group[0]
        out.declarations[rid] = declaration
        merged = _merged(declaration, group)
        _required(rid, declaration, group, out)
        _conflicts(rid, group, out)
        for i in indexes:
            record = out.records[i]
            out.records[i] = dataclasses.replace(
                record, restated=record is not declaration, claim=merged
            )
    return out


def _one_kind(
    rid: str, group: list[Record], out: Statements, modified: Callable[[Path], float]
) -> bool:
    kinds = {r.section for r in group}
    if len(kinds) == 1:
        return True
    newest = _newest(group, modified)
    other = next(r for r in group if r.section != newest.section)
    out.problems.append(
        (
            newest.where,
            rid,
            f"id {rid!r} is already used for a {SECTIONS[other.section].record} at "
            f"{_where(other)}: ids are unique across kinds of record; choose another id",
        )
    )
    return False


def _one_per_graph(
    rid: str, group: list[Record], out: Statements, modified: Callable[[Path], float]
) -> bool:
    seen: dict[tuple[str, str], Record] = {}
    ok = True
    for record in sorted(group, key=lambda r: modified(r.where.path)):
        key = (record.graph, record.source_id)
        if key in seen:
            first = seen[key]
            place = "the reference graph" if record.graph == "reference" else "one graph"
            out.problems.append(
                (
                    record.where,
                    rid,
                    f"duplicate id (also at {_where(first)}, in {place}): a file states a record "
                    "once; to let another source restate it, put it in that source's file",
                )
            )
            ok = False
        else:
            seen[key] = record
    return ok


def _merged(declaration: Record, group: list[Record]) -> dict[str, object]:
    merged = dict(declaration.values)
    for record in group:
        for name, value in record.values.items():
            merged.setdefault(name, value)
    return merged


def _required(rid: str, declaration: Record, group: list[Record], out: Statements) -> None:
    given = {name for record in group for name in (*record.values, *record.field_where)}
    for spec in SECTIONS[declaration.section].fields:
        if spec.required and spec.name not in given and spec.name != "labels":
            out.problems.append(
                (
                    declaration.where,
                    rid,
                    f"missing required field {spec.name!r} (no statement of this id gives it)",
                )
            )
    one_of = required_alternatives().get(declaration.section)
    if one_of is not None and not given & set(one_of.fields):
        first, *others = one_of.fields
        out.problems.append(
            (
                declaration.where,
                rid,
                f"missing required field {first!r} (or {', '.join(map(repr, others))}): "
                f"{one_of.message}; no statement of this id gives either",
            )
        )


def _conflicts(rid: str, group: list[Record], out: Statements) -> None:
    if len(group) < 2:
        return
    for name in SINGLE_VALUED.get(group[0].section, ()):
        _disagreement(rid, name, [(r, r.get(name)) for r in group], out)
    if group[0].section == "events":
        roles: dict[str, list[tuple[Record, object]]] = {}
        for record in group:
            for part in record.get("participants") or ():  # type: ignore[attr-defined]
                roles.setdefault(str(part.get("who")), []).append((part, part.get("role")))
        for who, pairs in roles.items():
            _disagreement(rid, f"role of participant {who}", pairs, out)


def _disagreement(rid: str, name: str, pairs: list[tuple[Record, object]], out: Statements) -> None:
    given = [(record, value) for record, value in pairs if value is not None]
    if len({_shown(value) for _, value in given}) < 2:
        return
    (first, one), *rest = given
    second, other = next((r, v) for r, v in rest if _shown(v) != _shown(one))
    out.warnings.append(
        (
            second.where,
            rid,
            f"sources disagree on {name}: {_shown(one)!r} at {_where(first)}{_first_quote(first)} "
            f"vs {_shown(other)!r}{_first_quote(second)}; both are kept, each in its source's "
            "graph",
        )
    )
