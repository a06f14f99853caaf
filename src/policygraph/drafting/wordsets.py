"""Descriptive English names matched as sets of words, in any order.

A body that is not yet a proper name is described in many ways: "digital RMB international
operations center" and "international operations center for the digital RMB" are one thing.
A label of three words or more (small words aside) is matched by any run of the text made of
exactly its words, in any order, with small words between them; words are compared in American
spelling ("operations centre" = "operations center"), plurals kept, and the Chinese currency's
English names as one ("digital yuan" = "digital RMB" = "digital renminbi"). "under" is a small
word: a body "under" another is the body "of" it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SMALL = frozenset({"the", "of", "for", "a", "an", "and", "on", "in", "to", "under", "at"})
SPELLING = {
    "centre": "center",
    "programme": "program",
    "organisation": "organization",
    "yuan": "rmb",
    "renminbi": "rmb",
}
MIN_WORDS = 3
WORD = re.compile(r"[a-z0-9]+(?:'s)?")
#: What may stand between two words of one name: spaces, a hyphen.
JOINT = re.compile(r"[\s-]*")

Key = tuple[str, ...]


def _norm(word: str) -> str:
    """A word in American spelling; plurals stay ("digital asset platforms" are any such
    platforms, not the one "digital asset platform")."""
    if word.endswith("s") and word[:-1] in SPELLING:
        return SPELLING[word[:-1]] + "s"
    return SPELLING.get(word, word)


def word_key(folded_label: str) -> Key:
    """The sorted content words of a folded label; empty when it has fewer than three."""
    words = [_norm(w) for w in WORD.findall(folded_label) if w not in SMALL]
    return tuple(sorted(words)) if len(words) >= MIN_WORDS else ()


class WordSets:
    """The word sets of labels, and a scan of a folded text for runs of those words."""

    def __init__(self, keys: Iterable[Key]) -> None:
        self.keys = {key for key in keys if key}
        self.vocabulary = {w for key in self.keys for w in key}
        self.longest = max((len(k) for k in self.keys), default=0)

    def find(self, folded: str) -> list[tuple[int, int, Key]]:
        """(start, end, key) of every run of the text whose content words are a label's."""
        if not self.keys:
            return []
        tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(folded)]
        hits: list[tuple[int, int, Key]] = []
        for i, (start, _, word) in enumerate(tokens):
            if _norm(word) not in self.vocabulary:
                continue
            content: list[str] = []
            for j in range(i, len(tokens)):
                if j > i and not JOINT.fullmatch(folded, tokens[j - 1][1], tokens[j][0]):
                    break  # punctuation ends a name
                word_j = tokens[j][2]
                if word_j in SMALL:
                    continue
                if _norm(word_j) not in self.vocabulary or len(content) == self.longest:
                    break
                content.append(_norm(word_j))
                key = tuple(sorted(content))
                if key in self.keys:
                    hits.append((start, tokens[j][1], key))
        return hits
