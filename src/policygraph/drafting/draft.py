"""``draft``: propose a source's records, each marked ``draft: {rule, confidence}``.

The draft is in the record format and lives in ``data/drafts/<source-id>.yaml``; it keeps
the sha256 of the text it was drafted from, so ``review`` can refuse a draft of an older text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from policygraph.atomic import write_atomic
from policygraph.drafting.archive import text_hash
from policygraph.drafting.cues import Signal, find_signals
from policygraph.drafting.curated import without_curated
from policygraph.drafting.events import Event, KnownEvent, find_events
from policygraph.drafting.gazetteer import Gazetteer, build_gazetteer
from policygraph.drafting.language import chinese_tag
from policygraph.drafting.naming import draft_mark, names_section, word_language
from policygraph.drafting.posts import Post, find_posts, guessed_role
from policygraph.drafting.reading import Reading, read_text
from policygraph.drafting.restated import restate_known_posts
from policygraph.drafting.text import sentence_at
from policygraph.errors import NotFoundError
from policygraph.project import Project
from policygraph.records.model import Record, RecordSet, Source

Item = dict[str, object]
SECTION_ORDER = ("names", "people", "organisations", "posts", "events", "signals")
ORG_TYPES = (  # the first word found in a new body's name says its kind
    ("institute", "research"),
    ("研究", "research"),
    ("central bank", "government"),  # a central bank before any bank
    ("人民银行", "government"),
    ("人民銀行", "government"),
    ("monetary authority", "government"),
    ("bank", "company"),
    ("银行", "company"),
    ("集团", "company"),
    ("group", "company"),
    ("commission", "government"),
    ("ministry", "government"),
    ("委员会", "government"),
)


@dataclass(frozen=True)
class Draft:
    source_id: str
    text_sha256: str
    sections: dict[str, list[Item]]

    def count(self) -> int:
        return sum(len(items) for items in self.sections.values())


def drafts_dir(project: Project) -> Path:
    return project.data_dir / "drafts"


def _day(value: str) -> object:
    """A full date as a date (YAML writes it plain); a partial one stays text."""
    return dt.date.fromisoformat(value) if len(value) == 10 else value


def _quote(reading: Reading, start: int, end: int) -> str:
    """The exact span, without surrounding space and a leading list bullet."""
    return reading.text[start:end].strip().lstrip("•·*-– ").strip()


def _new_entities(reading: Reading, section: str, zh: str) -> list[Item]:
    items: dict[str, Item] = {}
    labels: dict[str, dict[str, str]] = {}
    for name in reading.names:
        if name.known or name.coreferent or name.section != section:
            continue
        mine = labels.setdefault(name.id, {})
        mine.setdefault(word_language(name.surface, zh), name.surface)
        if name.candidate is not None and name.candidate.zh:
            mine.setdefault(zh, name.candidate.zh)
        if name.id in items:
            continue
        sent = sentence_at(reading.sentences, name.start)
        item: Item = {"id": name.id}
        if section == "organisations":
            lowered = name.surface.lower()
            item["types"] = [next((t for w, t in ORG_TYPES if w in lowered), "formal")]
        item["labels"] = mine
        item["quote"] = _quote(reading, sent.start, sent.end) if sent else name.surface
        item["draft"] = draft_mark(name.rule, name.confidence)
        items[name.id] = item
    return list(items.values())


def _post(reading: Reading, post: Post, zh: str, roles: set[str]) -> Item:
    """``roles``: the role concepts the project declares (a guessed one may be new to it)."""
    item: Item = {"id": post.id, "member": post.member, "organisation": post.organisation}
    guessed: tuple[str, ...] = ()
    role = item["role"] = post.role or guessed_role(post.title)
    if post.role is None:
        guessed = ("role",)
    date = reading.date_before(post.start, seen=True)
    if date:
        item["observed_on"] = _day(date)
    item["stated_as"] = {word_language(post.title, zh): post.title}
    item["quote"] = _quote(reading, post.start, post.end)
    mark = draft_mark(post.rule, 0.6 if post.role else 0.4, guessed)
    if not date:  # a post needs the day a source saw it held (or its start): never guessed
        mark["missing"] = ["observed_on"]
    if role not in roles:
        mark["undeclared"] = [role]
    item["draft"] = mark
    return item


def _event(reading: Reading, event: Event, zh: str) -> Item:
    quote = _quote(reading, event.start, event.end)
    item: Item = {"id": event.id}
    if not event.restates:  # a restatement leaves the labels to the declaration
        item.update({"types": [event.kind], "labels": {word_language(quote, zh): quote[:90]}})
    if event.date:  # a forum's edition restated without its day has none
        item["date"] = _day(event.date)
    if event.organiser:
        item["organiser"] = event.organiser
    if event.topics:
        item["about"] = event.topics
    item["quote"] = quote
    if event.participants:
        item["participants"] = [
            {
                "who": p.who,
                "role": p.role,
                "quote": _quote(reading, p.start, p.end),
                "draft": draft_mark("participant.cue", 0.6),
            }
            for p in event.participants
        ]
    if event.restates:
        mark = draft_mark("event.restatement", 0.6)
        mark["restates"] = event.id  # declared by another source already (same date)
        item["draft"] = mark
    else:
        item["draft"] = draft_mark("event.meeting-with-date", 0.6, ("labels",))
    return item


def _signal(reading: Reading, signal: Signal, zh: str) -> Item:
    quote = _quote(reading, signal.start, signal.end)
    item: Item = {"id": signal.id, "labels": {word_language(quote, zh): quote[:90]}}
    item["nature"] = signal.nature
    optional = (
        ("issuer", signal.issuer),
        ("speaker", signal.speaker),
        ("date", _day(signal.date) if signal.date else None),
        ("occasion", signal.occasion),
    )
    item.update({k: v for k, v in optional if v})
    item["topics"] = signal.topics
    for key in ("sectors", "addressees"):
        if getattr(signal, key):
            item[key] = getattr(signal, key)
    item["stance"] = "stance.neutral"
    item["confidence"] = signal.confidence
    item["quote"] = quote
    mark = draft_mark(signal.rule, signal.confidence, ("labels", "stance"))
    missing = [k for k in ("issuer", "date") if k not in item]
    if not signal.topics:
        missing.append("topics")
    if signal.nature == "nature.directive" and not signal.speaker:
        missing.append("speaker")  # a directive needs the person who voiced it
    if missing:
        mark["missing"] = missing
    item["draft"] = mark
    return item


def known_events(records: Iterable[Record], source_id: str) -> list[KnownEvent]:
    """Events the records declare: a draft restates another source's, and cites its own."""
    return [
        KnownEvent(
            r.id,
            str(r.get("date")),
            str(r.get("organiser") or "") or None,
            here=r.source_id == source_id,
            edition_of=str(r.get("edition_of") or "") or None,
        )  # fmt: skip
        for r in records
        if r.section == "events" and r.id and r.get("labels")
    ]


def draft_text(
    source: Source, gazetteer: Gazetteer, events_known: list[KnownEvent] | None = None
) -> Draft:
    """The draft of one source's text against a gazetteer (pure: nothing is written)."""
    reading = read_text(source.text, source.published, gazetteer)
    roles = {
        key: e.entity
        for key, es in gazetteer.patterns.items()
        for e in es
        if e.entity.startswith("role.")
    }
    posts = find_posts(reading, roles, gazetteer)
    declared_roles = set(roles.values())
    events = find_events(reading, events_known)
    signals = find_signals(reading, posts, events)
    claims = [(e.start, e.end) for e in events] + [(s.start, s.end) for s in signals]
    zh = chinese_tag(source.language, source.text)
    sections: dict[str, list[Item]] = {
        "names": names_section(reading, gazetteer, claims, zh),
        "people": _new_entities(reading, "people", zh),
        "organisations": _new_entities(reading, "organisations", zh),
        "posts": [_post(reading, p, zh, declared_roles) for p in posts],
        "events": [_event(reading, e, zh) for e in events if not e.declared_here],
        "signals": [_signal(reading, s, zh) for s in signals],
    }
    return Draft(source.id, text_hash(source.text), {k: v for k, v in sections.items() if v})


DRAFT_HEAD = (
    "# Draft of the records of a source, made by `policygraph draft`.\n"
    "# Nothing here is a fact until `policygraph review` accepts it; validate and build\n"
    "# never read data/drafts/. Every quote is an exact span of the archived text.\n"
)


def render_draft(draft: Draft) -> str:
    head = (
        f"# Draft of the records of source {draft.source_id}, made by `policygraph draft`.\n"
        "# Nothing here is a fact until `policygraph review` accepts it; validate and build\n"
        "# never read data/drafts/. Every quote is an exact span of the archived text.\n"
    )
    doc: Item = {"graph": "source", "source": draft.source_id, "text_sha256": draft.text_sha256}
    doc.update({k: draft.sections[k] for k in SECTION_ORDER if k in draft.sections})
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    return head + body


def draft(source_id: str, project: Project) -> tuple[Path, Draft]:
    """Draft ``source_id`` of ``project`` and write ``data/drafts/<id>.yaml``."""
    from policygraph.build import load_project

    records: RecordSet = load_project(project)
    if source_id not in records.sources:
        raise NotFoundError(
            f"unknown source {source_id!r}", hint="`policygraph add FILE` archives a source first"
        )
    source = records.sources[source_id]
    gazetteer = build_gazetteer(records.records)
    result = draft_text(source, gazetteer, known_events(records.records, source_id))
    result = restate_known_posts(without_curated(result, records.records), records.records)
    path = drafts_dir(project) / f"{source_id}.yaml"
    write_atomic(path, render_draft(result))
    return path, result
