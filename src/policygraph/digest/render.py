"""A digest as plain text, Markdown or JSON (deterministic: the digest is already sorted)."""

from __future__ import annotations

import json
from dataclasses import asdict

from policygraph.digest.compute import Digest, SignalItem
from policygraph.sourcenames import source_title


def _signal_line(item: SignalItem) -> str:
    where = f", from {'; '.join(item.new_sources)}" if item.new_sources else ""
    return (
        f"{item.date}  {item.label}  [{item.issuer}; {item.stance}]  support {item.support}{where}"
    )


def _sections(digest: Digest) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(line, quote or "")]) for each part of the digest."""
    return [
        ("New sources", [
            (f"{d.date}  {d.publisher + ': ' if d.publisher else ''}{source_title(d.title)}", d.url)
            for d in digest.sources
        ]),
        ("New signals", [(_signal_line(s), s.quote) for s in digest.signals]),
        ("Restated signals (new support)", [(_signal_line(s), s.quote) for s in digest.restated]),
        ("Stance changes", [
            (f"{c.date}  {c.issuer}: {c.before} -> {c.after} ({c.how})  {c.label}", "")
            for c in digest.stance_changes
        ]),
        ("New people", [(f"{p.label}  (in {'; '.join(p.sources)})", "") for p in digest.people]),
        ("New posts", [(f"{p.label}  (in {'; '.join(p.sources)})", "") for p in digest.posts]),
    ]  # fmt: skip


def render_digest_text(digest: Digest) -> str:
    lines = [f"What changed since {digest.since}"]
    for heading, items in _sections(digest):
        lines += ["", f"{heading}: {len(items)}"]
        for line, extra in items:
            lines.append(f"  {line}")
            if extra:
                lines.append(f"      {extra}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown list item (no markup, links or HTML)."""
    escaped = "".join(f"\\{c}" if c in "\\`*_{}[]<>()#+!|~" else c for c in text)
    return " ".join(escaped.split())


def render_digest_markdown(digest: Digest) -> str:
    lines = [f"# What changed since {digest.since}"]
    for heading, items in _sections(digest):
        lines += ["", f"## {heading} ({len(items)})", ""]
        if not items:
            lines.append("None.")
        for line, extra in items:
            lines.append(f"- {_md(line)}")
            if extra:
                lines.append(f"  > {_md(extra)}")
    return "\n".join(lines) + "\n"


def render_digest_json(digest: Digest) -> str:
    return json.dumps(asdict(digest), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {
    "text": render_digest_text,
    "markdown": render_digest_markdown,
    "json": render_digest_json,
}
