"""``view --min-support K`` on the fictional multi-source fixture (tests/fixtures/multi).

Mandate 2 is stated by the SASAC article and by the fictional recap (support 2); mandate 1 and
the study session only by the article (support 1). Curated reference facts always stay.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.errors import InputError
from policygraph.project import Project
from policygraph.store import MemoryStore
from policygraph.views import render_view
from policygraph.views.api import build_model
from policygraph.views.model import ViewModel

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "multi"
PGR = "https://w3id.org/policygraph/id/"
MANDATE_1 = PGR + "signal-2025-07-10-sh-sasac-mandate-1"
MANDATE_2 = PGR + "signal-2025-07-10-sh-sasac-mandate-2"
EVENT = PGR + "event-2025-07-10-sh-sasac-study-session"
COMMITTEE = PGR + "org-sh-sasac-party-committee"
SASAC = PGR + "org-sh-sasac"
PG = "https://w3id.org/policygraph/ns#"
runner = CliRunner()


@pytest.fixture
def multi(multi_project: Project) -> Project:
    return multi_project


@pytest.fixture
def store(multi_store: MemoryStore) -> MemoryStore:
    return multi_store


def edges(model: ViewModel) -> set[tuple[str, str, str]]:
    return {(e.source, e.predicate, e.target) for e in model.edges}


def test_a_claim_one_source_states_is_dropped_at_two(store: MemoryStore) -> None:
    one = build_model(store, min_support=1)[1]
    two = build_model(store, min_support=2)[1]
    assert {MANDATE_1, MANDATE_2, EVENT} <= set(one.nodes)
    assert MANDATE_2 in two.nodes and EVENT in two.nodes  # two and three sources state them
    assert MANDATE_1 not in two.nodes


def test_a_fact_one_source_states_is_dropped_at_two(store: MemoryStore) -> None:
    one = edges(build_model(store, min_support=1)[1])
    two = edges(build_model(store, min_support=2)[1])
    # both sources say who issued mandate 2; only the article names the meeting's organiser
    assert (MANDATE_2, PG + "issuer", COMMITTEE) in one & two
    assert (EVENT, "https://schema.org/organizer", COMMITTEE) in one - two


def test_curated_reference_facts_stay(store: MemoryStore) -> None:
    unit_of = (COMMITTEE, "http://www.w3.org/ns/org#unitOf", SASAC)
    assert unit_of in edges(build_model(store, min_support=3)[1])
    everything = build_model(store)[1]
    assert edges(build_model(store, min_support=0)[1]) == edges(everything)


def test_negative_support_is_refused(store: MemoryStore) -> None:
    with pytest.raises(InputError, match="min-support"):
        render_view(store, min_support=-1)


def test_cli_min_support(multi: Project, tmp_path: Path) -> None:
    counts = {}
    for k in ("1", "2"):
        out = tmp_path / f"k{k}.html"
        result = runner.invoke(
            app, ["view", "-P", str(multi.root), "--min-support", k, "-o", str(out)]
        )
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
        counts[k] = result.stdout
        page = out.read_text(encoding="utf-8")
        assert MANDATE_2 in page
        assert (MANDATE_1 in page) is (k == "1")
    assert counts["1"] != counts["2"]
    bad = runner.invoke(app, ["view", "-P", str(multi.root), "--min-support", "-1"])
    assert bad.exit_code == 2
    assert "min-support" in bad.stderr
