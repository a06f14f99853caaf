"""What makes a valid IRI (RFC 3987, as Turtle and Oxigraph accept it), checked before an IRI
is minted from user input, so a bad one is reported where it was written, not when it is
serialised or stored."""

from __future__ import annotations

import re

#: A scheme, then no space, control character or any of ``<>"{}|\\^` ``.
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f]*$")
_BAD = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f]")


def iri_problem(text: str) -> str | None:
    """Why ``text`` is not an absolute IRI, or ``None`` when it is one."""
    if _IRI.match(text):
        return None
    bad = _BAD.search(text)
    if bad:
        char = bad.group()
        shown = "a space" if char == " " else repr(char)
        return f"it contains {shown}"
    return "it does not start with a scheme such as https:"


def is_http_url(text: str) -> bool:
    """An absolute ``http(s)://`` IRI with a host."""
    return iri_problem(text) is None and re.match(r"^https?://[^/?#]+", text) is not None
