"""``policygraph show`` and ``policygraph.show``: the entity card, found by any of its names."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.card import Card, graphs_text, show
from policygraph.cardtext import render_text
from policygraph.store import MemoryStore


@pytest.mark.parametrize("name", ["He Qing", "贺青", "hè qīng", "heqing", "pgr:person-he-qing"])
def test_any_name_finds_the_same_person(sasac_store: MemoryStore, name: str) -> None:
    assert show(sasac_store, name).iri == "https://w3id.org/policygraph/id/person-he-qing"


def test_card_of_he_qing(sasac_store: MemoryStore) -> None:
    card = show(sasac_store, "He Qing")
    assert isinstance(card, Card) and dataclasses.is_dataclass(card)
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.label = "x"  # type: ignore[misc]
    assert {(n.text, n.lang, n.kind, n.graph) for n in card.names} == {
        ("He Qing", "en", "pref", "pgg:ref"),
        ("贺青", "zh", "pref", "pgg:ref"),
        ("Hè Qīng", "zh-Latn-pinyin", "pref", "pgg:ref"),
    }
    assert card.types == ("foaf:Person",)
    # the article: "He's the Secretary of the SASAC Party Committee and Director."
    assert {(p.role_label, p.organization_label, p.observed_on) for p in card.posts} == {
        (
            "director",
            "Shanghai State-owned Assets Supervision and Administration Commission",
            ("2025-07-10",),
        ),
        ("party committee secretary", "Party Committee of Shanghai SASAC", ("2025-07-10",)),
    }
    assert [s.relation for s in card.signals] == ["attributed to"] * 3
    assert {s.label for s in card.signals} == {
        "Embrace Innovation-Driven Development",
        "Promote Industry-Digital Integration",
        "Foster Proactive Engagement",
    }
    quotes = {q.quote for q in card.quotes}
    assert "He’s the Secretary of the SASAC Party Committee and Director." in quotes
    assert "Led by SASAC Secretary He Qing (贺青), the meeting" in quotes
    assert {q.source for q in card.quotes} == {"pgr:doc-ffc-sasac-crypto-study"}


def test_relations_use_labels_and_ontology_predicate_labels(sasac_store: MemoryStore) -> None:
    card = show(sasac_store, "SASAC Party Committee")
    out = {(r.predicate_label, r.other_label) for r in card.outgoing}
    assert (
        "unit of",  # rdfs:label given to org:unitOf in the ontology graph
        "Shanghai State-owned Assets Supervision and Administration Commission",
    ) in out
    incoming = {(r.predicate_label, r.other_label) for r in card.incoming}
    assert ("issuer", "Promote Industry-Digital Integration") in incoming  # rdfs:label of pg:issuer
    assert [s.relation for s in card.signals].count("issued by") == 5


def test_names_show_the_graph_that_states_them(sasac_store: MemoryStore) -> None:
    card = show(sasac_store, "上海国资委")
    assert ("上海国资", "alt", "pgg:src-ffc-sasac-crypto-study") in {
        (n.text, n.kind, n.graph) for n in card.names
    }
    assert ("Shanghai Guozai", "hidden") in {(n.text, n.kind) for n in card.names}


def test_cli_text_and_json(sasac_root: Path) -> None:
    from policygraph.cli import app

    trig = str(sasac_root / "graph" / "policygraph.trig")
    text = CliRunner().invoke(app, ["show", "hè qīng", "--input", trig])
    assert text.exit_code == 0, text.stderr
    assert text.stdout.startswith("He Qing  (pgr:person-he-qing)")
    assert "posts:" in text.stdout and "sources and quotes:" in text.stdout
    zh = CliRunner().invoke(app, ["show", "heqing", "--lang", "zh", "--input", trig])
    assert zh.stdout.startswith("贺青")
    data = json.loads(
        CliRunner().invoke(app, ["show", "贺青", "--format", "json", "--input", trig]).stdout
    )
    assert data["iri"].endswith("person-he-qing") and len(data["posts"]) == 2


def test_ambiguous_name_lists_candidates(sasac_root: Path) -> None:
    from policygraph.cli import app

    trig = str(sasac_root / "graph" / "policygraph.trig")
    result = CliRunner().invoke(app, ["show", "Committee", "--input", trig])
    assert result.exit_code == 4
    assert "matches" in result.stderr and "pgr:org-sh-sasac-party-committee" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_unknown_name(sasac_root: Path) -> None:
    from policygraph.cli import app

    trig = str(sasac_root / "graph" / "policygraph.trig")
    result = CliRunner().invoke(app, ["show", "Xi Nobody", "--input", trig])
    assert result.exit_code == 4 and "no entity is named" in result.stderr


def test_a_fact_several_sources_state_is_one_line(multi_store: MemoryStore) -> None:
    card = show(multi_store, "He Qing")
    mandate = "Promote Industry-Digital Integration"
    stating = [r.graph for r in card.incoming if r.other_label == mandate]
    assert len(stating) == 2  # the card (and its JSON) keeps a row per graph
    lines = [line for line in render_text(card).splitlines() if mandate in line]
    assert "  attributed to: Promote Industry-Digital Integration  [2 sources]" in lines
    assert len([line for line in lines if line.startswith("  attributed to:")]) == 1
    assert "evidence" not in {r.predicate_label for r in card.outgoing}  # the quotes say it
    quoted = render_text(card).split("sources and quotes:\n")[1].splitlines()
    at = quoted.index(f"  {mandate}  (pgr:signal-2025-07-10-sh-sasac-mandate-2)")  # the claim once
    recap = (
        "    FICTIONAL TEST SOURCE: Recap of what Shanghai SASAC asked of its enterprises: \u201c"
    )
    assert any(line.startswith(recap) for line in quoted[at + 1 : at + 4])  # under it, by title


def test_graphs_text_names_other_graphs_and_counts_sources() -> None:
    assert graphs_text(("pgg:src-a",)) == "pgg:src-a"
    assert graphs_text(("pgg:ref",)) == "pgg:ref"
    assert graphs_text(("pgg:ref", "pgg:src-a", "pgg:src-b")) == "pgg:ref, 2 sources"
    assert graphs_text(("pgg:curation", "pgg:src-a")) == "pgg:curation, 1 source"
    assert graphs_text(("pgg:src-a", "pgg:src-b", "pgg:src-c")) == "3 sources"


def test_posts_and_participations_are_named_by_the_sentence_they_stand_for(
    multi_store: MemoryStore,
) -> None:
    text = render_text(show(multi_store, "He Qing"))
    meeting = "Shanghai SASAC follow-up meeting on blockchain pilots (fictional)"
    assert f"  participant: He Qing, led the meeting: {meeting}  [" in text
    secretary = "He Qing: party committee secretary, Party Committee of Shanghai SASAC"
    assert f"  member: {secretary}  [" in text
    assert ".p.person-he-qing" not in text.split("sources and quotes:")[0]
    sasac = render_text(show(multi_store, "pgr:org-sh-sasac"))  # posts held in it, by whom
    assert "  organisation: He Qing: director, Shanghai State-owned Assets" in sasac
