"""Names in the other language (``glossary.tsv``): a body known by English labels only is found
by its Chinese name, and the reverse; whole names and composed ones. The names and sentences
are made up for these tests or are well-known bodies; nothing is read from data/."""

from __future__ import annotations

from importlib import resources

from tests.test_draft_mentions import record

from policygraph.drafting.gazetteer import Entry, build_gazetteer
from policygraph.drafting.glossary import derived_names, load_glossary, to_chinese, to_english
from policygraph.drafting.text import fold, has_cjk

ORG = "organisations"


def entities(text: str, *records: object) -> list[tuple[str, str, str]]:
    gazetteer = build_gazetteer(records)  # type: ignore[arg-type]
    return [(m.surface, m.entity, m.entries[0].rule) for m in gazetteer.find(text)]


def test_the_glossary_is_two_columns_english_then_simplified_chinese() -> None:
    rows = []
    for name in ("glossary.tsv", "glossary-words.tsv"):
        text = resources.files("policygraph").joinpath("drafting", name).read_text("utf-8")
        rows += [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert len(rows) > 250
    assert all(len(row) == 2 for row in rows)
    assert all(en.isascii() and has_cjk(zh) and fold(zh) == zh for en, zh in rows)
    assert len({tuple(row) for row in rows}) == len(rows)  # no line twice


def test_whole_names_and_composed_ones() -> None:
    glossary = load_glossary()
    assert to_chinese("ministry of finance", glossary.to_zh) == ["财政部"]
    third = "third inspection team of the provincial party committee"
    assert to_chinese(third, glossary.to_zh) == ["省委第三巡视组"]  # X of the Y: Y then X
    assert to_chinese("quantum inspection team", glossary.to_zh) == []  # a word unknown
    assert (
        to_english("国家外汇管理局", glossary.to_en) == "State Administration of Foreign Exchange"
    )
    assert (
        to_english("省委第三巡视组", glossary.to_en)
        == "Provincial Party Committee Third Inspection Team"
    )
    assert to_english("省委某某组", glossary.to_en) == ""


def test_an_english_only_body_is_found_by_its_chinese_name() -> None:
    finance = record(ORG, {"id": "org-mof", "labels": {"en": "Ministry of Finance"}})
    found = entities("财政部、税务总局联合发布公告。", finance)
    assert found == [("财政部", "org-mof", "gazetteer.glossary")]


def test_a_chinese_only_body_is_found_by_its_english_name_in_any_word_order() -> None:
    safe = record(ORG, {"id": "org-safe", "labels": {"zh": "国家外汇管理局"}})
    found = entities("The State Administration of Foreign Exchange said on Monday.", safe)
    assert found == [("State Administration of Foreign Exchange", "org-safe", "gazetteer.glossary")]
    team = record(ORG, {"id": "org-team", "labels": {"zh": "省委第三巡视组"}})
    text = "Members of the Third Inspection Team of the Provincial Party Committee arrived."
    ((surface, entity, rule),) = entities(text, team)
    assert surface == "Third Inspection Team of the Provincial Party Committee"
    assert (entity, rule) == ("org-team", "gazetteer.glossary-words")


def test_a_known_body_inside_a_name_is_named_as_that_body() -> None:
    institute = record(
        ORG, {"id": "org-inst", "labels": {"en": "Harbour Finance Research Institute",
                                           "zh": "海港金融研究院"}}
    )  # fmt: skip
    name = "Policy Group of the Harbour Finance Research Institute"
    group = record(ORG, {"id": "org-grp", "labels": {"en": name}})
    found = entities("海港金融研究院政策组发布报告。", institute, group)
    assert found == [("海港金融研究院政策组", "org-grp", "gazetteer.glossary")]


def test_nothing_is_derived_for_a_body_known_in_both_languages_or_by_a_short_name() -> None:
    both = Entry("org-a", ORG, "Ministry of Commerce", "gazetteer.label")
    both_zh = Entry("org-a", ORG, "商务部", "gazetteer.label")
    short = Entry("org-b", ORG, "Policy Group", "gazetteer.label")  # 政策组: found by chance
    person = Entry("person-c", "people", "Ministry of Finance", "gazetteer.label")
    assert derived_names([both, both_zh, short, person]) == []


def test_a_derived_name_never_takes_another_body_s_name() -> None:
    pboc = Entry("org-pboc", ORG, "中国人民银行", "gazetteer.label")
    other = Entry("org-other", ORG, "People's Bank of China", "gazetteer.label")
    assert derived_names([pboc, other]) == []
