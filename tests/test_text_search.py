"""Full-text search of quotes and archived texts (``policygraph.fulltext``, ``search --text``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from policygraph.build import build
from policygraph.cli import app
from policygraph.errors import QueryError
from policygraph.fulltext import search_text, update_text_index
from policygraph.fulltext.collect import ClaimRef, Document, Quote
from policygraph.fulltext.index import index_documents
from policygraph.fulltext.segment import from_indexed, to_indexed, to_match
from policygraph.project import Project
from policygraph.store import MemoryStore

SIGNAL = "https://w3id.org/policygraph/id/signal-2025-08-20-sh-sasac-pilot-reports"
FOLLOWUP = "https://w3id.org/policygraph/id/doc-fict-sasac-followup-2025-08"


def test_build_writes_the_index(multi_project: Project) -> None:
    assert multi_project.text_index_path.is_file()
    assert ".policygraph/" in (Path(__file__).parents[1] / ".gitignore").read_text()


def test_quote_hit_has_source_date_snippet_and_claims(multi_project: Project) -> None:
    hits = search_text(multi_project, "report blockchain pilots", kinds=("quote",))
    hit = hits[0]
    assert (hit.kind, hit.source, hit.date) == ("quote", FOLLOWUP, "2025-08-21")
    assert hit.publisher == "Fictional Test Wire" and hit.title.startswith("FICTIONAL TEST SOURCE")
    assert ("report their blockchain pilots", True) not in hit.snippet  # words, not the gap
    assert hit.snippet_text().startswith("He Qing asked state-owned enterprises to [report]")
    assert [c.iri for c in hit.claims] == [SIGNAL]
    assert hit.claims[0].types == ("pg:PolicySignal",)


def test_source_text_hit_lists_the_claims_quoting_the_match(multi_project: Project) -> None:
    hits = search_text(multi_project, '"supply chain finance" report', kinds=("source",))
    followup = next(h for h in hits if h.source == FOLLOWUP)
    assert followup.path == "data/sources/fict-sasac-followup-2025-08.txt"
    assert SIGNAL in {c.iri for c in followup.claims}
    assert all(h.kind == "source" for h in hits)


def test_english_stems_phrases_prefixes_and_operators(multi_project: Project) -> None:
    plural = search_text(multi_project, "stablecoin")  # the text says "Stablecoins"
    assert any("[Stablecoins]" in h.snippet_text() for h in plural)
    phrase = search_text(multi_project, '"pilots in supply chain finance"')
    assert phrase and all("[pilots in supply chain finance]" in h.snippet_text() for h in phrase)
    assert search_text(multi_project, '"finance supply chain"') == []
    assert search_text(multi_project, "regul*")
    either = search_text(multi_project, "zzzunknown OR blockchain")
    assert either and search_text(multi_project, "zzzunknown blockchain") == []


def test_ranked_best_first_and_deterministic(multi_project: Project) -> None:
    hits = search_text(multi_project, "blockchain pilots", limit=50)
    assert [h.score for h in hits] == sorted(h.score for h in hits)
    assert hits == search_text(multi_project, "blockchain pilots", limit=50)
    assert len(search_text(multi_project, "blockchain", limit=2)) == 2


@pytest.mark.parametrize("word", ["贺青", "国资", "上海国资", "李明"])
def test_chinese_without_spaces_any_length(multi_project: Project, word: str) -> None:
    hits = search_text(multi_project, word)
    assert hits, word
    assert any(f"[{word}]" in h.snippet_text() for h in hits)  # no separators left in snippets


def test_chinese_two_characters_inside_longer_words(tmp_path: Path) -> None:
    body = "上海市国资委召开会议，贺青同志要求推进稳定币研究。"
    Path(tmp_path / "a.txt").write_text(body, encoding="utf-8")
    claim = ClaimRef("https://example.org/s1", "A signal", ("pg:PolicySignal",))
    doc = Document("https://example.org/d1", "标题", "某报", "2025-06", "", "a.txt", "h1",
                   (Quote("贺青同志要求推进稳定币研究", "zh", (claim,)),))  # fmt: skip
    project = Project(tmp_path)
    index_documents(project.text_index_path, tmp_path, [doc])
    for word in ("国资", "贺青", "稳定币", "国资委召开", "同志"):
        assert search_text(project, word), word
    quote = search_text(project, "稳定币", kinds=("quote",))[0]
    assert quote.snippet_text() == "贺青同志要求推进[稳定币]研究" and quote.claims == (claim,)
    assert search_text(project, "国资委会议") == []  # not a substring: a phrase, not two words
    assert search_text(project, "国资委 会议")  # two words, in any order


def test_query_syntax_cannot_break_the_engine(multi_project: Project) -> None:
    for query in ['"unbalanced', "NEAR(a b)", "a:b", "col:blockchain", "(", "-x", "^x", "AND"]:
        try:
            search_text(multi_project, query)
        except QueryError as err:
            assert "nothing to search for" in str(err)
    with pytest.raises(QueryError):
        search_text(multi_project, "  * ")
    assert (
        to_match('He "supply chain" OR 国资')
        == '"He" "supply chain" OR "\u200b国\u200b\u200b资\u200b"'
    )
    assert from_indexed(to_indexed("a贺青b")) == "a贺青b"


def test_incremental_update_by_content_hash(tmp_path: Path, multi_project: Project) -> None:
    root = tmp_path / "multi"
    shutil.copytree(multi_project.root, root, ignore=shutil.ignore_patterns(".policygraph"))
    project = Project(root)
    result = build(project)
    again = update_text_index(project, result.dataset)
    assert again.indexed == () and again.unchanged == 3 and not again.rebuilt
    text = root / "data" / "sources" / "fict-mandate-recap-2025-09.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nA zebracorn appeared.\n", "utf-8")
    changed = update_text_index(project, build(project, write=False).dataset)
    assert changed.indexed == ("https://w3id.org/policygraph/id/doc-fict-mandate-recap-2025-09",)
    assert changed.unchanged == 2
    assert search_text(project, "zebracorn")[0].kind == "source"


def test_rebuilt_on_demand_when_missing(tmp_path: Path, multi_project: Project) -> None:
    root = tmp_path / "clone"
    shutil.copytree(multi_project.root, root, ignore=shutil.ignore_patterns(".policygraph"))
    project = Project(root)
    assert not project.text_index_path.exists()  # a fresh clone: graph/ but no index
    assert search_text(project, "贺青")
    assert project.text_index_path.is_file()
    project.text_index_path.write_bytes(b"not a database, a torn copy")
    assert search_text(project, "贺青")  # an unreadable index is a cache: rebuilt
    project.text_index_path.write_bytes(b"torn again")
    assert build(project).summary.sources == 3 and search_text(project, "国资")


def test_from_a_store(tmp_path: Path, multi_store: MemoryStore, multi_project: Project) -> None:
    project = Project(tmp_path)
    (tmp_path / "data").symlink_to(multi_project.root / "data")
    update = update_text_index(project, multi_store)
    assert update.rebuilt and len(update.indexed) == 3
    assert search_text(project, "zebra OR blockchain")


def test_cli_search_text(multi_project: Project) -> None:
    root = str(multi_project.root)
    runner = CliRunner()
    result = runner.invoke(app, ["search", "--text", "贺青", "-P", root, "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1. quote ") and "[贺青]" in result.stdout
    assert "quoted by:" in result.stdout
    as_json = runner.invoke(app, ["search", "--text", "pilots", "-P", root, "--format", "json"])
    data = json.loads(as_json.stdout)
    assert data["query"] == "pilots" and data["hits"][0]["snippet"].count("[pilots]") >= 1
    none = runner.invoke(app, ["search", "--text", "zzzunknown", "-P", root])
    assert none.exit_code == 4 and "no quote or archived text matches" in none.stderr
    both = runner.invoke(app, ["search", "He", "--text", "x", "-P", root])
    assert both.exit_code == 5
    label_json = runner.invoke(app, ["search", "He", "--format", "json", "-P", root])
    assert label_json.exit_code == 5 and "--format applies to --text" in label_json.stderr
    neither = runner.invoke(app, ["search", "-P", root])
    assert neither.exit_code == 5 and "--text" in neither.stderr


def test_unlabelled_claims_are_named_by_who_role_and_where(multi_project: Project) -> None:
    hit = search_text(multi_project, '"chaired by He Qing"', kinds=("quote",))[0]
    (claim,) = hit.claims
    assert claim.types == ("pg:Participation",) and claim.label.startswith("He Qing (")
    assert claim.label.endswith(
        ", Shanghai SASAC follow-up meeting on blockchain pilots (fictional)"
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab 上海国资委𠀀,。\u200b\x02\x03\U00030001", max_size=40))
def test_each_han_character_is_set_apart(text: str) -> None:
    from policygraph.fulltext.segment import SEPARATOR, to_indexed

    cleaned = text.replace(SEPARATOR, "").replace("\x02", "").replace("\x03", "")
    han = "上海国资委𠀀\U00030001"
    assert to_indexed(text) == "".join(
        f"{SEPARATOR}{c}{SEPARATOR}" if c in han else c for c in cleaned
    )
