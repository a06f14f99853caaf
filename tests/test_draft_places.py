"""Which named places a draft proposes (``policygraph.drafting.places``). The sentences are made
up for these tests (English, simplified and traditional Chinese); nothing is read from data/."""

from __future__ import annotations

import pytest
from tests.test_draft_rules_real import section

from policygraph.drafting.places import (
    agency_in_dateline,
    in_dateline,
    in_noun_phrase,
    locative,
    proposed,
    subject,
)
from policygraph.drafting.reading import Name

PLACE = "Hangzhou"


def _modifies(text: str, place: str = PLACE) -> bool:
    start = text.index(place)
    return in_noun_phrase(text, start, start + len(place))


@pytest.mark.parametrize(
    "text",
    [
        "A Hangzhou regulator said it met banks.",
        "an Hangzhou-based lender",
        "The bank opened its Hangzhou office.",
        "Each Hangzhou district reported.",
        "two officials and another\nHangzhou official",
    ],
)
def test_a_place_after_a_determiner_qualifies_the_noun_that_follows(text: str) -> None:
    assert _modifies(text)


@pytest.mark.parametrize(
    "text",
    [
        "Banks in Hangzhou were urged to lend.",
        "Hangzhou said it would lend.",
        "a Hangzhou that never sleeps",  # the place is the noun of its own phrase
        "a Hangzhou of small lenders",
        "a Hangzhou.",
        "the Hangzhou regulator",  # "the" is part of some places' names: not read
        "Hangzhou's regulator",  # a possessive place can be a concern ("Hangzhou's status")
        "Data, Hangzhou regulators",  # no determiner: "Hangzhou regulators" or "Hangzhou said"
    ],
)
def test_a_place_as_the_noun_of_its_phrase_is_not_a_modifier(text: str) -> None:
    assert not _modifies(text)


@pytest.mark.parametrize(
    ("text", "modifies"),
    [
        ("一家杭州券商表示，将扩大试点。", True),
        ("這位杭州官員表示，將擴大試點。", True),  # traditional: 這位 is 这位
        ("两个杭州项目已经启动。", True),
        ("会议在杭州举行。", False),
        ("杭州市政府表示，将扩大试点。", False),
        ("建设一个更开放的杭州。", False),  # an adjective between: the place is the noun
        ("只有一个杭州。", False),
    ],
)
def test_chinese_a_place_after_a_numeral_or_demonstrative_and_measure_word(
    text: str, modifies: bool
) -> None:
    assert _modifies(text, "杭州") is modifies


def _place(text: str, at: int, place: str = PLACE) -> Name:
    return Name(
        at, at + len(place), place, "place-hangzhou", "places", True, "gazetteer.label", 0.9
    )


def test_a_place_is_proposed_inside_a_claim_and_not_as_a_modifier() -> None:
    text = "A Hangzhou regulator met banks. Hangzhou grew."
    first, second = _place(text, text.index(PLACE)), _place(text, text.rindex(PLACE))
    claims = [(0, len(text))]
    assert not proposed(text, first, claims)
    assert proposed(text, second, claims)
    assert not proposed(text, second, [])  # outside a claim, and not a location


@pytest.mark.parametrize(
    ("text", "place", "where"),
    [
        ("The lender opened two offices, in Ningbo and in Hangzhou.", PLACE, True),
        ("A fund will be set up at Hangzhou next year.", PLACE, True),
        ("Payments grew across\nHangzhou.", PLACE, True),
        ("银行将在杭州设立办事处。", "杭州", True),
        ("銀行將於杭州設立辦事處。", "杭州", True),  # traditional: 於 is 于
        ("Hangzhou grew fast.", PLACE, False),
        ("Banks within Hangzhou's reach", PLACE, True),
        ("The plan of Hangzhou", PLACE, False),
        ("杭州发展很快。", "杭州", False),
        ("Linking Hangzhou", PLACE, False),  # "in" ends another word
    ],
)
def test_a_place_after_a_preposition_of_place_is_a_location(
    text: str, place: str, where: bool
) -> None:
    at = text.index(place)
    assert locative(text, at) is where
    assert proposed(text, _place(text, at, place), []) is where


@pytest.mark.parametrize(
    ("text", "place", "dateline"),
    [
        ("By Jane Doe\n\nHANGZHOU, March 3 (Agency) - A lender said", "HANGZHOU", True),
        ("HANGZHOU, Zhejiang, March 3 (Agency) - A lender said", "HANGZHOU", True),
        ("HANGZHOU (Agency) - A lender said", "HANGZHOU", False),  # no comma: a headline word
        ("新华社杭州3月3日电 一家银行表示", "杭州", True),
        ("新華社杭州3月3日電 一家銀行表示", "杭州", True),
        ("In HANGZHOU, March 3 was busy", "HANGZHOU", False),
        ("Hangzhou, March 3 - a lender said", PLACE, False),  # not in capitals
        ("会议在杭州3月3日举行", "杭州", False),
    ],
)
def test_a_dateline_place_is_where_the_report_was_filed_not_a_mention(
    text: str, place: str, dateline: bool
) -> None:
    at = text.index(place)
    assert in_dateline(text, at, at + len(place)) is dateline
    if dateline:
        assert not proposed(text, _place(text, at, place), [(0, len(text))])


@pytest.mark.parametrize(
    ("text", "language", "named"),
    [
        ("A Hangzhou regulator urged banks to widen payments.", "en", False),
        ("Zhou Min urged banks in Hangzhou to widen payments.", "en", True),
        ("一家杭州监管机构要求银行扩大支付试点。", "zh", False),
        ("周敏在杭州要求银行扩大支付试点。", "zh", True),
        ("一家杭州銀行表示，周敏要求銀行擴大支付試點。", "zh", False),
    ],
)
def test_a_drafted_signal_names_the_place_only_where_it_is_a_location_or_concern(
    text: str, language: str, named: bool
) -> None:
    assert section(text, "signals", language=language)  # the sentence is a drafted signal
    entities = {n["entity"] for n in section(text, "names", language=language)}
    assert ("place-hangzhou" in entities) is named


@pytest.mark.parametrize(
    ("text", "is_subject"),
    [
        ("杭州于本月正式实施新规。", True),
        ("而杭州於本月正式實施新規。", True),  # traditional: 於 is 于
        ("杭州正在寻求成为支付中心。", True),
        ("杭州已经发布风险提示。", True),
        ("杭州监管机构发布风险提示。", False),  # the place modifies the regulators
        ("Hangzhou has issued a notice.", True),  # English: a verb of state or stance
        ("Hangzhou regulators issued a notice.", False),
    ],
)
def test_a_place_before_an_adverb_or_a_verb_of_state_is_the_subject_of_its_clause(
    text: str, is_subject: bool
) -> None:
    place = "Hangzhou" if text.isascii() else "杭州"
    at = text.index(place)
    assert subject(text, at + len(place)) is is_subject
    assert proposed(text, _place(text, at, place), []) is is_subject


@pytest.mark.parametrize(
    ("text", "agency", "filed"),
    [
        ("新华社香港7月23日电(记者刘英伦)香港《稳定币条例》将于8月1日生效。", "新华社", True),
        ("新華社北京9月25日電 數字人民幣國際運營中心正式運營。", "新華社", True),
        ("HONG KONG, July 23 (Xinhua) -- The HKMA said on Wednesday ...", "Xinhua", True),
        ("展示的數字人民幣標誌。（新華社）\n下一段。", "新華社", True),  # a picture's credit
        ("A Shanghai exhibit. (Reuters)", "Reuters", True),
        # named in what is reported: a mention
        ("据新华社报道，香港将实施稳定币条例。", "新华社", False),
        ("Xinhua reported that the HKMA would act (as expected).", "Xinhua", False),
        ("The agency (Xinhua) said it would report more.", "Xinhua", False),
    ],
)
def test_a_wire_agency_filing_the_report_is_not_a_mention(
    text: str, agency: str, filed: bool
) -> None:
    start = text.index(agency)
    assert agency_in_dateline(text, start, start + len(agency)) is filed


@pytest.mark.parametrize(
    ("text", "place", "where"),
    [
        ("促使杭州、宁波和温州等多地的监管机构发出提示。", "杭州", True),
        ("促使宁波、杭州和温州等地发出提示。", "杭州", True),
        ("促使杭州、宁波等地发布提示。", "杭州", True),  # a list, though no subject
        ("杭州、宁波两市发出提示。", "杭州", False),  # no 等地: not read as a list of places
    ],
)
def test_a_chinese_list_of_places_closed_by_deng_is_where(
    text: str, place: str, where: bool
) -> None:
    at = text.index(place)
    assert locative(text, at, at + len(place)) is where
