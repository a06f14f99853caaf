"""Known organisations under a longer name built from other known names.

"Party Committee of the Shanghai State-owned Assets Supervision and Administration Commission"
is "Party Committee of Shanghai SASAC" once the names inside both are replaced by the entity
they name (and small words are dropped): the drafter proposes it as a new name of the known
entity, not as a new organisation.
"""

from __future__ import annotations

import re

from policygraph.drafting.gazetteer import ENTITY_SECTIONS, Gazetteer
from policygraph.drafting.text import fold

SMALL_WORDS = {"the", "of", "and", "for", "on", "a", "an"}
TOKEN = re.compile(r"\{[^}]+\}|[a-z0-9]+|[\u3400-\u9fff]")


def canonical(text: str, gazetteer: Gazetteer, *, skip: str = "") -> str:
    """``text`` with the known names in it replaced by ``{id}``, folded, small words dropped."""
    parts: list[str] = []
    cursor = 0
    for mention in gazetteer.find(text, skip=skip):
        if mention.section in ENTITY_SECTIONS:
            parts += [fold(text[cursor : mention.start]), f" {{{mention.entity}}} "]
            cursor = mention.end
    parts.append(fold(text[cursor:]))
    words = TOKEN.findall("".join(parts))
    return " ".join(w for w in words if w not in SMALL_WORDS)


def composed_names(gazetteer: Gazetteer) -> dict[str, str]:
    """Canonical forms of the organisations' names that contain another known name -> id."""
    found: dict[str, set[str]] = {}
    for entries in gazetteer.patterns.values():
        for entry in entries:
            if entry.section != "organisations" or entry.rule not in (
                "gazetteer.label",
                "gazetteer.alt",
            ):
                continue
            form = canonical(entry.label, gazetteer, skip=entry.entity)
            if "{" in form:
                found.setdefault(form, set()).add(entry.entity)
    return {form: next(iter(ids)) for form, ids in found.items() if len(ids) == 1}
