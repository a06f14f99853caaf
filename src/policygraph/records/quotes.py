"""Quotes checked against the archived text, and where a wrong one differs from it.

Quotes and texts are compared after collapsing whitespace. A quote that is not in its text is
reported with the closest passage of the text (rapidfuzz's partial alignment) and the first
character where the two part, so one missing ``，`` in a Chinese quote reads differently from a
quote that is not in the text at all.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Below this similarity (0-100) the closest passage is not worth showing.
SHOW_FROM = 60.0


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace to one space (quotes are compared this way)."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Mismatch:
    passage: str  # the closest passage of the text ("" when nothing is close)
    at: int  # 0-based offset in the quote of the first differing character
    quote_char: str  # the quote's character there ("" past its end)
    text_char: str  # the passage's character there ("" past its end)
    score: float


def closest(quote: str, text: str) -> Mismatch:
    """The passage of ``text`` closest to ``quote`` and their first difference."""
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(quote, text)
    if found is None or found.score < SHOW_FROM:
        return Mismatch("", 0, "", "", found.score if found else 0.0)
    start = max(found.dest_start - found.src_start, 0)
    passage = text[start : start + max(len(quote), found.dest_end - start)]
    at = next(
        (i for i, (a, b) in enumerate(zip(quote, passage, strict=False)) if a != b),
        min(len(quote), len(passage)),
    )
    return Mismatch(passage, at, quote[at : at + 1], passage[at : at + 1], found.score)


def describe(quote: str, text: str) -> str:
    """Why ``quote`` is not verbatim in ``text``, for a problem line."""
    near = closest(normalise_space(quote), normalise_space(text))
    if not near.passage:
        return "nothing in the text comes close"
    what = (
        f"the quote has {near.quote_char!r} where the text has {near.text_char!r}"
        if near.quote_char and near.text_char
        else "the quote is longer than the passage"
        if near.quote_char
        else f"the text goes on with {near.text_char!r}"
    )
    marked = f"{near.passage[: near.at]}[{near.text_char}]{near.passage[near.at + 1 :]}"
    return f"first difference at character {near.at + 1}: {what}; closest passage: {marked!r}"
