"""Stats, support, the networkx projection, rank and path: on the SASAC graph and the fictional
multi-source fixture."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.analytics.paths import path
from policygraph.analytics.projection import to_networkx
from policygraph.analytics.rank import rank
from policygraph.analytics.render import render_rank, render_stats, to_json
from policygraph.analytics.stats import stats
from policygraph.analytics.support import fact_support, signal_support, support
from policygraph.cli import app
from policygraph.errors import InputError, NotFoundError
from policygraph.project import Project
from policygraph.store import MemoryStore
from policygraph.vocab import PG, PGR

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "multi"
MANDATE_2 = PGR["signal-2025-07-10-sh-sasac-mandate-2"]
runner = CliRunner()


def test_support_counts_independent_sources(multi_store: MemoryStore) -> None:
    found = support(multi_store)
    assert found[MANDATE_2].count == 2
    assert (found[MANDATE_2].first_seen, found[MANDATE_2].last_seen) == ("2025-09-05",) * 2
    assert found[PGR["signal-2025-07-10-sh-sasac-mandate-1"]].count == 1
    # the SASAC article gives no publication date: unknown stays unknown
    assert found[PGR["signal-2025-07-10-sh-sasac-mandate-1"]].first_seen is None
    follow_up = found[PGR["signal-2025-08-20-sh-sasac-pilot-reports"]]
    assert (follow_up.count, follow_up.first_seen) == (1, "2025-08-21")
    facts = fact_support(multi_store)
    assert (
        facts[(MANDATE_2, PG.issuedOn, next(iter(_objects(multi_store, PG.issuedOn))))].count == 2
    )


@pytest.mark.parametrize("fixture", ["multi_store", "sasac_store"])
def test_signal_support_is_support_of_the_signals(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    store = request.getfixturevalue(fixture)
    answer = store.query("SELECT ?s WHERE { ?s a ?c }", {"c": PG.PolicySignal})
    signals = {row[0] for row in answer}  # type: ignore[index]
    found = signal_support(store)
    assert found == {k: v for k, v in support(store).items() if k in signals}
    assert found and set(found) <= signals


def _objects(store: MemoryStore, predicate: object) -> set[object]:
    return {o for _, _, o in store.dataset().triples((MANDATE_2, predicate, None))}  # type: ignore[arg-type]


def test_projection_folds_posts_and_participations(sasac_store: MemoryStore) -> None:
    graph = to_networkx(sasac_store)
    he_qing, sasac = PGR["person-he-qing"], PGR["org-sh-sasac"]
    labels = {d["label"] for d in graph.get_edge_data(he_qing, sasac).values()}
    assert labels == {"director"}
    event = PGR["event-2025-07-10-sh-sasac-study-session"]
    assert {d["label"] for d in graph.get_edge_data(he_qing, event).values()} == {"led the meeting"}
    assert not any(str(n).endswith((".ev1", ".sel")) for n in graph.nodes)


def test_stats_golden(sasac_store: MemoryStore, golden: Callable[[str, str], None]) -> None:
    result = stats(sasac_store)
    assert result.signals_by_issuer == {"Party Committee of Shanghai SASAC": 5}
    assert result.components == 1
    golden("analytics/stats-sasac.txt", render_stats(result))
    golden("analytics/stats-sasac.json", to_json(result.as_json()))


@pytest.mark.parametrize("measure", ["degree", "pagerank", "betweenness"])
def test_rank_golden(
    sasac_store: MemoryStore, golden: Callable[[str, str], None], measure: str
) -> None:
    golden(f"analytics/rank-{measure}.txt", render_rank(rank(sasac_store, by=measure), measure))


def test_rank_by_type_and_min_support(multi_store: MemoryStore) -> None:
    people = rank(multi_store, type_="Person", top=1)
    assert [p.label for p in people] == ["He Qing"]
    backed = rank(multi_store, type_="pg:PolicySignal", min_support=2, top=10)
    assert [r.iri for r in backed] == [str(MANDATE_2)]
    with pytest.raises(InputError):
        rank(multi_store, type_="NoSuchClass")


def test_path_spells_out_steps(sasac_store: MemoryStore) -> None:
    found = path(sasac_store, "He Qing", "supply chain finance")
    assert [str(c) for c in found] == [
        "He Qing -issued-> Promote Industry-Digital Integration -targets-> supply chain finance"
    ]
    back = path(sasac_store, "Li Mingliang", "贺青")
    assert "<-led the meeting- He Qing" in str(back[0])


def test_path_none_and_unknown(sasac_store: MemoryStore) -> None:
    with pytest.raises(NotFoundError, match="no path"):
        path(sasac_store, "He Qing", "Guotai Haitong Securities", max_length=2)
    with pytest.raises(NotFoundError):
        path(sasac_store, "He Qing", "Nobody At All")


def test_cli_stats_rank_path(multi_project: Project) -> None:
    where = ["--project", str(multi_project.root)]
    result = runner.invoke(app, ["stats", *where, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert '"signals_by_issuer"' in result.stdout
    result = runner.invoke(app, ["rank", *where, "--top", "3", "--by", "betweenness"])
    assert result.exit_code == 0 and result.stdout.count("\n") == 4
    result = runner.invoke(app, ["path", *where, "He Qing", "supply chain finance"])
    assert result.exit_code == 0
    assert "He Qing -issued-> " in result.stdout and result.stderr == ""


def test_cli_path_bad_input(sasac_project: Project) -> None:
    where = ["--project", str(sasac_project.root)]
    result = runner.invoke(app, ["path", *where, "He Qing", "Nobody At All"])
    assert result.exit_code == 4
    assert "no entity is named 'Nobody At All'" in result.stderr and result.stdout == ""
    result = runner.invoke(
        app, ["path", *where, "He Qing", "Guotai Haitong Securities", "--max-length", "2"]
    )
    assert result.exit_code == 4 and "no path from 'He Qing'" in result.stderr
    result = runner.invoke(app, ["rank", *where, "--type", "Unicorn"])
    assert result.exit_code == 3 and "no entity of class 'Unicorn'" in result.stderr


def test_support_command_lists_claims_best_supported_first(multi_project: Project) -> None:
    result = runner.invoke(app, ["support", "--project", str(multi_project.root)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["support", "first", "seen", "last", "seen", "claim"]
    # the meeting is stated by the article and both fictional reports: three sources; the
    # dated ones were published on 2025-08-21 and 2025-09-05 (the article's date is unknown)
    assert lines[1].split()[:3] == ["3", "2025-08-21", "2025-09-05"]
    assert lines[1].endswith("central group study session on cryptocurrencies and stablecoins")
    # each source is listed under its claim with its publisher, date and quote
    assert "- FICTIONAL TEST SOURCE: Recap of what Shanghai SASAC asked" in result.stdout
    assert "\u201cThe meeting followed the central group study session of July 10, 2025.\u201d" in (
        result.stdout
    )
    backed = runner.invoke(
        app, ["support", "--project", str(multi_project.root), "--min-support", "2"]
    )
    claims = [line for line in backed.stdout.splitlines() if line[:7].strip().isdigit()]
    assert [line.split()[0] for line in claims] == ["3", "2"]
    assert claims[1].endswith("Promote Industry-Digital Integration")
    assert backed.stdout.splitlines()[-1] == "2 claim(s)"


def test_support_of_one_entitys_facts(multi_project: Project) -> None:
    result = runner.invoke(
        app,
        ["support", "Promote Industry-Digital Integration", "--facts", "--format", "json",
         "--project", str(multi_project.root)],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    issued = [r for r in rows if "pg:issuedOn" in r["claim"]]
    assert [r["support"] for r in issued] == [2]
    assert all(r["subject"] == str(MANDATE_2) for r in rows)
    unknown = runner.invoke(app, ["support", "Nobody Atall", "--project", str(multi_project.root)])
    assert unknown.exit_code == 4


def test_rank_text_of_a_node_without_an_entity_class_has_no_empty_types() -> None:
    from policygraph.analytics.rank import Ranked

    rows = [Ranked("https://w3id.org/policygraph/kos/topic.stablecoin", "stablecoin", (), 0.5)]
    assert render_rank(rows, "pagerank").splitlines()[1].endswith("(kos:topic.stablecoin)")
