"""The timeline page in a real headless Chromium: filters, quotes, no request, inert markup.

Set ``POLICYGRAPH_SCREENSHOT=1`` to (re)write ``docs/timeline.png`` from the multi-source fixture.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.chromium import OpenedPage

from benchmarks.bench_timeline import HOSTILE, SCRIPT, render, synthetic_timeline
from policygraph.analytics.timeline import timeline
from policygraph.project import Project
from policygraph.store import MemoryStore

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parent.parent / "docs"
ID = "https://w3id.org/policygraph/id/"
MANDATE_2 = ID + "signal-2025-07-10-sh-sasac-mandate-2"
SHIFT = ID + "signal-2025-07-10-sh-sasac-stance-shift-reading"


class Timeline(OpenedPage):
    """A timeline page opened in Chromium."""

    def drawn(self) -> set[str]:
        return set(self.page.evaluate("window.policygraphTimeline.drawn()"))

    def click(self, signal: str) -> str:
        """A real mouse click on the signal's mark; the panel's text."""
        mark = self.page.locator(f'.pg-mark[data-id="{signal}"]').first
        mark.scroll_into_view_if_needed()
        mark.click()
        self.page.wait_for_selector("#pg-panel:not([hidden])", timeout=5000)
        return str(self.page.locator("#pg-card").inner_text())


@pytest.fixture
def multi(browser: Any, multi_project: Project) -> Iterator[Timeline]:
    opened = Timeline(browser, multi_project.timeline_path)
    yield opened
    opened.page.close()


def ids(store: MemoryStore, **filters: Any) -> set[str]:
    return {e.signal for e in timeline(store, **filters)}


def test_offline_quiet_and_complete(multi: Timeline, multi_store: MemoryStore) -> None:
    assert multi.drawn() == ids(multi_store)
    assert multi.requests == [multi.url]
    assert multi.errors() == []


def test_filters_change_what_is_drawn(multi: Timeline, multi_store: MemoryStore) -> None:
    page = multi.page
    page.select_option("#pg-topic", label="digital currency")  # and its narrower topics
    assert multi.drawn() == ids(multi_store, topic="digital currency") and len(multi.drawn()) == 2
    page.select_option("#pg-topic", value="")
    page.fill("#pg-support", "2")
    assert multi.drawn() == ids(multi_store, min_support=2) == {MANDATE_2}
    page.fill("#pg-support", "0")
    page.fill("#pg-since", "2025-08-01")
    assert multi.drawn() == ids(multi_store, since="2025-08-01")
    page.fill("#pg-since", "")
    page.select_option("#pg-sector", label="supply chain finance")
    assert len(multi.drawn()) == 2
    page.select_option("#pg-sector", value="")
    page.select_option("#pg-source", index=1)  # the first source, by label
    assert multi.drawn() == {MANDATE_2}
    page.select_option("#pg-source", value="")
    assert page.locator(".pg-lane-label").count() == 1  # one issuer
    page.select_option("#pg-lanes", value="topic")
    assert page.locator(".pg-lane-label").count() == 6
    assert multi.drawn() == ids(multi_store)
    assert page.locator("#pg-count").inner_text() == "6 of 6 signals"


def test_clicking_a_signal_shows_its_quotes_and_sources(multi: Timeline) -> None:
    text = multi.click(MANDATE_2)
    assert text.startswith("Promote Industry-Digital Integration")
    assert "voiced by: He Qing" in text
    assert "SASAC Director He Qing set out Mandate 2" in text
    assert "Fictional Test Digest, 2025-09-05" in text and "Fresh From China" in text
    links = multi.page.eval_on_selector_all("#pg-card a", "as => as.map(a => a.href)")
    assert "https://example.org/fictional/mandate-recap-2025-09" in links
    archived = [
        link for link in links if link.endswith("/data/sources/fict-mandate-recap-2025-09.txt")
    ]
    assert archived and Path(archived[0].removeprefix("file://")).is_file()
    text = multi.click(SHIFT)
    assert "A reading by Fresh From China, in “Shanghai’s State-Owned Giants" in text
    assert "restrictive / sceptical → exploratory / pro-innovation" in text
    assert "voiced by" not in text
    assert multi.requests == [multi.url]
    if os.environ.get("POLICYGRAPH_SCREENSHOT"):
        multi.page.screenshot(path=str(DOCS / "timeline.png"))


def test_hostile_text_stays_inert(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(render(synthetic_timeline(40, hostile=True)), encoding="utf-8")
    opened = Timeline(browser, path)
    try:
        page = opened.page
        page.select_option("#pg-lanes", value="topic")
        text = opened.click(ID + "signal-0")
        assert text.startswith(HOSTILE + SCRIPT)
        assert f"{SCRIPT} said {HOSTILE}" in text
        assert page.locator("img, #pg-card script, a[href^='javascript']").count() == 0
        assert page.locator("script").count() == 2  # the data and the timeline's own
        assert page.locator(".pg-lane-label", has_text=SCRIPT).count() == 1
        assert opened.dialogs == [] and opened.requests == [opened.url]
        assert opened.errors() == []
    finally:
        page.close()


def test_a_thousand_signals_draw_with_partial_dates_as_spans(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text(render(synthetic_timeline(1000)), encoding="utf-8")
    opened = Timeline(browser, path)  # the timing is in tests/benchmarks/bench_timeline.py
    try:
        assert len(opened.drawn()) == 1000
        assert opened.page.get_attribute("body", "data-drawn") == "1000"
        year = opened.page.locator(f'rect.pg-mark[data-id="{ID}signal-1"]').bounding_box()
        month = opened.page.locator(f'rect.pg-mark[data-id="{ID}signal-2"]').bounding_box()
        assert year["width"] > 8 * month["width"] > 0
        assert opened.click(ID + "signal-777").startswith("Signal 777")
        assert opened.errors() == []
    finally:
        opened.page.close()
