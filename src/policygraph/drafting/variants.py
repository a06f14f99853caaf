"""Variants of a known label that the gazetteer also matches, at lower confidence.

A label without its closing qualifier in parentheses ("blockchain service platform (Digital RMB
International Operation Centre)" -> "blockchain service platform"), an English body's name
without its administrative level word ("CPC Examplia Municipal Committee" -> "CPC Examplia
Committee"), which English reports often leave out, and a Chinese body's name in the usual
short form of its words (国家外汇管理局 -> 国家外汇局, 国家市场监督管理总局 -> 国家市场监管总局,
国家发展和改革委员会 -> 国家发展改革委). And the labels it does not match: a common noun
(``common_noun``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from policygraph.drafting.text import fold, fold_label, has_cjk, is_time_zone


def common_noun(label: str) -> bool:
    """A one-word label in lower case ("leaders"), or "the" and one ("the city", "the bank"):
    a common noun, or a phrase that points back to whatever the text last named, not a name of
    something (concepts are matched by such words on purpose: "stablecoin")."""
    words = label.split()
    if words[:1] in (["the"], ["The"]):
        words = words[1:]
    return label.isascii() and len(words) == 1 and words[0] == words[0].lower()


def capitalised_word(labels: Iterable[str]) -> bool:
    """Whether every label of a match is one capitalised Latin word ("Xinhua", "Authorities"):
    such a name is matched only where the text capitalises it too, so that a common noun a
    curator took from a sentence's start ("Authorities on Thursday issued ...") does not name
    the body wherever the text says "authorities"."""
    return all(
        label.isascii() and label.isalpha() and label[0].isupper() and not label.isupper()
        for label in labels
    )


def named_here(text: str, start: int, stop: int, labels: list[str]) -> bool:
    """Whether ``text[start:stop]``, matched by ``labels``, names their body: not a time zone
    spelt like one (HKT), nor a one-word name in lower case there (``capitalised_word``)."""
    if is_time_zone(text, start, stop):
        return False
    return text[start].isupper() or not capitalised_word(labels)


#: Words of an administrative level that English names of Chinese bodies often leave out
#: ("CPC Examplia Committee" for "CPC Examplia Municipal Committee").
LEVEL_WORDS = frozenset({"municipal", "provincial"})
SHORT = "-short"


#: Words of Chinese bodies' names and their usual short forms, applied in this order.
ZH_SHORTENINGS = (
    ("监督管理", "监管"),
    ("管理局", "局"),
    ("发展和改革", "发展改革"),
    ("委员会", "委"),
)


def label_singular(label: str) -> str:
    """A Latin name with its plural modifiers made singular ("Stablecoins Ordinance" ->
    "Stablecoin Ordinance"): reports write a name's modifiers either way; the head word, the
    last, keeps its number."""
    words = label.split()
    if not label.isascii() or len(words) < 2:
        return ""
    changed = [
        w[:-1] if w[:1].isupper() and w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w
        for w in words[:-1]
    ]
    return " ".join([*changed, words[-1]]) if changed != words[:-1] else ""


def label_short(label: str) -> str:
    """A Latin label without its level words, when three words or more are left: "Examplia
    Municipal Financial Bureau" -> "Examplia Financial Bureau"; a Chinese one in the short
    form of its words (``ZH_SHORTENINGS``), when five characters or more are left."""
    if has_cjk(label):
        short = fold(label)  # in simplified characters, as the gazetteer's keys are
        for long, brief in ZH_SHORTENINGS:
            short = short.replace(long, brief)
        return short if short != fold(label) and len(short) >= 5 else ""
    words = label.split()
    kept = [w for w in words if w.lower() not in LEVEL_WORDS]
    return " ".join(kept) if label.isascii() and len(words) > len(kept) >= 3 else ""


#: The words that say a firm is a firm, which reports leave out of its name ("Standard Chartered"
#: for "Standard Chartered Bank", "Guotai Haitong" for "Guotai Haitong Securities").
COMPANY_WORDS = frozenset(
    {"bank", "group", "securities", "holdings", "limited", "ltd.", "co.", "corporation", "inc."}
)


def label_without_company_word(label: str) -> str:
    """A Latin firm's name without its last word when that word says it is a firm and two
    capitalised words or more are left ("Standard Chartered Bank" -> "Standard Chartered")."""
    words = label.replace(",", "").split()
    if not label.isascii() or len(words) < 3 or words[-1].lower() not in COMPANY_WORDS:
        return ""
    kept = words[:-1]
    return " ".join(kept) if all(w[:1].isupper() for w in kept) else ""


QUALIFIER = re.compile(r"\s*[(（][^()（）]+[)）]\s*$")


def _plural_description(name: str) -> bool:
    """A lower-case name ending in a plural ("financial regulators"): without its qualifier
    it names a class of bodies, any of them, not the one the label means."""
    last = name.split()[-1] if name.split() else ""
    return (
        name.isascii() and name == name.lower() and last.endswith("s") and not last.endswith("ss")
    )


def label_head(label: str, *, body: bool = False) -> str:
    """A label without its closing qualifier in parentheses, when what is left is still a name
    of two words or four Chinese characters: "blockchain service platform (Digital RMB
    International Operation Centre)" -> "blockchain service platform". Not for a ``body`` whose
    head is a firm's name ("Bank of China (Hong Kong)": the qualifier names the subsidiary,
    the head its parent, another body)."""
    head = QUALIFIER.sub("", label)
    if head == label or _plural_description(head):
        return ""
    if body and COMPANY_WORDS & {w.lower() for w in head.split()}:
        return ""
    return head if len(head.split()) >= 2 or (has_cjk(head) and len(head) >= 4) else ""


#: What may follow a place at the start of a Chinese body's name (市, 省, 特别行政区).
_PLACE_WORD = re.compile(r"^(?:市|省|特别行政区|特区)?")


def label_without_place(label: str, places: list[str]) -> str:
    """A Chinese body's name without the place it begins with, when five characters or more are
    left (香港金融管理局 -> 金融管理局): reports name a body of their own place so. ``places``:
    the folded Chinese labels of the known places."""
    if not has_cjk(label):
        return ""
    key = fold_label(label)
    for place in sorted(places, key=len, reverse=True):
        if key.startswith(place):
            rest = key[len(place) :]
            rest = rest[_PLACE_WORD.match(rest).end() :]  # type: ignore[union-attr]
            return rest if len(rest) >= 5 else ""
    return ""
