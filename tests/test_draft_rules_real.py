"""Drafting rules on short sentences written the way news reports are (English, simplified and
traditional Chinese). The sentences are made up for these tests: none is copied from data/,
and the gazetteer is built here, so the tests do not depend on what data/ holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.drafting.candidates import find_candidates
from policygraph.drafting.dates import find_dates
from policygraph.drafting.draft import Item, draft_text
from policygraph.drafting.gazetteer import Entry, Gazetteer, build_gazetteer, person_pinyin
from policygraph.drafting.gold import mentions, posts
from policygraph.drafting.variants import label_singular
from policygraph.errors import Location
from policygraph.records.model import Record, Source

ORG = "organisations"
CENTRAL_BANK = [
    Entry("org-cb", ORG, "中国人民银行", "gazetteer.label"),
    Entry("org-cb", ORG, "People's Bank of China", "gazetteer.label"),
]
REGULATOR = [
    Entry("org-zj-drc", ORG, "浙江省发展和改革委员会", "gazetteer.label"),
    Entry("org-zj-drc", ORG, "浙江省发展改革委", "gazetteer.alt"),
    Entry("org-zj-drc", ORG, "Zhejiang Development and Reform Commission", "gazetteer.label"),
]
PEOPLE = [
    Entry("person-zhou-min", "people", "周敏", "gazetteer.label"),
    *(Entry("person-zhou-min", "people", p, "gazetteer.pinyin") for p in person_pinyin("周敏")),
    Entry("person-qian-lei", "people", "钱磊", "gazetteer.label"),
]
PLACES = [
    Entry("place-hangzhou", "places", "Hangzhou", "gazetteer.label"),
    Entry("place-hangzhou", "places", "杭州", "gazetteer.label"),
]
CONCEPTS = [
    Entry("topic.payments", "concepts", "payments", "gazetteer.label"),
    Entry("role.governor", "concepts", "行长", "gazetteer.label"),
    Entry("role.director", "concepts", "主任", "gazetteer.label"),
]


def gazetteer() -> Gazetteer:
    return Gazetteer([*CENTRAL_BANK, *REGULATOR, *PEOPLE, *PLACES, *CONCEPTS])


def source(text: str, published: str | None = "2026-03-12", language: str = "zh") -> Source:
    path = Path("/nonexistent/s.txt")
    return Source("s", "news-article", None, None, None, language, published, None, None, None,
                  text, path, path)  # fmt: skip


def section(text: str, name: str, **kw: str) -> list[Item]:
    return draft_text(source(text, **kw), gazetteer()).sections.get(name, [])


def test_traditional_characters_find_a_name_known_in_simplified() -> None:
    text = "中國人民銀行週二表示，將擴大試點。"
    found = [(m.surface, m.entity) for m in gazetteer().find(text)]
    assert ("中國人民銀行", "org-cb") in found  # the span is the text's own characters


def test_a_name_broken_over_lines_is_found_with_its_exact_span() -> None:
    text = "a statement from the People's\n\nBank of China on Monday"
    (mention,) = [m for m in gazetteer().find(text) if m.entity == "org-cb"]
    assert mention.surface == "People's\n\nBank of China"


def test_a_label_is_found_without_its_qualifier_in_parentheses() -> None:
    labels = {"en": "trade settlement platform (Example Exchange)"}
    platform = record("programmes", {"id": "prog-settlement", "labels": labels}, graph="reference")
    board = record("organisations", {"id": "org-board", "labels": {"en": "Board (of Example)"}})
    found = build_gazetteer([platform, board]).find("A trade settlement platform; the Board met.")
    assert [(m.surface, m.entity, m.entries[0].rule) for m in found] == [
        ("trade settlement platform", "prog-settlement", "gazetteer.label-head")
    ]  # "Board" alone is too common a name to keep


def test_a_shortened_name_is_the_known_organisation_not_a_new_one() -> None:
    names = section("省发展改革委要求各地加快推进数字支付。", "names")
    assert [(n["entity"], n["draft"]["rule"]) for n in names] == [
        ("org-zj-drc", "gazetteer.shortened")
    ]
    assert section("省发展改革委要求各地加快推进数字支付。", "organisations") == []


def test_chinese_organisation_candidates_are_cut_at_verbs_also_in_traditional_script() -> None:
    text = "據示範研究院稱，將繼續支持示範金融中心，優化戰略布局。"
    found = {c.surface for c in find_candidates(text, [])}
    assert "示範研究院" in found and "示範金融中心" in found
    assert not any(s.startswith(("據", "將")) or s.endswith("布局") for s in found)


def test_english_candidates_include_securities_firms() -> None:
    found = {c.surface for c in find_candidates("analysts at Example Harbour Securities said", [])}
    assert found == {"Example Harbour Securities"}


def test_said_is_a_cue_and_a_reading_cue_in_the_same_sentence_wins() -> None:
    text = (
        "Zhou Min said banks in Hangzhou must report cross-border payments weekly. "
        "Qian Lei, an economist, said the rule signals a tighter stance."
    )
    said, reading = section(text, "signals", language="en")
    assert said["nature"] == "nature.directive" and said["speaker"] == "person-zhou-min"
    assert said["draft"]["rule"] == "cue.said"
    assert reading["nature"] == "nature.interpretation" and "speaker" not in reading


def test_chinese_cues_are_read_in_traditional_script_and_in_requirement_lists() -> None:
    text = "周敏強調，要守住風險底線。\n坚持稳中求进，扩大数字支付试点。\n此举标志着监管转向。"
    natures = [(s["nature"], s["draft"]["rule"]) for s in section(text, "signals")]
    assert natures == [
        ("nature.directive", "cue.zh"),  # 強調
        ("nature.directive", "cue.zh"),  # 坚持 opening an item
        ("nature.interpretation", "cue.zh"),  # 标志着
    ]


def test_a_list_of_titles_holds_of_the_name_after_the_last_one() -> None:
    text = "浙江省发展和改革委员会党委书记、主任周敏出席会议。"
    secretary, director = section(text, "posts")
    # the secretary's body is the commission's party committee (a new organisation), named
    # before 书记; the director's is the commission whose committee it is
    (committee,) = section(text, "organisations")
    assert committee["labels"] == {"zh": "浙江省发展和改革委员会党委"}
    assert (secretary["member"], secretary["organisation"]) == ("person-zhou-min", committee["id"])
    assert (director["member"], director["organisation"]) == ("person-zhou-min", "org-zj-drc")


def test_every_person_takes_part_with_the_cue_after_their_name() -> None:
    text = "2026年3月10日，浙江省发展改革委召开座谈会。周敏主持会议，钱磊出席并讲话。"
    (event,) = section(text, "events")
    roles = {p["who"]: p["role"] for p in event["participants"]}
    assert roles == {"person-zhou-min": "prole.chair", "person-qian-lei": "prole.attendee"}


def test_this_year_and_a_month_is_a_partial_date_of_the_publication_year() -> None:
    found = [
        (d.surface, d.value) for d in find_dates("今年6月，去年11月5日，這個月。", "2026-03-12")
    ]
    assert found == [("今年6月", "2026-06"), ("去年11月5日", "2025-11-05"), ("這個月", "2026-03")]
    # without a publication date nothing is guessed
    assert [d.value for d in find_dates("今年6月", None)] == [""]


def test_a_place_is_proposed_only_where_it_can_be_a_location_or_a_concern() -> None:
    setting = section("Hangzhou weather was mild. Nothing was decided.", "names", language="en")
    assert setting == []
    said = "Zhou Min urged banks in Hangzhou to widen payments."
    entities = {n["entity"] for n in section(said, "names", language="en")}
    assert "place-hangzhou" in entities


def record(
    section: str,
    values: dict[str, object],
    graph: str = "source",
    restated: bool = False,
    claim: dict[str, object] | None = None,
) -> Record:
    where = Location(Path("/nonexistent/r.yaml"), 1, 1)
    rid = str(values.get("id", ""))
    return Record(section, rid, graph, "s" if graph == "source" else "", values, where,
                  restated=restated, claim=claim or {})  # fmt: skip


def test_a_curated_mention_is_any_entity_referred_to_in_any_role() -> None:
    signal = record("signals", {
        "id": "signal-1", "issuer": "org-a", "speaker": "person-b",
        "concerns": ("prog-c", "place-d"), "addressees": ("aud-e",),
    })  # fmt: skip
    event = record("events", {
        "id": "event-1", "organiser": "org-f", "location": "place-g",
        "participants": (record("participants", {"who": "person-h"}),),
    })  # fmt: skip
    programme = record("programmes", {"id": "prog-i", "launched_by": "org-j"})
    assert mentions(signal) == {"org-a", "person-b", "prog-c", "place-d", "aud-e"}
    assert mentions(event) == {"org-f", "place-g", "person-h"}
    assert mentions(programme) == {"prog-i", "org-j"}  # a restated entity is itself a mention


def test_a_restated_post_is_compared_through_its_claim() -> None:
    restated = record(
        "posts",
        {"id": "post-1", "quote": "the governor"},
        restated=True,
        claim={"id": "post-1", "member": "person-k", "organisation": "org-l"},
    )
    assert mentions(restated) == {"person-k", "org-l"}
    assert posts([restated]) == {("person-k", "org-l")}


def test_a_shortened_name_is_the_body_whose_own_label_it_ends() -> None:
    institute = {"en": "Harbour Finance Policy and Industry Research Institute"}
    group = {"en": "Policy Group of the Harbour Finance Policy and Industry Research Institute"}
    known = build_gazetteer([
        record(ORG, {"id": "org-institute", "labels": institute}, graph="reference"),
        record(ORG, {"id": "org-group", "labels": group}, graph="reference"),
    ])  # fmt: skip
    text = "The firm runs a Policy and Industry Research Institute, where analysts work."
    draft = draft_text(source(text, language="en"), known).sections
    assert [(n["entity"], n["draft"]["rule"]) for n in draft["names"]] == [
        ("org-institute", "gazetteer.shortened")
    ]


def test_a_one_word_lower_case_alias_is_a_common_noun_not_a_name() -> None:
    leaders = record(
        "audiences",
        {"id": "aud-leaders", "labels": {"en": "Leaders of City SOEs"}, "alt_labels": {
            "en": ("leaders", "SOE leaders")}},
        graph="reference",
    )  # fmt: skip
    found = [m.surface for m in build_gazetteer([leaders]).find("leaders met SOE leaders")]
    assert found == ["SOE leaders"]
    # "the city" points back to whatever city the text last named: no name of any one of them
    port = record(
        "places",
        {"id": "place-port", "labels": {"en": "Port Example"}, "alt_labels": {
            "en": ("the city", "The Harbour City")}},
        graph="reference",
    )  # fmt: skip
    text = "Port Example grew; the city's mayor praised The Harbour City."
    found = [m.surface for m in build_gazetteer([port]).find(text)]
    assert found == ["Port Example", "The Harbour City"]


def test_a_title_that_begins_inside_the_body_name_still_makes_a_post() -> None:
    party = Entry("org-drc-party", ORG, "省发改委党委", "gazetteer.label")
    known = Gazetteer([party, *PEOPLE, *CONCEPTS])
    text = "省发改委党委书记、主任周敏主持会议。"  # 党委 ends the name and begins 党委书记
    (post,) = draft_text(source(text), known).sections["posts"]
    assert (post["member"], post["organisation"]) == ("person-zhou-min", "org-drc-party")


def test_who_speaks_at_the_meeting_is_a_speaker() -> None:
    text = "2026年3月10日，浙江省發展改革委召開座談會。錢磊在會上指出，要穩步推進。周敏指出風險。"
    (event,) = section(text, "events")
    # 在会上指出 ties the speaker to the meeting; 指出 alone does not
    assert {p["who"]: p["role"] for p in event["participants"]} == {
        "person-qian-lei": "prole.speaker"
    }


def test_a_descriptive_alias_allows_one_more_word_a_name_does_not() -> None:
    measures = record(
        "programmes",
        {"id": "prog-measures", "labels": {"en": "Harbour Measures"},
         "alt_labels": {"en": ("six measures",)}},
        graph="reference",
    )  # fmt: skip
    found = build_gazetteer([measures]).find("six new measures; six measures; Harbour new Measures")
    assert [(m.surface, m.entries[0].rule) for m in found] == [
        ("six new measures", "gazetteer.alt-loose"),
        ("six measures", "gazetteer.alt"),
    ]


def _city_records() -> list[Record]:
    city = record("places", {"id": "place-hangzhou", "labels": {"en": "Hangzhou", "zh": "杭州"}})
    government = record(
        "organisations",
        {
            "id": "org-hz-government",
            "location": "place-hangzhou",
            "labels": {"en": "Hangzhou Municipal People's Government", "zh": "杭州市人民政府"},
        },
    )
    committee = record(
        "organisations",
        {
            "id": "org-hz-party",
            "alt_labels": {"zh": ("杭州市委",)},
            "labels": {"en": "CPC Hangzhou Municipal Committee", "zh": "中共杭州市委"},
        },
    )
    # a body of the city that is not its government: located there too, and never a mayor's
    bureau = record(
        "organisations",
        {
            "id": "org-hz-bureau",
            "location": "place-hangzhou",
            "labels": {"en": "Hangzhou Finance Bureau", "zh": "杭州市财政局"},
        },
    )
    zhou = record("people", {"id": "person-zhou-min", "labels": {"zh": "周敏", "en": "Zhou Min"}})
    return [city, government, committee, bureau, zhou]  # fmt: skip


def test_a_mayors_title_names_the_government_of_the_place_before_it() -> None:
    known = build_gazetteer(_city_records())
    assert known.governments == {"place-hangzhou": "org-hz-government"}
    for text, language in (
        ("杭州市委常委、常务副市长周敏出席并致辞。", "zh"),  # the place is that of 杭州市委
        ("Hangzhou Mayor Zhou Min attended the meeting.", "en"),
    ):
        posts_ = draft_text(source(text, language=language), known).sections["posts"]
        held = {p["organisation"] for p in posts_ if p["member"] == "person-zhou-min"}
        # 常委 is held in the committee named before it, the mayor's title in the government
        assert held == {"org-hz-government", *(["org-hz-party"] if language == "zh" else [])}


def test_a_title_that_is_not_a_mayors_does_not_borrow_the_government() -> None:
    known = build_gazetteer(_city_records())
    text = "杭州市委常委、秘书长周敏出席。"  # 秘书长 is no head of government
    assert draft_text(source(text), known).sections.get("posts", []) == []


def test_a_descriptive_label_before_a_proper_name_is_that_names_apposition() -> None:
    platform = record(
        "programmes",
        {
            "id": "prog-asset-platform",
            "labels": {"en": "digital asset platform", "zh": "數字資產平台"},
        },
    )
    known = build_gazetteer([platform])  # fmt: skip
    for text in ("數字資產平台 OSL 集團股價下跌。",
                 "Shares of the digital asset platform OSL Group fell."):  # fmt: skip
        assert draft_text(source(text), known).sections.get("names", []) == [], text
    text = "The bank will run a digital asset platform, officials said."
    (name,) = draft_text(source(text, language="en"), known).sections["names"]
    assert name["entity"] == "prog-asset-platform"


def test_the_citys_mayor_is_the_mayor_of_the_city_last_named() -> None:
    known = build_gazetteer(_city_records())
    text = "It opened in Hangzhou. It will help, said the city's executive vice-mayor Zhou Min."
    (post,) = draft_text(source(text, language="en"), known).sections["posts"]
    assert (post["member"], post["organisation"]) == ("person-zhou-min", "org-hz-government")
    assert post["stated_as"] == {"en": "executive vice-mayor"}


def test_a_bodys_parent_named_inside_its_name_is_proposed() -> None:
    bank = record("organisations", {"id": "org-cb", "labels": {"en": "People's Bank of China"}})
    committee = record(
        "organisations", {"id": "org-party", "labels": {"en": "CPC Hangzhou Municipal Committee"}}
    )
    office = record(
        "organisations",
        {
            "id": "org-office",
            "labels": {"en": "Finance Office of the CPC Hangzhou Municipal Committee"},
        },
    )
    known = build_gazetteer([bank, committee, office])
    text = (
        "Li Kexin, deputy director of the General Office of the People's Bank of China, and "
        "an official of the Finance Office of the CPC Hangzhou Municipal Committee spoke."
    )
    names = draft_text(source(text, language="en"), known).sections["names"]
    # the bank inside a new body's name; the committee inside a known body's name
    assert sorted(n["entity"] for n in names) == ["org-cb", "org-office", "org-party"]


def test_the_currencys_english_names_are_one_word_in_a_described_name() -> None:
    centre = record("programmes", {"id": "prog-centre", "labels": {
        "en": "Digital RMB International Operation Centre"}})  # fmt: skip
    known = build_gazetteer([centre])
    for text in ("the digital yuan international operation center opened",
                 "the international operation centre for digital renminbi opened"):  # fmt: skip
        assert [m.entity for m in known.find(text)] == ["prog-centre"], text


def test_a_chinese_body_is_found_by_the_short_form_of_its_name() -> None:
    bureau = record("organisations", {"id": "org-fx", "labels": {"zh": "国家外汇管理局"}})
    market = record("organisations", {"id": "org-market", "labels": {"zh": "國家市場監督管理總局"}})
    known = build_gazetteer([bureau, market])
    found = [(m.surface, m.entity) for m in known.find("國家外匯局、国家市场监管总局出席会议。")]
    assert found == [("國家外匯局", "org-fx"), ("国家市场监管总局", "org-market")]


def test_a_title_after_a_party_committee_is_held_in_its_body_unless_a_party_title() -> None:
    bank = record("organisations", {"id": "org-cb", "labels": {"zh": "中国人民银行"}})
    member = record("concepts", {"id": "role.party-committee-member", "scheme": "role",
                                 "labels": {"zh": "党委委员"}})  # fmt: skip
    people = record("people", {"id": "person-zhou-min", "labels": {"zh": "周敏"}})
    known = build_gazetteer([bank, member, people])
    text = "2025年9月24日，中国人民银行党委委员、副行长周敏出席并致辞。"
    posts_ = draft_text(source(text), known).sections["posts"]
    held = {(p["organisation"], p["role"]) for p in posts_}
    # the committee is a new body (its id proposed from its name); the deputy governor's post
    # is in the bank whose committee it is
    assert ("org-cb", "role.deputy-governor") in held
    ((committee, role),) = held - {("org-cb", "role.deputy-governor")}
    assert (committee != "org-cb", role) == (True, "role.party-committee-member")


def test_a_names_plural_modifier_may_be_written_singular() -> None:
    law = record("programmes", {"id": "prog-law", "labels": {"en": "Stablecoins Ordinance"}})
    known = build_gazetteer([law])
    assert [m.entity for m in known.find("The Stablecoin Ordinance takes effect.")] == ["prog-law"]
    # the head word keeps its number; a lower-case word is no modifier of a name
    assert label_singular("Stablecoins Ordinances") == "Stablecoin Ordinances"
    assert label_singular("digital assets platform") == ""


def test_a_chinese_body_is_found_without_the_place_its_name_begins_with() -> None:
    city = record("places", {"id": "place-harbour", "labels": {"zh": "海港"}})
    authority = record("organisations", {"id": "org-hma", "labels": {"zh": "海港金融管理局"}})
    known = build_gazetteer([city, authority])
    assert [m.entity for m in known.find("金融管理局表示，将发牌。")] == ["org-hma"]
    # too short a rest, or one another body shares, is not kept
    other = record("organisations", {"id": "org-x", "labels": {"zh": "海港市文化局"}})
    assert build_gazetteer([city, other]).find("文化局表示") == []


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("The People's Bank of China's deputy governor, Zhou Min, said so.", "deputy governor"),
        (
            "Zhou Min, the People's Bank of China's executive director, said so.",
            "executive director",
        ),
        ("Zhou Min, vice-governor of the People's Bank of China, said so.", "vice-governor"),
    ],
)
def test_a_title_a_body_owns_beside_a_name_is_a_post(text: str, stated: str) -> None:
    (post,) = section(text, "posts")
    assert (post["member"], post["organisation"]) == ("person-zhou-min", "org-cb")
    assert post["stated_as"] == {"en": stated}  # its qualifier kept: a deputy is not the governor


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("報導引述示例銀行特約研究員薛洪明表示，風險上升。", "特約研究員"),
        ("報道引述示例銀行外匯策略師Jane Sample表示，政策將收緊。", "外匯策略師"),
    ],
)
def test_a_researcher_or_strategist_title_makes_a_post(text: str, title: str) -> None:
    (post,) = section(text, "posts")
    (bank,) = section(text, "organisations")
    assert post["organisation"] == bank["id"] and bank["labels"] == {"zh-Hant": "示例銀行"}
    assert post["stated_as"] == {"zh-Hant": title}


def test_a_firm_is_found_without_the_word_that_says_it_is_a_firm() -> None:
    firms = [
        record(
            "organisations",
            {"id": "org-ex-bank", "labels": {"en": "Example Chartered Bank"}},
            graph="reference",
        ),
        record(
            "organisations", {"id": "org-world", "labels": {"en": "World Bank"}}, graph="reference"
        ),
    ]
    text = "Example Chartered said the World would gain, and the World Bank agreed."
    found = [(m.surface, m.entity) for m in build_gazetteer(firms).find(text)]
    # two capitalised words left: the firm; one ("World"): no name
    assert found == [("Example Chartered", "org-ex-bank"), ("World Bank", "org-world")]
