"""Tracking and analytics: support and freshness, stats, rank, paths, timeline, diff.

Every read goes through ``Store.query`` with ``GRAPH`` patterns, so it works on any store.
networkx is imported only by ``projection`` (and lazily, inside functions).
"""
