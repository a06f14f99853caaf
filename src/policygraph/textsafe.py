"""Text that is safe to show on a terminal: control characters escaped, long text cut.

Data (labels, quotes, server error bodies) may hold terminal escape sequences, carriage
returns, line and paragraph separators or bidirectional overrides that would move the cursor,
recolour the terminal or reorder what a person reads. ``safe_text`` shows each such
character as a visible escape (``\\x1b``, ``\\u202e``); tabs and line feeds stay as they are.
``cut`` shortens a long text and says how much was left out. ``redact`` hides the user info
and token-like query parameters of every URL in a text (every error message goes through it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# C0 controls except tab and line feed, DEL, C1 controls, line/paragraph separators, and the
# bidirectional embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

BODY_LIMIT = 2000


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """``text`` with every terminal control character shown escaped (tabs and newlines kept)."""
    return _UNSAFE.sub(_escape, text)


def safe_line(text: str) -> str:
    """``text`` escaped for one line: newlines and tabs are escaped too."""
    return safe_text(text).replace("\n", "\\n").replace("\t", "\\t")


def cut(text: str, limit: int = BODY_LIMIT) -> str:
    """``text`` up to ``limit`` characters, then a note of how many more there were."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]} (... {len(text) - limit} more characters)"


def safe_body(body: bytes, limit: int = BODY_LIMIT) -> str:
    """A server's response body as a short, terminal-safe text (UTF-8, invalid bytes replaced)."""
    return safe_text(cut(body.decode("utf-8", errors="replace").strip(), limit))


_URL = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^\s<>\"'`]*[^\s<>\"'`:;,.)]")
_USERINFO = re.compile(r"^([a-z][a-z0-9+.-]*://)[^/?#]*@", re.IGNORECASE)
_SECRET_PARAM = re.compile(
    r"(?i)([?&;](?:access_token|token|api[_-]?key|key|password|passwd|pass|pwd|secret|"
    r"client_secret|auth|authorization|sig|signature|session(?:id)?|credentials?)=)[^&#]*"
)


def _redact_url(match: re.Match[str]) -> str:
    return _SECRET_PARAM.sub(r"\1***", _USERINFO.sub(r"\1***@", match.group(0)))


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with its URLs' user info and token-like parameters, and ``secrets``, hidden."""
    out = _URL.sub(_redact_url, text)
    for secret in secrets:
        if len(secret) >= 3:
            out = out.replace(secret, "***")
    return out
