"""One pass over a source's text: sentences, names (known and new), concepts and dates.

The rules in ``posts``, ``events`` and ``cues`` read this, never the raw text alone.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from policygraph.drafting.candidates import Candidate, find_candidates
from policygraph.drafting.dates import DateMention, find_dates
from policygraph.drafting.gazetteer import ENTITY_SECTIONS, Gazetteer, Mention
from policygraph.drafting.shortforms import short_forms
from policygraph.drafting.text import Sentence, fold_label, has_cjk, sentences, slug

PREFIX = {"people": "person", "organisations": "org"}


@dataclass(frozen=True)
class Name:
    """A span naming an entity: a known id, or the id proposed for a candidate."""

    start: int
    end: int
    surface: str
    id: str
    section: str
    known: bool
    rule: str
    confidence: float
    candidate: Candidate | None = None
    #: a later, shorter mention ("Pan" after "Pan Gongsheng"): used to resolve who said what,
    #: never proposed as a name of its own
    coreferent: bool = False


@dataclass(frozen=True)
class Concept:
    start: int
    end: int
    id: str


def candidate_id(cand: Candidate) -> str:
    from pypinyin import lazy_pinyin

    text = cand.surface
    if has_cjk(text):
        text = " ".join(lazy_pinyin(text))
    return f"{PREFIX[cand.section]}-{slug(text, 8)}"


def _known_name(mention: Mention) -> Name:
    entry = mention.entries[0]
    confidence = 0.95 if len(mention.entries) == 1 else 0.5
    if entry.rule in ("gazetteer.pinyin", "gazetteer.hidden"):
        confidence -= 0.1
    elif entry.rule.endswith(("-head", "-loose", "-words", "-short", ".glossary")):
        confidence -= 0.15  # no qualifier, a word more, reordered, a level less, translated
    return Name(
        mention.start,
        mention.end,
        mention.surface,
        entry.entity,
        entry.section,
        True,
        entry.rule,
        confidence,
    )


@dataclass
class Reading:
    """Everything the rules need about one text."""

    text: str
    published: str | None
    sentences: list[Sentence]
    names: list[Name]
    concepts: list[Concept]
    dates: list[DateMention]

    def in_span(self, start: int, end: int) -> list[Name]:
        return [n for n in self.names if start <= n.start and n.end <= end]

    def concepts_in(self, start: int, end: int, prefix: str) -> list[str]:
        found = [c.id for c in self.concepts if start <= c.start < end and c.id.startswith(prefix)]
        return list(dict.fromkeys(found))

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        """The date expressions in a span, but a dateline's or byline's day (the report's), the
        day something takes effect, and the day of an incident the sentence names
        ("另就滙豐上周五出現的系統故障，余偉文透露": the outage's day, not the statement's)."""
        return [
            d
            for d in self.dates
            if start <= d.start < end and not (d.stamp or d.effective or self._incident(d))
        ]

    def _incident(self, date: DateMention) -> bool:
        before = self.text[max(0, date.start - 24) : date.start]
        return bool(_INCIDENT_ZH.match(self.text, date.end) or _INCIDENT_EN.search(before))

    def date_before(self, offset: int, *, seen: bool = False) -> str | None:
        """The day of the nearest date expression at or before ``offset``, else the first one;
        the end of a period does not count (what follows "今起至周四" is dated by its start), nor
        an incident's day (``dates_in``); with ``seen`` (the day a source saw something, as a
        post held), nor a day after the publication (明年1月1日 is when something will be).
        A text that gives no day gives none: its publication (or a dateline's day, the report's
        own) is not when what it reports happened."""
        last = self.published if seen and self.published and len(self.published) == 10 else None
        days = [
            d
            for d in self.dates
            if len(d.value) == 10
            and not (d.ends_range or d.stamp or d.effective or self._incident(d))
            and (last is None or d.value <= last)
        ]
        before = [d for d in days if d.start <= offset]
        if before:
            return before[-1].value
        return days[0].value if days else None

    def last_person_before(self, offset: int) -> Name | None:
        people = [n for n in self.names if n.section == "people" and n.end <= offset]
        return people[-1] if people else None

    def main_topic(self) -> str | None:
        topics = Counter(c.id for c in self.concepts if c.id.startswith("topic."))
        return min(topics, key=lambda t: (-topics[t], t)) if topics else None


#: Around a date: it dates something that occurred (上周五出现的故障, "the outage that occurred
#: last Friday"); not "took place", which a meeting does, where what was said is said.
_INCIDENT_ZH = re.compile(r"\s*(?:出現|出现|發生|发生)的")
_INCIDENT_EN = re.compile(r"\b(?:occurred|happened)\s+(?:on\s+)?$", re.IGNORECASE)
GLOSS = re.compile(r"^\s*[（(][^()（）]{0,80}$")


def _glossed(text: str, first: Name, second: Name) -> bool:
    """``second`` is ``first``'s name in Chinese, in the parentheses that follow it."""
    return (
        first.section == second.section
        and first.surface.isascii()
        and has_cjk(second.surface)
        and GLOSS.match(text[first.end : second.start]) is not None
    )


#: Capitalised English words that are also romanised surnames: never taken as a mention.
NOT_SURNAMES = {"He", "She", "It", "An", "In", "On", "So", "Do", "Yes", "No", "Man", "Long"}


def _surnames(text: str, names: list[Name]) -> list[Name]:
    """ "Pan" after "Pan Gongsheng": the surname alone, when no other person shares it."""
    people = [
        n
        for n in names
        if n.section == "people" and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", n.surface)
    ]
    by_surname: dict[str, set[str]] = {}
    for person in people:
        by_surname.setdefault(person.surface.split()[0], set()).add(person.id)
    taken = [(n.start, n.end) for n in names]
    found: list[Name] = []
    for surname, ids in by_surname.items():
        if len(ids) != 1 or surname in NOT_SURNAMES:
            continue
        first = min(p.end for p in people if p.surface.split()[0] == surname)
        antecedent = next(p for p in people if p.surface.split()[0] == surname)
        for m in re.finditer(rf"\b{surname}\b(?!\s+[A-Z])", text[first:]):
            start, end = first + m.start(), first + m.end()
            if any(s <= start < e for s, e in taken):
                continue
            found.append(
                dataclasses.replace(antecedent, start=start, end=end, surface=surname,
                                    rule="coreference.surname", coreferent=True)
            )  # fmt: skip
    return found


def _shortened(gazetteer: Gazetteer) -> Callable[[str], str | None]:
    """The one organisation a name is the end of (市国资委 of 上海市国资委, "State-owned Assets
    Supervision and Administration Commission" of "Shanghai State-owned ..."), the place
    before it left out; None when no organisation or several end so."""
    orgs = [
        (key, {e.entity for e in entries if e.section == "organisations"})
        for key, entries in gazetteer.patterns.items()
    ]

    def find(name: str) -> str | None:
        if len(name) < 3 or (name.isascii() and len(name.split()) < 3):
            return None
        sep = " " if name.isascii() else ""
        ends = [(key, found) for key, found in orgs if key.endswith(sep + name)]
        # "Policy Group of the Guotai Haitong ... Institute" ends with the institute's own
        # label: that body is named by the shorter label, not by the name
        ids = {
            i
            for key, found in ends
            if not any(other != key and key.endswith(other) for other, _ in ends)
            for i in found
        }
        return next(iter(ids)) if len(ids) == 1 else None

    return find


def _compose(names: list[Name], gazetteer: Gazetteer) -> list[Name]:
    """Organisation candidates that are a known one under a composed name become known."""
    from policygraph.drafting.aliases import canonical, composed_names

    candidates = [n for n in names if not n.known and n.section == "organisations"]
    if not candidates:
        return names
    composed = composed_names(gazetteer)
    found: list[Name] = []
    shortened = _shortened(gazetteer)
    for cand in candidates:
        entity = composed.get(canonical(cand.surface, gazetteer))
        if entity:
            composed_name = dataclasses.replace(
                cand, id=entity, known=True, rule="gazetteer.composed", confidence=0.8
            )
            found.append(composed_name)
        elif entity := shortened(fold_label(cand.surface)):
            found.append(dataclasses.replace(
                cand, id=entity, known=True, rule="gazetteer.shortened", confidence=0.7
            ))  # fmt: skip
    covered = [(f.start, f.end) for f in found]
    kept = [
        n for n in names
        if not any(s <= n.start and n.end <= e for s, e in covered)
    ]  # fmt: skip
    return [*kept, *found]


def _short_named(text: str, names: list[Name]) -> list[Name]:
    """Uses of a short form the text defines for a body it names ("the PBOC", 人民银行)."""
    bodies = [n for n in names if n.section not in ("people", "places") and not n.coreferent]
    first = {n.id: n for n in reversed(bodies)}
    spans = short_forms(text, [(n.start, n.end, n.id) for n in bodies])
    return [
        dataclasses.replace(first[entity], start=start, end=end, surface=text[start:end],
                            rule="text.short-form", confidence=0.8)
        for start, end, entity in spans
    ]  # fmt: skip


#: A capitalised word or an acronym: the proper name a descriptive phrase can stand before.
PROPER_AFTER = re.compile(r"\s?[A-Z][A-Za-z0-9]*\b")


def _descriptor(text: str, name: Name) -> bool:
    """A known programme or audience named by a descriptive label that stands before another
    name as its apposition ("數字資產平台 OSL 集團", "the digital asset platform OSL"): the
    phrase describes that name, not the programme."""
    return (
        name.known
        and name.section in ("programmes", "audiences")
        and PROPER_AFTER.match(text, name.end) is not None
    )


#: A capitalised word right before or right after a span (one space between).
_CAP_BEFORE = re.compile(r"[A-Z][a-z]+ $")
_CAP_AFTER = re.compile(r" [A-Z][a-z]+")


def _part_of_a_longer_name(text: str, mention: Mention) -> bool:
    """A person known by one Latin word ("Qing", a report's surname for He Qing) named inside
    another person's name ("Wu Qing"): not that person."""
    return (
        mention.section == "people"
        and re.fullmatch(r"[A-Z][a-z]+", mention.surface) is not None
        and bool(
            _CAP_BEFORE.search(text, max(0, mention.start - 20), mention.start)
            or _CAP_AFTER.match(text, mention.end)
        )
    )


def read_text(text: str, published: str | None, gazetteer: Gazetteer) -> Reading:
    mentions = [m for m in gazetteer.find(text) if not _part_of_a_longer_name(text, m)]
    names = [_known_name(m) for m in mentions if m.section in ENTITY_SECTIONS]
    concepts = [Concept(m.start, m.end, m.entity) for m in mentions if m.section == "concepts"]
    known_spans = [(m.start, m.end) for m in mentions if m.section in ENTITY_SECTIONS]
    previous: Name | None = None
    for cand in find_candidates(text, known_spans):
        name = Name(cand.start, cand.end, cand.surface, candidate_id(cand), cand.section,
                    False, cand.rule, cand.confidence, cand)  # fmt: skip
        if previous is not None and _glossed(text, previous, name):
            name = dataclasses.replace(name, id=previous.id)  # one entity, named twice
        names.append(name)
        previous = name
    names = _compose(names, gazetteer)
    names = [n for n in names if not _descriptor(text, n)]
    names.extend(_short_named(text, names))
    names.extend(_surnames(text, names))
    names.sort(key=lambda n: (n.start, n.end))
    dates = find_dates(text, published)
    return Reading(text, published, sentences(text), names, concepts, dates)
