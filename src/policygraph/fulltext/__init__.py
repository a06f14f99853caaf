"""Full-text search of quotes and archived source texts (SQLite FTS5)."""

from __future__ import annotations

from policygraph.fulltext.collect import ClaimRef
from policygraph.fulltext.index import IndexUpdate, update_text_index
from policygraph.fulltext.search import TextHit, search_text

__all__ = ["ClaimRef", "IndexUpdate", "TextHit", "search_text", "update_text_index"]
