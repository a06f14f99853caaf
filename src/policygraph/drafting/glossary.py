"""Names in the other language, from a packaged glossary (``glossary.tsv``, ``glossary-words.tsv``).

A known body whose labels are all English is also matched by the Chinese name the glossary
gives it, and one whose labels are all Chinese by its English name (whose words may come in any
order, as ``wordsets`` matches descriptive names). A name the glossary lists whole is translated
whole. Any other is composed: "X of (the) Y" (or "for", "on") is Y then X in Chinese; a known
body's name inside it is that body's name in the other language; every other run of words must
be in the glossary, longest first, or nothing is derived. So "Fourth Supervisory Group of the
Municipal Party Committee" is also 市委第四督导组, and 市委第四督导组 is also those words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

from policygraph.drafting.text import fold_label, has_cjk

RULE = "gazetteer.glossary"
#: Bodies, programmes and forums: the names a glossary of institutions can compose.
SECTIONS = ("organisations", "programmes", "forums")
#: labels, and labels without their closing qualifier ("platform (of the Centre)")
LABEL_RULES = tuple(
    f"gazetteer.{kind}{head}" for kind in ("label", "alt", "hidden") for head in ("", "-head")
)
#: A derived Chinese name shorter than this would be found by chance (政策组).
MIN_ZH = 4
MAX_FORMS = 8
OF = re.compile(r"^(?P<x>.+?)\s+(?:of|for|on)\s+(?:the\s+)?(?P<y>.+)$")
SKIPPED = {"the": ""}
JOINED = {"and": "和"}  # "Policy and Industry Research Institute" = 政策和产业研究院


class Named(Protocol):
    """A gazetteer entry (``gazetteer.Entry``, which imports this module)."""

    @property
    def entity(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def rule(self) -> str: ...


@dataclass(frozen=True)
class Glossary:
    """English name (folded) -> its Chinese names; Chinese name (folded) -> its English;
    the English names of bodies (listed whole, as opposed to the words of names)."""

    to_zh: Mapping[str, tuple[str, ...]]
    to_en: Mapping[str, str]
    bodies: frozenset[str]


def _rows(name: str) -> list[tuple[str, str]]:
    text = resources.files("policygraph").joinpath("drafting", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [(en, zh) for en, zh in (line.split("\t") for line in lines)]


@lru_cache(maxsize=1)
def load_glossary() -> Glossary:
    """The packaged glossary: bodies' names (``glossary.tsv``) and the words of names
    (``glossary-words.tsv``), English and Chinese."""
    bodies = _rows("glossary.tsv")
    to_zh: dict[str, list[str]] = {}
    to_en: dict[str, str] = {}
    for english, chinese in [*bodies, *_rows("glossary-words.tsv")]:
        to_zh.setdefault(fold_label(english), []).append(fold_label(chinese))
        to_en.setdefault(fold_label(chinese), english)
    names = frozenset(fold_label(english) for english, _ in bodies)
    return Glossary({k: tuple(v) for k, v in to_zh.items()}, to_en, names)


def _words_zh(words: list[str], table: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The Chinese forms of a run of English words, the longest known phrase first."""
    if not words:
        return [""]
    if words[0] in SKIPPED or words[0] in JOINED:
        return [JOINED.get(words[0], "") + rest for rest in _words_zh(words[1:], table)]
    for n in range(len(words), 0, -1):
        forms = table.get(" ".join(words[:n]))
        if forms:
            rests = _words_zh(words[n:], table)
            return [a + b for a in forms for b in rests][:MAX_FORMS]
    return []


def to_chinese(label: str, table: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The Chinese forms of an English name (folded), whole or composed; [] if a word is
    unknown."""
    if label in table:
        return list(table[label])
    parts = OF.match(label)
    if parts:
        heads, tails = to_chinese(parts["y"], table), to_chinese(parts["x"], table)
        if heads and tails:
            return [y + x for y in heads for x in tails][:MAX_FORMS]
    return _words_zh(label.split(), table)


def to_english(label: str, table: Mapping[str, str]) -> str:
    """The English of a Chinese name (folded), whole or word by word, longest first; "" if a
    part is unknown."""
    if label in table:
        return table[label]
    parts: list[str] = []
    at = 0
    while at < len(label):
        size = next((n for n in range(len(label) - at, 0, -1) if label[at : at + n] in table), 0)
        if not size:
            return ""
        parts.append(table[label[at : at + size]])
        at += size
    return " ".join(parts) if len(parts) > 1 else ""


def derived_names(entries: Iterable[Named]) -> list[tuple[str, str, str]]:
    """(entity, section, name) of known bodies named in the language none of their labels is
    in (the gazetteer's entries of rule ``RULE``)."""
    entries = list(entries)
    glossary = load_glossary()
    labels = [e for e in entries if e.rule in LABEL_RULES]
    english: dict[str, list[str]] = {}
    chinese: dict[str, list[str]] = {}
    for e in labels:
        side = chinese if has_cjk(e.label) else english if e.label.isascii() else None
        if side is not None:
            side.setdefault(e.entity, []).append(fold_label(e.label))
    to_zh, to_en = dict(glossary.to_zh), dict(glossary.to_en)
    for entity in english.keys() & chinese.keys():  # a known body's names are its own first
        for label in english[entity]:
            to_zh[label] = tuple(dict.fromkeys([*chinese[entity], *to_zh.get(label, ())]))
        to_en.update((label, english[entity][0]) for label in chinese[entity])
    taken = {fold_label(e.label) for e in entries}  # never a name another entity has
    found: dict[tuple[str, str, str], None] = {}
    for e in labels:
        if e.section not in SECTIONS or (e.entity in english) == (e.entity in chinese):
            continue
        folded = fold_label(e.label)
        if e.entity in english:  # a name listed whole may be short (财政部), a composed one not
            whole = folded in glossary.bodies
            forms = [f for f in to_chinese(folded, to_zh) if whole or len(f) >= MIN_ZH]
        else:
            forms = [f for f in [to_english(folded, to_en)] if len(f.split()) >= 2]
        if any(fold_label(form) in taken for form in forms):
            continue  # another body has one of these names: the glossary cannot tell them apart
        found.update(((e.entity, e.section, form), None) for form in forms)
    return list(found)
