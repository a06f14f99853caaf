"""policygraph: track policy signals in a knowledge graph.

The public verbs are imported lazily, so ``import policygraph`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module

_LAZY = {
    "stats": "policygraph.analytics.stats",
    "rank": "policygraph.analytics.rank",
    "path": "policygraph.analytics.paths",
    "timeline": "policygraph.analytics.timeline",
    "diff": "policygraph.analytics.diff",
    "support": "policygraph.analytics.support",
    "claims": "policygraph.analytics.claims",
    "query": "policygraph.sparql.run",
    "show": "policygraph.card",
    "search_text": "policygraph.fulltext",
    "update_text_index": "policygraph.fulltext",
    "add": "policygraph.drafting.archive",
    "draft": "policygraph.drafting.draft",
    "review": "policygraph.drafting.review",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'policygraph' has no attribute {name!r}")
