"""New-entity candidates (``policygraph.drafting.candidates``). The names and sentences are
made up for these tests (English, simplified and traditional Chinese); nothing is read from
data/."""

from __future__ import annotations

import pytest

from policygraph.drafting.candidates import find_candidates


def _found(text: str) -> set[tuple[str, str]]:
    return {(c.section, c.surface) for c in find_candidates(text, [])}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("监管部门支持示例市构建数字资产中心。", "数字资产中心"),
        ("不少讨论亦围绕示例金融管理局展开。", "示例金融管理局"),
        ("報道引述示例銀行分析師表示。", "示例銀行"),  # traditional: 引述 is a verb too
        ("媒体援引示例研究所的报告。", "示例研究所"),
        ("名單包括示例銀行及另一家公司。", "示例銀行"),  # including
        ("當中只有示例銀行為參與者。", "示例銀行"),  # only
    ],
)
def test_chinese_names_are_cut_at_verbs_before_them(text: str, name: str) -> None:
    orgs = {s for k, s in _found(text) if k == "organisations"}
    assert name in orgs
    assert not any(len(o) > len(name) and o.endswith(name) for o in orgs)


@pytest.mark.parametrize(
    ("text", "org", "person"),
    [
        ("示例律师事务所创始人王小明认为，声明很清楚。", "示例律师事务所", "王小明"),
        ("示例律師事務所合夥人陳大文表示。", "示例律師事務所", "陳大文"),
    ],
)
def test_firms_and_founders_partners(text: str, org: str, person: str) -> None:
    assert {("organisations", org), ("people", person)} <= _found(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("数据服务提供商Examplytics估计，交易仍然活跃。", ("organisations", "Examplytics")),
        ("數字資產平台 ABC 集團下跌。", ("organisations", "ABC 集團")),
        ("示例银行外汇策略师Jane Doe表示，市场平稳。", ("people", "Jane Doe")),
        ("外匯策略師 Jane Doe 認為，市場平穩。", ("people", "Jane Doe")),
    ],
)
def test_latin_names_in_a_chinese_text(text: str, expected: tuple[str, str]) -> None:
    assert expected in _found(text)


def test_latin_words_without_a_kind_or_title_are_not_names() -> None:
    assert _found("他们使用API和Python处理数据。") == set()
    assert ("organisations", "ID") not in _found("来源:示例研究院(ID: TOP_Lab)")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "officials from the Monetary Authority of Examplia and Example Exchange Group attended",
            {"Monetary Authority of Examplia", "Example Exchange Group"},
        ),
        ("the Central Bank of Examplia and the Example Securities attended", None),
        (
            "the Example Policy and Industry Research Institute",
            {"Example Policy and Industry Research Institute"},
        ),
        (
            "the Examplia Assets Supervision and Administration Commission",
            {"Examplia Assets Supervision and Administration Commission"},
        ),
    ],
)
def test_two_bodies_joined_by_and_are_two_names(text: str, names: set[str] | None) -> None:
    orgs = {s for k, s in _found(text) if k == "organisations"}
    if names is not None:
        assert orgs == names
    assert not any(" and " in o and o.endswith("Securities") for o in orgs)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("9月26日示例支付中心正式启用。", "示例支付中心"),
        ("2025年示例研究院发布报告。", "示例研究院"),
        ("示例日报研究中心发布报告。", "示例日报研究中心"),  # 日 after no digit: part of a name
    ],
)
def test_a_chinese_name_does_not_start_with_the_end_of_a_date(text: str, name: str) -> None:
    assert ("organisations", name) in _found(text)


def test_chinese_candidates_are_bodies_not_standing_scams_or_clauses() -> None:
    text = (
        "他希望示范国际金融中心建设提速。一些骗局以代币为幌子。"
        "示范银行业协会、示范证券报表示支持。主席讨论最新进展，行长周敏出席。"
    )
    found = {c.surface for c in find_candidates(text, [])}
    # a city's standing, a scam and a clause opened by a verb are no body; an industry
    # association and a newspaper are; a title before two words without a surname is no one
    assert found == {"示范银行业协会", "示范证券报", "周敏"}


def test_knocked_out_is_no_bureau() -> None:
    found = {c.surface for c in find_candidates("被傳首批牌照出局的示例公司亦不作評論。", [])}
    assert not any(s.endswith("出局") for s in found)


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("The HKMA's deputy chief executive, Darryl Example, said so.", "Darryl Example",
         "deputy chief executive"),
        ("Jane Sample, the Authority's executive director (enforcement), said so.",
         "Jane Sample", "executive director"),
    ],
)  # fmt: skip
def test_a_title_a_body_owns_beside_a_name(text: str, name: str, title: str) -> None:
    people = [c for c in find_candidates(text, []) if c.section == "people"]
    assert [(c.surface, c.title) for c in people] == [(name, title)]


def test_a_kind_of_body_is_no_body_and_words_before_a_name_are_cut() -> None:
    text = (
        "是次名單中，當中至少一間公司具有傳統銀行背景，中資公司則出局。"
        "示例集團旗下示範科技集團表示，至少兩家頭部券商收到示例人民銀行通知。"
    )
    found = {c.surface for c in find_candidates(text, []) if c.section == "organisations"}
    # 一間公司, 傳統銀行, 中資公司 say what kind of body; 當中, 至少, 旗下, 收到 end the text
    # before a name; 頭部 (leading) and 出局 (out) end no name
    assert found == {"示例集團", "示範科技集團", "示例人民銀行"}


def test_the_central_bank_and_listed_firms_are_kinds_and_recently_ends_no_name() -> None:
    text = "中央銀行提供技術支持，上市公司股價回落。近期示例互聯網金融協會發布提示。"
    found = {c.surface for c in find_candidates(text, []) if c.section == "organisations"}
    assert found == {"示例互聯網金融協會"}


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("据示例新闻报道，示例部门已出台方案。", "示例新闻"),
        ("據示例通訊社消息，會議已召開。", "示例通訊社"),
        ("据《示例财经》报道，方案已出台。", "示例财经"),
        ("据媒体报道，方案已出台。", None),  # the media: no outlet named
        ("据相关报道，方案已出台。", None),
    ],
)
def test_the_outlet_a_report_is_credited_to(text: str, outlet: str | None) -> None:
    found = {c.surface for c in find_candidates(text, []) if c.rule == "candidate.outlet-zh"}
    assert found == ({outlet} if outlet else set())


def test_boards_task_forces_and_research_firms_are_bodies() -> None:
    text = (
        "It coordinates the Example Stability Board’s review; the Example City Illegal Finance "
        "Task Force warned; Examplia Research said; the Example Morning Post reported."
    )
    found = {c.surface for c in find_candidates(text, []) if c.section == "organisations"}
    assert found == {
        "Example Stability Board", "Example City Illegal Finance Task Force", "Examplia Research",
        "Example Morning Post",
    }  # fmt: skip


def test_a_long_chinese_name_is_found_whole_and_according_to_ends_none() -> None:
    text = "示例市防范和打击非法金融活动专责小组办公室发布提示。按照示例金融管理局的要求办理。"
    found = {c.surface for c in find_candidates(text, []) if c.section == "organisations"}
    assert found == {"示例市防范和打击非法金融活动专责小组办公室", "示例金融管理局"}
