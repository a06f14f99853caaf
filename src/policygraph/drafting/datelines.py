"""A news report's dateline: where and when it was filed, and by which agency.

"HONG KONG, July 11 (Reuters) -", "BEIJING, Sept. 25 (Xinhua) --", 新华社香港7月23日电,
（中央社台北2日電）: a line opens with the place (in capitals, with a comma, in English), the
day and the agency. They are the report's own, not what it reports on: the date rules do not
date a signal by that day (``dates``), and the place and the agency are not proposed as
mentions (``places``). This module is the one reading of a dateline they share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policygraph.drafting.text import fold_char

#: "HONG KONG, July 11 (Reuters) -", "HANGZHOU, Zhejiang, March 3 (Agency) -": the place in
#: capitals and a comma, then the day, the agency or both.
_EN = re.compile(
    r"(?m)^[ \t]*(?P<place>[A-Z][A-Z.'-]*(?:[ ][A-Z][A-Z.'-]*)*)(?:,[ \t]*[A-Z][A-Za-z .'-]*)?,"
    r"[ \t]*(?P<day>[A-Z][a-z]{2,}\.?[ \t]+\d{1,2}\b)?[ \t]*(?P<agency>\([A-Z][\w./ -]*\))?"
)
#: 新华社香港7月23日电, 中新网上海9月24日电 (read in simplified form): the agency, the place, the
#: day, 电 or 讯 (then a space, a bracket or the line's end: not 电力).
_ZH = re.compile(
    r"(?m)^[ \t（(]*(?P<agency>[\u4e00-\u9fff]{0,8}?(?:社|网|报|台))"
    r"(?P<place>[\u4e00-\u9fff]{0,8}?)(?P<day>\d{1,2}月\d{1,2}日|\d{1,2}日)[ \t]*[电讯]"
    r"(?=[\s(（)）]|$)"
)


@dataclass(frozen=True)
class Dateline:
    """The spans (start, end) of a dateline's parts; ``None`` for a part it leaves out."""

    place: tuple[int, int] | None
    day: tuple[int, int] | None
    agency: tuple[int, int] | None


@lru_cache(maxsize=8)
def datelines(text: str) -> tuple[Dateline, ...]:
    """Every dateline of ``text``."""
    found: list[Dateline] = []
    for m in _EN.finditer(text):
        if m.group("day") or m.group("agency"):
            agency = m.span("agency") if m.group("agency") else None
            if agency is not None:  # the name inside the brackets
                agency = (agency[0] + 1, agency[1] - 1)
            found.append(Dateline(m.span("place"), _span(m, "day"), agency))
    simplified = "".join(fold_char(c) if "\u3400" <= c <= "\u9fff" else c for c in text)
    for m in _ZH.finditer(simplified):  # 電 is 电; lines and offsets kept
        found.append(Dateline(_span(m, "place"), m.span("day"), m.span("agency")))
    return tuple(found)


def _span(m: re.Match[str], group: str) -> tuple[int, int] | None:
    return m.span(group) if m.group(group) else None


def _inside(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and span[0] <= start and end <= span[1]


def dateline_place(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is (inside) a dateline's place."""
    return any(_inside(d.place, start, end) for d in datelines(text))


def dateline_day(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is (inside) a dateline's day."""
    return any(_inside(d.day, start, end) for d in datelines(text))


def dateline_agency(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is (inside) a dateline's agency."""
    return any(_inside(d.agency, start, end) for d in datelines(text))
