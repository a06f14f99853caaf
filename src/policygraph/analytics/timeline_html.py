"""The interactive timeline page (``graph/timeline.html``, ``timeline --format html``).

One lane per issuer (or per topic), each signal placed by date (partial dates as spans over the
month or year), coloured by stance, drawn as a ring when it is a reading, sized by support;
filters for topic, sector, issuer, source, dates and support; a signal's quotes with their
sources on click. The page is the shell every page shares (``policygraph.page``): offline, data
as escaped JSON, text by ``textContent``, scripts allowed by hash only; same bytes for the same
graph. The data comes from ``analytics.timeline_data``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Unpack

from rdflib import Dataset

from policygraph.analytics.timeline import TimelineFilters, read_signals, timeline
from policygraph.analytics.timeline_data import timeline_data
from policygraph.collector import paused
from policygraph.page import Page, asset, render_page
from policygraph.store import Store, as_store

TITLE = "Policy signal timeline"


def text_base(root: Path, page: Path) -> str:
    """The prefix that turns a project-relative path into a link from ``page``."""
    relative = os.path.relpath(root.resolve(), page.resolve().parent)
    return "" if relative == "." else relative.replace(os.sep, "/") + "/"


def render_timeline_html(
    store: Store,
    *,
    title: str = TITLE,
    lang: str = "en",
    base: str = "",
    **filters: Unpack[TimelineFilters],
) -> str:
    """The timeline page of the signals in ``store`` that pass ``filters`` (as ``timeline()``).

    ``base`` prefixes the archived texts' project-relative paths (``../`` from ``graph/``).
    """
    with paused():  # (``collector``)
        facts = read_signals(store)  # read once, for the selection and the page
        entries = timeline(store, lang=lang, facts=facts, **filters)
        data = timeline_data(store, entries, title=title, lang=lang, text_base=base, facts=facts)
    page = Page(
        title=title,
        body=asset("timeline.html"),
        data=data,
        scripts=(asset("timeline.js"),),
        styles=(asset("timeline.css"),),
        lang=lang,
    )
    return render_page(page)


def render_dataset_timeline(data: Dataset | Store) -> str:
    """The timeline page of a whole built dataset, or of a store holding it (what ``build``
    writes to ``graph/``)."""
    store = as_store(data)
    return render_timeline_html(store, base="../")
