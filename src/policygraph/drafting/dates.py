"""Date expressions of a text, normalised; relative ones against the publication date.

A value is as precise as the text: ``2025``, ``2025-07`` or ``2025-07-10``. A day is never
invented: "in July 2025" stays ``2025-07``; "July 10" without a year takes the year a report
published that day means ("December 28" in January is last December's, 1月1日 in late December
next year's; ``year_meant``).
An expression that needs a publication date the source does not give is left out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from policygraph.drafting.datelines import dateline_day
from policygraph.drafting.relative_days import UNTIL, WHICH, relative_day, weekday_day, year_meant
from policygraph.drafting.text import fold

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_M = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_ZD = r"(?P<zy>(?:19|20)\d\d)年"
_ZN = (
    r"(?P<ny>[〇零一二三四五六七八九]{4})年(?P<nm>[一二三四五六七八九十]{1,2})月"
    r"(?:(?P<nd>[一二三四五六七八九十]{1,3})[日号])?"
)
#: a day of the month in parentheses after a weekday: 周四(30日), Thursday (30th)
_PD = r"(?:\s*[(（]\s*(?P<pd>[0-3]?\d)(?:日|号|st|nd|rd|th)?\s*[)）])?"
ZH_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def zh_number(text: str) -> int:
    """一 .. 三十一 (and 二〇二五, digit by digit) as an integer."""
    if "十" not in text:
        return int("".join(str(ZH_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (ZH_DIGITS[tens] if tens else 1) * 10 + (ZH_DIGITS[units] if units else 0)


PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("iso", r"\b(?P<iy>(?:19|20)\d\d)(?P<sep>[-/.])(?P<im>[01]?\d)(?P=sep)(?P<id>[0-3]?\d)\b"),
        ("zh-numerals", _ZN),
        ("zh-full", _ZD + r"(?P<zm>1[0-2]|0?[1-9])月(?:(?P<zd>[0-3]?\d)[日号])?"),
        ("zh-day", r"(?<![\d年])(?P<zm>1[0-2]|0?[1-9])月(?P<zd>[0-3]?\d)[日号]"),
        ("zh-year", _ZD + r"(?![\d月])"),
        # 23日 alone: a day of the publication's month (of the month before, when after it)
        ("zh-day-only", r"(?<![\d月年/.\-第])(?P<dd>[12]?\d|3[01])日(?![\d])"),
        (
            "zh-rel-month",
            r"(?P<zry>今年|去年|明年)(?P<zm>1[0-2]|0?[1-9])月(?:(?P<zd>[0-3]?\d)[日号])?",
        ),
        ("en-mdy", r"\b" + _M + r"\s+" + _D + r"(?:,?\s+" + _Y + r")?\b"),
        ("en-dmy", r"\b" + _D + r"\s+" + _M + r"(?:,?\s+" + _Y + r")?\b"),
        (
            "en-my",
            r"\b(?:(?:in|of|since|by|during|from|until|early|late)\s+|mid-)"
            + _M
            + r"(?:\s+"
            + _Y
            + r")?\b(?!\s*\d{1,2}\b)",  # "from July 1" is a day, not a month
        ),
        ("en-year", r"\b(?:in|of|since|during)\s+" + _Y + r"\b(?![-/])"),
        (
            "weekday",
            r"\b(?P<wp>on|last|this|next|until|till|through|by)\s+(?P<wd>"
            + "|".join(WEEKDAYS)
            + r")\b"
            + _PD,
        ),
        # "the bank said Thursday": the day it was said (news style, no "on")
        (
            "weekday-said",
            r"(?:(?<=\bsaid )|(?<=\bsays )|(?<=\bannounced )|(?<=\bstated ))(?P<wd>"
            + "|".join(WEEKDAYS)
            + r")\b",
        ),
        (
            "zh-weekday",
            r"(?P<zwp>上个?|下个?|本|这个?)?(?:周|星期|礼拜)(?P<zwd>[一二三四五六日天])" + _PD,
        ),
        (
            "relative",
            r"\b(?P<rel>yesterday|today|last month|this month|last year|this year|"
            r"last week)\b|(?P<zrel>昨天|昨日|今天|今日|今起|即日起|上个?月|本月|这个月"
            r"|去年|今年|上周)",
        ),
        # "recently", 近日: a time the text does not give (a sentence dated so has no day)
        ("vague", r"\b(?:recently|in recent days|the other day)\b|近日|日前|近期|近来|前不久"),
    )
)


@dataclass(frozen=True)
class DateMention:
    """A date expression: its exact span, its value (YYYY, YYYY-MM or YYYY-MM-DD), its rule."""

    start: int
    end: int
    surface: str
    value: str
    rule: str
    relative: bool
    #: the end of a period ("to July 15", 至周四): what follows is dated by its start
    ends_range: bool = False
    #: the day of the report itself (a dateline, a byline's time stamp): like the publication
    #: date, it says when the text was written, not when what it reports happened
    stamp: bool = False
    #: the day something takes effect ("takes effect on 1 August", 将于8月1日生效): it dates
    #: the rule, not what was said or seen
    effective: bool = False


def _ymd(year: int | None, month: int, day: int | None, pub: dt.date | None) -> str:
    if year is None:
        if pub is None:
            return ""
        year = year_meant(month, day, pub)
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def _value(rule: str, m: re.Match[str], pub: dt.date | None) -> tuple[str, bool]:
    g = m.groupdict()
    if rule == "iso":
        return _ymd(int(g["iy"]), int(g["im"]), int(g["id"]), None), False
    if rule == "zh-numerals":
        day = zh_number(g["nd"]) if g.get("nd") else None
        return _ymd(zh_number(g["ny"]), zh_number(g["nm"]), day, None), False
    if rule in ("zh-full", "zh-day"):
        year = int(g["zy"]) if g.get("zy") else None
        day = int(g["zd"]) if g.get("zd") else None
        return _ymd(year, int(g["zm"]), day, pub), year is None
    if rule == "zh-year":
        return g["zy"], False
    if rule in ("en-mdy", "en-dmy", "en-my"):
        year = int(g["year"]) if g.get("year") else None
        day = int(g["day"]) if g.get("day") else None
        return _ymd(year, MONTHS[g["mon"].lower()], day, pub), year is None
    if rule == "en-year":
        return g["year"], False
    if pub is None:
        return "", True
    if rule == "zh-day-only":
        day = int(g["dd"])
        month = pub if day <= pub.day else pub.replace(day=1) - dt.timedelta(days=1)
        return _ymd(month.year, month.month, day, None), True
    if rule == "zh-rel-month":  # 今年6月: June of the year of publication
        year = pub.year + {"今年": 0, "去年": -1, "明年": 1}[g["zry"]]
        return _ymd(year, int(g["zm"]), int(g["zd"]) if g.get("zd") else None, None), True
    if rule in ("weekday", "weekday-said", "zh-weekday"):
        target = ZH_WEEKDAYS[g["zwd"]] if rule == "zh-weekday" else WEEKDAYS[g["wd"].lower()]
        which = WHICH.get((g.get("wp") or g.get("zwp") or "").lower(), "on")
        if which == "on" and UNTIL.search(m.string[max(0, m.start() - 4) : m.start()]):
            which = "after"  # 今起至周四: a period from now to Thursday
        day = int(g["pd"]) if g.get("pd") else None
        return weekday_day(target, pub, which, day), True
    if rule == "vague":
        return "", True
    return relative_day(g.get("rel") or g.get("zrel") or "", pub), True


def publication_day(published: str | None) -> dt.date | None:
    """The publication date when known to the day (relative dates need the day)."""
    if published and len(published) == 10:
        return dt.date.fromisoformat(published)
    return None


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every date expression of ``text``, non-overlapping, earliest and longest first.

    A relative expression that needs an unknown publication date has the value ``""``.
    """
    pub = publication_day(published)
    folded = fold(text)  # 這個月 is 这个月, ４月 is 4月; offsets kept
    hits: list[DateMention] = []
    for rule, pattern in PATTERNS:
        for m in pattern.finditer(folded):
            value, relative = _value(rule, m, pub)
            if value or relative:  # an unresolved relative date is kept, with no value
                start, end = m.span()
                hits.append(DateMention(start, end, text[start:end], value, rule, relative))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[DateMention] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return [
        replace(d, stamp=_stamp(text, d), effective=_effective(text, d))
        for d in _ranges(text, kept)
    ]


#: Words that make a date the day something takes effect: before it in English, after it in
#: Chinese (read in simplified form).
_EFFECT_BEFORE = re.compile(
    r"(?:(?:take|takes|took|taking|come|comes|came|coming) (?:into )?(?:effect|force)|"
    r"effective|in force) (?:on |from |as of )?$",
    re.IGNORECASE,
)
_EFFECT_AFTER = re.compile(r"^\s*(?:起)?(?:已经|已|将)?(?:正式)?(?:生效|施行|实施)")


def _effective(text: str, date: DateMention) -> bool:
    """Whether the date is when something takes effect (``DateMention.effective``)."""
    before = text[max(0, date.start - 40) : date.start]
    return bool(
        _EFFECT_BEFORE.search(before) or _EFFECT_AFTER.match(fold(text[date.end : date.end + 6]))
    )


#: A byline's time after its date at the start of a line: "Jul 11, 2025 2:12 AM".
CLOCK = re.compile(r"[ \t]*(?:[0-2]?\d:[0-5]\d)(?:[ \t]*[AaPp]\.?[Mm]\.?)?\b")


def _stamp(text: str, date: DateMention) -> bool:
    """A dateline's or a byline's date: a dateline's day (``datelines``), or a date that opens
    its line before a time of day."""
    if dateline_day(text, date.start, date.end):
        return True
    before = text[text.rfind("\n", 0, date.start) + 1 : date.start]
    return not before.strip() and CLOCK.match(text, date.end) is not None


RANGE = re.compile(r"^\s*(?:to|until|through|and|-|–|—|至|到)\s*$")
PERIOD = re.compile(r"^\s*(?:to|until|through|-|–|—|至|到)\s*$")  # "and" joins two days


def _ranges(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "July 1 to July 15, 2025": the second is the end of a range, and the first day takes
    the year the range ends with."""
    out = list(found)
    for i, (first, second) in enumerate(zip(found, found[1:], strict=False)):
        if PERIOD.match(text[first.end : second.start]):
            out[i + 1] = replace(second, ends_range=True)
        year = second.value[:4] if second.value and not second.relative else ""
        if not (first.relative and year and first.rule in ("en-mdy", "en-dmy", "zh-day")):
            continue
        if not RANGE.match(text[first.end : second.start]):
            continue
        m = dict(PATTERNS)[first.rule].fullmatch(fold(first.surface))
        if m:
            g = m.groupdict()
            month = int(g["zm"]) if first.rule == "zh-day" else MONTHS[g["mon"].lower()]
            day = int(g["zd"] if first.rule == "zh-day" else g["day"])
            value = _ymd(int(year), month, day, None)
            out[i] = replace(out[i], value=value, relative=False)
    return out
