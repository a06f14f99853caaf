"""``policygraph search``: ranked matches over every label in every language."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.search import search
from policygraph.store import MemoryStore


def test_exact_before_prefix_before_substring(sasac_store: MemoryStore) -> None:
    hits = search(sasac_store, "sasac")
    assert hits[0].iri.endswith("org-sh-sasac") and hits[0].rank == "exact"
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks, key=["exact", "prefix", "substring"].index)
    assert "prefix" in ranks and "substring" in ranks
    assert len({h.iri for h in hits}) == len(hits)  # each entity once


def test_all_languages_and_normalisation(sasac_store: MemoryStore) -> None:
    assert search(sasac_store, "贺青")[0].iri.endswith("person-he-qing")
    assert search(sasac_store, "WANG zhìpíng")[0].lang in ("en", "zh-Latn-pinyin")
    hit = search(sasac_store, "稳定")[0]
    assert hit.iri.endswith("topic.stablecoin") and hit.lang == "zh" and hit.rank == "prefix"


def test_type_filter_includes_subclasses(sasac_store: MemoryStore) -> None:
    hits = search(sasac_store, "committee", "Organization")
    assert hits and all(h.types for h in hits)
    assert {h.iri.rsplit("/", 1)[-1] for h in hits} >= {"org-sh-sasac-party-committee"}
    assert search(sasac_store, "committee", "foaf:Person") == []


def test_limit(sasac_store: MemoryStore) -> None:
    assert len(search(sasac_store, "a", limit=3)) == 3


def test_cli(sasac_root: Path) -> None:
    trig = str(sasac_root / "graph" / "policygraph.trig")
    result = CliRunner().invoke(app, ["search", "李明", "--input", trig])
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("prefix") and "pgr:person-li-mingliang" in first and "@zh" in first
    none = CliRunner().invoke(app, ["search", "zzzz", "--input", trig])
    assert none.exit_code == 4
    bad = CliRunner().invoke(app, ["search", "x", "--type", "Nonsense", "--input", trig])
    assert bad.exit_code == 4 and "known classes" in bad.stderr
