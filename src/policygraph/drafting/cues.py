"""Candidate signals: sentences with a cue phrase, with the issuer, speaker and date resolved."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policygraph.drafting.dates import DateMention
from policygraph.drafting.events import Event
from policygraph.drafting.places import agency_in_dateline
from policygraph.drafting.posts import Post
from policygraph.drafting.reading import Name, Reading
from policygraph.drafting.text import fold, slug

DIRECTIVE = re.compile(
    r"\b(?:call(?:s|ed)? for|urg(?:es|ed|ing)|requir(?:es|ed|ing)|ask(?:s|ed)|"
    r"demand(?:s|ed)|told|announc(?:es|ed)|pledg(?:es|ed)|vow(?:s|ed)|instruct(?:s|ed)|"
    r"order(?:s|ed)|stress(?:es|ed)|emphasi[sz](?:es|ed)|set out|laid out|"
    r"issued .{0,30}(?:mandate|directive|guideline|notice)s?|a command to|mandated|"
    r"reaffirm(?:s|ed)|explain(?:s|ed)|said|says|stated|warn(?:s|ed)|unveil(?:s|ed)|"
    r"will be (?:established|set up|launched|created)|"
    r"(?:(?:was|were|has been|have been) (?:officially )?|officially )(?:opened|launched))\b"
    r"|要求|强调|提出|部署|宣布|号召|呼吁|承诺|指出|^坚持|表示|重申|希望|叫停|禁止"
    r"|^各(?:单位|部门|地区|地|级|方)要",
    re.I,
)
READING = re.compile(
    r"\b(?:signals|signall?ed|signall?ing|indicates|suggest(?:s|ed)?|reflects|highlighted|"
    r"according to|reportedly|revealed|"
    r"describ(?:e|es|ed)\b.{0,60}?\bas)\b"
    r"|表明|意味着|释放|标志着|认为|显示|解读为"
    # reported, not said by anyone named (報導 is Taiwan's 报道, read 报导)
    r"|据(?:报[道导]|悉|了解)|消息人士|媒体报[道导]|港媒报[道导]|报[道导](?:指|称)",
    re.I,
)
#: A sentence that only says who spoke ("Yue said.", "He added."): what was said is the quotation
#: that ends the sentence before it.
ATTRIBUTION = re.compile(
    r"\s*(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}|[Hh]e|[Ss]he)\s+"
    r"(?:said|says|added|adds|stressed|noted)\.?\s*"
)
#: Cues that only report speech: a reading cue in the same sentence wins over them.
SAYING = frozenset({"said", "says", "stated", "explained", "explains", "表示"})
#: A sentence that ends by announcing speech ("Eddie Yue stated,", "周敏表示：") goes on into
#: the next one, what was said.
LEAD_IN = re.compile(r"(?:said|says|stated|added)\s*[,:]\s*$|(?:表示|指出|强调)\s*[：:]\s*$")
#: A list item's mark: a bullet, or a number with its "." ")" "、" ("1. ", "(2) ", "3、"), never a
#: number that begins the sentence ("9月24日", "3.5% growth", "2025 saw").
BULLET = re.compile(r"^\s*(?:[•\-*·]+|\(?\d{1,3}[.)、](?!\d))\s*")


@dataclass(frozen=True)
class Signal:
    id: str
    nature: str
    issuer: str | None
    speaker: str | None
    date: str | None
    occasion: str | None
    topics: list[str]
    sectors: list[str]
    addressees: list[str]
    start: int
    end: int
    rule: str
    confidence: float


#: A pronoun for the last person named, before a verb of saying: opening the sentence ("He
#: said", 他表示, 她强调; not 他们, they) or after what was said (", he said").
PRONOUN = re.compile(r"^(?:He|She)\b|^[他她](?!们|們)|[,，]\s*(?:he|she)\s+$")


def _speaker(reading: Reading, names: list[Name], cue: tuple[int, int], start: int) -> Name | None:
    """Who spoke: the last person named before the cue, the last one before the sentence when
    a pronoun stands for them, a person right after the cue ("said Zhou Min"), else the last
    organisation before the cue."""
    cue_at, cue_end = cue
    people = [n for n in names if n.section == "people" and n.start < cue_at]
    if people:
        return people[-1]
    if PRONOUN.search(reading.text[start:cue_at]):
        return reading.last_person_before(start)
    after = [n for n in names if n.section == "people" and cue_end <= n.start <= cue_end + 1]
    if after:
        return after[0]
    orgs = [n for n in names if n.section == "organisations" and n.start < cue_at]
    return orgs[-1] if orgs else None


def _issuer(
    speaker: Name | None, names: list[Name], posts: list[Post], event: Event | None
) -> str | None:
    if speaker is not None and speaker.section == "organisations":
        return speaker.id
    if event is not None and event.organiser:
        return event.organiser
    if speaker is not None:
        held = [p.organisation for p in posts if p.member == speaker.id]
        if held:
            return held[0]
    orgs = [n.id for n in names if n.section == "organisations"]
    return orgs[0] if orgs else None


#: What may stand between a verb of saying and the day it was said: where, or in what
#: ("said in a statement on Wednesday", "told reporters at a briefing on Friday").
SAID_WHERE = re.compile(
    r"\s+(?:\w+\s+)?(?:in|at|during)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,3}$"
)


def _said_on(reading: Reading, at: int) -> list[DateMention]:
    """The date right after a cue that ends at ``at``, or after where it was said."""
    right = reading.dates_in(at, at + 2)
    if right:
        return right
    near = reading.dates_in(at, at + 60)
    return [d for d in near[:1] if SAID_WHERE.fullmatch(reading.text[at : d.start])]


def _own_day(rule: str, surface: str) -> bool:
    """A date right after the cue that is the day it was said: "said Thursday", "told on
    Friday", "said on July 10" (not "said last month's plan ...")."""
    return rule == "weekday-said" or surface.lower().startswith("on ")


def _after(date: str, published: str) -> bool:
    """A day after the report's publication: what is announced for it was not said on it."""
    return bool(published) and len(date) == 10 and date > published


def find_signals(reading: Reading, posts: list[Post], events: list[Event]) -> list[Signal]:
    found: list[Signal] = []
    # an event after the report's publication was announced, not held: nothing was said at it
    published = reading.published or ""
    held = [e for e in events if not _after(e.date, published)]
    for number, sent in enumerate(reading.sentences):
        lead = BULLET.match(sent.text)
        body = fold(sent.text[lead.end() if lead else 0 :])  # 強調 is 强调; offsets kept
        directive = DIRECTIVE.search(body)
        interpretation = READING.search(body)
        if directive and (interpretation is None or directive.group(0).lower() not in SAYING):
            interpretation = None  # "X said the meeting signals ...": a reading, not an order
        else:
            directive = None
        cue = directive or interpretation
        if cue is None:
            continue
        start = own = sent.start + (lead.end() if lead else 0)  # the cue's offsets are own's
        if number and ATTRIBUTION.fullmatch(sent.text):  # “...,” then "Yue said." alone
            previous = reading.sentences[number - 1]
            if previous.text.rstrip().endswith(("”", '"')):
                start = previous.start
        end = sent.end
        if LEAD_IN.search(fold(sent.text)) and number + 1 < len(reading.sentences):
            end = reading.sentences[number + 1].end
        names = [  # a wire agency in a dateline filed the report: it neither speaks nor issues
            n
            for n in reading.in_span(start, end)
            if not agency_in_dateline(reading.text, n.start, n.end)
        ]
        before = [e for e in held if e.start <= sent.start]
        event = before[-1] if before else (held[0] if held else None)
        spoken = (own + cue.start(), own + cue.end())
        speaker = _speaker(reading, names, spoken, start) if directive else None
        # a date after the cue tells what was said ("said that last month's plan..."), not when,
        # unless it is the cue's own day ("the bank said Thursday")
        at = own + cue.end()
        said = [d for d in _said_on(reading, at) if _own_day(d.rule, d.surface)]
        dates = [d.value for d in reading.dates_in(start, own + cue.start()) + said]
        dates = [d for d in dates if not _after(d, published)]
        if dates:  # "" when the sentence's own date is relative to an unknown publication date
            date: str | None = dates[0] or None
            if date and event and len(date) < 10 and event.known_day.startswith(date):
                date = None  # "今年6月在某论坛上宣布": the edition's day is known, not given here
        else:
            date = event.date if event and event.date else reading.date_before(start)
            date = None if date and _after(date, published) else date
        topics = reading.concepts_in(start, end, "topic.")
        main = reading.main_topic()
        if not topics and main:
            topics = [main]
        signal_id = f"signal-{date or 'undated'}-{len(found) + 1:02d}"
        found.append(
            Signal(
                id=signal_id,
                nature="nature.directive" if directive else "nature.interpretation",
                issuer=_issuer(speaker, names, posts, event),
                speaker=speaker.id if speaker else None,
                date=date,
                occasion=event.id if event else None,
                topics=topics,
                sectors=reading.concepts_in(start, end, "sector."),
                addressees=[n.id for n in names if n.section == "audiences"],
                start=start,
                end=end,
                rule=f"cue.{slug(cue.group(0), 3)}" if cue.group(0).isascii() else "cue.zh",
                confidence=0.6 if speaker or not directive else 0.4,
            )
        )
    return found
