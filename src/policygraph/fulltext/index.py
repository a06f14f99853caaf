"""The full-text index, ``<project>/.policygraph/text.sqlite`` (SQLite FTS5, git-ignored).

One row per passage: each quote, and each source's archived text. ``update_text_index`` is
incremental: a document whose fingerprint (content hash, metadata, quotes and the claims quoting
them) is unchanged is left alone; changed ones are reindexed and vanished ones dropped, all in one
transaction. An index written by another schema or tokenizer is rebuilt whole.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from policygraph.errors import StoreError
from policygraph.fulltext.collect import Document, read_documents
from policygraph.fulltext.segment import TOKENIZER, to_indexed
from policygraph.project import Project
from policygraph.store import Store, as_store

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  doc TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, title TEXT NOT NULL, publisher TEXT NOT NULL,
  issued TEXT NOT NULL, url TEXT NOT NULL, path TEXT NOT NULL);
CREATE TABLE passages (
  id INTEGER PRIMARY KEY, doc TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
  lang TEXT NOT NULL, claims TEXT NOT NULL);
CREATE INDEX passages_doc ON passages (doc);
CREATE VIRTUAL TABLE passage_text USING fts5 (body, tokenize = '{TOKENIZER}');
"""
_TABLES = ("meta", "documents", "passages", "passage_text")


@dataclass(frozen=True)
class IndexUpdate:
    """What an update did: documents (re)indexed, removed, and left as they were."""

    indexed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int
    rebuilt: bool


def check_sqlite() -> None:
    """Raise ``StoreError`` unless this Python's SQLite has FTS5."""
    try:
        sqlite3.connect(":memory:").execute(
            f"CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = '{TOKENIZER}')"
        )
    except sqlite3.OperationalError as err:
        raise StoreError(
            f"SQLite {sqlite3.sqlite_version} has no FTS5 ({err}): full-text search needs it",
            hint="use a Python built with SQLite 3.34 or newer and FTS5 enabled",
        ) from err


def connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    except sqlite3.Error as err:
        raise StoreError(f"{path}: cannot open the text index: {err}") from err
    return conn


def schema_ok(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == f"{SCHEMA_VERSION} {TOKENIZER}"


def _reset(conn: sqlite3.Connection) -> None:
    for table in _TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('schema', ?)", (f"{SCHEMA_VERSION} {TOKENIZER}",))


def _claims_json(claims: object) -> str:
    return json.dumps(claims, ensure_ascii=False, sort_keys=True)


def _archived_text(root: Path, doc: Document) -> str | None:
    if not doc.path:
        return None
    try:
        return (root / doc.path).read_text(encoding="utf-8")
    except OSError as err:
        log.warning("%s: archived text not indexed: %s", doc.path, err)
        return None


def _insert(conn: sqlite3.Connection, root: Path, doc: Document) -> None:
    conn.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
        (doc.iri, doc.fingerprint(), doc.title, doc.publisher, doc.issued, doc.url, doc.path),
    )
    rows: list[tuple[int, str, str, str, str]] = []
    body = _archived_text(root, doc)
    if body is not None:
        rows.append((0, "source", "", "[]", body))
    for seq, quote in enumerate(doc.quotes, start=1):
        claims = [[c.iri, c.label, list(c.types)] for c in quote.claims]
        rows.append((seq, "quote", quote.lang, _claims_json(claims), quote.text))
    for seq, kind, lang, claims_json, text in rows:
        cursor = conn.execute(
            "INSERT INTO passages (doc, seq, kind, lang, claims) VALUES (?, ?, ?, ?, ?)",
            (doc.iri, seq, kind, lang, claims_json),
        )
        conn.execute(
            "INSERT INTO passage_text (rowid, body) VALUES (?, ?)",
            (cursor.lastrowid, to_indexed(text)),
        )


def _delete(conn: sqlite3.Connection, doc: str) -> None:
    conn.execute(
        "DELETE FROM passage_text WHERE rowid IN (SELECT id FROM passages WHERE doc = ?)", (doc,)
    )
    conn.execute("DELETE FROM passages WHERE doc = ?", (doc,))
    conn.execute("DELETE FROM documents WHERE doc = ?", (doc,))


def _drop_unreadable(path: Path) -> None:
    """Remove an index SQLite cannot read (a torn copy): it is only a cache."""
    if not path.exists():
        return
    conn = connect(path)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return
    except sqlite3.DatabaseError:
        log.warning("%s: unreadable text index replaced", path)
    finally:
        conn.close()
    for stale in (path, path.with_name(path.name + "-journal")):
        stale.unlink(missing_ok=True)


def index_documents(path: Path, root: Path, documents: list[Document]) -> IndexUpdate:
    """Bring the index at ``path`` in step with ``documents`` (archived texts under ``root``)."""
    check_sqlite()
    _drop_unreadable(path)
    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        rebuilt = not schema_ok(conn)
        if rebuilt:
            _reset(conn)
        known = dict(conn.execute("SELECT doc, fingerprint FROM documents").fetchall())
        wanted = {doc.iri: doc for doc in documents}
        removed = sorted(set(known) - set(wanted))
        changed = sorted(i for i, d in wanted.items() if known.get(i) != d.fingerprint())
        for iri in [*removed, *changed]:
            _delete(conn, iri)
        for iri in changed:
            _insert(conn, root, wanted[iri])
        conn.execute("COMMIT")
    except sqlite3.Error as err:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"{path}: cannot update the text index: {err}") from err
    finally:
        conn.close()
    return IndexUpdate(tuple(changed), tuple(removed), len(wanted) - len(changed), rebuilt)


def update_text_index(project: Project, data: Dataset | Store) -> IndexUpdate:
    """Update ``project``'s text index from a built dataset (as ``build`` has it) or a store."""
    store = as_store(data)
    return index_documents(project.text_index_path, project.root, read_documents(store))
