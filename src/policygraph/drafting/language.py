"""Which language a text is in, read from its script only: Han or Latin, traditional or not.

``add`` fills a source's ``language`` when the text makes it plain; ``draft`` tags the labels and
``stated_as`` it proposes with the source's language (``zh-Hant`` for traditional characters).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Below this many letters and Han characters a text says too little to tell.
MIN_LETTERS = 20
#: A text is Chinese when at least this share of its letters are Han characters (a Chinese text
#: quotes Latin names; an English one gives the odd name in Chinese), English at most this one.
ZH_SHARE, EN_SHARE = 0.6, 0.05
TRADITIONAL_TAGS = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")
#: Latin script is not English: a text is taken for English only when at least this share of its
#: words are English's commonest words (about a fifth of running English text; French, German or
#: Spanish text has next to none of them, pinyin none; "a" is left out, as French writes it too).
ENGLISH_WORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "that",
        "for",
        "on",
        "it",
        "with",
        "as",
        "was",
        "by",
        "at",
        "from",
        "be",
        "this",
        "are",
        "an",
        "has",
        "have",
        "said",
        "will",
        "its",
        "or",
        "which",
    }
)
EN_WORD_SHARE = 0.12
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _scripts() -> tuple[frozenset[str], frozenset[str]]:
    """Characters only traditional Chinese writes, and those only simplified Chinese writes."""
    from hanziconv.charmap import simplified_charmap, traditional_charmap

    pairs = [(t, s) for t, s in zip(traditional_charmap, simplified_charmap, strict=True) if t != s]
    traditional = {t for t, _ in pairs}
    simplified = {s for _, s in pairs}
    return frozenset(traditional - simplified), frozenset(simplified - traditional)


def is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def is_traditional(text: str) -> bool:
    """Whether more of the text's characters are traditional-only than simplified-only."""
    traditional, simplified = _scripts()
    trad = sum(1 for c in text if c in traditional)
    simp = sum(1 for c in text if c in simplified)
    return trad > simp


def guess_language(text: str) -> str | None:
    """``zh-Hant``, ``zh`` or ``en`` when the text makes it plain (its script, and for English
    its commonest words), else ``None``."""
    han = sum(1 for c in text if is_han(c))
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    if han + latin < MIN_LETTERS:
        return None
    share = han / (han + latin)
    if share >= ZH_SHARE:
        return "zh-Hant" if is_traditional(text) else "zh"
    if share <= EN_SHARE and _english_share(text) >= EN_WORD_SHARE:
        return "en"
    return None


def _english_share(text: str) -> float:
    words = [w.lower() for w in _WORD.findall(text)]
    return sum(1 for w in words if w in ENGLISH_WORDS) / len(words) if words else 0.0


def chinese_tag(language: str | None, text: str) -> str:
    """The tag of Chinese words drafted from a source: ``zh-Hant`` when the source says so or,
    when it does not say which script, when its text is written in traditional characters."""
    lowered = (language or "").lower()
    if lowered.startswith(TRADITIONAL_TAGS):
        return "zh-Hant"
    if lowered.startswith("zh-hans") or lowered.startswith("zh-cn"):
        return "zh"
    return "zh-Hant" if is_traditional(text) else "zh"
