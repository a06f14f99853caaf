"""A gazetteer of every label a project knows, and a matcher for it (pyahocorasick).

Patterns are every label, alt label and hidden label in every language, plus pinyin derived from
Chinese labels (潘功胜 -> "pan gongsheng"). Text and patterns are folded alike (case, width,
tones, quote styles), and Latin patterns only match at word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ahocorasick

from policygraph.drafting.bodies import governments_of, label_values
from policygraph.drafting.candidates import COMPOUND_SURNAMES
from policygraph.drafting.glossary import RULE as GLOSSARY
from policygraph.drafting.glossary import derived_names
from policygraph.drafting.text import fold, fold_label, has_cjk, is_latin
from policygraph.drafting.variants import (
    SHORT,
    common_noun,
    label_head,
    label_short,
    label_singular,
    label_without_company_word,
    label_without_place,
    named_here,
)
from policygraph.drafting.wordsets import Key, WordSets, word_key
from policygraph.records.model import Record

#: Sections whose records are things a text can mention by name.
ENTITY_SECTIONS = ("organisations", "people", "audiences", "places", "programmes", "forums")
NAMED_SECTIONS = (*ENTITY_SECTIONS, "concepts")
#: Two-character Chinese surnames (the rest are taken as one character).
MIN_LATIN = 3
#: Romanised names are matched with their spaces ignored ("Guotai Haitong" or "GuoTai HaiTong"),
#: against the syllables of a Chinese label run together; shorter ones would match by chance.
MIN_JOINED = 8
JOINED = "gazetteer.pinyin-joined"


@dataclass(frozen=True)
class Entry:
    """One pattern: the entity it names and how it was derived."""

    entity: str
    section: str
    label: str
    rule: str  # gazetteer.label | gazetteer.alt | gazetteer.hidden | gazetteer.pinyin


@dataclass(frozen=True)
class Mention:
    """A span of the text that names known entities (several when a label is shared)."""

    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]

    @property
    def entity(self) -> str:
        return self.entries[0].entity

    @property
    def section(self) -> str:
        return self.entries[0].section


def person_pinyin(name: str) -> list[str]:
    """Romanisations of a Chinese personal name: "pan gongsheng", "gongsheng pan"."""
    from pypinyin import lazy_pinyin

    if not has_cjk(name) or not 2 <= len(name) <= 4:
        return []
    cut = 2 if name[:2] in COMPOUND_SURNAMES else 1
    surname = "".join(lazy_pinyin(name[:cut]))
    given = "".join(lazy_pinyin(name[cut:]))
    return [f"{surname} {given}", f"{given} {surname}"]


def joined_pinyin(name: str) -> str:
    """The syllables of an all-Chinese name run together: 国泰海通 -> "guotaihaitong"."""
    from pypinyin import lazy_pinyin

    if not all("\u3400" <= c <= "\u9fff" for c in name):
        return ""
    return "".join(lazy_pinyin(name))


def record_entries(record: Record, entity: str, section: str) -> Iterable[Entry]:
    rules = (("labels", "gazetteer.label"), ("alt_labels", "gazetteer.alt"))
    for name, rule in (*rules, ("hidden_labels", "gazetteer.hidden")):
        for lang, text in label_values(record.values, name):
            if section != "concepts" and common_noun(text):
                continue
            yield Entry(entity, section, text, rule)
            if head := label_head(text, body=section == "organisations"):
                yield Entry(entity, section, head, f"{rule}-head")
            if section == "organisations" and (short := label_short(text)):
                yield Entry(entity, section, short, f"{rule}{SHORT}")
            if section == "organisations" and (firm := label_without_company_word(text)):
                yield Entry(entity, section, firm, f"{rule}{SHORT}")
            if section != "people" and (singular := label_singular(text)):
                yield Entry(entity, section, singular, f"{rule}{SHORT}")
            if not (lang.startswith("zh") and has_cjk(text)):
                continue
            if section == "people":
                for romanised in person_pinyin(text):
                    yield Entry(entity, section, romanised, "gazetteer.pinyin")
            elif section != "concepts" and len(joined := joined_pinyin(text)) >= MIN_JOINED:
                yield Entry(entity, section, joined, JOINED)


class Gazetteer:
    """Every known label of a project, compiled into one Aho-Corasick automaton."""

    def __init__(
        self,
        entries: Iterable[Entry],
        *,
        governments: Mapping[str, str] | None = None,
    ) -> None:
        #: place id -> the organisation that is its government (``governments_of``)
        self.governments = dict(governments or {})
        self.patterns: dict[str, list[Entry]] = {}
        self.joined: dict[str, list[Entry]] = {}
        for entry in entries:
            key = fold_label(entry.label)
            if len(key) < (MIN_LATIN if key.isascii() else 2):
                continue
            bucket = (self.joined if entry.rule == JOINED else self.patterns).setdefault(key, [])
            if all(e.entity != entry.entity for e in bucket):
                bucket.append(entry)
        self.automaton = _automaton(self.patterns)
        self.joined_automaton = _automaton(self.joined)
        self.loose = _loose(self.patterns)
        self.by_words = _by_words(self.patterns)
        self.wordsets = WordSets(self.by_words)

    def __len__(self) -> int:
        return len(self.patterns)

    def find(self, text: str, *, skip: str = "") -> list[Mention]:
        """Leftmost-longest, non-overlapping mentions of known labels in ``text``.

        ``skip``: an entity whose own labels are not matched (to find the names inside one).
        """
        if not self.patterns:
            return []
        folded = fold(text)
        squeezed, where = _squeeze(folded)
        hits: list[tuple[int, int, tuple[Entry, ...]]] = []
        for end, key in self.automaton.iter(squeezed):
            start, stop = where[end - len(key) + 1], where[end] + 1
            if _bounded(folded, start, stop):
                hits.append((start, stop, tuple(self.patterns[key])))
        hits.extend(self._joined_hits(folded))
        words = set(re.findall(r"[a-z0-9]+", folded))
        for ends, pattern, entries in self.loose:
            if ends <= words:  # its first and last word are in the text: worth a search
                hits.extend((m.start(), m.end(), entries) for m in pattern.finditer(folded))
        hits.extend((s, e, self.by_words[key]) for s, e, key in self.wordsets.find(folded))
        if skip:
            hits = [h for h in hits if all(e.entity != skip for e in h[2])]
        hits = [h for h in hits if named_here(text, h[0], h[1], [e.label for e in h[2]])]
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        found: list[Mention] = []
        cursor = 0
        for start, stop, entries in hits:
            if start < cursor:
                continue
            found.append(Mention(start, stop, text[start:stop], entries))
            cursor = stop
        return found

    def leading(self, surface: str, section: str, *, skip: str = "") -> Mention | None:
        """The known entity of ``section`` a name begins with (上海 in 上海市委, 中国人民银行 in
        中国人民银行党委), ``skip`` (the name's own entity) left out."""
        inner = [m for m in self.find(surface, skip=skip) if m.section == section]
        return inner[0] if inner and inner[0].start == 0 else None

    def _joined_hits(self, folded: str) -> list[tuple[int, int, tuple[Entry, ...]]]:
        """Romanised names, spaces and hyphens ignored, on word boundaries."""
        if not self.joined:
            return []
        letters: list[str] = []
        where: list[int] = []
        for i, char in enumerate(folded):
            if char in " -":
                continue
            letters.append(char if is_latin(char) else "|")
            where.append(i)
        squeezed = "".join(letters)
        hits = []
        for end, key in self.joined_automaton.iter(squeezed):
            start, stop = where[end - len(key) + 1], where[end] + 1
            if _bounded(folded, start, stop):
                hits.append((start, stop, tuple(self.joined[key])))
        return hits


Loose = tuple[frozenset[str], re.Pattern[str], tuple[Entry, ...]]


def _by_words(patterns: dict[str, list[Entry]]) -> dict[Key, tuple[Entry, ...]]:
    """Names of things (not people, not concepts) of three words or more, by their word set
    (``wordsets``): "international operations center for the digital RMB"."""
    found: dict[Key, list[Entry]] = {}
    for key, entries in sorted(patterns.items()):
        words = word_key(key) if key.isascii() else ()
        for e in entries:
            if words and e.section not in ("people", "concepts") and e.rule != "gazetteer.pinyin":
                bucket = found.setdefault(words, [])
                if all(b.entity != e.entity for b in bucket):
                    bucket.append(Entry(e.entity, e.section, e.label, f"{e.rule}-words"))
    return {k: tuple(v) for k, v in found.items()}


def _loose(patterns: dict[str, list[Entry]]) -> list[Loose]:
    """Descriptive labels (two to four lower-case words, not concepts) with one more word
    allowed between their words: "eight measures" finds "eight new measures"."""
    found = []
    for key, entries in sorted(patterns.items()):
        kept = tuple(
            Entry(e.entity, e.section, e.label, f"{e.rule}-loose")
            for e in entries
            if e.section != "concepts" and e.label == e.label.lower()
        )
        words = key.split()
        if kept and key.isascii() and 2 <= len(words) <= 4:
            gap = r"\s+(?:[a-z]+\s+)?"
            pattern = re.compile(r"\b" + gap.join(map(re.escape, words)) + r"\b")
            found.append((frozenset((words[0], words[-1])), pattern, kept))
    return found


def _squeeze(folded: str) -> tuple[str, list[int]]:
    """``folded`` with each run of spaces (a hard line break, a blank line) made one space, and
    the offset in ``folded`` of each character kept: labels match across line breaks."""
    chars: list[str] = []
    where: list[int] = []
    for i, char in enumerate(folded):
        if char == " " and chars and chars[-1] == " ":
            continue
        chars.append(char)
        where.append(i)
    return "".join(chars), where


def _automaton(patterns: dict[str, list[Entry]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key in sorted(patterns):
        automaton.add_word(key, key)
    if patterns:
        automaton.make_automaton()
    return automaton


def _bounded(folded: str, start: int, stop: int) -> bool:
    """Latin patterns must not start or end inside a word."""
    if is_latin(folded[start]) and start > 0 and is_latin(folded[start - 1]):
        return False
    return not (is_latin(folded[stop - 1]) and stop < len(folded) and is_latin(folded[stop]))


def build_gazetteer(records: Iterable[Record], *, skip: frozenset[str] = frozenset()) -> Gazetteer:
    """The gazetteer of ``records``: declarations plus the names sources gave them.

    ``skip`` leaves out entities (the leave-one-out evaluation hides a source's own entities).
    """
    records = list(records)
    entries: list[Entry] = []
    sections: dict[str, str] = {
        r.id: r.section for r in records if r.section in NAMED_SECTIONS and r.id
    }
    for record in records:
        if record.section in NAMED_SECTIONS and record.id and record.id not in skip:
            entries.extend(record_entries(record, record.id, record.section))
        elif record.section == "names":
            entity = str(record.get("entity") or "")
            if entity in sections and entity not in skip:
                entries.extend(record_entries(record, entity, sections[entity]))
    derived = [Entry(e, s, name, GLOSSARY) for e, s, name in derived_names(entries)]
    placeless = _without_place(entries)
    return Gazetteer(
        _unshared_short([*entries, *derived, *placeless]), governments=governments_of(records)
    )


def _without_place(entries: list[Entry]) -> list[Entry]:
    """Chinese bodies' names without the place they begin with (``label_without_place``)."""
    places = [fold_label(e.label) for e in entries if e.section == "places" and has_cjk(e.label)]
    return [
        Entry(e.entity, e.section, rest, f"{e.rule}{SHORT}")
        for e in entries
        if e.section == "organisations"
        and e.rule.endswith(("label", "alt"))
        and (rest := label_without_place(e.label, places))
    ]


def _unshared_short(entries: list[Entry]) -> list[Entry]:
    """The entries without a shortened label that is another entity's label or shortened
    label: leaving out "Municipal" must not make two bodies one."""
    owners: dict[str, set[str]] = {}
    for e in entries:
        owners.setdefault(fold_label(e.label), set()).add(e.entity)
    return [
        e for e in entries if not e.rule.endswith(SHORT) or len(owners[fold_label(e.label)]) == 1
    ]
