"""The collector paused while a page is made, and left as it was."""

from __future__ import annotations

import gc

import pytest

from policygraph.analytics.timeline_html import render_timeline_html
from policygraph.collector import paused
from policygraph.digest import render_feed
from policygraph.errors import InputError
from policygraph.store import MemoryStore


def test_paused_restores_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_timeline_and_the_feed_leave_the_collector_on(sasac_store: MemoryStore) -> None:
    assert render_timeline_html(sasac_store).startswith("<!DOCTYPE html>")
    assert gc.isenabled()
    with pytest.raises(InputError):
        render_timeline_html(sasac_store, since="not a date")
    assert gc.isenabled()
    assert render_feed(sasac_store).startswith("<?xml")
    assert gc.isenabled()
