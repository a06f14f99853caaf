"""Which named places a draft proposes as mentions of the place.

Curators record a place where it is a location (an event's, a programme's) or a concern (a
signal's). So a known place is proposed only where it can be one: named inside a drafted event
or signal, or after a preposition of place anywhere ("centres in Beijing and Shanghai", 在香港: a
location whatever the sentence is), or as the subject of a clause: in Chinese one an adverb
opens (香港于本月实施: the place acts), in English one a verb of state or stance opens ("China
remains wary", "Shanghai is China's main hub"; measured first on records that left such places
out, it found nothing, and after the completeness audit of December 2026, which records them,
two of two), never in a dateline ("HONG KONG,
July 11 (Reuters) -", 新华社北京9月25日电: where the report was filed), and not as a modifier
inside a noun phrase that a determiner opens. A determiner does not take a bare place name as
its noun: in "a Shanghai regulator", "its Hangzhou office", 一家上海券商, the place only says
which regulator, office or broker is meant, and the phrase names that, not the place (the
regulator, not Shanghai, said something). The place as the noun of its own phrase ("in
Shanghai", "Shanghai said", "a Shanghai that ...", 在上海) is unchanged.

"the" is left out of the determiners on purpose: some places' names take it ("the Netherlands
said"), and a possessive place ("China's central bank") is kept, as it can be what a signal is
about ("China's influence").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policygraph.drafting.datelines import dateline_agency, dateline_place
from policygraph.drafting.reading import Name
from policygraph.drafting.text import fold

#: An English determiner right before the place (whole word, any case, spaces between).
_EN_DETERMINER = re.compile(
    r"(?:^|[^\w'’-])(?:a|an|another|each|every|its|their|his|her|our|this|these|those)\s+$",
    re.IGNORECASE,
)
#: A noun right after it ("regulator", "China-based"): a word, not one of the words that
#: make the place the noun of its own phrase ("a Shanghai that never sleeps", "a China of ...").
_EN_NEXT = re.compile(r"(?:\s+|-)([A-Za-z]+)")
_EN_NOT_NOUNS = frozenset({"of", "that", "which", "where", "who", "whose", "when", "and", "or"})
#: A Chinese numeral or demonstrative with its measure word (一家, 这位, 两个, 每所, 某家),
#: read in simplified form, right before the place; a character follows it (the noun).
_ZH_DETERMINER = re.compile(r"[一两二三四五六七八九十几数每这那该某各][家位名个所间批些座]$")
_ZH_NOUN = re.compile(r"[\u3400-\u9fff]")


def in_noun_phrase(text: str, start: int, end: int) -> bool:
    """Whether the place named at ``text[start:end]`` modifies the noun of a phrase a
    determiner opens ("a Shanghai regulator", 一家上海券商)."""
    before = fold(text[max(0, start - 24) : start])
    after = text[end : end + 24]
    if _ZH_DETERMINER.search(before):
        return bool(_ZH_NOUN.match(after))
    if not _EN_DETERMINER.search(before):
        return False
    noun = _EN_NEXT.match(after)
    return noun is not None and noun.group(1).lower() not in _EN_NOT_NOUNS


#: A preposition of place right before the place: "in Beijing", "held at Shanghai", 在香港,
#: 于北京 (read in simplified form).
_EN_LOCATIVE = re.compile(r"(?:^|[^\w'’-])(?:in|at|across|throughout|within)\s+$", re.IGNORECASE)
_ZH_LOCATIVE = re.compile(r"(?:在|于|赴|位于)$")


def in_dateline(text: str, start: int, end: int) -> bool:
    """Whether the place is a dateline's: where the report was filed, not a mention."""
    return dateline_place(text, start, end)


#: A credit: the body alone in parentheses that end the line (a photo's "（新華社）", "(Reuters)").
_CREDIT_AFTER = re.compile(r"[)）][ \t]*(?:\n|$)")


def agency_in_dateline(text: str, start: int, end: int) -> bool:
    """Whether a body is the wire agency of a dateline (新华社香港7月23日电, "HONG KONG, July 23
    (Xinhua) --", ``datelines``) or a credit at the end of a line ("（新華社）"): who filed the
    report or the picture, not a body it reports on."""
    if dateline_agency(text, start, end):
        return True
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return before.endswith(("(", "（")) and _CREDIT_AFTER.match(text, end) is not None


#: A Chinese list of places closed by 等 and a word for places (北京、苏州和浙江等多地): each
#: place of it is where something happens, as after a preposition of place.
_ZH_PLACE_LIST = re.compile(
    r"(?:[、和及与][\u4e00-\u9fff]{1,6}?){0,8}等(?:多|各)?(?:地|城市|省市|地区)"
)


def locative(text: str, start: int, end: int | None = None) -> bool:
    """Whether a preposition of place opens the place ("in Beijing", 在香港), or the place is
    one of a list of places (北京、苏州和浙江等多地; ``end``: where the place's name ends)."""
    before = text[max(0, start - 12) : start]
    if _EN_LOCATIVE.search(before) or _ZH_LOCATIVE.search(fold(before)):
        return True
    return end is not None and _ZH_PLACE_LIST.match(fold(text[end : end + 60])) is not None


#: A Chinese adverb of time or aspect right after the place: it opens the predicate, so the
#: place is the subject of its clause (香港于本月实施, 杭州正在寻求, 北京已经发布).
_ZH_PREDICATE = re.compile(r"(?:于|正在|正|将|已经|已|曾经|曾|仍|也|亦|近日|日前)")


#: An English verb of state or of stance right after the place: it is the subject of its
#: clause ("China remains wary", "Shanghai is China's main hub", "Hong Kong has").
_EN_PREDICATE = re.compile(
    r"\s+(?:is|was|remains|remained|has|had|will|would|wants|plans|aims|seeks|sees)\b"
)


def subject(text: str, end: int) -> bool:
    """Whether a place is the subject of a clause: a Chinese adverb follows it (香港于本月),
    or an English verb of state or stance ("China remains")."""
    return bool(_ZH_PREDICATE.match(fold(text[end : end + 4])) or _EN_PREDICATE.match(text, end))


def proposed(text: str, place: Name, claims: Sequence[tuple[int, int]]) -> bool:
    """Whether a known place named in ``text`` is proposed as a mention: inside a drafted
    event or signal (``claims``) or after a preposition of place, not in a dateline, not a
    modifier in a noun phrase."""
    if in_dateline(text, place.start, place.end):
        return False
    inside = any(s <= place.start < e for s, e in claims)
    where = inside or locative(text, place.start, place.end) or subject(text, place.end)
    return where and not in_noun_phrase(text, place.start, place.end)
