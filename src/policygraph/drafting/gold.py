"""What a source's curated records state, as the evaluation compares it with a draft.

A *mention* is any entity the source's records refer to, in any role: every reference field of
the record spec (``entity``, ``member``, ``organisation``, ``issuer``, ``speaker``,
``addressees``, ``concerns``, ``organiser``, ``location``, ``launched_by``, ``edition_of``,
``part_of``, ``unit_of``, ``scope``, a participant's ``who`` ...), and the id of an entity
the source declares or restates. A restated post (same id, without member or organisation)
is read through its claim: the declaration's fields merged with every restatement's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from policygraph.records.model import Record
from policygraph.records.spec import REF, REFS, SECTIONS

#: Sections whose records are entities a source can mention.
ENTITY_SECTIONS = ("organisations", "people", "audiences", "places", "programmes", "forums")


def _ref_fields() -> dict[str, tuple[str, ...]]:
    return {
        name: tuple(f.name for f in section.fields if f.kind in (REF, REFS))
        for name, section in SECTIONS.items()
    }


REF_FIELDS = _ref_fields()


def _values(value: object) -> tuple[object, ...]:
    if isinstance(value, tuple | list):
        return tuple(value)
    return (value,) if value else ()


def _fields(record: Record) -> Mapping[str, object]:
    """A record's own values; a restated post's claim (the declaration says who and where)."""
    if record.section == "posts" and record.claim:
        return {**record.claim, **record.values}
    return record.values


def _nested(record: Record) -> list[Record]:
    return [v for value in record.values.values() for v in _values(value) if isinstance(v, Record)]


def mentions(record: Record) -> set[str]:
    """Every id a record refers to in any role (nested records included), and its own id
    when it is an entity (a source declaring or restating an entity mentions it)."""
    values = _fields(record)
    fields = REF_FIELDS.get(record.section, ())
    found = {str(v) for name in fields for v in _values(values.get(name))}
    if record.section in ENTITY_SECTIONS and record.id:
        found.add(record.id)
    for sub in _nested(record):
        found |= mentions(sub)
    return found


def posts(records: Iterable[Record]) -> set[tuple[object, object]]:
    """(member, organisation) of the posts the records state, restatements read through
    their claim."""
    return {
        (_fields(r).get("member"), _fields(r).get("organisation"))
        for r in records
        if r.section == "posts"
    }


def series(mine: list[Record], records: Iterable[Record]) -> set[str]:
    """The series (``edition_of``: a forum) of the events a source's records declare, restate or
    refer to (``occasion``): "the 2025 Lujiazui Forum" names the forum as the event's parent."""
    events = {r.id for r in mine if r.section == "events"} | {e for r in mine for e in mentions(r)}
    return {
        str(r.get("edition_of"))
        for r in records
        if r.section == "events" and r.id in events and r.get("edition_of")
    }


def drafted_mentions(sections: Mapping[str, list[dict[str, object]]]) -> set[str]:
    """The ids a draft (its sections of items) refers to in any role, as ``mentions`` reads
    curated records: its names' entities, and the members, organisations, issuers, speakers,
    organisers and participants of its posts, signals and events (a drafted post
    "上海市常务副市长吴伟" mentions the municipal government)."""
    found = {str(i["entity"]) for i in sections.get("names", [])}
    for section, items in sections.items():
        fields = REF_FIELDS.get(section, ()) if section != "names" else ()
        for item in items:
            found.update(str(v) for name in fields for v in _values(item.get(name)) if v)
            parts = item.get("participants")
            for part in parts if isinstance(parts, list) else ():
                if isinstance(part, dict) and part.get("who"):
                    found.add(str(part["who"]))
    return found
