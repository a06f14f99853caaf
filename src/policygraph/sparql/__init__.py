"""SPARQL for analysts: checked read-only queries, typed parameters, named queries, formats.

``query(store, sparql_or_named, params, timeout=...)`` is the Python verb behind
``policygraph query``; ``load_queries``/``get_query`` give the named queries.
"""

from __future__ import annotations

from policygraph.sparql.check import CheckedQuery, check_query
from policygraph.sparql.named import NamedQuery, Param, get_query, load_queries, load_query_text
from policygraph.sparql.run import QueryResult, query, run_checked

__all__ = [
    "CheckedQuery",
    "NamedQuery",
    "Param",
    "QueryResult",
    "check_query",
    "get_query",
    "load_queries",
    "load_query_text",
    "query",
    "run_checked",
]
