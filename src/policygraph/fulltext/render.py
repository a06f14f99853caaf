"""Full-text hits as text (one block per hit) or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from policygraph.fulltext.search import TextHit
from policygraph.iris import short_name
from policygraph.sourcenames import source_title


def _source_line(hit: TextHit) -> str:
    said_by = f"{hit.publisher}: " if hit.publisher else ""
    title = source_title(hit.title)
    return f"{hit.kind:<6}  {hit.date or '(undated)'}  {said_by}{title}"


def render_hits_text(hits: Sequence[TextHit]) -> str:
    """Each hit: kind, date and source; the snippet with matches in [brackets]; its claims."""
    blocks = []
    for number, hit in enumerate(hits, start=1):
        lines = [f"{number}. {_source_line(hit)}", f"   {hit.snippet_text()}"]
        if hit.path:
            lines.append(f"   text: {hit.path}")
        for claim in hit.claims:
            kinds = ", ".join(claim.types) or "-"
            lines.append(f"   quoted by: {claim.label}  [{kinds}]  {short_name(claim.iri)}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def render_hits_json(query: str, hits: Sequence[TextHit]) -> str:
    data = {"query": query, "hits": [hit.as_json() for hit in hits]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
