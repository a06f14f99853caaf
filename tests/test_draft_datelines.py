"""A dateline read once, for the date, place and body rules (``drafting.datelines``). The texts
are made up for these tests."""

from __future__ import annotations

import pytest

from policygraph.drafting.datelines import Dateline, datelines


def _parts(text: str, line: Dateline) -> tuple[str | None, ...]:
    spans = (line.place, line.day, line.agency)
    return tuple(text[span[0] : span[1]] if span else None for span in spans)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Headline\n\nHANGZHOU, March 3 (Agency) - A lender said",
            ("HANGZHOU", "March 3", "Agency"),
        ),
        ("HONG KONG, Zhejiang, Sept. 25 (Xinhua) -- text", ("HONG KONG", "Sept. 25", "Xinhua")),
        ("新华社杭州3月3日电 一家银行表示", ("杭州", "3月3日", "新华社")),
        ("新華社杭州3月3日電（记者某某）一家銀行表示", ("杭州", "3月3日", "新華社")),
        ("（中央社台北2日電）中國人民銀行近日召開會議", ("台北", "2日", "中央社")),
    ],
)
def test_a_datelines_place_day_and_agency(text: str, parts: tuple[str, ...]) -> None:
    (line,) = datelines(text)
    assert _parts(text, line) == parts


@pytest.mark.parametrize(
    "text",
    [
        "HANGZHOU (Agency) - A lender said",  # no comma: a headline's words
        "In HANGZHOU, March 3 was busy",  # not at the line's start
        "Hangzhou, March 3 - a lender said",  # not in capitals
        "会议在杭州3月3日举行",
        "该报道称5月20日电力供应恢复。",  # 电力, not 电
    ],
)
def test_no_dateline(text: str) -> None:
    assert datelines(text) == ()
