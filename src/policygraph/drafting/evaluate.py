"""Measured quality: draft every curated source leaving it out, compare with its records.

For source S the gazetteer holds every other record and the reference entities, without the
names S gives and without S's *own* entities (those no other source refers to): those are
what S must find as new-entity candidates. Matches are counted per measure, micro-averaged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from policygraph.drafting.curated import many as _many
from policygraph.drafting.curated import participants as _participants
from policygraph.drafting.draft import Draft, Item, draft_text, known_events
from policygraph.drafting.gazetteer import Gazetteer, build_gazetteer, person_pinyin
from policygraph.drafting.gold import ENTITY_SECTIONS, drafted_mentions, mentions, posts, series
from policygraph.drafting.text import fold_label
from policygraph.project import Project
from policygraph.records.model import Record, RecordSet

MEASURES = (
    "known mentions",
    "known mentions, strict",
    "new entities",
    "dates",
    "posts",
    "participations",
    "signals",
)


@dataclass
class Score:
    """Counts for one measure: draft items that match, and curated items found."""

    drafted: int = 0
    correct: int = 0
    curated: int = 0
    found: int = 0

    def add(self, other: Score) -> None:
        self.drafted += other.drafted
        self.correct += other.correct
        self.curated += other.curated
        self.found += other.found

    @property
    def precision(self) -> float | None:
        return self.correct / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.curated if self.curated else None


@dataclass
class Evaluation:
    sources: list[str] = field(default_factory=list)
    scores: dict[str, Score] = field(default_factory=lambda: {m: Score() for m in MEASURES})
    #: scores per source, and each source's language (``en``, ``zh``; ``?`` when unknown)
    per_source: dict[str, dict[str, Score]] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    #: each source's language tag as its metadata gives it (``zh-Hant``)
    tags: dict[str, str] = field(default_factory=dict)

    def merge(self, other: Evaluation) -> None:
        self.sources.extend(other.sources)
        for measure, score in other.scores.items():
            self.scores[measure].add(score)
        self.per_source.update(other.per_source)
        self.languages.update(other.languages)
        self.tags.update(other.tags)

    def only(self, language: str) -> Evaluation:
        """The evaluation of the sources in one language."""
        return self.subset({s for s in self.sources if self.languages.get(s) == language})

    def half(self, held_out: bool) -> Evaluation:
        """The tuning half (sources at even positions of the sorted ids: 0, 2 ...) or the
        held-out half (odd positions), so that rules tuned on one are measured on the other."""
        ordered = sorted(self.sources)
        return self.subset({s for i, s in enumerate(ordered) if i % 2 == int(held_out)})

    def subset(self, source_ids: Set[str]) -> Evaluation:
        part = Evaluation()
        for source_id in self.sources:
            if source_id in source_ids:
                part.sources.append(source_id)
                part.languages[source_id] = self.languages[source_id]
                part.tags[source_id] = self.tags.get(source_id, self.languages[source_id])
                part.per_source[source_id] = self.per_source[source_id]
                for measure, score in self.per_source[source_id].items():
                    part.scores[measure].add(score)
        return part


def _mention_score(
    drafted: set[str], curated: set[str], entities: Mapping[str, Record], forums: set[str]
) -> Score:
    """Recall over the entities the records refer to; a drafted mention is also correct when
    it names a parent of one of them (``unit_of``, ``part_of``, ``scope``): the text names the
    Municipal Party Committee inside "Fourth Supervisory Group of the Municipal Party Committee"
    although the records only refer to the group. ``forums``: the series (``edition_of``) of
    the events the records refer to, parents in the same way ("the 2025 Lujiazui Forum")."""
    parents = forums | {
        str(entities[e].get(k))
        for e in curated
        if e in entities
        for k in ("unit_of", "part_of", "scope")
        if entities[e].get(k)
    }
    return Score(len(drafted), len(drafted & (curated | parents)), len(curated),
                 len(drafted & curated))  # fmt: skip


def _set_score(drafted: Set[object], curated: Set[object]) -> Score:
    hit = drafted & curated
    return Score(len(drafted), len(hit), len(curated), len(hit))


def _labels(record: Record) -> set[str]:
    found: set[str] = set()
    for name in ("labels", "alt_labels", "hidden_labels"):
        labels = record.get(name)
        for value in labels.values() if isinstance(labels, Mapping) else ():
            for text in _many(value):
                found.add(fold_label(str(text)))
                found.update(person_pinyin(str(text)) if record.section == "people" else ())
    return found


def _participant_items(event: Item) -> list[Item]:
    found = event.get("participants")
    return [p for p in found if isinstance(p, dict)] if isinstance(found, list) else []


def _match_new(item: Item, gold: Mapping[str, set[str]]) -> str | None:
    labels = item.get("labels")
    texts = [fold_label(str(t)) for t in labels.values()] if isinstance(labels, dict) else []
    for entity, known in sorted(gold.items()):
        for text in texts:
            if any(text == k or fuzz.ratio(text, k) >= 90 for k in known):
                return entity
    return None


def _spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        pattern = r"\s+".join(re.escape(w) for w in quote.split())
        spans.extend(m.span() for m in re.finditer(pattern, text))
    return spans


def _quotes(value: object) -> list[str]:
    return [str(q) for q in value] if isinstance(value, tuple | list) else [str(value or "")]


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _signal_score(text: str, draft: Draft, gold: list[Record]) -> Score:
    drafted = [_spans(text, _quotes(i.get("quote"))) for i in draft.sections.get("signals", [])]
    curated = [_spans(text, _quotes(r.get("quote"))) for r in gold]
    correct = sum(any(_overlaps(d, c) for c in curated) for d in drafted)
    found = sum(any(_overlaps(d, c) for d in drafted) for c in curated)
    return Score(len(drafted), correct, len(curated), found)


@dataclass(frozen=True)
class LeftOut:
    """A source drafted leave-one-out: the gazetteer knows only the other sources' entities."""

    mine: list[Record]  # the source's curated records
    entities: dict[str, Record]  # every declared entity, by id
    used_here: set[str]  # the entities its records mention
    own: frozenset[str]  # those no other source mentions (new to the drafter)
    gazetteer: Gazetteer
    draft: Draft


def leave_one_out(records: RecordSet, source_id: str) -> LeftOut:
    mine = [r for r in records.records if r.graph == "source" and r.source_id == source_id]
    others = [r for r in records.records if not (r.graph == "source" and r.source_id == source_id)]
    entities = {
        r.id: r for r in records.records if r.section in ENTITY_SECTIONS and r.id and not r.restated
    }
    used_here = {e for r in mine for e in mentions(r)} & set(entities)
    used_elsewhere = {e for r in others if r.graph == "source" for e in mentions(r)}
    own = frozenset(used_here - used_elsewhere)
    gazetteer = build_gazetteer(others, skip=own)
    draft = draft_text(records.sources[source_id], gazetteer, known_events(others, source_id))
    return LeftOut(mine, entities, used_here, own, gazetteer, draft)


def evaluate_source(records: RecordSet, source_id: str) -> dict[str, Score]:
    """Scores of the leave-one-out draft of ``source_id`` against its curated records."""
    left = leave_one_out(records, source_id)
    mine, entities, used_here, own, draft = (
        left.mine, left.entities, left.used_here, left.own, left.draft
    )  # fmt: skip
    gold_new = {
        e: _labels(entities[e]) for e in own if entities[e].section in ("people", "organisations")
    }
    new_map = {
        str(i["id"]): _match_new(i, gold_new)
        for s in ("people", "organisations")
        for i in draft.sections.get(s, [])
    }

    def ref(value: object) -> object:
        return new_map.get(str(value)) or value

    items = draft.sections
    dated = [
        i.get(k)
        for s in ("posts", "events", "signals")
        for i in items.get(s, [])
        for k in ("date", "observed_on")
    ]
    gold_dates = [r.get(k) for r in mine for k in ("date", "observed_on")]
    drafted = drafted_mentions(draft.sections) & (set(entities) - own)
    return {
        "known mentions": _mention_score(
            drafted,
            used_here - own,
            entities,
            series(mine, records.records),
        ),
        "known mentions, strict": _set_score(drafted, used_here - own),
        "new entities": Score(
            len(new_map),
            sum(1 for v in new_map.values() if v),
            len(gold_new),
            len({v for v in new_map.values() if v}),
        ),
        "dates": _set_score({str(d) for d in dated if d}, {str(d) for d in gold_dates if d}),
        "posts": _set_score(
            {(ref(i["member"]), ref(i["organisation"])) for i in items.get("posts", [])},
            posts(mine),
        ),
        "participations": _set_score(
            {ref(p["who"]) for e in items.get("events", []) for p in _participant_items(e)},
            {w for r in mine if r.section == "events" for w in _participants(r)},
        ),
        "signals": _signal_score(
            records.sources[source_id].text, draft, [r for r in mine if r.section == "signals"]
        ),
    }


def evaluate(records: RecordSet, *, skip_texts: set[str] | None = None) -> Evaluation:
    """Evaluate every source that has curated records (``skip_texts``: texts already counted)."""
    result = Evaluation()
    curated = sorted({r.source_id for r in records.records if r.graph == "source"})
    for source_id in curated:
        text = records.sources[source_id].text
        if skip_texts is not None:
            if text in skip_texts:
                continue
            skip_texts.add(text)
        result.sources.append(source_id)
        scores = evaluate_source(records, source_id)
        result.per_source[source_id] = scores
        result.tags[source_id] = records.sources[source_id].language or "?"
        result.languages[source_id] = result.tags[source_id].split("-")[0]
        for measure, score in scores.items():
            result.scores[measure].add(score)
    return result


def render_table(evaluation: Evaluation) -> str:
    """The evaluation as a Markdown table."""

    def show(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    lines = [
        f"sources: {len(evaluation.sources)} ({', '.join(evaluation.sources)})",
        "",
        "| measure | drafted | correct | curated | found | precision | recall |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for measure, s in evaluation.scores.items():
        lines.append(
            f"| {measure} | {s.drafted} | {s.correct} | {s.curated} | {s.found} | "
            f"{show(s.precision)} | {show(s.recall)} |"
        )
    return "\n".join(lines) + "\n"


def render_report(evaluation: Evaluation) -> str:
    """All sources, then the tuning half and the held-out half (see ``Evaluation.half``)."""
    return "\n".join(
        f"**{title}**\n\n{render_table(part)}"
        for title, part in (
            ("All sources (leave one out)", evaluation),
            ("Tuning half (sorted ids at even positions)", evaluation.half(held_out=False)),
            ("Held-out half (sorted ids at odd positions)", evaluation.half(held_out=True)),
        )
    )


def evaluate_project(project: Project) -> Evaluation:
    """``draft --evaluate``: the leave-one-out evaluation of a project's curated sources."""
    from policygraph.build import load_project

    return evaluate(load_project(project))
