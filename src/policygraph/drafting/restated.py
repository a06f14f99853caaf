"""A drafted post the project states already is restated, not proposed again under a new id.

A post is who holds which role where: a drafted post whose member, organisation and role (one
the project declares, not a guessed ``role.<slug>``) are those of exactly one known post *is*
that post. The draft
restates it as records restate across sources (docs/records.md, "Many sources, one record"):
the known id, with only what this source states (``observed_on``, ``stated_as``, ``quote``).
A post the source's own records state already is left out (``curated``'s rule, by id).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from policygraph.records.model import Record

if TYPE_CHECKING:  # types only: draft.py uses this module
    from policygraph.drafting.draft import Draft, Item

#: What a restatement keeps of a drafted post: what this source states.
KEPT = ("observed_on", "stated_as", "quote")


def _known_posts(records: Iterable[Record]) -> dict[str, tuple[object, object, object]]:
    """Each known post's (member, organisation, role), read through its claim."""
    known: dict[str, tuple[object, object, object]] = {}
    for record in records:
        if record.section == "posts" and record.id:
            fields: Mapping[str, object] = record.claim or record.values
            known[record.id] = (
                fields.get("member"),
                fields.get("organisation"),
                fields.get("role"),
            )
    return known


def _restated(item: Item, post_id: str) -> Item:
    found = item.get("draft")
    mark: dict[str, object] = dict(found) if isinstance(found, Mapping) else {}
    mark.pop("missing", None)  # the known post's statements give its date
    mark["restates"] = post_id
    restated: Item = {"id": post_id, **{k: item[k] for k in KEPT if k in item}}
    restated["draft"] = mark
    return restated


def restate_known_posts(draft: Draft, records: Iterable[Record]) -> Draft:
    """``draft`` with each post the project knows restated under its id (see the module)."""
    records = list(records)
    known = _known_posts(records)
    mine = {
        r.id
        for r in records
        if r.section == "posts" and r.graph == "source" and r.source_id == draft.source_id
    }
    posts: list[Item] = []
    for item in draft.sections.get("posts", []):
        mark = item.get("draft")
        guessed = mark.get("guessed") if isinstance(mark, Mapping) else None
        if isinstance(guessed, list) and "role" in guessed:
            posts.append(item)  # a role the project does not know: not a known post's
            continue
        wanted = (item.get("member"), item.get("organisation"), item.get("role"))
        same = [pid for pid, stated in known.items() if stated == wanted]
        if len(same) != 1:
            posts.append(item)
        elif same[0] not in mine:
            posts.append(_restated(item, same[0]))
    sections = {k: v for k, v in draft.sections.items() if k != "posts"}
    if posts:
        sections["posts"] = posts
    return dataclasses.replace(draft, sections=_ordered(sections, draft.sections))


def _ordered(
    sections: dict[str, list[Item]], before: Mapping[str, object]
) -> dict[str, list[Item]]:
    return {k: sections[k] for k in before if k in sections}
