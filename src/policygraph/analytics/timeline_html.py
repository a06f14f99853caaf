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
from collections.abc import Sequence
from pathlib import Path

from rdflib import Dataset

from policygraph.analytics.timeline import Entry, timeline
from policygraph.analytics.timeline_data import timeline_data
from policygraph.page import Page, asset, render_page
from policygraph.store import Store, union_store

TITLE = "Policy signal timeline"


def text_base(root: Path, page: Path) -> str:
    """The prefix that turns a project-relative path into a link from ``page``."""
    relative = os.path.relpath(root.resolve(), page.resolve().parent)
    return "" if relative == "." else relative.replace(os.sep, "/") + "/"


def render_timeline_html(
    store: Store,
    entries: Sequence[Entry],
    *,
    title: str = TITLE,
    lang: str = "en",
    base: str = "",
) -> str:
    """The timeline page of ``entries`` (as ``timeline()`` selected them from ``store``).

    ``base`` prefixes the archived texts' project-relative paths (``../`` from ``graph/``).
    """
    data = timeline_data(store, entries, title=title, lang=lang, text_base=base)
    page = Page(
        title=title,
        body=asset("timeline.html"),
        data=data,
        scripts=(asset("timeline.js"),),
        styles=(asset("timeline.css"),),
        lang=lang,
    )
    return render_page(page)


def render_dataset_timeline(dataset: Dataset) -> str:
    """The timeline page of a whole built dataset (what ``build`` writes to ``graph/``)."""
    store = union_store(dataset)
    return render_timeline_html(store, timeline(store), base="../")
