"""Read ``data/sources/*.yaml``: a source's metadata, and its archived text beside it."""

from __future__ import annotations

from pathlib import Path

from policygraph.dates import parse_date
from policygraph.errors import InputError, Location
from policygraph.iris import iri_problem, is_http_url
from policygraph.limits import MAX_TEXT_BYTES, decode_text, read_limited
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
    text_where = meta["text"].where if "text" in meta else meta.where
    text_path = archived_text_path(meta_path.parent, _opt_text(meta, "text"), meta_path, text_where)
    data = read_limited(text_path, MAX_TEXT_BYTES, "the archived text", text_where)
    text = decode_text(data, text_path, f"the archived text {text_path.name}", text_where)
    url = _opt_text(meta, "url")
    if url is not None and not is_http_url(url):
        raise InputError(
            f"source url {url!r} is not an http(s) URL"
            + (f" ({problem})" if (problem := iri_problem(url)) else ""),
            where=meta["url"].where,
            hint='percent-encode spaces and <>"{}|\\^` (a space is %20)',
        )
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


def archived_text_path(
    sources_dir: Path, name: str | None, meta_path: Path, where: Location
) -> Path:
    """The file a source's ``text:`` names: a regular file inside ``sources_dir``, however
    reached (no absolute path, no ``..``, no symbolic link leading out, no device)."""
    name = name or f"{meta_path.stem}.txt"
    hint = "keep the source's text beside its metadata, in data/sources/ (text: its file name)"
    if Path(name).is_absolute() or ".." in Path(name).parts or "\\" in name:
        raise InputError(
            f"the archived text {name!r} must be inside data/sources/", where=where, hint=hint
        )
    path = sources_dir / name
    try:
        real = path.resolve(strict=True)
        inside = real.is_relative_to(sources_dir.resolve(strict=True))
    except (OSError, RuntimeError) as err:
        reason = getattr(err, "strerror", None) or "cannot resolve the path"
        raise InputError(
            f"cannot read the archived text {name}: {reason}", where=where, hint=hint
        ) from err
    if not inside:
        raise InputError(
            f"the archived text {name!r} leads outside data/sources/ (to {real})",
            where=where,
            hint=hint,
        )
    if not real.is_file():
        raise InputError(
            f"the archived text {name!r} is not a regular file", where=where, hint=hint
        )
    return path


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
