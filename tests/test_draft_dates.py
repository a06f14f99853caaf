"""Which date a drafted record takes: periods, weekdays before and after publication, vague
times, and the report's own day (a dateline, a byline's time), in English and Chinese."""

from __future__ import annotations

import pytest
from tests.test_draft_rules import gazetteer, source
from tests.test_draft_rules_real import section

from policygraph.drafting.dates import find_dates
from policygraph.drafting.draft import draft_text


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the day beside a weekday decides which one it is; a contradiction leaves it open
        ("论坛今起至周四(30日)举行。", "2026-04-27", ["2026-04-27", "2026-04-30"]),
        ("The fair closes on Friday (1st).", "2026-04-27", ["2026-05-01"]),
        ("会议周三（20日）召开。", "2026-05-22", ["2026-05-20"]),
        ("会议周三（21日）召开。", "2026-05-22", [""]),  # 21 May 2026 is a Thursday
        # next week, this week, until: not the latest past one
        ("下周二将公布细则。", "2026-05-21", ["2026-05-26"]),
        ("本周五发布。", "2026-05-19", ["2026-05-22"]),
        ("The rules take effect next Tuesday.", "2026-05-21", ["2026-05-26"]),
        ("Comments are open until Friday.", "2026-05-19", ["2026-05-22"]),
        ("征求意见至周五。", "2026-05-19", ["2026-05-22"]),
        ("星期三，委员会召开会议。", "2026-05-22", ["2026-05-20"]),  # bare: the past one
        ("即日起实施。", "2026-05-22", ["2026-05-22"]),
        # a time the text does not give is not the nearest date before it
        ("近日，该委召开会议。", "2026-05-22", [""]),
        ("The bank recently told lenders to cut fees.", "2026-05-22", [""]),
        # "said Thursday": the day it was said
        ("The ministry said Thursday it would act.", "2026-05-23", ["2026-05-21"]),
        # a month and day without a year: the year that puts it nearest the publication
        ("In a December 28 article, the deputy governor wrote", "2026-01-14", ["2025-12-28"]),
        ("新规将于1月1日起施行。", "2025-12-29", ["2026-01-01"]),
        ("The forum opened on June 18.", "2025-07-12", ["2025-06-18"]),
        ("The rules were issued in December.", "2026-01-10", ["2025-12"]),
        ("会议于3月5日召开。", "2025-09-20", ["2025-03-05"]),  # half a year: this year's
    ],
)
def test_which_day(text: str, published: str, expected: list[str]) -> None:
    assert [d.value for d in find_dates(text, published)] == expected


def test_a_dateline_and_a_byline_time_are_the_report_s_own_day() -> None:
    text = (
        "Example headline\nMay 22, 2026 9:05 AM\n\nNANJING, May 22 (Example News) - "
        "A regulator said it met.\n新华社南京5月22日电 监管部门表示。"
    )
    found = [(d.value, d.stamp) for d in find_dates(text, "2026-05-22")]
    assert found == [("2026-05-22", True), ("2026-05-22", True), ("2026-05-22", True)]
    # a date in an ordinary sentence is not a stamp, even at a line's start or before a time
    assert [d.stamp for d in find_dates("May 20, 2026 was a Wednesday.", None)] == [False]
    assert [d.stamp for d in find_dates("It opened on May 20, 2026 10:00.", None)] == [False]
    assert [d.stamp for d in find_dates("该报道称5月20日电力供应恢复。", None)] == [False]


def test_a_signal_after_a_dateline_takes_the_day_it_was_said_not_the_report_s() -> None:
    said = (
        "BEIJING, May 22 (Example News) -- Rules on stablecoin issuers take effect soon, "
        "the People's Bank of China said Thursday."
    )
    (signal,) = draft_text(source(said, "2026-05-22"), gazetteer()).sections["signals"]
    assert str(signal["date"]) == "2026-05-21"
    urged = "HONG KONG, May 22 (Example News) - The PBOC urged banks to report stablecoin use."
    (signal,) = draft_text(source(urged, "2026-05-22"), gazetteer()).sections["signals"]
    assert "date" not in signal  # only the report's day: left to the reviewer
    assert "date" in signal["draft"]["missing"]  # type: ignore[index]


def test_what_follows_a_period_is_dated_by_its_start_and_recently_by_nothing() -> None:
    text = (
        "2026陆家嘴论坛今起至周四(30日)举行。中国人民银行行长潘功胜在开幕式上强调，稳定币风险需关注。"
        "近日，中国人民银行召开会议，要求各单位加强监测。"
    )
    result = draft_text(source(text, "2026-04-27"), gazetteer())
    dates = [str(s.get("date", "")) for s in result.sections["signals"]]
    assert dates == ["2026-04-27", ""]  # never the period's end; 近日 is no day
    posts = result.sections["posts"]
    assert {str(p["observed_on"]) for p in posts} == {"2026-04-27"}


def test_a_text_without_a_day_gives_none_not_its_publication_date() -> None:
    text = "The People's Bank of China urged lenders to watch stablecoin risks."
    (signal,) = draft_text(source(text, "2026-05-22"), gazetteer()).sections["signals"]
    assert "date" not in signal


@pytest.mark.parametrize(
    "text",
    [
        "The ordinance takes effect on 1 August 2026.",
        "The rules came into force on 1 August 2026.",
        "条例将于2026年8月1日起正式生效。",
        "办法自2026年8月1日起施行。",
        "本港於2026年8月1日已生效《條例》。",
    ],
)
def test_the_day_something_takes_effect_dates_no_saying(text: str) -> None:
    (found,) = find_dates(text, "2026-07-24")
    assert (found.value, found.effective) == ("2026-08-01", True)
    assert not find_dates("The meeting on 1 August 2026 said so.", None)[0].effective


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("香港金管局23日表示，将加强监管。", "2026-07-24", "2026-07-23"),
        ("央行于28日召开会议。", "2026-07-24", "2026-06-28"),  # after the 24th: last month's
        ("央行于28日召开会议。", None, ""),  # no publication day: no day
    ],
)
def test_a_chinese_day_alone_is_of_the_publications_month(
    text: str, published: str | None, value: str
) -> None:
    (found,) = find_dates(text, published)
    assert (found.rule, found.value) == ("zh-day-only", value)
    assert find_dates("会议第3日，周日举行。", "2026-07-24")[0].rule == "zh-weekday"  # not 第3日


def test_a_meeting_is_dated_by_the_day_nearest_its_word() -> None:
    text = "央行官网25日公布消息，示范推介会24日在杭州举行。"
    (event,) = section(text, "events", published="2026-07-26")
    assert str(event["date"]) == "2026-07-24"


@pytest.mark.parametrize(
    "text",
    [
        "另就滙豐上周五出現的系統故障，中国人民银行透露，已要求滙豐盡快提交調查報告。",
        "The People's Bank of China, asked about the outage that occurred last Friday, urged "
        "lenders to report.",
    ],
)
def test_the_day_of_an_incident_a_statement_names_does_not_date_it(text: str) -> None:
    (signal,) = draft_text(source(text, "2026-02-02"), gazetteer()).sections["signals"]
    assert "date" not in signal
    said = "中国人民银行上周五表示，已要求银行盡快提交調查報告。"  # its own day still dates it
    (dated,) = draft_text(source(said, "2026-02-02"), gazetteer()).sections["signals"]
    assert str(dated["date"]) == "2026-01-30"


def test_a_post_is_not_seen_on_a_day_after_the_report() -> None:
    text = (
        "明年1月1日，新版数字人民币上线。12月20日有关方案出台。"
        "中国人民银行行长潘功胜撰文指出其意义。"
    )
    (post,) = draft_text(source(text, "2025-12-29"), gazetteer()).sections["posts"]
    assert str(post["observed_on"]) == "2025-12-20"  # not 2026-01-01, a day still to come
    alone = "明年1月1日，新版数字人民币上线。中国人民银行行长潘功胜撰文指出其意义。"
    (post,) = draft_text(source(alone, "2025-12-29"), gazetteer()).sections["posts"]
    assert "observed_on" not in post and "observed_on" in post["draft"]["missing"]  # type: ignore[operator]
