"""How text is cut into words for the full-text index, and how a query becomes an FTS5 query.

English and other spaced languages use SQLite's ``unicode61`` tokenizer with Porter stemming.
Chinese is written without spaces, so every Han character is indexed as a word of its own: a
zero-width space (``U+200B``, a separator for ``unicode61``) is put on both sides of each Han
character, and a Chinese query word becomes a phrase of its characters. Any run of characters
(``贺青``, ``国资``, ``上海国资委``) is then found wherever it occurs, whatever its length, and
ranked by bm25. docs/search-digest.md gives the measurements behind this choice (against the
``trigram`` tokenizer and jieba-segmented text).
"""

from __future__ import annotations

import re

from policygraph.errors import QueryError

#: The FTS5 tokenizer of the index (its name is kept in the index: a change rebuilds it).
TOKENIZER = "porter unicode61 remove_diacritics 2"
SEPARATOR = "\u200b"
HAN = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f]+"
)  # a run of Han characters
#: Marks around a highlighted match in a snippet (control characters: never in archived text).
OPEN, CLOSE = "\x02", "\x03"
_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_OPERATORS = {"OR", "NOT", "AND"}


def to_indexed(text: str) -> str:
    """``text`` as it is stored in the index: each Han character set apart."""
    cleaned = text.replace(SEPARATOR, "").replace(OPEN, "").replace(CLOSE, "")
    return HAN.sub(_set_apart, cleaned)


def _set_apart(run: re.Match[str]) -> str:
    """A run of Han characters, each with a separator on both sides (one call per run, not
    per character: a third of the time on Chinese text)."""
    return SEPARATOR + (SEPARATOR + SEPARATOR).join(run.group()) + SEPARATOR


def from_indexed(text: str) -> str:
    """Undo ``to_indexed`` in a snippet, joining the highlights of adjacent characters."""
    return text.replace(SEPARATOR, "").replace(CLOSE + OPEN, "")


def _phrase(words: str) -> str:
    """One FTS5 string (a word, or a phrase when it holds several tokens), quotes escaped."""
    return '"' + to_indexed(words).replace('"', '""') + '"'


def to_match(query: str) -> str:
    """The FTS5 ``MATCH`` expression for a user's query.

    Words must all occur (in any order); ``"two words"`` is a phrase; ``OR`` and ``NOT`` between
    words work as in FTS5; a trailing ``*`` matches a prefix of a word's Porter stem (``regul*``
    finds "regulation", stemmed "regul", but ``regulat*`` does not). Chinese needs no
    spaces: ``国资委`` is found inside ``上海国资委``. Nothing else of FTS5's syntax is passed on,
    so no query can be a syntax error.
    """
    parts: list[str] = []
    for match in _TERM.finditer(query):
        quoted, bare = match.group(1), match.group(2)
        if bare is not None and bare in _OPERATORS:
            if parts and parts[-1] not in _OPERATORS:
                parts.append(bare)
            continue
        text = quoted if quoted is not None else bare
        prefix = bare is not None and bare.endswith("*") and not HAN.search(bare)
        words = " ".join(re.findall(r"\w+", text.rstrip("*")))
        if not words:
            continue
        parts.append(_phrase(words) + (" *" if prefix else ""))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    if not parts:
        raise QueryError(f"nothing to search for in {query!r}", hint="give a word or a phrase")
    return " ".join(parts)
