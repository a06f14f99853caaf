"""Known mentions (issue 13): the evaluation's definition, and the matching rules that raised
its precision and recall. Sentences and names are made up for these tests; nothing is read
from data/."""

from __future__ import annotations

from pathlib import Path

from policygraph.drafting.draft import Item, draft_text
from policygraph.drafting.gazetteer import Entry, Gazetteer, build_gazetteer
from policygraph.drafting.gold import series
from policygraph.drafting.posts import guessed_role, role_of, title_roles
from policygraph.drafting.reading import read_text
from policygraph.drafting.shortforms import taken_from
from policygraph.drafting.text import VARIANTS
from policygraph.errors import Location
from policygraph.records.model import Record, Source

ORG = "organisations"


def record(section: str, values: dict[str, object], graph: str = "source") -> Record:
    where = Location(Path("/nonexistent/r.yaml"), 1, 1)
    rid = str(values.get("id", ""))
    return Record(section, rid, graph, "s" if graph == "source" else "", values, where)


def source(text: str, language: str = "en") -> Source:
    path = Path("/nonexistent/s.txt")
    return Source("s", "news-article", None, None, None, language, "2026-03-12", None, None,
                  None, text, path, path)  # fmt: skip


def names(text: str, known: Gazetteer, language: str = "en") -> list[Item]:
    return draft_text(source(text, language), known).sections.get("names", [])


def test_the_forum_of_an_event_the_records_refer_to_is_its_parent() -> None:
    edition = record(
        "events", {"id": "event-1", "labels": {"en": "2026 Harbour Forum"},
                   "edition_of": "forum-harbour"}, graph="other",
    )  # fmt: skip
    signal = record("signals", {"id": "signal-1", "occasion": "event-1"})
    assert series([signal], [edition, signal]) == {"forum-harbour"}
    assert series([], [edition]) == set()


def test_taiwan_word_forms_find_a_name_known_in_mainland_form() -> None:
    assert all(len(a) == len(b) for a, b in VARIANTS.items())  # offsets are kept
    centre = Entry("prog-centre", "programmes", "数字人民币国际运营中心", "gazetteer.label")
    text = "台媒：數位人民幣國際運營中心在上海啟用。"
    (found,) = Gazetteer([centre]).find(text)
    assert (found.surface, found.entity) == ("數位人民幣國際運營中心", "prog-centre")


def test_a_descriptive_name_of_three_words_matches_in_any_order() -> None:
    centre = record(
        "programmes",
        {"id": "prog-hub", "labels": {"en": "Harbour Coin Clearing Centre"},
         "alt_labels": {"en": ("digital coin international clearing center",)}},
        graph="reference",
    )  # fmt: skip
    bank = record(ORG, {"id": "org-bank", "labels": {"en": "Bank of Harbour"}}, graph="reference")
    known = build_gazetteer([centre, bank])
    text = (
        "It plans an international clearing centre for the digital coin. "
        "The coin clearing center of Harbour opened; Harbour Bank did not; "
        "the digital coin, international clearing center; coin clearing centres of Harbour."
    )
    found = [(m.surface, m.entity, m.entries[0].rule) for m in known.find(text)]
    assert found == [
        ("international clearing centre for the digital coin", "prog-hub", "gazetteer.alt-words"),
        ("coin clearing center of Harbour", "prog-hub", "gazetteer.label-words"),
    ]  # two words ("Harbour Bank") are not enough; a comma ends a name; plurals are any such


def _reference(section: str, values: dict[str, object]) -> Record:
    return record(section, values, graph="reference")


SECRETARY = _reference(
    "concepts",
    {"id": "role.party-secretary", "scheme": "role", "labels": {"en": "party committee secretary"}},
)
GOVERNOR = _reference(
    "concepts", {"id": "role.governor", "scheme": "role", "labels": {"en": "governor"}}
)
BUREAU = _reference(
    ORG, {"id": "org-bureau", "labels": {"zh": "海港市金融局", "en": "Harbour Bureau"}}
)
PERSON = _reference("people", {"id": "person-lu-fang", "labels": {"zh": "陆芳", "en": "Lu Fang"}})


def roles(text: str, language: str = "zh") -> list[tuple[object, object]]:
    known = build_gazetteer([SECRETARY, GOVERNOR, BUREAU, PERSON])
    posts = draft_text(source(text, language), known).sections.get("posts", [])
    return [(p["role"], p["draft"].get("guessed")) for p in posts]  # type: ignore[union-attr]


def test_chinese_titles_are_the_roles_the_project_declares() -> None:
    assert title_roles()["书记"] == "party-secretary"
    assert roles("海港市金融局书记陆芳主持会议。") == [("role.party-secretary", None)]
    # a deputy is another role: guessed from the table's English slug, never the secretary
    assert roles("海港市金融局副书记陆芳主持会议。") == [("role.deputy-party-secretary", ["role"])]
    assert roles("海港市金融局局长陆芳主持会议。") == [("role.director", ["role"])]


def test_a_guessed_role_the_project_lacks_is_marked_undeclared() -> None:
    known = build_gazetteer([SECRETARY, GOVERNOR, BUREAU, PERSON])
    for text, undeclared in (
        ("海港市金融局局长陆芳主持会议。", ["role.director"]),  # guessed, and new here
        ("海港市金融局书记陆芳主持会议。", None),  # the project's own role
    ):
        (post,) = draft_text(source(text, "zh"), known).sections["posts"]
        assert post["draft"].get("undeclared") == undeclared  # type: ignore[union-attr]


def test_an_english_title_keeps_its_qualifier() -> None:
    known = {"governor": "role.governor", "party committee secretary": "role.party-secretary"}
    assert role_of("Governor", known) == "role.governor"
    assert role_of("Deputy Governor", known) is None
    assert role_of("Secretary", known) == "role.party-secretary"
    assert guessed_role("Deputy Governor") == "role.deputy-governor"


def test_a_place_inside_a_new_bodys_name_is_not_proposed_its_parent_is() -> None:
    known = build_gazetteer([
        _reference(ORG, {"id": "org-city-pc", "labels": {"en": "City Party Committee"}}),
        _reference("places", {"id": "place-harbour", "labels": {"en": "Harbour", "zh": "海港"}}),
        PERSON,
    ])  # fmt: skip
    text = (
        "Lu Fang, Head of the Second Inspection Group of the City Party Committee, urged "
        "the Harbour Office of the Coin Exchange Commission’s Board to act in Harbour."
    )
    found = {n["entity"]: n["quote"] for n in names(text, known)}
    # the first Harbour is part of a new body's name, said in passing; Harbour at the end is
    # where they act; the committee is the inspection group's parent, which the text states
    assert found == {
        "person-lu-fang": "Lu Fang",
        "place-harbour": "Harbour",
        "org-city-pc": "City Party Committee",
    }
    alone = names("Lu Fang said the City Party Committee urged banks in Harbour to act.", known)
    assert "org-city-pc" in {n["entity"] for n in alone}
    # a Chinese candidate is guessed from a suffix: 海港 inside 海港国际金融中心 stays a mention
    zh = names("陆芳要求提升海港国际金融中心建设能级。", known, language="zh")
    assert "place-harbour" in {n["entity"] for n in zh}


def test_a_short_form_the_text_defines_names_the_same_body() -> None:
    bank = _reference(ORG, {"id": "org-cb", "labels": {"en": "Central Bank of Harbour",
                                                        "zh": "海港中央银行"}})  # fmt: skip
    known = build_gazetteer([bank, PERSON])
    text = (
        "The Central Bank of Harbour (CBH) met. Lu Fang said the CBH would act; CBHX is not it. "
        "海港中央银行（以下简称“央银”）表示，央银将推进试点。"
    )
    found = [(m.surface, m.id, m.rule) for m in read_text(text, None, known).names if m.known]
    assert [f for f in found if f[2] == "text.short-form"] == [
        ("CBH", "org-cb", "text.short-form"),
        ("CBH", "org-cb", "text.short-form"),
        ("央银", "org-cb", "text.short-form"),
        ("央银", "org-cb", "text.short-form"),
    ]
    (item,) = [n for n in names(text, known) if n["entity"] == "org-cb"]
    assert item["alt_labels"] == {"en": ["CBH"], "zh": ["央银"]}


def test_a_short_form_is_made_of_the_names_letters_in_order() -> None:
    assert taken_from("PBOC", "People’s Bank of China")
    assert taken_from("SASAC", "State-owned Assets Supervision and Administration Commission")
    assert taken_from("人民銀行", "中国人民银行") and taken_from("国资委", "国有资产监督管理委员会")
    assert not taken_from("CBRC", "People's Bank of China")  # another body's short form
    assert not taken_from("央行", "中国人民银行")  # not its characters
    assert not taken_from("中国人民银行", "中国人民银行")


def test_a_subsidiary_s_label_does_not_name_its_parent() -> None:
    bochk = _reference(ORG, {"id": "org-boc-hk", "labels": {"en": "Bank of China (Hong Kong)"}})
    regime = _reference(
        "programmes", {"id": "prog-x", "labels": {"en": "licensing regime (Examplia)"}}
    )
    known = build_gazetteer([bochk, regime])
    text = "the Bank of China, the People's Bank of China; Bank of China (Hong Kong) said"
    assert [m.surface for m in known.find(text)] == ["Bank of China (Hong Kong)"]
    assert [m.entity for m in known.find("under the licensing regime")] == ["prog-x"]
