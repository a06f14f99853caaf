"""``add``: archive a source as ``data/sources/<id>.txt`` and ``<id>.yaml``, atomically."""

from __future__ import annotations

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


def _page(fetched: Fetched, today: dt.date) -> tuple[str, PageMeta]:
    raw = decode_text(fetched)
    if fetched.is_html:
        return extract_page(raw, fetched.origin, fetched.url)
    text = raw  # archived as received
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return text, PageMeta(title=first[:200] or None, url=fetched.url)


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
