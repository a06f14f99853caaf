"""Variants of a known label that the gazetteer also matches, at lower confidence.

A label without its closing qualifier in parentheses ("blockchain service platform (Digital RMB
International Operation Centre)" -> "blockchain service platform"), and an English body's name
without its administrative level word ("CPC Examplia Municipal Committee" -> "CPC Examplia
Committee"), which English reports often leave out.
"""

from __future__ import annotations

import re

from policygraph.drafting.text import has_cjk

#: Words of an administrative level that English names of Chinese bodies often leave out
#: ("CPC Examplia Committee" for "CPC Examplia Municipal Committee").
LEVEL_WORDS = frozenset({"municipal", "provincial"})
SHORT = "-short"


def label_short(label: str) -> str:
    """A Latin label without its level words, when three words or more are left: "Examplia
    Municipal Financial Bureau" -> "Examplia Financial Bureau"."""
    words = label.split()
    kept = [w for w in words if w.lower() not in LEVEL_WORDS]
    return " ".join(kept) if label.isascii() and len(words) > len(kept) >= 3 else ""


QUALIFIER = re.compile(r"\s*[(（][^()（）]+[)）]\s*$")


def _plural_description(name: str) -> bool:
    """A lower-case name ending in a plural ("financial regulators"): without its qualifier
    it names a class of bodies, any of them, not the one the label means."""
    last = name.split()[-1] if name.split() else ""
    return (
        name.isascii() and name == name.lower() and last.endswith("s") and not last.endswith("ss")
    )


def label_head(label: str) -> str:
    """A label without its closing qualifier in parentheses, when what is left is still a name
    of two words or four Chinese characters: "blockchain service platform (Digital RMB
    International Operation Centre)" -> "blockchain service platform"."""
    head = QUALIFIER.sub("", label)
    if head == label or _plural_description(head):
        return ""
    return head if len(head.split()) >= 2 or (has_cjk(head) and len(head) >= 4) else ""
