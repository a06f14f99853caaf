"""The drafting rules one by one: gazetteer, dates, candidates, posts, events and cue signals."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policygraph.drafting.candidates import find_candidates
from policygraph.drafting.dates import find_dates
from policygraph.drafting.draft import draft_text
from policygraph.drafting.gazetteer import Entry, Gazetteer, person_pinyin
from policygraph.records.model import Source

PAN = Entry("person-pan-gongsheng", "people", "潘功胜", "gazetteer.label")
PBOC = Entry("org-pboc", "organisations", "People's Bank of China", "gazetteer.label")
PBOC_ZH = Entry("org-pboc", "organisations", "中国人民银行", "gazetteer.label")
PBOC_ALT = Entry("org-pboc", "organisations", "PBOC", "gazetteer.alt")
GOVERNOR = Entry("role.governor", "concepts", "governor", "gazetteer.label")
GOVERNOR_ZH = Entry("role.governor", "concepts", "行长", "gazetteer.label")
TOPIC = Entry("topic.stablecoin", "concepts", "stablecoin", "gazetteer.label")


def gazetteer() -> Gazetteer:
    pinyin = [
        Entry(PAN.entity, PAN.section, p, "gazetteer.pinyin") for p in person_pinyin("潘功胜")
    ]
    return Gazetteer([PAN, *pinyin, PBOC, PBOC_ZH, PBOC_ALT, GOVERNOR, GOVERNOR_ZH, TOPIC])


def source(text: str, published: str | None = "2025-08-21") -> Source:
    path = Path("/nonexistent/s.txt")
    return Source("s", "news-article", None, None, None, "en", published, None, None, None,
                  text, path, path)  # fmt: skip


def test_pinyin_finds_a_person_known_only_in_chinese() -> None:
    text = (
        "Governor Pan Gongsheng spoke; PAN GONGSHENG again; Pān Gōngshèng; "
        "ＰＡＮ ｇｏｎｇｓｈｅｎｇ."
    )
    found = [(m.surface, m.entity, m.entries[0].rule) for m in gazetteer().find(text)]
    people = [f for f in found if f[1] == "person-pan-gongsheng"]
    assert [p[0] for p in people] == [
        "Pan Gongsheng", "PAN GONGSHENG", "Pān Gōngshèng", "ＰＡＮ ｇｏｎｇｓｈｅｎｇ"
    ]  # fmt: skip
    assert all(p[2] == "gazetteer.pinyin" for p in people)


def test_latin_labels_need_word_boundaries_chinese_do_not() -> None:
    text = "PBOCs and XPBOC are not it; 中国人民银行行长 is."
    found = [m.surface for m in gazetteer().find(text)]
    assert found == ["中国人民银行", "行长"]  # an organisation, then a role concept
    assert [m.surface for m in gazetteer().find("the People’s Bank of China")] == [
        "People’s Bank of China"  # quote styles fold alike; the span is the text's own
    ]


def test_capitals_after_a_clock_time_are_a_time_zone_not_a_name() -> None:
    hkt = Gazetteer([Entry("org-hkt", "organisations", "HKT", "gazetteer.alt")])
    for text in ("更新时间：11:18 2025-12-29 HKT", "Updated 9:05 pm HKT, the firm said",
                 "2025-06-29 HKT 16:03"):  # fmt: skip
        assert hkt.find(text) == []
    assert [m.surface for m in hkt.find("HKT and HSBC formed a joint venture at 10:00.")] == ["HKT"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("On Thursday the bank met.", "2025-08-21", ["2025-08-21"]),  # a Thursday itself
        ("On Thursday the bank met.", "2025-08-23", ["2025-08-21"]),
        ("It said so last month.", "2025-08-21", ["2025-07"]),
        ("It said so last month.", "2025-01-05", ["2024-12"]),
        ("7月10日召开会议", "2025-08-21", ["2025-07-10"]),
        ("2025年7月召开会议", None, ["2025-07"]),  # partial stays partial
        ("July 10 meeting", "2025-08-21", ["2025-07-10"]),
        ("in June 2025 and in 2024", None, ["2025-06", "2024"]),
        ("On July 10, 2025, and 10 July 2025 and 2025-07-10", None, ["2025-07-10"] * 3),
        ("上月，去年，昨天", "2025-08-21", ["2025-07", "2024", "2025-08-20"]),
        ("On Thursday, last month", None, ["", ""]),  # unknown publication: not resolved
        ("July 10 meeting", None, [""]),  # no year to give it: unresolved, never invented
        ("on February 30, 2025", None, []),
    ],
)
def test_dates_are_normalised(text: str, published: str | None, expected: list[str]) -> None:
    assert [d.value for d in find_dates(text, published)] == expected


def test_partial_dates_never_get_a_day() -> None:
    for d in find_dates("in June 2025, in 2024, 2025年7月, last month", "2025-08-21"):
        assert len(d.value) in (4, 7)


def test_candidates_english_and_chinese() -> None:
    text = (
        "Zhang Wei, chief policy analyst at the Example Research Institute, said so. "
        "Minister Li Hua (李华) spoke. 示例集团宣布成立区块链中心。"
        "国泰海通政策和产业研究院的首席分析师张三指出。"
    )
    found = {(c.section, c.surface) for c in find_candidates(text, [])}
    assert {
        ("people", "Zhang Wei"),
        ("organisations", "Example Research Institute"),
        ("people", "Li Hua"),
        ("organisations", "示例集团"),
        ("organisations", "区块链中心"),
        ("organisations", "国泰海通政策和产业研究院"),
        ("people", "张三"),
    } <= found


def test_draft_quotes_are_exact_spans_and_resolve_who_said_it() -> None:
    text = (
        "On Thursday, the People's Bank of China held a meeting on stablecoin rules. "
        "PBOC Governor Pan Gongsheng urged banks to pilot cross-border payments.\n"
        "Zhang Wei, chief policy analyst at the Example Research Institute, said the meeting "
        "signals a more open stance. Pan also asked banks to report in October."
    )
    result = draft_text(source(text), gazetteer())
    items = result.sections
    for section in items.values():
        for item in section:
            quotes = item["quote"] if isinstance(item["quote"], list) else [item["quote"]]
            assert all(str(q) in text for q in quotes)
    names = {str(i["entity"]) for i in items["names"]}
    assert names == {"org-pboc", "person-pan-gongsheng"}
    post = {(str(p["member"]), str(p["organisation"]), str(p["role"])) for p in items["posts"]}
    assert ("person-pan-gongsheng", "org-pboc", "role.governor") in post
    assert (
        "person-zhang-wei",
        "org-example-research-institute",
        "role.chief-policy-analyst",
    ) in post
    directive, reading, again = items["signals"]
    assert again["speaker"] == "person-pan-gongsheng"  # "Pan", after "Pan Gongsheng"
    assert "Pan" not in {str(i["quote"]) for i in items["names"]}  # not proposed as a name
    assert directive["speaker"] == "person-pan-gongsheng"
    assert directive["issuer"] == "org-pboc"
    assert str(directive["date"]) == "2025-08-21"
    assert directive["draft"] == {"rule": "cue.urged", "confidence": 0.6,
                                  "guessed": ["labels", "stance"]}  # fmt: skip
    assert reading["nature"] == "nature.interpretation" and "speaker" not in reading
    assert str(items["events"][0]["date"]) == "2025-08-21"


def test_an_article_of_10000_characters_drafts_whole() -> None:
    """Its speed (< 1 s) is measured by ``tests.benchmarks.bench_draft``, not asserted here:
    a wall-clock bound in the suite fails on a loaded machine, not on slow code."""
    paragraph = (
        "On July 10, 2025, the People's Bank of China held a meeting. Governor Pan Gongsheng "
        "urged banks to study stablecoin rules, and 潘功胜要求各银行加强研究。"
    )
    text = "\n".join([paragraph] * (10_000 // len(paragraph) + 1))[:10_000]
    result = draft_text(source(text), gazetteer())
    assert result.sections["signals"] and result.sections["names"]
    quotes = [str(i["quote"]) for items in result.sections.values() for i in items if "quote" in i]
    assert quotes and all(q in text for q in quotes)


def test_romanised_organisation_names_match_however_spaced() -> None:
    zh = Entry("org-gth", "organisations", "国泰海通政策和产业研究院", "gazetteer.label")
    from policygraph.drafting.gazetteer import JOINED, joined_pinyin

    joined = Entry("org-gth", "organisations", joined_pinyin(zh.label), JOINED)
    gaz = Gazetteer([zh, joined])
    text = "the institute (Guotai Haitong Zhengce He Chanye Yanjiuyuan) and GuoTai-HaiTong ZhengCe"
    found = [(m.surface, m.entries[0].rule) for m in gaz.find(text)]
    assert found == [("Guotai Haitong Zhengce He Chanye Yanjiuyuan", JOINED)]
    assert gaz.find("xguotaihaitongzhengcehechanyeyanjiuyuan") == []  # word boundaries
    result = draft_text(source(text), gaz)
    (name,) = result.sections["names"]
    assert name["alt_labels"] == {"zh-Latn-pinyin": ["Guotai Haitong Zhengce He Chanye Yanjiuyuan"]}


def test_a_known_organisation_under_a_composed_name_is_not_new() -> None:
    ministry = Entry("org-ministry", "organisations", "Example Ministry", "gazetteer.label")
    short = Entry("org-ministry", "organisations", "EXM", "gazetteer.alt")
    committee = Entry(
        "org-ministry-pc", "organisations", "Party Committee of Example Ministry", "gazetteer.label"
    )
    # the ministry's short name inside: not the committee's words in another order
    text = "On May 5, 2025, the Party Committee of EXM held a meeting."
    result = draft_text(source(text), Gazetteer([ministry, short, committee]))
    assert "organisations" not in result.sections  # no new organisation proposed
    name, parent = result.sections["names"]
    assert (name["entity"], parent["entity"]) == ("org-ministry-pc", "org-ministry")
    assert parent["draft"]["rule"] == "gazetteer.inside"  # type: ignore[index]
    assert name["alt_labels"] == {"en": ["Party Committee of EXM"]}
    assert name["draft"]["rule"] == "gazetteer.composed"  # type: ignore[index]


DATE_CASES = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "drafting" / "dates.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", DATE_CASES, ids=[c["text"][:40] for c in DATE_CASES])
def test_annotated_date_expressions(case: dict[str, object]) -> None:
    found = find_dates(str(case["text"]), case["published"])  # type: ignore[arg-type]
    assert [d.value for d in found] == case["expected"]


def test_chinese_posts_from_organisation_title_name() -> None:
    text = "示例研究院的首席分析师张伟指出，监管态度更加开放。中国人民银行行长潘功胜主持会议。"
    result = draft_text(source(text), gazetteer())
    posts = {
        (str(p["member"]), str(p["organisation"]), str(p["role"])) for p in result.sections["posts"]
    }
    assert ("person-pan-gongsheng", "org-pboc", "role.governor") in posts  # 行长 -> governor
    assert ("person-zhang-wei", "org-shi-li-yan-jiu-yuan", "role.chief-analyst") in posts  # guessed


def test_a_new_central_bank_is_a_government_body_and_a_new_bank_a_company() -> None:
    text = "示例人民银行行长王小明表示。示例商业银行行长李大中表示。"
    orgs = draft_text(source(text, "2025-12-01"), Gazetteer([])).sections["organisations"]
    assert {str(o["labels"]["zh"]): o["types"] for o in orgs} == {  # type: ignore[index]
        "示例人民银行": ["government"], "示例商业银行": ["company"]
    }  # fmt: skip


def test_a_capitalised_one_word_label_names_only_what_the_text_capitalises() -> None:
    known = Gazetteer([
        Entry("org-gov", "organisations", "Authorities", "gazetteer.alt"),
        Entry("org-xinhua", "organisations", "Xinhua", "gazetteer.alt"),
    ])  # fmt: skip
    text = "The authorities said so, Xinhua reported. Authorities on Thursday issued it."
    assert [(m.surface, m.entity) for m in known.find(text)] == [
        ("Xinhua", "org-xinhua"), ("Authorities", "org-gov")
    ]  # fmt: skip
    assert [m.surface for m in known.find("XINHUA REPORTED")] == ["XINHUA"]
