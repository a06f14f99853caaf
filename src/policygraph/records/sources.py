"""Read ``data/sources/*.yaml``: a source's metadata, and its archived text beside it."""

from __future__ import annotations

import re
from pathlib import Path

from policygraph.dates import parse_date
from policygraph.errors import InputError, Location
from policygraph.records.fields import SLUG, close_matches
from policygraph.records.model import Source
from policygraph.records.yamlsrc import Located, YMap, load_yaml

SOURCE_FIELDS = (
    "id",
    "kind",
    "title",
    "publisher",
    "url",
    "language",
    "published",
    "retrieved",
    "author",
    "text",
    "note",
)
SOURCE_KINDS = ("news-article", "statement", "report", "web-page", "speech", "document")


def _opt_text(meta: YMap, key: str) -> str | None:
    item = meta.get(key)
    if item is None or item.value is None:
        return None
    if not isinstance(item.value, str | int | float) or isinstance(item.value, bool):
        raise InputError(f"source field {key!r} must be text", where=item.where)
    text = str(item.value).strip()
    return text or None


def _opt_date(meta: YMap, key: str) -> str | None:
    text = _opt_text(meta, key)
    if text is None:
        return None
    if parse_date(text) is None:
        raise InputError(
            f"source field {key!r} {text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)",
            where=meta[key].where,
            hint="leave it empty (~) when the source does not say: unknown stays unknown",
        )
    return text


def load_source(meta_path: Path) -> Source:
    """One source: its metadata file and the archived text it names."""
    root: Located = load_yaml(meta_path)
    meta = root.value
    if not isinstance(meta, YMap):
        raise InputError("a source file must be a mapping of fields", where=root.where)
    for key, item in meta.items():
        if key not in SOURCE_FIELDS:
            raise InputError(
                f"unknown source field {key!r}{close_matches(key, list(SOURCE_FIELDS))}",
                where=item.where,
            )
    source_id = _opt_text(meta, "id") or ""
    if not SLUG.match(source_id):
        raise InputError("a source needs an id made of a-z, 0-9, '-' and '.'", where=meta.where)
    kind = _opt_text(meta, "kind") or "document"
    if kind not in SOURCE_KINDS:
        where = meta["kind"].where
        raise InputError(
            f"unknown source kind {kind!r} (one of {', '.join(SOURCE_KINDS)})", where=where
        )
    text_name = _opt_text(meta, "text") or f"{meta_path.stem}.txt"
    text_path = meta_path.parent / text_name
    try:
        text = text_path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(
            f"cannot read the archived text {text_path.name}: {err.strerror}",
            where=meta["text"].where if "text" in meta else meta.where,
            hint="keep the source's text beside its metadata, in data/sources/",
        ) from err
    url = _opt_text(meta, "url")
    if url is not None and not re.match(r"^https?://\S+$", url):
        raise InputError(f"source url {url!r} is not an http(s) URL", where=meta["url"].where)
    return Source(
        id=source_id,
        kind=kind,
        title=_opt_text(meta, "title"),
        publisher=_opt_text(meta, "publisher"),
        url=url,
        language=_opt_text(meta, "language"),
        published=_opt_date(meta, "published"),
        retrieved=_opt_date(meta, "retrieved"),
        author=_opt_text(meta, "author"),
        note=_opt_text(meta, "note"),
        text=text,
        text_path=text_path,
        meta_path=meta_path,
    )


def load_sources(sources_dir: Path) -> dict[str, Source]:
    """Every source of a project, by id; ids must be unique."""
    found: dict[str, Source] = {}
    for meta_path in sorted(sources_dir.glob("*.yaml")):
        source = load_source(meta_path)
        if source.id in found:
            other = found[source.id].meta_path
            raise InputError(
                f"duplicate source id {source.id!r} (also in {other})", where=Location(meta_path)
            )
        found[source.id] = source
    return found
