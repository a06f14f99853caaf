"""Events (a meeting with a date) and who took part in them, by cue words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policygraph.drafting.reading import Name, Reading
from policygraph.drafting.text import fold

MEETING = re.compile(
    r"\b(?:study session|meeting|session|conference|forum|symposium|summit|seminar)\b"
    r"|学习会|会议|座谈会|论坛|峰会|研讨会|发布会|推介会|大会",
    re.I,
)
TYPES = (("study session", "study-session"), ("学习", "study-session"), ("speech", "speech"))
#: Participation cues -> the participant role (prole.*), first match wins.
_AT_MEETING = (
    r"\bat\s+(?:the|this|that|last\s+week's|[\w-]+'s)\s+(?:[\w-]+\s+){0,4}"
    r"(?:forum|meeting|session|conference|summit|symposium|seminar)\b"
)
_SAYING = r"\b(?:said|says|announced|unveiled|stated|noted|pledged|urged|called\s+for)\b"
#: Said at the meeting the sentence names: whoever says it there spoke at it ("At last week's
#: meeting, He Qing said"; "a plan ... unveiled by Pan Gongsheng" at the forum).
SAID_AT = re.compile(rf"{_SAYING}(?=[^.]*{_AT_MEETING})|{_AT_MEETING}(?=[^.]*{_SAYING})", re.I)
ROLE_CUES = (
    (
        re.compile(
            r"\b(?:chaired|presided|led)\s+by\b|\b(?:co-?chair(?:s|ed)?|chairs|chaired|will\s+chair)\b"
            r"|主持",
            re.I,
        ),
        "prole.chair",
    ),
    (re.compile(r"\bguidance\b|指导", re.I), "prole.guidance"),
    (
        re.compile(r"\b(?:expert|lecture|briefing|brought in)\b|讲座|授课|辅导", re.I),
        "prole.lecturer",
    ),
    (
        re.compile(
            r"\b(?:spoke|speech|addressed|told)\b|讲话|致辞|发言|演讲|会上(?:指出|表示|强调)", re.I
        ),
        "prole.speaker",
    ),
    (re.compile(r"\b(?:attended|took part)\b|出席|参加", re.I), "prole.attendee"),
    (SAID_AT, "prole.speaker"),
)


@dataclass
class Participation:
    who: str
    role: str
    start: int
    end: int


@dataclass
class Event:
    id: str
    date: str
    kind: str
    organiser: str | None
    start: int
    end: int
    topics: list[str]
    participants: list[Participation] = field(default_factory=list)
    #: the event is declared already (another source, same date): this is a restatement
    restates: bool = False
    #: ... by this very source's records: nothing to draft, but signals cite it
    declared_here: bool = False
    #: the day the project records for an edition restated from its month or year only
    known_day: str = ""


@dataclass(frozen=True)
class KnownEvent:
    """An event the project declares: its id, date and organiser."""

    id: str
    date: str
    organiser: str | None
    here: bool = False  # declared by the drafted source's own records
    edition_of: str | None = None  # the forum it is an edition of


def _organiser(names: list[Name]) -> str | None:
    orgs = [n for n in names if n.section == "organisations"]
    return orgs[-1].id if orgs else None


def _known(known: list[KnownEvent], date: str, organiser: str | None) -> KnownEvent | None:
    """The declared event of that date (and organiser, when both are known), if one only."""
    same = [k for k in known if k.date == date]
    if organiser and len(same) > 1:
        same = [k for k in same if k.organiser in (organiser, None)]
    return same[0] if len(same) == 1 else None


def find_events(reading: Reading, known: list[KnownEvent] | None = None) -> list[Event]:
    events: dict[str, Event] = {}
    for sent in reading.sentences:
        meeting = MEETING.search(fold(sent.text))  # 會議 is 会议
        if not meeting:
            continue
        days = [d for d in reading.dates_in(sent.start, sent.end) if len(d.value) == 10]
        # the day nearest the meeting's word: "官网25日公布，推介会24日在上海举行" met on the 24th
        cue = sent.start + meeting.start()
        days.sort(key=lambda d: abs(d.start - cue))
        if not days or days[0].value in events:
            continue
        lowered = sent.text.lower()
        kind = next((t for word, t in TYPES if word in lowered), "meeting")
        organiser = _organiser(reading.in_span(sent.start, sent.end))
        who = organiser.split("-", 1)[-1] if organiser else "source"
        declared = _known(known or [], days[0].value, organiser)
        event_id = declared.id if declared else f"event-{days[0].value}-{who}-{kind}"
        topics = reading.concepts_in(sent.start, sent.end, "topic.")
        events[days[0].value] = Event(
            event_id, days[0].value, kind, organiser, sent.start, sent.end, topics,
            restates=declared is not None, declared_here=bool(declared and declared.here),
        )  # fmt: skip
    ordered = sorted(
        [*events.values(), *_editions(reading, known or [], events)], key=lambda e: e.start
    )
    _participations(reading, ordered)
    return ordered


YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _editions(reading: Reading, known: list[KnownEvent], dated: dict[str, Event]) -> list[Event]:
    """Declared editions of a forum, restated where a sentence names the forum with no full
    date but with the edition's year or month ("Financial Forum 2025", 今年6月在某论坛): the
    one edition the project declares of that forum in that year or month. The restatement
    carries no date: the text does not give the day."""
    found: dict[str, Event] = {}
    taken = {e.id for e in dated.values()}
    for sent in reading.sentences:
        if not MEETING.search(fold(sent.text)):
            continue
        dates = [d.value for d in reading.dates_in(sent.start, sent.end) if d.value]
        if any(len(d) == 10 for d in dates):
            continue  # a full date: the event is read by ``find_events``
        periods = {*dates, *YEAR.findall(sent.text)}
        names = reading.in_span(sent.start, sent.end)
        forums = {n.id for n in names if n.section == "forums"}
        editions = [
            k for k in known
            if k.edition_of in forums and any(k.date.startswith(p) for p in periods)
        ]  # fmt: skip
        if len(editions) != 1 or editions[0].id in taken | set(found):
            continue
        edition = editions[0]
        found[edition.id] = Event(
            edition.id, "", "meeting", None, sent.start, sent.end,
            reading.concepts_in(sent.start, sent.end, "topic."),
            restates=True, declared_here=edition.here, known_day=edition.date,
        )  # fmt: skip
    return list(found.values())


def _event_for(events: list[Event], offset: int) -> Event | None:
    before = [e for e in events if e.start <= offset]
    return before[-1] if before else (events[0] if events else None)


def _role_of(folded: str, offset: int) -> str | None:
    """The role of a person named at ``offset`` of a sentence: the first cue after the name
    ("贺青主持会议", "Wang attended"), else the first cue of the sentence ("chaired by X")."""
    cues = sorted((m.start(), r) for cue, r in ROLE_CUES for m in cue.finditer(folded))
    after = [r for at, r in cues if at >= offset]
    return after[0] if after else (cues[0][1] if cues else None)


def _participations(reading: Reading, events: list[Event]) -> None:
    for sent in reading.sentences:
        event = _event_for(events, sent.start)
        if event is None:
            continue
        folded = fold(sent.text)
        names = reading.in_span(sent.start, sent.end)
        people = any(n.section == "people" for n in names)
        for name in names:
            if name.section not in ("people", "organisations") or name.coreferent:
                continue
            role = _role_of(folded, name.end - sent.start)
            if name.section == "organisations" and (
                people or role != "prole.attendee" or name.id == event.organiser
            ):
                # a body attends when no person is named ("公安部、司法部有关负责人出席会议");
                # beside people, it is where they work ("Li, of the General Office, attended")
                continue
            if role is None or any(p.who == name.id for p in event.participants):
                continue
            event.participants.append(Participation(name.id, role, sent.start, sent.end))
