"""``review``: move accepted draft items into ``data/records/<id>.yaml``; drop rejected ones.

A draft edited into invalid YAML, or drafted from a text that has changed since, is refused
before anything is written, and so are accepted items that would make the project invalid
(``admit``: the record file is checked in memory first); ``data/records/`` changes only in one
atomic step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from policygraph.atomic import write_all_atomic
from policygraph.drafting.admit import refuse_invalid
from policygraph.drafting.append import append_items
from policygraph.drafting.archive import text_hash
from policygraph.drafting.draft import DRAFT_HEAD, SECTION_ORDER, drafts_dir
from policygraph.errors import InputError, Location, NotFoundError, shown
from policygraph.project import Project
from policygraph.records.sources import load_source

Item = dict[str, object]
RECORDS_HEAD = (
    "# What source {source} states: items accepted from its draft by `policygraph review`.\n"
    "# Every quote is verbatim from data/sources/{source}.txt; edit freely, then validate.\n"
)
RECORD_ORDER = ("names", "organisations", "people", "posts", "events", "signals")


@dataclass(frozen=True)
class ReviewItem:
    """One top-level draft item: its section, key (id, or entity for names) and content."""

    section: str
    key: str
    item: Item
    quote: str
    rule: str
    confidence: float
    known: bool  # refers only to entities the project knows (no new candidate)


def item_notes(item: ReviewItem) -> list[str]:
    """What the draft mark says a reviewer should look at: fields left missing (the item would
    not validate: fill them in the draft first), fields guessed, concepts it names that the
    project does not declare, the record it restates."""
    found = item.item.get("draft")
    mark: Mapping[str, object] = found if isinstance(found, Mapping) else {}
    notes = []
    for key, why in (
        ("missing", "fill in, in the draft file, before accepting: the records need it"),
        ("guessed", "placeholders: check them"),
        ("undeclared", "new to this project: declare it in a reference file's concepts first"),
    ):
        value = mark.get(key)
        fields = [str(v) for v in value] if isinstance(value, list) else []
        if key == "missing":  # what the reviewer has filled in since is no longer missing
            fields = [f for f in fields if item.item.get(f) in (None, "", [], {})]
        if fields:
            notes.append(f"{key}: {', '.join(fields)} ({why})")
    if mark.get("restates"):
        notes.append(f"restates: {mark['restates']} (stated by another source already)")
    return notes


@dataclass(frozen=True)
class LoadedDraft:
    source_id: str
    path: Path
    text: str
    doc: dict[str, object]
    items: tuple[ReviewItem, ...]


def _load_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise NotFoundError(
            f"{shown(path)}: no draft", hint="run `policygraph draft SOURCE-ID` first"
        ) from err
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise InputError(
            f"the draft is not valid YAML: {err.problem}",
            where=where,
            hint="fix the edit, or run `policygraph draft` again; nothing was written",
        ) from err
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise InputError(f"the draft is not valid YAML: {err}", where=Location(path)) from err


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _first_quote(item: Mapping[str, object]) -> str:
    quote = item.get("quote")
    if isinstance(quote, list):
        return str(quote[0]) if quote else ""
    return str(quote or "")


def _refs(item: object) -> set[str]:
    if isinstance(item, Mapping):
        return {r for k, v in item.items() if k not in ("quote", "labels") for r in _refs(v)}
    if isinstance(item, list):
        return {r for v in item for r in _refs(v)}
    return {item} if isinstance(item, str) else set()


def _entries(doc: Mapping[str, object], section: str) -> list[object]:
    value = doc.get(section)
    return value if isinstance(value, list) else []


def _review_items(doc: Mapping[str, object], path: Path) -> tuple[ReviewItem, ...]:
    items: list[ReviewItem] = []
    for section in SECTION_ORDER:
        entries = doc.get(section) or []
        if not isinstance(entries, list):
            raise InputError(f"section {section!r} must be a list", where=Location(path))
        for entry in entries:
            if not isinstance(entry, dict):
                raise InputError(f"an item of {section!r} must be a mapping", where=Location(path))
            key = str(entry.get("entity") if section == "names" else entry.get("id"))
            found = entry.get("draft")
            mark: Mapping[str, object] = found if isinstance(found, Mapping) else {}
            known = False  # decided below, once every item is read
            items.append(
                ReviewItem(
                    section,
                    key,
                    entry,
                    _first_quote(entry),
                    str(mark.get("rule", "")),
                    _number(mark.get("confidence")),
                    known,
                )
            )
    return _known(items)


def _restates(item: ReviewItem) -> bool:
    mark = item.item.get("draft")
    return isinstance(mark, Mapping) and bool(mark.get("restates"))


#: Fields a draft may fill with a guess that names something the project does not declare.
GUESSED_REFERENCES = frozenset({"role"})


def _known(items: list[ReviewItem]) -> tuple[ReviewItem, ...]:
    """Mark the items that refer only to what the project knows or to other known items.

    New entities are never "known"; nor is an item the drafter left incomplete (``missing``),
    nor one with a guessed reference (a new ``role.<slug>`` concept the project does not
    declare: accepted, it would fail the records check), nor an event restated because another
    source declares one of the same date (that it is the same event is a guess). An event with
    a new participant is not known, nor are the signals whose occasion it is.
    """
    draft_ids = {i.key for i in items if i.section != "names" and not _restates(i)}
    known: set[str] = set()
    changed = True
    while changed:
        changed = False
        for item in items:
            mark = item.item.get("draft")
            if item.key in known or item.section in ("people", "organisations"):
                continue
            if isinstance(mark, Mapping) and mark.get("missing"):
                continue
            if isinstance(mark, Mapping) and GUESSED_REFERENCES & set(mark.get("guessed") or ()):
                continue
            if isinstance(mark, Mapping) and mark.get("restates") and item.section == "events":
                continue  # the same event as another source's, by its date: accept by hand
            if (_refs(item.item) & draft_ids) - {item.key} <= known:
                known.add(item.key)
                changed = True
    return tuple(dataclasses.replace(i, known=i.key in known) for i in items)


def load_draft(source_id: str, project: Project) -> LoadedDraft:
    """Read and check a draft against the source's current text."""
    path = drafts_dir(project) / f"{source_id}.yaml"
    doc = _load_yaml(path)
    if not isinstance(doc, dict) or doc.get("source") != source_id:
        raise InputError(
            f"not a draft of source {source_id!r}",
            where=Location(path),
            hint="a draft is a mapping with `source:` and `text_sha256:`",
        )
    source = load_source(project.sources_dir / f"{source_id}.yaml")
    if doc.get("text_sha256") != text_hash(source.text):
        raise InputError(
            f"the text of source {source_id!r} changed since this draft was made",
            where=Location(path),
            hint=f"run `policygraph draft {source_id}` again; nothing was written",
        )
    return LoadedDraft(source_id, path, source.text, doc, _review_items(doc, path))


def strip_draft(value: object) -> object:
    """``value`` without its ``draft:`` marks, at every depth."""
    if isinstance(value, Mapping):
        return {k: strip_draft(v) for k, v in value.items() if k != "draft"}
    if isinstance(value, list):
        return [strip_draft(v) for v in value]
    return value


def _rename(value: object, renames: Mapping[str, str]) -> object:
    if isinstance(value, Mapping):
        return {k: v if k == "quote" else _rename(v, renames) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, renames) for v in value]
    return renames.get(value, value) if isinstance(value, str) else value


def _relabel(item: dict[str, object], label: str) -> dict[str, object]:
    """``item`` with ``label`` as its label, in the language of the label it had (the first)."""
    labels = item.get("labels")
    if not isinstance(labels, Mapping) or not labels or not label.strip():
        return item
    language = next(iter(labels))
    return {**item, "labels": {**labels, language: label.strip()}}


def _records_text(path: Path, source_id: str, additions: dict[str, list[Item]]) -> str:
    """The record file with ``additions``: appended as text when it exists (comments kept)."""
    if not path.exists():
        doc: dict[str, object] = {"graph": "source", "source": source_id, **additions}
        body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
        return RECORDS_HEAD.format(source=source_id) + body
    doc_now = _load_yaml(path)
    if not isinstance(doc_now, dict):
        raise InputError("a record file must be a mapping of sections", where=Location(path))
    appended = append_items(path.read_text(encoding="utf-8"), additions)
    if appended is not None:
        return appended
    for section, items in additions.items():  # rewrite: the layout defeats a textual append
        current = doc_now.get(section)
        doc_now[section] = [*(current if isinstance(current, list) else []), *items]
    return yaml.safe_dump(doc_now, allow_unicode=True, sort_keys=False, width=100)


def apply_review(
    draft: LoadedDraft,
    project: Project,
    accepted: Sequence[str],
    rejected: Sequence[str] = (),
    renames: Mapping[str, str] | None = None,
    relabels: Mapping[str, str] | None = None,
) -> tuple[Path, list[str]]:
    """Accept and reject items by key; write the records file and the rest of the draft.
    ``relabels`` gives an accepted item's label anew, in the language the draft gave it."""
    renames = dict(renames or {})
    keys = {i.key for i in draft.items}
    unknown = [k for k in [*accepted, *rejected] if k not in keys]
    if unknown:
        raise NotFoundError(
            f"no draft item {unknown[0]!r} in {draft.path.name}",
            hint="item keys are the ids (or, for names, the entity ids) the draft shows",
        )
    records_path = project.records_dir / f"{draft.source_id}.yaml"
    rest = {k: v for k, v in draft.doc.items() if k not in SECTION_ORDER}
    additions: dict[str, list[Item]] = {}
    moved: list[str] = []
    for item in draft.items:
        if item.key in accepted:
            clean = _rename(strip_draft(item.item), renames)
            if isinstance(clean, dict) and item.key in (relabels or {}):
                clean = _relabel(clean, (relabels or {})[item.key])
            if isinstance(clean, dict):
                additions.setdefault(item.section, []).append(clean)
            moved.append(renames.get(item.key, item.key))
        elif item.key not in rejected:
            kept = rest.setdefault(item.section, [])
            if isinstance(kept, list):
                kept.append(_rename(item.item, renames))
    additions = {k: additions[k] for k in RECORD_ORDER if k in additions}
    left = any(k in rest for k in SECTION_ORDER)
    files: dict[Path, str | bytes] = {}
    if left:
        body = yaml.safe_dump(rest, allow_unicode=True, sort_keys=False, width=100)
        files[draft.path] = DRAFT_HEAD + body
    if moved:
        text = _records_text(records_path, draft.source_id, additions)
        refuse_invalid(project, records_path, text, draft.path, renames)
        files[records_path] = text
    write_all_atomic(files)
    if not left:
        draft.path.unlink()  # every item reviewed: the draft is done
    return records_path, moved


def review(
    source_id: str,
    project: Project,
    *,
    accept: Sequence[str] = (),
    accept_all_known: bool = False,
    reject: Sequence[str] = (),
    renames: Mapping[str, str] | None = None,
    relabels: Mapping[str, str] | None = None,
) -> tuple[Path, list[str]]:
    """Non-interactive review: accept (and rename or relabel) or reject items of a source's
    draft; ``renames`` and ``relabels`` are keyed by the draft's ids."""
    loaded = load_draft(source_id, project)
    accepted = [*accept, *(i.key for i in loaded.items if accept_all_known and i.known)]
    unique = list(dict.fromkeys(accepted))
    return apply_review(loaded, project, unique, reject, renames, relabels)
