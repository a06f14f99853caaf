"""Main text and metadata of an HTML page (trafilatura, htmldate); unknown stays unknown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from policygraph.errors import InputError, Location

MIN_TEXT = 40  # characters of main text below which a page has "no main text"
PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class PageMeta:
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None


def _lang(html: str) -> str | None:
    found = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", html, re.I)
    return found.group(1) if found else None


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _page_date(html: str) -> str | None:
    """The publication date the page's markup states (htmldate), without guessing from text."""
    from htmldate import find_date

    found = find_date(html, extensive_search=False, original_date=True)
    return str(found) if found else None


def extract_page(html: str, origin: str, url: str | None) -> tuple[str, PageMeta]:
    """The page's main text (one paragraph a line) and what it says about itself."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = str(getattr(doc, "text", "") or "").strip() if doc is not None else ""
    if len(text) < MIN_TEXT:
        where = Location(Path(origin)) if url is None else None
        raise InputError(
            f"{'' if where else origin + ': '}no main text found in this HTML page",
            where=where,
            hint="the page may be a shell filled by JavaScript: save the article text as .txt",
        )
    date = _clean(getattr(doc, "date", None)) or _page_date(html)
    meta = PageMeta(
        title=_clean(getattr(doc, "title", None)),
        publisher=_clean(getattr(doc, "sitename", None)),
        author=_clean(getattr(doc, "author", None)),
        published=date if date and PARTIAL.match(date) else None,
        url=_clean(getattr(doc, "url", None)) or url,
        language=_clean(getattr(doc, "language", None)) or _lang(html),
    )
    return text + "\n", meta
