"""Interactive network views: one offline, safe, deterministic HTML file per view."""

from __future__ import annotations

from policygraph.views.api import View, make_view, render_overview, render_view

__all__ = ["View", "make_view", "render_overview", "render_view"]
