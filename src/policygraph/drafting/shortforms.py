"""Short forms a text defines for itself: "People's Bank of China (PBOC)", "中国人民银行（以下简称
“人民银行”）".

A short form in parentheses right after a name, made of that name's letters in order (the
initials of its words for a Latin one, its characters for a Chinese one), names the same thing
wherever else the text uses it.
"""

from __future__ import annotations

import re

from policygraph.drafting.text import fold, has_cjk, is_latin

PAREN = re.compile(
    r"\s*[(（]\s*(?:以下简称|以下簡稱|下称|下稱|简称|簡稱|hereinafter|or)?\s*[:：]?\s*"
    r"[\"“「『]?(?P<short>[A-Za-z]{2,8}|[\u3400-\u9fff]{2,8})[\"”」』]?\s*[)）]"
)
Span = tuple[int, int, str]


def _subsequence(short: str, letters: str) -> bool:
    rest = iter(letters)
    return all(char in rest for char in short)


def taken_from(short: str, name: str) -> bool:
    """``short`` is made of ``name``'s letters in order: the initials of its words, beginning
    with the first ("PBOC" of "People's Bank of China"), or its Chinese characters
    (人民银行 of 中国人民银行, 国资委 of 国有资产监督管理委员会)."""
    short, name = fold(short), fold(name)
    if has_cjk(short):
        return len(short) < len(name) and _subsequence(short, name)
    initials = "".join(w[0] for w in re.findall(r"[a-z0-9]+", name.replace("'s", "")))
    return len(initials) > 1 and short[0] == initials[0] and _subsequence(short, initials)


def short_forms(text: str, names: list[Span]) -> list[Span]:
    """Where the text uses a short form it defines for one of ``names`` ((start, end, id)
    spans): the definition itself and every later use not inside another name."""
    defined: dict[str, tuple[str, int]] = {}
    for start, end, entity in names:
        match = PAREN.match(text, end)
        if match and taken_from(match.group("short"), text[start:end]):
            defined.setdefault(fold(match.group("short")), (entity, match.start("short")))
    if not defined:
        return []
    folded = fold(text)
    taken = [(s, e) for s, e, _ in names]
    found: list[Span] = []
    for short, (entity, first) in defined.items():
        for m in re.finditer(re.escape(short), folded[first:]):
            start, end = first + m.start(), first + m.end()
            latin = is_latin(short[0])
            if latin and (
                (start > 0 and is_latin(folded[start - 1]))
                or (end < len(folded) and is_latin(folded[end]))
            ):
                continue  # inside a word
            if not any(s < end and start < e for s, e in taken):
                found.append((start, end, entity))
    return found
