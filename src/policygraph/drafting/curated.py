"""Leave out of a draft what the source's curated records already state.

Drafting a source that already has records proposes only what is new: no names record for an
entity the source's records already name or refer to (unless the text spells it anew), no post
already stated (same member and organisation), no signal whose quote overlaps a curated one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from policygraph.records.model import Record
from policygraph.records.quotes import normalise_space

if TYPE_CHECKING:  # types only: draft.py uses this module
    from policygraph.drafting.draft import Draft, Item

REF_FIELDS = ("entity", "member", "organisation", "organiser", "issuer", "speaker", "addressees")


def many(value: object) -> tuple[object, ...]:
    if isinstance(value, tuple | list):
        return tuple(value)
    return (value,) if value else ()


def participants(record: Record) -> set[str]:
    """The ``who`` of an event's participants."""
    return {str(p.get("who")) for p in many(record.get("participants")) if isinstance(p, Record)}


def refs(record: Record) -> set[str]:
    """The entities a record refers to (its participants' included)."""
    return {str(v) for name in REF_FIELDS for v in many(record.get(name))} | participants(record)


def _quotes(value: object) -> list[str]:
    items = value if isinstance(value, tuple | list) else (value,)
    return [normalise_space(str(q)) for q in items if q]


def _overlap(a: list[str], b: list[str]) -> bool:
    return any(x in y or y in x for x in a for y in b)


def without_curated(draft: Draft, records: Iterable[Record]) -> Draft:
    """``draft`` without the items its source's own ``records`` already state."""
    mine = [r for r in records if r.graph == "source" and r.source_id == draft.source_id]
    named = {str(r.get("entity")) for r in mine if r.section == "names"}
    referred = {e for r in mine for e in refs(r)}
    posts = {(r.get("member"), r.get("organisation")) for r in mine if r.section == "posts"}
    said = [q for r in mine if r.section == "signals" for q in _quotes(r.get("quote"))]

    def new(section: str, item: Item) -> bool:
        if section == "names":  # a name the records use already, unless it is a new spelling
            entity = str(item.get("entity"))
            return entity not in named and (entity not in referred or "alt_labels" in item)
        if section == "posts":
            return (item.get("member"), item.get("organisation")) not in posts
        if section == "signals":
            return not _overlap(_quotes(item.get("quote")), said)
        return True

    sections = {
        name: kept
        for name, items in draft.sections.items()
        if (kept := [i for i in items if new(name, i)])
    }
    return dataclasses.replace(draft, sections=sections)
