"""Which sentences are drafted as signals, and of which nature (``policygraph.drafting.cues``).
The sentences are made up for these tests (English, simplified and traditional Chinese);
nothing is read from data/."""

from __future__ import annotations

import pytest
from tests.test_draft_rules_real import CENTRAL_BANK, PEOPLE, gazetteer, section, source

from policygraph.drafting.draft import draft_text
from policygraph.drafting.gazetteer import Entry, Gazetteer


@pytest.mark.parametrize(
    ("text", "language", "nature", "speaker"),
    [
        # the present tense of "said", as features and analyses report speech
        ("Zhou Min says banks must widen payments.", "en", "directive", "person-zhou-min"),
        ("Zhou Min reaffirmed the ban on lending.", "en", "directive", "person-zhou-min"),
        ("The People's Bank of China reaffirms its stance.", "en", "directive", "org-cb"),
        ("周敏表示，银行将扩大支付试点。", "zh", "directive", "person-zhou-min"),
        ("周敏表示，銀行將擴大支付試點。", "zh", "directive", "person-zhou-min"),  # traditional
        ("周敏重申，银行不得放贷。", "zh", "directive", "person-zhou-min"),
        (
            "Zhou Min explained that banks must widen payments.",
            "en",
            "directive",
            "person-zhou-min",
        ),
        ("周敏希望银行扩大支付试点。", "zh", "directive", "person-zhou-min"),  # a wish, an aim
        ("Zhou Min explained that the plan signals a shift.", "en", "interpretation", None),
        # an opinion is a reading, as "suggests" is; it wins over a verb of saying
        ("周敏认为，这份声明划出了一条红线。", "zh", "interpretation", None),
        ("钱磊認為，這份聲明劃出了一條紅線。", "zh", "interpretation", None),
        ("周敏表示，她认为试点将扩大。", "zh", "interpretation", None),
        ("Zhou Min says the plan signals a shift.", "en", "interpretation", None),
        # warnings, unveilings, what will be set up or was opened; a reading that reflects,
        # suggests or highlights
        ("Zhou Min warned of risks in stablecoins.", "en", "directive", "person-zhou-min"),
        ("A payments hub will be established in Hangzhou.", "en", "directive", None),
        ("The payments hub was officially opened in Hangzhou.", "en", "directive", None),
        ("The hub reflects a wider goal of wider payments.", "en", "interpretation", None),
        ("Analysts suggested supporting yuan-pegged tokens.", "en", "interpretation", None),
        # what reports and unnamed sources say is a reading; 各单位要 (every unit must) a directive
        ("Banks will trial the tokens, according to two officials.", "en", "interpretation", None),
        ("The bank has reportedly paused the trial.", "en", "interpretation", None),
        ("據報導，銀行暫停試點。", "zh", "interpretation", None),
        ("有消息人士透露，三家公司入圍。", "zh", "interpretation", None),
        ("各單位要加強信息共享，提升監測能力。", "zh", "directive", None),
    ],
)
def test_verbs_of_saying_and_opinion_are_cues(
    text: str, language: str, nature: str, speaker: str | None
) -> None:
    (signal,) = section(text, "signals", language=language)
    assert signal["nature"] == f"nature.{nature}"
    assert signal.get("speaker") == speaker


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zhou Min's essays were read.", "en"),  # "says" inside a word is no cue
        ("The reaffirmation ceremony was held.", "en"),
        ("周敏出席了会议。", "zh"),
        ("银行需要时间，主要原因是成本。", "zh"),  # 要 inside 需要 and 主要 is no cue
    ],
)
def test_no_cue_no_signal(text: str, language: str) -> None:
    assert section(text, "signals", language=language) == []


def _signal_dates(text: str, published: str) -> list[str]:
    draft = draft_text(source(text, published, "en"), gazetteer())
    return [str(s.get("date", "")) for s in draft.sections.get("signals", [])]


def test_a_signal_is_not_dated_by_an_event_after_the_report() -> None:
    text = (
        "The payments forum will be held in Hangzhou on June 18, 2026, officials were told "
        "on Friday.\nZhou Min said banks must widen payments."
    )
    # published Friday 29 May 2026: the forum was announced, nothing was said at it yet
    assert _signal_dates(text, "2026-05-29") == ["2026-05-29", "2026-05-29"]


def test_a_signal_after_the_event_it_was_said_at_takes_its_day() -> None:
    text = (
        "The payments forum was held in Hangzhou on June 18, 2026.\nZhou Min said banks must act."
    )
    assert _signal_dates(text, "2026-06-20") == ["2026-06-18"]


@pytest.mark.parametrize(
    ("text", "language", "quote"),
    [
        # a number that begins the sentence is part of it, not a list item's mark
        ("9月24日，某中心业务平台推介会举行，标志着该中心正式投入运营。", "zh", "9月24日，"),
        ("3.5% growth signals a shift, Zhou Min said.", "en", "3.5% growth"),
        # a list item's mark is not quoted
        ("1. Zhou Min urged banks to widen payments.", "en", "Zhou Min urged"),
        ("(2) Zhou Min urged banks to widen payments.", "en", "Zhou Min urged"),
        ("3、周敏要求银行扩大支付试点。", "zh", "周敏要求"),
        ("• Zhou Min urged banks to widen payments.", "en", "Zhou Min urged"),
    ],
)
def test_a_signal_quote_keeps_a_leading_number_and_drops_a_bullet(
    text: str, language: str, quote: str
) -> None:
    (signal,) = section(text, "signals", language=language)
    assert str(signal["quote"]).startswith(quote)


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        # where it was said may stand between the verb and the day
        ("Eddie Yue said in a statement on Wednesday that banks must act.", "2025-07-23"),
        ("Eddie Yue told reporters at a briefing on Friday that banks must act.", "2025-07-18"),
        # a day further on, or after "that", is what was said, not when: the day before it dates it
        ("Eddie Yue said in a statement that rules from Wednesday must hold.", "2025-07-20"),
        ("Eddie Yue said the ordinance, in force on Friday, must hold.", "2025-07-20"),
    ],
)
def test_the_day_a_thing_was_said_may_follow_where(sentence: str, day: str) -> None:
    text = "The bank set out its plan on July 20, 2025.\n" + sentence
    assert _signal_dates(text, "2025-07-24")[-1] == day


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a pronoun stands for the last person named: after what was said, or opening the sentence
        ("Zhou Min opened the meeting on Monday. Banks must widen payments, he said.", "en"),
        ("周敏周一出席会议。他表示，银行将扩大支付试点。", "zh"),
        ("周敏周一出席会议。她强调，银行不得放贷。", "zh"),
        # the speaker named right after the verb
        ('Zhou Min opened the meeting on Monday. "Banks must act," said Zhou Min.', "en"),
    ],
)
def test_the_speaker_may_be_a_pronoun_or_follow_the_verb(text: str, language: str) -> None:
    (signal,) = section(text, "signals", language=language)
    assert signal.get("speaker") == "person-zhou-min"


def test_they_is_not_the_last_person_named() -> None:
    (signal,) = section(
        "周敏周一出席会议。他们表示，银行将扩大支付试点。", "signals", language="zh"
    )
    assert signal.get("speaker") is None


def test_a_quotation_and_the_sentence_that_says_who_spoke_are_one_signal() -> None:
    text = "“Only a few licences will be granted at first,” Zhou Min said."
    for written in (text, text.replace("” Zhou", "”\nZhou"), "Zhou Min stated,\n\n“Only a few.”"):
        (signal,) = section(written, "signals", language="en")
        assert signal["speaker"] == "person-zhou-min"
        assert "Only a few" in str(signal["quote"]), written


@pytest.mark.parametrize(
    ("text", "nature"),
    [
        ("监管部门10月叫停发行稳定币。", "directive"),
        ("这显示监管方对私营机构持审慎态度。", "interpretation"),
        ("不少人解读为香港是政策的试行点。", "interpretation"),
        ("Observers describe the strategy as tiered experimentation.", "interpretation"),
    ],
)
def test_halts_and_readings_are_cues(text: str, nature: str) -> None:
    language = "en" if text.isascii() else "zh"
    (signal,) = section(text, "signals", language=language)
    assert signal["nature"] == f"nature.{nature}"


def test_a_wire_agency_in_the_dateline_neither_speaks_nor_issues() -> None:
    known = Gazetteer([*CENTRAL_BANK, *PEOPLE, Entry("org-ag", "organisations", "Agency",
                                                     "gazetteer.label")])  # fmt: skip
    text = "HANGZHOU, March 3 (Agency) - A regulator said banks must widen payments."
    (signal,) = draft_text(source(text, language="en"), known).sections["signals"]
    assert "org-ag" not in (signal.get("issuer"), signal.get("speaker"))


def test_a_one_word_name_inside_another_persons_name_is_not_that_person() -> None:
    known = Gazetteer([Entry("person-he", "people", "Qing", "gazetteer.hidden")])
    assert [m.surface for m in known.find("Wu Qing spoke. Qing said more.")] == ["Qing", "Qing"]
    names = draft_text(source("Wu Qing spoke. Qing said more.", language="en"), known)
    assert [n["quote"] for n in names.sections["names"]] == ["Qing"]  # the second only
