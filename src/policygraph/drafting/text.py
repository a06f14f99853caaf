"""Text helpers shared by the drafting rules: folding with offsets kept, sentences, slugs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Characters folded to one ASCII look-alike, so quotes and names match however typed.
_PUNCT = {"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-", "–": "-", "—": "-"}
SENTENCE_END = re.compile(r"(?<=[.!?。！？][\"”’)])\s+|(?<=[.!?])\s+|(?<=[。！？；])|\n+")


@lru_cache(maxsize=1)
def _simplified() -> dict[str, str]:
    """Traditional Chinese characters and their simplified forms, one to one (hanziconv)."""
    from hanziconv.charmap import simplified_charmap, traditional_charmap

    table = {
        t: s
        for t, s in zip(traditional_charmap, simplified_charmap, strict=True)
        if t != s and not t.isspace()
    }
    return table | VARIANT_CHARS


#: Variant characters Hong Kong writes that hanziconv's table leaves out (滙豐 is 匯豐, 汇丰).
VARIANT_CHARS = {"滙": "汇", "綫": "线", "裏": "里", "衞": "卫", "啓": "启", "爲": "为"}


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One character folded: width, case, tone marks, quote styles and traditional Chinese
    forms (陸家嘴論壇 -> 陆家嘴论坛) removed; length kept."""
    if char in _PUNCT:
        return _PUNCT[char]
    if "\u3400" <= char <= "\u9fff":
        return _simplified().get(char, char)
    if char.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    base = next((c for c in decomposed if not unicodedata.combining(c)), char)
    lowered = base.lower()
    return lowered[0] if lowered else char


#: Words written differently in Taiwan and on the mainland, as simplified characters: the
#: Taiwan form -> the mainland one, of the same length (數位人民幣 is 数字人民币).
VARIANTS = {"数位": "数字", "网路": "网络", "软体": "软件", "硬体": "硬件", "资讯": "信息"}


@lru_cache(maxsize=64)  # the rules fold the same text and sentences several times
def fold(text: str) -> str:
    """``text`` folded character by character, then Taiwan word forms made mainland ones of
    the same length (``VARIANTS``): offsets in the result are offsets in ``text``."""
    folded = "".join(fold_char(c) for c in text)
    for variant, mainland in VARIANTS.items():
        if variant in folded:
            folded = folded.replace(variant, mainland)
    return folded


def fold_label(label: str) -> str:
    """A label folded, with runs of spaces collapsed (labels are patterns, not text)."""
    return " ".join(fold(label).split())


def is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def has_cjk(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" for c in text)


def slug(text: str, words: int = 6) -> str:
    """An ASCII slug of ``text``; Chinese is romanised first (pinyin)."""
    if has_cjk(text):
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(text))
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())[:words]
    return "-".join(parts)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str) -> list[Sentence]:
    """Sentences (and lines) of ``text`` as exact spans, surrounding space trimmed."""
    found: list[Sentence] = []
    cursor = 0
    for match in [*SENTENCE_END.finditer(text), None]:
        stop = match.start() if match else len(text)
        piece = text[cursor:stop]
        body = piece.strip()
        if body:
            begin = cursor + len(piece) - len(piece.lstrip())
            found.append(Sentence(begin, begin + len(body), body))
        cursor = match.end() if match else len(text)
    return found


def sentence_at(sents: list[Sentence], offset: int) -> Sentence | None:
    for sent in sents:
        if sent.start <= offset < sent.end:
            return sent
    return None


# a clock time, perhaps with a date after it, just before a word ("11:18 2025-12-29 HKT"), or
# just after it ("2025-06-29 HKT 16:03")
_CLOCK_BEFORE = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:\d{4}[-/]\d{1,2}[-/]\d{1,2})?\s*$", re.I
)
_CLOCK_AFTER = re.compile(r"\s*\d{1,2}:\d{2}\b")


def is_time_zone(text: str, start: int, stop: int) -> bool:
    """The capitals at ``text[start:stop]`` stand beside a clock time: a time zone (HKT, CST),
    not a name the same letters spell (HKT the telecom firm)."""
    word = text[start:stop]
    if not (word.isupper() and len(word) <= 5):
        return False
    return bool(_CLOCK_BEFORE.search(text[:start][-40:]) or _CLOCK_AFTER.match(text, stop))
