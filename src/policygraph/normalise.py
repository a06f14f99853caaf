"""The form names are compared in (a leaf module: the label index and ``names`` share it)."""

from __future__ import annotations

import unicodedata


def normalise_name(text: str) -> str:
    """Unicode NFKC (full-width to half-width), case folded, tone marks and other combining
    marks removed, spaces and punctuation dropped: "He Qing", "hè qīng" and "heqing" agree."""
    if text.isascii():  # the same result, faster: NFKC and NFD leave ASCII as it is
        return "".join(filter(str.isalnum, text.lower()))
    folded = unicodedata.normalize("NFKC", text).casefold()
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
    )
    kept = (c for c in unicodedata.normalize("NFC", stripped) if unicodedata.category(c)[0] in "LN")
    return "".join(kept)
