"""Posts from appositions and titles.

"X, Director of Y", "Y Director X", "Y 的 X", "He's the T of Y".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from policygraph.drafting.candidates import EN_TITLES, ZH_TITLES
from policygraph.drafting.gazetteer import Gazetteer
from policygraph.drafting.reading import Name, Reading
from policygraph.drafting.text import fold, fold_label, slug

#: English titles, their words joined by a space or a hyphen ("vice-mayor").
_EN = "|".join(
    r"[\s-]".join(map(re.escape, t.split())) for t in sorted(EN_TITLES, key=len, reverse=True)
)
TITLE = re.compile(
    r"\b(?:chief|senior|deputy|head|lead)\s+(?:[a-z]+\s+){0,2}"
    r"(?:analyst|economist|officer|researcher|fellow)\b"
    rf"|\b(?i:(?:(?:deputy|vice|executive|assistant|acting)[\s-]+)*(?:{_EN}))\b"
    r"|" + "|".join(sorted(ZH_TITLES, key=len, reverse=True))
)
PRONOUN = re.compile(r"\b(?:He|She)(?:’s|'s| is| was)\s+(?:the\s+|a\s+)?$")
LINK_AFTER = re.compile(r"^\s*(?:of|at|with)\s+(?:the\s+)?$")
LINK_BEFORE = re.compile(r"^\s*(?:的|’s|'s)?\s*$")
CHAINED = re.compile(r"\s*(?:、|,|，|and|和|及|兼)\s*")
NAME_BEFORE = re.compile(
    r"^(?:[^.。\n]{0,40}?[)）])?\s*[,:：，]\s*(?:the\s+|a\s+)?$"
    r"|^\s*,\s*the\s+[^,.;()]{1,60}?(?:’s|'s)\s+$"  # "Raymond Chan, the HKMA's executive director"
)
#: Between a title and the name after it: nothing, a space, or a comma ("the HKMA's deputy chief
#: executive, Darryl Chan, said").
NAME_AFTER = re.compile(r"\s?|,\s")


@dataclass(frozen=True)
class Post:
    id: str
    member: str
    organisation: str
    title: str
    role: str | None
    start: int
    end: int
    rule: str


#: Words that make a post another one than the title without them: a deputy governor is not
#: the governor.
QUALIFIERS = frozenset({"deputy", "vice", "executive", "assistant", "first"})


@lru_cache(maxsize=1)
def title_roles() -> dict[str, str]:
    """The packaged table of Chinese titles (``titles.tsv``): title -> slug of its role."""
    text = resources.files("policygraph").joinpath("drafting", "titles.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {fold_label(row[0]): row[1] for row in rows}


def role_of(title: str, roles: dict[str, str]) -> str | None:
    """The project's ``role.`` concept for ``title``: the one labelled so, else the one the
    table of Chinese titles gives (书记 -> role.party-secretary) when the project declares it,
    else the one whose label ends like ``title`` with the same qualifiers ("Secretary" ->
    party committee secretary; "Deputy Governor" is not "governor")."""
    key = fold_label(title)
    if key in roles:
        return roles[key]
    if key in title_roles():
        code = f"role.{title_roles()[key]}"
        return code if code in roles.values() else None
    words = key.split()
    for label, code in sorted(roles.items()):
        if (
            words
            and label.split()[-1] == words[-1]
            and set(label.split()) & QUALIFIERS == (set(words) & QUALIFIERS)
        ):
            return code
    return None


def guessed_role(title: str) -> str:
    """The role a post gets when the project declares none for its title: ``role.<slug>``, the
    slug of the table of Chinese titles (书记 -> role.party-secretary) or of the title."""
    return f"role.{title_roles().get(fold_label(title)) or slug(title)}"


def _member(reading: Reading, sent_start: int, title_start: int, title_end: int) -> Name | None:
    text = reading.text
    people = [n for n in reading.names if n.section == "people"]
    after = [p for p in people if NAME_AFTER.fullmatch(text, title_end, p.start)]
    if after:
        return after[0]
    before = [p for p in people if sent_start <= p.end <= title_start]
    if before and NAME_BEFORE.match(text[before[-1].end : title_start]):
        return before[-1]
    if PRONOUN.search(text[max(sent_start, title_start - 16) : title_start]):
        return reading.last_person_before(title_start)
    return None


def _organisation(reading: Reading, title_start: int, title_end: int, end: int) -> Name | None:
    text = reading.text
    orgs = [n for n in reading.names if n.section == "organisations"]
    for org in orgs:
        if title_end <= org.start <= end and LINK_AFTER.match(text[title_end : org.start]):
            return org
    before = [o for o in orgs if o.end <= title_start and title_start - o.end <= 3]
    if before and LINK_BEFORE.match(text[before[-1].end : title_start]):
        return before[-1]
    return None


def _chains(
    folded: str, start: int, end: int, names: list[tuple[int, int]]
) -> list[list[tuple[int, int, int]]]:
    """Titles in a sentence, those written as one list ("党委书记、主任贺青") grouped: each
    title of a list holds of the name after the last one and the body before the first. A
    title that begins inside a name (市国资委党委 + 党委书记) begins where the name ends; each
    title is (start, end, start of the whole title)."""
    chains: list[list[tuple[int, int, int]]] = []
    for m in TITLE.finditer(folded, start, end):
        t_start = next((e for s, e in names if s < m.start() < e < m.end()), m.start())
        if chains and CHAINED.fullmatch(folded, chains[-1][-1][1], t_start):
            chains[-1].append((t_start, m.end(), m.start()))
        else:
            chains.append([(t_start, m.end(), m.start())])
    return chains


#: Titles held in a party committee; any other title after a committee's name is held in the
#: body whose committee it is (中国人民银行党委委员、副行长陆磊: a deputy governor of the bank).
PARTY_TITLES = frozenset(
    {"书记", "副书记", "党委书记", "党组书记", "党委副书记", "党组副书记", "党委委员", "党组成员",
     "委员", "常委", "党委常委", "secretary", "party secretary", "deputy party secretary"}
)  # fmt: skip
COMMITTEE_END = re.compile(r"(?:党委|党组|party committee|party group)$", re.IGNORECASE)


def _body_of_title(org: Name, title: str, gazetteer: Gazetteer | None) -> Name:
    """``org``, or for a title not held in a party committee named as ``org``, the known body
    named inside the committee's name (its first words: 中国人民银行 in 中国人民银行党委)."""
    if gazetteer is None or fold_label(title) in PARTY_TITLES:
        return org
    if not COMMITTEE_END.search(fold(org.surface)):
        return org
    body = gazetteer.leading(org.surface, "organisations", skip=org.id)
    return replace(org, id=body.entity, known=True) if body else org


#: Titles that name their body by the place before them: a mayor heads the city's government.
HEADS_OF_GOVERNMENT = frozenset(
    {"市长", "副市长", "常务副市长", "代市长", "省长", "副省长", "常务副省长", "mayor",
     "vice mayor", "deputy mayor", "executive vice mayor", "acting mayor"}
)  # fmt: skip
#: Between a place (or a body named by its place: 上海市委) and the mayor's title after it.
PLACE_GAP = re.compile(r"^[^,.;:，。；：()（）]{0,4}$")
#: "the city's executive vice-mayor", 该市市长: the city the text last named.
THE_CITY = re.compile(r"(?:\bthe\s+city(?:’|')s|该市|本市)\s*$", re.IGNORECASE)


def _government(
    reading: Reading, gazetteer: Gazetteer | None, title: str, sent_start: int, first: int
) -> Name | None:
    """The government a head-of-government title names by the place written before it
    ("Shanghai Mayor", "上海市委常委、常务副市长": the place of 上海市委), as a name spanning
    that place; ``None`` when the project knows no single government of it."""
    if gazetteer is None or fold_label(title).replace("-", " ") not in HEADS_OF_GOVERNMENT:
        return None
    if THE_CITY.search(fold(reading.text[max(0, first - 16) : first])):
        seats = [n for n in reading.names if n.end <= first and n.id in gazetteer.governments]
        return replace(seats[-1], id=gazetteer.governments[seats[-1].id]) if seats else None
    before = [n for n in reading.names if sent_start <= n.end <= first and n.known]
    if not before or not PLACE_GAP.match(reading.text[before[-1].end : first]):
        return None
    name = before[-1]
    if name.section == "places":
        place: str | None = name.id
    else:  # a body named by its place: 上海市委
        inner = gazetteer.leading(name.surface, "places", skip=name.id)
        place = inner.entity if inner else None
    government = gazetteer.governments.get(place) if place else None
    return replace(name, id=government, section="organisations") if government else None


def find_posts(
    reading: Reading, roles: dict[str, str], gazetteer: Gazetteer | None = None
) -> list[Post]:
    found: dict[tuple[str, str], Post] = {}
    folded = fold(reading.text)  # 行長 is 行长; offsets kept
    spans = [(n.start, n.end) for n in reading.names if n.section == "organisations"]
    for sent in reading.sentences:
        for chain in _chains(folded, sent.start, sent.end, spans):
            first, last = chain[0][0], chain[-1][1]
            for t_start, t_end, whole in chain:
                member = _member(reading, sent.start, first, last)
                words = reading.text[whole:t_end]
                org = (
                    _organisation(reading, t_start, t_end, sent.end)
                    or _government(reading, gazetteer, words, sent.start, first)
                    or _organisation(reading, first, t_end, sent.end)
                )
                if member is not None and org is not None:
                    org = _body_of_title(org, words, gazetteer)
                    _add(found, member, org, (words, sent.start, whole), roles)
    return list(found.values())


def _add(
    found: dict[tuple[str, str], Post],
    member: Name,
    org: Name,
    title: tuple[str, int, int],
    roles: dict[str, str],
) -> None:
    """Record the post of ``member`` in ``org`` under ``title`` (its text, the sentence's
    start, the title's offset), unless that pair has one already."""
    text, sent_start, at = title
    key = (member.id, org.id)
    if key in found:
        return
    post_id = f"post-{member.id.split('-', 1)[-1]}-{slug(text, 4)}"
    if any(p.id == post_id for p in found.values()):
        post_id += f"-{len(found) + 1}"
    start = max(sent_start, min(member.start, org.start, at))
    end = max(member.end, org.end, at + len(text))
    rule = "post.apposition" if member.start < at else "post.title"
    found[key] = Post(post_id, member.id, org.id, text, role_of(text, roles), start, end, rule)
