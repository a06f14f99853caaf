"""``search_text``: ranked full-text hits over every quote and archived source text.

Hits are ranked by FTS5's bm25 (lower is better), ties broken by document and position, so the
same index and query always give the same answer. A quote hit lists the claims that quote it; a
source-text hit lists the claims whose quotes from that source match the query too.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from policygraph.errors import QueryError
from policygraph.fulltext.collect import ClaimRef, read_documents
from policygraph.fulltext.index import check_sqlite, connect, index_documents, schema_ok
from policygraph.fulltext.segment import CLOSE, OPEN, from_indexed, to_match
from policygraph.project import Project
from policygraph.store import Store

KINDS = ("quote", "source")
_HITS = f"""
SELECT p.doc, p.kind, p.seq, p.claims, bm25(passage_text) AS score,
       snippet(passage_text, 0, '{OPEN}', '{CLOSE}', '…', 24),
       d.title, d.publisher, d.issued, d.url, d.path
FROM passage_text JOIN passages p ON p.id = passage_text.rowid JOIN documents d ON d.doc = p.doc
WHERE passage_text MATCH ? AND p.kind IN ({{kinds}})
ORDER BY score, p.doc, p.seq LIMIT ?
"""
_QUOTING = """
SELECT p.doc, p.claims FROM passage_text JOIN passages p ON p.id = passage_text.rowid
WHERE passage_text MATCH ? AND p.kind = 'quote' AND p.doc IN ({docs})
"""


@dataclass(frozen=True)
class TextHit:
    """One matching passage: a quote or a source's archived text."""

    kind: str  # "quote" or "source"
    source: str  # the source document's IRI
    title: str
    publisher: str
    date: str  # dcterms:issued, "" when unknown
    url: str
    path: str  # the archived text, relative to the project
    snippet: tuple[tuple[str, bool], ...]  # (text, highlighted) parts
    claims: tuple[ClaimRef, ...]
    score: float  # bm25: lower ranks higher

    def snippet_text(self, open_mark: str = "[", close_mark: str = "]") -> str:
        """The snippet on one line, each match between ``open_mark`` and ``close_mark``."""
        text = "".join(
            f"{open_mark}{part}{close_mark}" if hit else part for part, hit in self.snippet
        )
        return " ".join(text.split())

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "source": self.source,
            "title": self.title,
            "publisher": self.publisher,
            "date": self.date or None,
            "url": self.url or None,
            "path": self.path or None,
            "snippet": self.snippet_text(),
            "claims": [
                {"iri": c.iri, "label": c.label, "types": list(c.types)} for c in self.claims
            ],
            "score": self.score,
        }


def _parts(snippet: str) -> tuple[tuple[str, bool], ...]:
    """Split a snippet at its marks; matches separated only by spaces become one highlight."""
    parts: list[tuple[str, bool]] = []
    for n, piece in enumerate(from_indexed(snippet).split(OPEN)):
        marked, _, rest = piece.partition(CLOSE) if n else ("", "", piece)
        for part, hit in ((marked, True), (rest, False)):
            if not part:
                continue
            if hit and len(parts) >= 2 and parts[-2][1] and not parts[-1][0].strip():
                gap, _ = parts.pop()
                part = parts.pop()[0] + gap + part
            parts.append((part, hit))
    return tuple(parts)


def _claims(text: str) -> list[ClaimRef]:
    return [ClaimRef(iri, label, tuple(types)) for iri, label, types in json.loads(text)]


def ensure_index(project: Project, store: Store | None = None) -> None:
    """Build the text index from the project's store if it is missing (a fresh clone).

    An unreadable index, or one of another schema, is only a cache: it is replaced.
    """
    path = project.text_index_path
    if path.exists():
        conn = connect(path)
        try:
            if schema_ok(conn):
                return
        finally:
            conn.close()
    if store is not None:
        index_documents(path, project.root, read_documents(store))
        return
    from policygraph.store import open_store

    opened = open_store(project)
    try:
        index_documents(path, project.root, read_documents(opened))
    finally:
        opened.close()


def search_text(
    project: Project,
    query: str,
    *,
    limit: int = 20,
    kinds: tuple[str, ...] = KINDS,
    store: Store | None = None,
) -> list[TextHit]:
    """Quotes and archived texts matching ``query``, best first (see ``segment.to_match``).

    The index is built first if it is missing, from ``store`` or the project's own store.
    """
    if limit < 1 or not kinds or set(kinds) - set(KINDS):
        raise QueryError(f"limit must be 1 or more and kinds among {', '.join(KINDS)}")
    match = to_match(query)
    check_sqlite()
    ensure_index(project, store)
    conn = connect(project.text_index_path)
    try:
        sql = _HITS.format(kinds=", ".join("?" for _ in kinds))
        try:
            rows = conn.execute(sql, (match, *kinds, limit)).fetchall()
            quoting = _quoting(conn, match, {r[0] for r in rows if r[1] == "source"})
        except sqlite3.OperationalError as err:
            raise QueryError(f"cannot search for {query!r}: {err}") from err
    finally:
        conn.close()
    hits = []
    for doc, kind, _, claims, score, snippet, title, publisher, issued, url, path in rows:
        found = _claims(claims) if kind == "quote" else quoting.get(doc, [])
        hits.append(
            TextHit(kind, doc, title, publisher, issued, url, path, _parts(snippet),
                    tuple(sorted(set(found))), round(float(score), 6))
        )  # fmt: skip
    return hits


def _quoting(conn: sqlite3.Connection, match: str, docs: set[str]) -> dict[str, list[ClaimRef]]:
    """Claims whose quotes from each of ``docs`` match too."""
    if not docs:
        return {}
    found: dict[str, list[ClaimRef]] = {}
    sql = _QUOTING.format(docs=", ".join("?" for _ in docs))
    for doc, claims in conn.execute(sql, (match, *sorted(docs))):
        found.setdefault(doc, []).extend(_claims(claims))
    return found
