"""Candidate new entities: organisations by their suffixes, people by titles and name forms.

Each candidate keeps its exact span; the drafter quotes the sentence that names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from policygraph.drafting.text import fold, has_cjk
from policygraph.drafting.zhwords import ZH_NOT_ORG, ZH_STOP, ZH_VERBS, only_generic

EN_ORG_SUFFIXES = (
    "Commission", "Institute", "Bank", "Center", "Centre", "Ministry", "Committee", "Council",
    "Bureau", "Administration", "Agency", "Authority", "Association", "Corporation", "Company",
    "Exchange", "University", "Department", "Office", "Group", "Federation", "Fund", "Academy",
    "Securities", "Bureau", "Board", "Task Force", "Research", "Post",
)  # fmt: skip
ZH_ORG_SUFFIXES = (
    "委员会", "研究院", "研究所", "研究中心", "银行", "集团", "中心", "公司", "协会", "交易所",
    "办公室", "大学", "学院", "基金", "管理局", "监管局", "总局", "证券", "部", "局", "委",
    "事务所", "律师事务所", "日报", "时报", "晚报", "商报", "证券报", "金融报",
)  # fmt: skip
EN_TITLES = (
    "Vice Premier", "Premier", "President", "Vice President", "Governor", "Deputy Governor",
    "Minister", "Vice Minister", "Secretary", "Party Secretary", "Director", "Deputy Director",
    "Chairman", "Chairwoman", "Chair", "Mayor", "Vice Mayor", "Executive Vice Mayor",
    "Commissioner", "Ambassador",
    "Professor", "Prof.", "Dr.", "Dr", "Chief Executive", "CEO", "Spokesperson", "Spokesman",
    "General Manager", "Head", "Chief",
)  # fmt: skip
ZH_TITLES = (
    "党委书记", "党组书记", "书记", "党委副书记", "副书记", "党委委员", "党组成员", "常委",
    "常务副主任", "常务副市长", "主任",
    "副主任", "行长", "副行长", "部长", "副部长", "局长", "副局长",
    "董事长", "总经理", "院长", "副院长", "所长", "市长", "副市长", "省长", "主席", "副主席",
    "首席经济学家", "首席分析师", "组长", "教授", "总裁", "发言人", "创始人", "联合创始人",
    "合伙人", "首席执行官", "经济学家", "分析师", "策略师", "外汇策略师", "外汇分析师",
    "宏观分析师", "研究员", "特约研究员", "高级研究员", "首席研究员",
)  # fmt: skip
_CAP = r"[A-Z][A-Za-z0-9&’'\-]*"
_JOIN = r"(?:\s+(?:of|and|for|the|on|&)\s+|\s+)"
_EN_SUFFIX = "|".join(sorted(EN_ORG_SUFFIXES, key=len, reverse=True))
EN_ORG = re.compile(
    rf"\b(?:{_CAP}{_JOIN})*?(?:{_CAP}\s+)+(?:{_EN_SUFFIX})\b"
    rf"(?:\s+of\s+(?:the\s+)?{_CAP}(?:{_JOIN}{_CAP})*)?"
)
ZH_ORG = re.compile(
    r"[\u4e00-\u9fff]{2,20}?(?:" + "|".join(sorted(ZH_ORG_SUFFIXES, key=len, reverse=True)) + ")"
    r"(?!门|分(?!析)|署|长|主任|业)"  # 部门 (a department, generic), 部分 (a part), 部署, 局长: not
    # names; but 银行分析师 (the bank's analyst) is one; 银行业协会: the name goes on to 协会
)
ZH_UNIT_SUFFIXES = ("党委", "党组")
_NAME = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}"
_EN_TITLE = "|".join(re.escape(t) for t in sorted(EN_TITLES, key=len, reverse=True))
EN_TITLED = re.compile(rf"\b(?P<title>{_EN_TITLE})\s+(?P<name>{_NAME})\b")
EN_WITH_ZH = re.compile(
    rf"\b(?P<name>{_NAME})\s*[（(](?:{_NAME}\s*)?(?P<zh>[\u4e00-\u9fff]{{2,4}})[)）]"
)
EN_APPOSED = re.compile(
    rf"\b(?P<name>{_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?P<title>[a-z][a-z -]{{2,40}}?"
    rf"|(?:{_EN_TITLE})(?:\s+of\s+the\s+{_CAP})?)\s+(?:at|of)\s+"
)
#: A title a body's possessive gives, beside the name: "the HKMA's deputy chief executive, Darryl
#: Chan, said"; "Raymond Chan, the HKMA's executive director (...), said".
_OWNED = rf"{_CAP}['’]s\s+(?P<title>[a-z][a-z -]{{2,40}}?)"
EN_OWNED_BEFORE = re.compile(rf"{_OWNED},\s+(?P<name>{_NAME}),")
EN_OWNED_AFTER = re.compile(
    rf"\b(?P<name>{_NAME}),\s+the\s+{_OWNED}(?=\s*[,.(]|\s+(?:said|says|told)\b)"
)
_ZH_TITLE = "|".join(sorted(ZH_TITLES, key=len, reverse=True))
ZH_TITLED = re.compile(rf"(?P<title>{_ZH_TITLE})(?P<name>[\u4e00-\u9fff]{{2,3}})")
ZH_TITLED_LATIN = re.compile(rf"(?P<title>{_ZH_TITLE}) ?(?P<name>{_NAME})(?![A-Za-z])")
#: Latin names in a Chinese text (read in simplified form): a body's name before a Chinese
#: suffix ("OSL 集团"), or after the noun that says what it is ("数据服务提供商Chainalysis",
#: "银行Example Bank"); a person's after a title ("分析师Jane Doe").
_LATIN = r"[A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*)*"
ZH_LATIN_SUFFIXES = ("集团", "银行", "公司", "证券", "交易所", "基金", "研究院", "事务所")
ZH_KINDS = ("公司", "机构", "提供商", "服务商", "供应商", "平台", "集团", "银行", "交易所", "基金")
ZH_LATIN_ORG = re.compile(
    rf"(?<![A-Za-z0-9])(?P<name>{_LATIN} ?(?:{'|'.join(ZH_LATIN_SUFFIXES)}))"
    rf"|(?:{'|'.join(ZH_KINDS)})(?P<named>{_LATIN})(?![A-Za-z0-9])"
)
ZH_NAME_END = set("表指强要主出在说认提宣部介称对和与等及同则")
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐")
#: Common Chinese surnames (simplified): a title followed by two or three characters is a
#: person only when they begin with one ("主席讨论最" is no one; 行长潘功胜 is).
ZH_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰"
    "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁"
    "蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
NOT_NAMES = {"The", "This", "That", "Key", "Mandate", "Focus"}


@dataclass(frozen=True)
class Candidate:
    """A name the gazetteer does not know: its section, exact span and the rule that found it."""

    section: str  # organisations | people
    start: int
    end: int
    surface: str
    rule: str
    confidence: float
    title: str = ""  # a person's title as written ("Governor")
    zh: str = ""  # a person's Chinese name given beside a romanised one


#: One body's name, whole: words then a suffix, then perhaps "of" and a name.
EN_ORG_WHOLE = re.compile(
    rf"(?:{_CAP}{_JOIN})*?(?:{_CAP}\s+)+(?:{_EN_SUFFIX})(?:\s+of\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*)?"
)


def _split_at_and(surface: str) -> list[tuple[int, str]]:
    """Two bodies joined by "and" ("Bank of Examplia and Example Exchange Group") as two names,
    each with its offset, when each part is a body's name whole. A name with "and" inside
    stays one: "Policy and Industry Research Institute" (no body before "and"), "Supervision
    and Administration Commission" (the part after "and" opens with a suffix word: two
    words of one name's head joined)."""
    for m in re.finditer(r"\s+and\s+", surface):
        first, second = surface[: m.start()], surface[m.end() :]
        opens_with_suffix = second.split()[0] in EN_ORG_SUFFIXES
        if (
            EN_ORG_WHOLE.fullmatch(first)
            and EN_ORG_WHOLE.fullmatch(second)
            and not opens_with_suffix
        ):
            return [(0, first), (m.end(), second)]
    return [(0, surface)]


def _en_orgs(text: str) -> list[Candidate]:
    found = []
    for m in EN_ORG.finditer(text):
        for offset, part in _split_at_and(m.group(0).rstrip()):
            words = part.split()
            while words and words[0] in NOT_NAMES | {"The", "the"}:
                words = words[1:]
            if len(words) < 2:
                continue
            surface = re.sub(r"['’]s$", "", " ".join(words))  # "... of China's": the body's name
            start = text.find(surface, m.start() + offset)
            if start >= 0:
                end = start + len(surface)
                found.append(
                    Candidate("organisations", start, end, surface, "candidate.org-suffix", 0.6)
                )
    return found


def _zh_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Chinese organisation names in ``text`` (folded: 銀行 is 银行)."""
    spans: list[tuple[int, int]] = []
    for m in ZH_ORG.finditer(text):
        surface = m.group(0)
        if surface.endswith(ZH_NOT_ORG):
            continue
        cut = max((i for i, c in enumerate(surface[:-1]) if c in ZH_STOP), default=-1)
        for verb in ZH_VERBS:
            at = surface.rfind(verb, 0, len(surface) - 1)
            cut = max(cut, at + len(verb) - 1 if at >= 0 else -1)
        start, end = m.start() + cut + 1, m.end()
        if only_generic(text[start:end], ZH_ORG_SUFFIXES):
            continue  # 传统银行, 中资公司: a kind of body, not one
        if start > 0 and text[start] in "日月年号" and text[start - 1].isdigit():
            start += 1  # 26日 + 某某中心: the end of a date, not of a name
        if spans and spans[-1][1] == start:  # 示例大学 + 金融研究院: one unit's name
            start = spans.pop()[0]
        if text[end : end + 2] in ZH_UNIT_SUFFIXES:  # 示例人民银行 + 党委
            end += 2
        spans.append((start, end))
    return spans


def _cased(text: str, folded: str) -> str:
    """``folded`` with the text's own ASCII letters: Chinese read in simplified form, Latin
    names keep their capitals (offsets are the text's)."""
    return "".join(t if t.isascii() else f for t, f in zip(text, folded, strict=True))


def _zh_orgs(text: str) -> list[Candidate]:
    folded = fold(text)
    found = [
        Candidate("organisations", s, e, text[s:e], "candidate.org-suffix-zh", 0.5)
        for s, e in _zh_spans(folded)
        if e - s >= 4
    ]
    for m in ZH_REPORTED_BY.finditer(folded):
        s, e = m.span("name")
        found.append(Candidate("organisations", s, e, text[s:e], "candidate.outlet-zh", 0.5))
    for m in ZH_LATIN_ORG.finditer(_cased(text, folded)):
        group = "name" if m.group("name") else "named"
        s, e = m.span(group)
        if text[s:e].split()[0] not in NOT_NAMES:
            found.append(Candidate("organisations", s, e, text[s:e], "candidate.org-latin-zh", 0.5))
    return found


#: The outlet a report is credited to: 据央视新闻报道, 据新华社消息 (read folded); the name ends
#: as an outlet's does, so 据媒体报道 and 据相关报道 name none.
ZH_REPORTED_BY = re.compile(
    r"据《?(?P<name>[\u4e00-\u9fff]{1,8}?(?:社|报|台|网|新闻|财经|周刊))》?(?:报道|报导|消息)"
)


def _zh_name(name: str) -> str:
    return name[:2] if len(name) == 3 and name[2] in ZH_NAME_END else name


def _titled(matches: Iterable[re.Match[str]], rule: str, confidence: float) -> list[Candidate]:
    """A person for each match of a pattern with a ``name`` and its ``title``."""
    return [
        Candidate(
            "people",
            m.start("name"),
            m.end("name"),
            m.group("name"),
            rule,
            confidence,
            title=m.group("title"),
        )
        for m in matches
    ]


def _people(text: str) -> list[Candidate]:
    found = []
    for m in EN_WITH_ZH.finditer(text):
        name, start = m.group("name"), m.start("name")
        first = name.split()[0]
        if first in EN_TITLES and len(name.split()) == 3:
            name, start = name[len(first) + 1 :], start + len(first) + 1
        found.append(
            Candidate(
                "people",
                start,
                start + len(name),
                name,
                "candidate.person-with-chinese-name",
                0.7,
                zh=m.group("zh"),
            )
        )
    for m in EN_TITLED.finditer(text):
        if m.group("name").split()[0] not in NOT_NAMES:
            found.append(
                Candidate(
                    "people",
                    m.start("name"),
                    m.end("name"),
                    m.group("name"),
                    "candidate.person-title",
                    0.6,
                    title=m.group("title"),
                )
            )
    found += _titled(EN_APPOSED.finditer(text), "candidate.person-apposition", 0.6)
    for pattern in (EN_OWNED_BEFORE, EN_OWNED_AFTER):
        found += _titled(pattern.finditer(text), "candidate.person-apposition", 0.6)
    if has_cjk(text):
        latin = ZH_TITLED_LATIN.finditer(_cased(text, fold(text)))
        found += _titled(latin, "candidate.person-title-zh", 0.5)
    for m in ZH_TITLED.finditer(fold(text)):
        start = m.start("name")
        if _zh_name(m.group("name")) in ZH_VERBS:
            continue  # 分析师表示: the title's holder is not named
        surname = m.group("name")[0] in ZH_SURNAMES or m.group("name")[:2] in COMPOUND_SURNAMES
        if not surname:
            continue  # 主席讨论最: no surname, no one named
        name = text[start : start + len(_zh_name(m.group("name")))]
        found.append(
            Candidate(
                "people",
                start,
                start + len(name),
                name,
                "candidate.person-title-zh",
                0.5,
                title=m.group("title"),
            )
        )
    return found


def find_candidates(text: str, known: list[tuple[int, int]]) -> list[Candidate]:
    """New names in ``text``: those not covered by a known mention (``known`` spans)."""

    def is_known(c: Candidate) -> bool:
        return any(s <= c.start and c.end <= e for s, e in known)

    found = [*_people(text), *_en_orgs(text)]
    if has_cjk(text):
        found.extend(_zh_orgs(text))
    found.sort(key=lambda c: (c.start, -(c.end - c.start), -c.confidence))
    kept: list[Candidate] = []
    for cand in found:
        if is_known(cand):
            continue
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return kept
