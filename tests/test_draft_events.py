"""Events and participations (``policygraph.drafting.events``). The forum, people and
sentences are made up for these tests (English, simplified and traditional Chinese); nothing
is read from data/."""

from __future__ import annotations

import pytest
from tests.test_draft_rules_real import CENTRAL_BANK, PEOPLE, PLACES, source

from policygraph.drafting.draft import Item, draft_text
from policygraph.drafting.events import KnownEvent
from policygraph.drafting.gazetteer import Entry, Gazetteer

FORUM = [
    Entry("forum-harbour", "forums", "Harbour Finance Forum", "gazetteer.label"),
    Entry("forum-harbour", "forums", "海港金融论坛", "gazetteer.label"),
    Entry("person-qian-lei", "people", "Qian Lei", "gazetteer.label"),
]
EDITIONS = [
    KnownEvent("event-2025-06-18-harbour", "2025-06-18", None, edition_of="forum-harbour"),
    KnownEvent("event-2024-06-19-harbour", "2024-06-19", None, edition_of="forum-harbour"),
]


def _events(text: str, language: str, published: str = "2025-08-09") -> list[Item]:
    gazetteer = Gazetteer([*CENTRAL_BANK, *PEOPLE, *PLACES, *FORUM])
    draft = draft_text(source(text, published, language), gazetteer, EDITIONS)
    return draft.sections.get("events", [])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zhou Min spoke at the Harbour Finance Forum 2025 in Hangzhou.", "en"),
        ("Zhou Min gave a speech at the recent Harbour Finance Forum 2025.", "en"),
        ("周敏今年6月在海港金融论坛发言。", "zh"),
        ("周敏今年6月在海港金融論壇發言。", "zh"),  # traditional
    ],
)
def test_a_forum_s_edition_is_restated_from_its_year_or_month(text: str, language: str) -> None:
    (event,) = _events(text, language)
    assert event["id"] == "event-2025-06-18-harbour"
    assert "date" not in event  # the text does not give the day: none is written
    assert event["draft"]["rule"] == "event.restatement"  # type: ignore[index]
    assert [p["who"] for p in event["participants"]] == ["person-zhou-min"]  # type: ignore[union-attr]
    assert event["participants"][0]["role"] == "prole.speaker"  # type: ignore[index]


@pytest.mark.parametrize(
    "text",
    [
        "Zhou Min spoke at the Harbour Finance Forum.",  # no year: which edition?
        "Zhou Min spoke at the Harbour Finance Forum 2023.",  # an edition the project lacks
        "Zhou Min spoke at a forum in 2025.",  # no forum named
    ],
)
def test_no_edition_is_guessed(text: str) -> None:
    assert _events(text, "en") == []


def test_co_chairs_of_a_dated_event_chair_it() -> None:
    text = "Zhou Min and Qian Lei will co-chair the forum in Hangzhou on June 18, 2025."
    (event,) = _events(text, "en")
    roles = {p["who"]: p["role"] for p in event["participants"]}  # type: ignore[union-attr]
    assert roles == {"person-zhou-min": "prole.chair", "person-qian-lei": "prole.chair"}


@pytest.mark.parametrize(
    "said",
    [
        "At the forum, Zhou Min said the bank would act.",
        "A plan discussed at the forum was unveiled by Zhou Min.",
    ],
)
def test_who_says_something_at_the_meeting_spoke_at_it(said: str) -> None:
    text = f"The forum opened in Hangzhou on June 18, 2025. {said}"
    (event,) = _events(text, "en")
    roles = {p["who"]: p["role"] for p in event["participants"]}  # type: ignore[union-attr]
    assert roles == {"person-zhou-min": "prole.speaker"}
    # said elsewhere, not at the meeting: no participation
    (event,) = _events("The forum opened in Hangzhou on June 18, 2025. Zhou Min said so.", "en")
    assert not event.get("participants")


def test_a_chair_as_a_noun_is_no_cue() -> None:
    text = "Zhou Min, chair of the panel, attended the forum on June 18, 2025."
    (event,) = _events(text, "en")
    assert [p["role"] for p in event["participants"]] == ["prole.attendee"]  # type: ignore[index]


def test_bodies_listed_as_attending_attend_where_no_person_is_named() -> None:
    bodies = [Entry("org-police", "organisations", "公安部", "gazetteer.label"),
              Entry("org-justice", "organisations", "司法部", "gazetteer.label")]  # fmt: skip
    gazetteer = Gazetteer([*CENTRAL_BANK, *PEOPLE, *bodies])
    text = "2025年11月28日，中国人民银行召开协调机制会议。公安部、司法部有关负责人出席会议。"
    (event,) = draft_text(source(text), gazetteer).sections["events"]
    roles = {p["who"]: p["role"] for p in event["participants"]}  # type: ignore[union-attr]
    # the organiser does not attend its own meeting; each listed body does
    assert roles == {"org-police": "prole.attendee", "org-justice": "prole.attendee"}
    text = "2025年11月28日，中国人民银行召开会议。司法部副部长周敏出席会议。"
    (event,) = draft_text(source(text), gazetteer).sections["events"]
    # beside a person, the body is where that person works: the person attends
    assert [p["who"] for p in event["participants"]] == ["person-zhou-min"]  # type: ignore[union-attr]


def test_a_signal_said_at_an_edition_dated_by_month_only_takes_no_date() -> None:
    text = "今年6月，周敏在海港金融论坛上宣布，将设立支付中心。"
    draft = draft_text(source(text, "2025-09-26", "zh"),
                       Gazetteer([*CENTRAL_BANK, *PEOPLE, *PLACES, *FORUM]), EDITIONS)  # fmt: skip
    (signal,) = draft.sections["signals"]
    # the project knows the edition's day (18 June); the text gives its month: no date drafted
    assert "date" not in signal
    assert signal["occasion"] == "event-2025-06-18-harbour"
