"""A post that several sources state is one post in ``show`` and in a view's side panel: one line
with every title the sources gave it and every date they saw it on, and each quote once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import FIXTURES
from tests.test_view import page_data

from policygraph.build import build
from policygraph.card import show
from policygraph.cardtext import render_text
from policygraph.project import Project
from policygraph.store import MemoryStore, load_file
from policygraph.views import render_view

HE_QING = "https://w3id.org/policygraph/id/person-he-qing"
RESTATED = """
  # restated: the follow-up report gives He Qing's directorship in its own words
  - id: post-he-qing-sasac-director
    observed_on: 2025-08-20
    stated_as: {en: Director of Shanghai SASAC}
    quote: "He Qing, Director of Shanghai SASAC."
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> MemoryStore:
    root = tmp_path_factory.mktemp("restated") / "multi"
    shutil.copytree(FIXTURES / "multi", root, ignore=shutil.ignore_patterns("graph"))
    followup = root / "data" / "records" / "fict-sasac-followup-2025-08.yaml"
    text = followup.read_text(encoding="utf-8")
    followup.write_text(text.replace("\nposts:\n", "\nposts:\n" + RESTATED, 1), encoding="utf-8")
    project = Project(root)
    build(project)
    return MemoryStore(load_file(project.trig_path))


def test_show_gives_a_restated_post_once(store: MemoryStore) -> None:
    card = show(store, "He Qing")
    directorships = [p for p in card.posts if p.post == "pgr:post-he-qing-sasac-director"]
    assert len(directorships) == 1
    assert directorships[0].stated_as == ("Director", "Director of Shanghai SASAC")
    assert directorships[0].observed_on == ("2025-07-10", "2025-08-20")
    text = render_text(card)
    assert text.count('(stated as "Director", "Director of Shanghai SASAC")') == 1
    assert "observed 2025-07-10, 2025-08-20" in text


def test_view_card_gives_a_restated_post_once(store: MemoryStore, tmp_path: Path) -> None:
    card = page_data(render_view(store, title="restated"))["cards"][HE_QING]  # type: ignore[index]
    lines = [p for p in card["posts"] if "“Director”" in p]
    assert lines == [
        "director, Shanghai State-owned Assets Supervision and Administration Commission"
        " (stated as “Director”, “Director of Shanghai SASAC”), observed 2025-07-10, 2025-08-20"
    ]
    quotes = [(about, quote) for about, quote, _ in card["quotes"]]
    assert len(quotes) == len(set(quotes))  # each quote of each claim once, not once per title
    assert ("post: " + lines[0], "He Qing, Director of Shanghai SASAC.") in quotes
