"""Read what ``add`` archives: a local file or, when asked, a URL. Bytes in, checked text out."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from policygraph.errors import InputError, Location, NotFoundError

#: Leading bytes of formats that are not text: PDF, ZIP (docx, xlsx), images, gzip, OLE.
BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"\xd0\xcf",
)


@dataclass(frozen=True)
class Fetched:
    """Raw content, where it came from, and whether it is HTML."""

    content: bytes
    origin: str  # the path or URL as given
    url: str | None  # the URL it was fetched from (None for a local file)
    is_html: bool


def _looks_html(content: bytes, name: str, content_type: str = "") -> bool:
    if "html" in content_type or name.lower().endswith((".html", ".htm")):
        return True
    head = content[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def read_local(path: Path) -> Fetched:
    """A local ``.txt`` or ``.html`` file."""
    try:
        content = path.read_bytes()
    except FileNotFoundError as err:
        raise NotFoundError(
            f"{path}: no such file", hint="give a .txt or .html file or a URL"
        ) from err
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", where=Location(path)) from err
    return Fetched(content, str(path), None, _looks_html(content, path.name))


def fetch_url(url: str, timeout: float) -> Fetched:
    """GET ``url`` (http or https) within ``timeout`` seconds."""
    request = urllib.request.Request(url, headers={"User-Agent": "policygraph-add/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content = response.read()
            content_type = str(response.headers.get("Content-Type", ""))
            final = str(response.geturl())
    except urllib.error.HTTPError as err:
        raise InputError(
            f"{url}: the server answered HTTP {err.code} {err.reason}",
            hint="check the URL, or save the page and add the file",
        ) from err
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise InputError(
            f"{url}: cannot fetch ({reason})",
            hint=f"check the network and the URL (timeout {timeout:g} s), or add a saved file",
        ) from err
    return Fetched(content, url, final, _looks_html(content, url, content_type))


CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


def _declared_charset(fetched: Fetched) -> str | None:
    """The charset an HTML page declares (many Chinese sites serve GBK): plain text has none."""
    if not fetched.is_html:
        return None
    found = CHARSET.search(fetched.content[:4096])
    name = found.group(1).decode("ascii").lower() if found else ""
    return "gb18030" if name in ("gb2312", "gbk") else (name or None)


def decode_text(fetched: Fetched) -> str:
    """The content as UTF-8 text; refuse empty, binary and other encodings."""
    where = Location(Path(fetched.origin)) if fetched.url is None else None
    origin = "" if where else f"{fetched.origin}: "
    content = fetched.content
    if not content.strip():
        raise InputError(f"{origin}the file is empty", where=where, hint="nothing to archive")
    if content.startswith(BINARY_MAGIC) or b"\x00" in content[:4096]:
        raise InputError(
            f"{origin}this is a binary file (PDF, image or archive), not text or HTML",
            where=where,
            hint="extract its text first and add the .txt file",
        )
    try:
        text = content.decode(_declared_charset(fetched) or "utf-8")
    except (UnicodeDecodeError, LookupError) as err:
        detail = (
            f"byte {err.start + 1}: {err.reason}" if isinstance(err, UnicodeDecodeError) else err
        )
        raise InputError(
            f"{origin}not UTF-8 text ({detail})",
            where=where,
            hint="convert it first, e.g. iconv -f GB18030 -t UTF-8 FILE > FILE.txt",
        ) from err
    return text.removeprefix("\ufeff")
