"""What changed since a date (``digest``), and the Atom feed of signals (``render_feed``)."""

from __future__ import annotations

from policygraph.digest.compute import Digest, digest
from policygraph.digest.feed import render_feed

__all__ = ["Digest", "digest", "render_feed"]
