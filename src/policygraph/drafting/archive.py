"""``add``: archive a source as ``data/sources/<id>.txt`` and ``<id>.yaml``, atomically."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from policygraph.atomic import write_all_atomic
from policygraph.drafting.fetch import Fetched, decode_text, fetch_url, read_local
from policygraph.drafting.html import PageMeta, extract_page
from policygraph.drafting.language import guess_language
from policygraph.errors import InputError
from policygraph.project import Project
from policygraph.records.fields import SLUG

ID_WORDS = 8


@dataclass(frozen=True)
class Archived:
    """What ``add`` wrote."""

    id: str
    text_path: Path
    meta_path: Path
    meta: dict[str, str | None]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def propose_id(title: str | None, published: str | None, fallback: str) -> str:
    """A stable slug: the title's first words (ASCII), prefixed by the publication month."""
    from pypinyin import lazy_pinyin

    base = " ".join(lazy_pinyin(title or fallback))
    ascii_text = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:ID_WORDS]
    if not words:
        words = ["source", text_hash(base)[:8]]
    slug = "-".join(words)
    if published:
        slug = f"{published[:7]}-{slug}"
    return slug


def _existing(project: Project, text: str, url: str | None) -> str | None:
    wanted = text_hash(text)
    for meta_path in sorted(project.sources_dir.glob("*.yaml")):
        try:
            meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if not isinstance(meta, dict):
            continue
        if url and meta.get("url") == url:
            return f"{meta.get('id', meta_path.stem)} (same URL)"
        text_path = meta_path.parent / str(meta.get("text") or f"{meta_path.stem}.txt")
        try:
            if text_hash(text_path.read_text(encoding="utf-8")) == wanted:
                return f"{meta.get('id', meta_path.stem)} (same text)"
        except (OSError, UnicodeDecodeError):
            continue
    return None


#: A byline: who wrote, compiled or reported the text (明報記者 邱潤青, 鉅亨網編譯劉祥航 綜合報導,
#: "Reuters reporter", "By Jane Doe"), on a short line of its own.
BYLINE = re.compile(
    r"記者|记者|編譯|编译|通訊員|通讯员|特約|特约|撰文|作者|綜合報導|综合报道|責任編輯|责任编辑"
    r"|\b(?:reporters?|correspondents?|editors?|staff writer)\b|^文\s*[/／]",
    re.IGNORECASE,
)
BY_NAME = re.compile(r"^(?:By|BY|by|Text by|Written by)\s+[A-Z][^\s,]*(?:\s+[A-Z][^\s,]*){0,3}"
                     r"(?:\s*(?:,|and|&|\||/|-).*)?$")  # fmt: skip
BYLINE_CHARS = 60
#: What a line that is a date only is made of (a dateline "Aug 9, 2025 10:00 AM", 2025年8月9日).
DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b(?:am|pm|gmt|utc|hkt|cst|bst|edt|est)\b"
    r"|\b(?:published|updated|posted|on)\b|[0-9０-９]+|[年月日時时分秒號号]|星期.|[周週].",
    re.IGNORECASE,
)
#: A first line longer than this is a paragraph: the title is its first sentence.
TITLE_CHARS = 120
SENTENCE = re.compile(r"(?<=[。！？])|(?<=[.!?])\s")


def is_byline(line: str) -> bool:
    """Whether a line of a plain text is a byline or a date only, not the title."""
    if len(line) <= BYLINE_CHARS and (BYLINE.search(line) or BY_NAME.match(line)):
        return True
    rest = DATE_WORDS.sub("", line)
    return any(c.isdigit() for c in line) and not any(c.isalpha() for c in rest)


def title_of(text: str) -> str | None:
    """The title of a plain text: its first line that is not a byline or a date, cut to its
    first sentence when it is a paragraph."""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or is_byline(line):
            continue
        if len(line) > TITLE_CHARS:
            line = SENTENCE.split(line, maxsplit=1)[0].strip()
        return line[:200]
    return None


def _page(fetched: Fetched, today: dt.date) -> tuple[str, PageMeta]:
    raw = decode_text(fetched)
    if fetched.is_html:
        text, page = extract_page(raw, fetched.origin, fetched.url)
    else:
        text = raw  # archived as received
        page = PageMeta(title=title_of(text), url=fetched.url)
    if page.language is None:  # said by the text's script when it is plain
        page = dataclasses.replace(page, language=guess_language(text))
    return text, page


def render_meta(meta: dict[str, str | None]) -> str:
    """The source's YAML: fixed key order, unknown values as ``~``."""
    lines = ["# Archived by `policygraph add`; unknown values stay empty (~)."]
    for key, value in meta.items():
        shown = "~" if value is None else yaml.safe_dump(value, allow_unicode=True, width=1000)
        shown = shown.removesuffix("\n...\n").strip()
        if key in ("published", "retrieved") and value is not None:
            shown = value  # an ISO date (or year-month) reads back as one
        lines.append(f"{key}: {shown}")
    return "\n".join(lines) + "\n"


def add(
    target: str,
    project: Project,
    *,
    source_id: str | None = None,
    today: dt.date | None = None,
    timeout: float = 10.0,
) -> Archived:
    """Archive ``target`` (a .txt/.html path, or an http(s) URL) in ``project``."""
    day = today or dt.date.today()
    is_url = re.match(r"^https?://", target) is not None
    fetched = fetch_url(target, timeout) if is_url else read_local(Path(target))
    text, page = _page(fetched, day)
    new_id = source_id or propose_id(page.title, page.published, Path(target).stem)
    if not SLUG.match(new_id):
        raise InputError(f"source id {new_id!r} is not a slug (a-z, 0-9, '-', '.')")
    text_path = project.sources_dir / f"{new_id}.txt"
    meta_path = project.sources_dir / f"{new_id}.yaml"
    if text_path.exists() or meta_path.exists():
        raise InputError(
            f"source {new_id!r} exists already ({meta_path.name}); nothing written",
            hint="pass another --id, or remove the old files first",
        )
    same = _existing(project, text, page.url)
    if same:
        raise InputError(f"already archived as {same}; nothing written")
    meta: dict[str, str | None] = {
        "id": new_id,
        "kind": "web-page" if fetched.is_html else "document",
        "title": page.title,
        "publisher": page.publisher,
        "url": page.url,
        "language": page.language,
        "published": page.published,
        "retrieved": day.isoformat(),
        "author": page.author,
        "text": text_path.name,
    }
    write_all_atomic({text_path: text, meta_path: render_meta(meta)})
    return Archived(new_id, text_path, meta_path, meta)
