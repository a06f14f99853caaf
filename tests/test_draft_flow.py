"""From ``draft`` to ``review`` without surprises: a post without a date is marked missing, a
post the project states already is restated under its id, and Chinese words are tagged with the
source's script. Made-up sentences and the multi fixture only: nothing is read from data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.drafting.draft import Draft, draft_text
from policygraph.drafting.gazetteer import Entry, Gazetteer
from policygraph.drafting.language import chinese_tag, guess_language
from policygraph.drafting.restated import restate_known_posts
from policygraph.errors import Location
from policygraph.project import Project
from policygraph.records.model import Record, Source

MULTI = Path(__file__).resolve().parent / "fixtures" / "multi"
GAZETTEER = Gazetteer(
    [
        Entry("org-cb", "organisations", "中国人民银行", "gazetteer.label"),
        Entry("org-cb", "organisations", "Central Bank of Examplia", "gazetteer.label"),
        Entry("person-zhou-min", "people", "周敏", "gazetteer.label"),
        Entry("person-zhou-min", "people", "Zhou Min", "gazetteer.label"),
        Entry("role.governor", "concepts", "行长", "gazetteer.label"),
        Entry("role.governor", "concepts", "governor", "gazetteer.label"),
    ]
)


def source(text: str, language: str | None = "zh", published: str | None = None) -> Source:
    path = Path("/nonexistent/s.txt")
    return Source("s", "news-article", None, None, None, language, published, None, None, None,
                  text, path, path)  # fmt: skip


def posts(text: str, **kw: str | None) -> list[dict[str, object]]:
    return draft_text(source(text, **kw), GAZETTEER).sections.get("posts", [])


# -- a post's date -------------------------------------------------------------------------


def test_a_post_the_text_gives_no_day_for_is_marked_missing() -> None:
    (post,) = posts("中国人民银行行长周敏表示，将扩大试点。")
    assert "observed_on" not in post
    assert post["draft"]["missing"] == ["observed_on"]  # type: ignore[index]
    (dated,) = posts("2026年3月10日，中国人民银行行长周敏表示，将扩大试点。")
    assert str(dated["observed_on"]) == "2026-03-10" and "missing" not in dated["draft"]  # type: ignore[operator]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(MULTI, tmp_path / "p")
    return Project(tmp_path / "p")


def invoke(project: Project, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--project", str(project.root)])
    return result.exit_code, result.stdout, result.stderr


def add_and_draft(project: Project, text: str, source_id: str) -> dict[str, object]:
    path = project.root / "new.txt"
    path.write_text(text, encoding="utf-8")
    assert invoke(project, "add", str(path), "--id", source_id)[0] == 0
    assert invoke(project, "draft", source_id)[0] == 0
    drafted = project.data_dir / "drafts" / f"{source_id}.yaml"
    doc = yaml.safe_load(drafted.read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


def test_accept_all_known_leaves_a_new_post_without_a_date(project: Project) -> None:
    doc = add_and_draft(project, "上海市国资委主任王治平表示，将推进区块链试点。\n", "zh-undated")
    (post,) = doc["posts"]  # type: ignore[misc]
    assert post["member"] == "person-wang-zhiping" and post["draft"]["missing"] == ["observed_on"]
    code, out, err = invoke(project, "review", "zh-undated", "--accept-all-known")
    assert code == 0, err
    assert "item(s) left in " in out and "policygraph review zh-undated" in out  # says so
    left = yaml.safe_load((project.data_dir / "drafts" / "zh-undated.yaml").read_text("utf-8"))
    assert [p["id"] for p in left["posts"]] == [post["id"]]  # left for the reviewer
    assert invoke(project, "validate")[0] == 0
    walked = CliRunner().invoke(
        app, ["review", "zh-undated", "--project", str(project.root)], input="s\n" * 9
    )
    assert walked.exit_code == 0, walked.stderr
    assert (
        "  missing: observed_on (fill in, in the draft file, before accepting" in walked.stdout
    )  # shown to the reviewer
    # filled in by hand in the draft: no longer missing, and accepted as it is
    path = project.data_dir / "drafts" / "zh-undated.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            f"- id: {post['id']}\n", f"- id: {post['id']}\n  observed_on: 2025-08\n", 1
        ),
        encoding="utf-8",
    )
    walked = CliRunner().invoke(
        app, ["review", "zh-undated", "--project", str(project.root)], input="a\n" + "s\n" * 9
    )
    assert walked.exit_code == 0, walked.stderr
    assert "missing: observed_on" not in walked.stdout and "accepted 1" in walked.stdout


# -- known posts are restated --------------------------------------------------------------


def test_a_known_post_is_restated_under_its_id(project: Project) -> None:
    """He Qing as Director of Shanghai SASAC is a post the SASAC article states already (the
    follow-up states another one, of August: two posts would leave the drafter unsure)."""
    (project.records_dir / "fict-sasac-followup-2025-08.yaml").unlink()
    doc = add_and_draft(project, "上海市国资委主任贺青表示，将推进区块链试点。\n", "zh-restates")
    (post,) = doc["posts"]  # type: ignore[misc]
    assert post["id"] == "post-he-qing-sasac-director"
    assert set(post) == {"id", "stated_as", "quote", "draft"}  # this source's words only
    assert post["stated_as"] == {"zh": "主任"} and post["draft"]["restates"] == post["id"]
    assert "missing" not in post["draft"]  # the known post's statements give its date
    code, _, err = invoke(project, "review", "zh-restates", "--accept-all-known")
    assert code == 0, err
    records = yaml.safe_load((project.records_dir / "zh-restates.yaml").read_text("utf-8"))
    assert records["posts"] == [{k: v for k, v in post.items() if k != "draft"}]
    assert invoke(project, "validate")[0] == 0


def _post(pid: str, source_id: str, role: str = "role.governor") -> Record:
    values = {"member": "person-zhou-min", "organisation": "org-cb", "role": role}
    graph = "source" if source_id else "reference"
    return Record("posts", pid, graph, source_id, values, Location(Path("r.yaml"), 1, 1))


def _draft(item: dict[str, object]) -> Draft:
    return Draft("s", "0" * 64, {"posts": [item]})


DRAFTED = {
    "id": "post-zhou-min-xing-zhang",
    "member": "person-zhou-min",
    "organisation": "org-cb",
    "role": "role.governor",
    "stated_as": {"zh": "行长"},
    "quote": "中国人民银行行长周敏",
    "draft": {"rule": "post.title", "confidence": 0.6, "missing": ["observed_on"]},
}


def test_restating_needs_one_known_post_with_the_same_member_organisation_and_role() -> None:
    (same,) = restate_known_posts(_draft(DRAFTED), [_post("post-a", "other")]).sections["posts"]
    assert same["id"] == "post-a" and "member" not in same and "role" not in same
    other_role = [_post("post-a", "other", "role.deputy-governor")]
    assert restate_known_posts(_draft(DRAFTED), other_role).sections["posts"] == [DRAFTED]
    two = [_post("post-a", "other"), _post("post-b", "other")]  # which one? left as drafted
    assert restate_known_posts(_draft(DRAFTED), two).sections["posts"] == [DRAFTED]
    guessed = {**DRAFTED, "draft": {"rule": "post.title", "confidence": 0.4, "guessed": ["role"]}}
    assert restate_known_posts(_draft(guessed), [_post("post-a", "other")]).sections["posts"]
    mine = [_post("post-a", "s")]  # the source's own records state it already: nothing new
    assert "posts" not in restate_known_posts(_draft(DRAFTED), mine).sections


# -- language tags -------------------------------------------------------------------------


def test_words_from_traditional_text_are_tagged_zh_hant() -> None:
    text = "中國人民銀行行長周敏表示，將擴大試點。"
    for language in ("zh", None, "zh-Hant"):
        (post,) = posts(text, language=language)
        assert post["stated_as"] == {"zh-Hant": "行長"}
    (post,) = posts("中国人民银行行长周敏表示，将扩大试点。")
    assert post["stated_as"] == {"zh": "行长"}
    (post,) = posts("Zhou Min, governor of the Central Bank of Examplia, said so.", language="en")
    assert post["stated_as"] == {"en": "governor"}
    assert (
        chinese_tag("zh-Hant", "中国") == "zh-Hant" and chinese_tag("zh-Hans", "中國銀行") == "zh"
    )


def test_the_language_of_a_text_is_told_from_its_script_when_plain() -> None:
    assert guess_language("中國人民銀行週二表示，將擴大數字人民幣的試點範圍。") == "zh-Hant"
    assert guess_language("中国人民银行周二表示，将扩大数字人民币的试点范围。") == "zh"
    assert guess_language("The central bank said on Tuesday it would widen the pilot.") == "en"
    assert guess_language("OK 好") is None  # too short to tell
    # Latin script is not English
    assert (
        guess_language("Die Zentralbank teilte am Dienstag mit, sie werde den Versuch ausweiten.")
        is None
    )
    assert (
        guess_language("La banque centrale a annoncé mardi qu'elle élargirait le projet.") is None
    )
    assert guess_language("Zhongguo Renmin Yinhang Shuzi Renminbi Guoji Yunying Zhongxin") is None
    assert guess_language("The 中国人民银行 said 数字人民币 pilots widen") is None  # mixed


def test_no_item_is_marked_needs_format_v2(project: Project) -> None:
    """Every project reads restatements and institutional speakers: the mark said nothing."""
    (project.records_dir / "fict-mandate-recap-2025-09.yaml").unlink()
    invoke(project, "draft", "fict-mandate-recap-2025-09")
    text = (project.data_dir / "drafts" / "fict-mandate-recap-2025-09.yaml").read_text("utf-8")
    assert "needs:" not in text and "format-v2" not in text


# -- draft --evaluate: rows by language and by source ---------------------------------------


def test_evaluate_adds_rows_by_language_and_by_source(project: Project) -> None:
    from policygraph.drafting.evaluate import Evaluation, Score
    from policygraph.drafting.scoreboard import render_by_language, render_by_source

    code, plain, _ = invoke(project, "draft", "--evaluate")
    assert code == 0 and "**By language" in plain and "**By source" not in plain
    code, out, _ = invoke(project, "draft", "--evaluate", "--by-source")
    assert code == 0 and out.startswith(plain)  # the tables before are unchanged
    rows = [line for line in out.split("**By source")[1].splitlines() if line.startswith("| f")]
    assert {row.split(" | ")[0].strip("| ") for row in rows} == {
        "ffc-sasac-crypto-study",
        "fict-mandate-recap-2025-09",
        "fict-sasac-followup-2025-08",
    }
    assert all(row.split(" | ")[1] == "en" for row in rows)
    code, _, err = invoke(project, "draft", "fict-sasac-followup-2025-08", "--by-source")
    assert code == 2 and "--by-source goes with --evaluate" in err

    made = Evaluation()  # two made-up sources, one per language: each row is its own scores
    for source_id, language, correct in (("a", "en", 1), ("b", "zh-Hant", 3)):
        scores = {m: Score(4, correct, 4, correct) for m in made.scores}
        part = Evaluation([source_id], scores, {source_id: scores}, {source_id: language[:2]})
        part.tags[source_id] = language
        made.merge(part)
    by_language = render_by_language(made)
    assert "| en | 1 | 0.25 / 0.25 |" in by_language and "| zh | 1 | 0.75 / 0.75 |" in by_language
    assert "| all | 2 | 0.50 / 0.50 |" in by_language
    assert "| b | zh-Hant | 0.75 / 0.75 |" in render_by_source(made)
