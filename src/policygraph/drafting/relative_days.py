"""Days counted from a report's publication date: yesterday, last month, last week, which
Thursday, and the year a day without one means (``dates`` finds the expressions)."""

from __future__ import annotations

import datetime as dt
import re


def _month_back(day: dt.date, months: int) -> str:
    index = day.year * 12 + day.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def relative_day(word: str, pub: dt.date) -> str:
    """What "yesterday", 上月, "last year", 上周... mean for a report published on ``pub``,
    only as precise as the word is (a month for last month, a year for this year)."""
    word = word.lower()
    if word in ("yesterday", "昨天", "昨日"):
        return (pub - dt.timedelta(days=1)).isoformat()
    if word in ("today", "今天", "今日", "今起", "即日起"):  # 今起: from today on
        return pub.isoformat()
    if word in ("last month", "上月", "上个月"):
        return _month_back(pub, 1)
    if word in ("this month", "本月", "这个月"):
        return _month_back(pub, 0)
    if word in ("last year", "去年"):
        return f"{pub.year - 1:04d}"
    if word in ("last week", "上周"):
        return _week(pub, -1)
    return f"{pub.year:04d}"  # this year, 今年


def _week(pub: dt.date, back: int) -> str:
    """A week is not a calendar unit of the format: keep its month if the week lies in one."""
    monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=back)
    sunday = monday + dt.timedelta(days=6)
    if monday.month == sunday.month:
        return f"{monday.year:04d}-{monday.month:02d}"
    return f"{monday.year:04d}" if monday.year == sunday.year else ""


#: which weekday a qualifier means: the latest on or before publication (on Thursday, 周四),
#: strictly before (last, 上), in publication's week (this, 本, 这), in the next week (next, 下),
#: or the first on or after publication (until Thursday, 至周四: the end of what runs from now)
WHICH = {"last": "before", "上": "before", "上个": "before", "this": "week", "本": "week",
         "这": "week", "这个": "week", "next": "next", "下": "next", "下个": "next",
         "until": "after", "till": "after", "through": "after", "by": "after"}  # fmt: skip
UNTIL = re.compile(r"(?:至|到|\bto\s*)$", re.I)


def weekday_day(target: int, pub: dt.date, which: str, day: int | None) -> str:
    """That weekday, as ``which`` says (see ``WHICH``); with the day of the month the text
    gives beside it (周四(30日)), the one such day within a week of publication, else none."""
    if day is not None:
        near = [pub + dt.timedelta(days=d) for d in range(-7, 8)]
        same = [d for d in near if d.weekday() == target and d.day == day]
        return same[0].isoformat() if len(same) == 1 else ""
    monday = pub - dt.timedelta(days=pub.weekday())
    if which in ("week", "next"):
        return (monday + dt.timedelta(days=target + (7 if which == "next" else 0))).isoformat()
    if which == "after":
        return (pub + dt.timedelta(days=(target - pub.weekday()) % 7)).isoformat()
    back = (pub.weekday() - target) % 7
    if which == "before" and back == 0:
        back = 7
    return (pub - dt.timedelta(days=back)).isoformat()


def year_meant(month: int, day: int | None, pub: dt.date) -> int:
    """The year of ``month`` (and ``day``, a month alone counting from its 15th) as a report
    published on ``pub`` means it: the publication year, unless that puts the day more than half
    a year after ``pub`` (then last year's: "December 28" in January) or more than nine months
    before it (then next year's: 1月1日 in late December). Reports look back more than ahead,
    so a day half a year back stays in the publication year."""
    try:
        offset = (dt.date(pub.year, month, day or 15) - pub).days
    except ValueError:  # 29 February of a year without one
        return pub.year
    if offset > 183:
        return pub.year - 1
    if offset < -275:
        return pub.year + 1
    return pub.year
