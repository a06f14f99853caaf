"""``draft`` then ``review``: accepted items move to data/records/ without their draft marks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import policygraph
from policygraph.cli import app
from policygraph.drafting.review import load_draft
from policygraph.project import Project

MULTI = Path(__file__).resolve().parent / "fixtures" / "multi"
SOURCE = "fict-sasac-followup-2025-08"


def without_records(tmp_path: Path) -> Project:
    """The multi fixture with the follow-up source's curated records taken out."""
    shutil.copytree(MULTI, tmp_path / "p")
    (tmp_path / "p" / "data" / "records" / f"{SOURCE}.yaml").unlink()
    return Project(tmp_path / "p")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return without_records(tmp_path)


def invoke(project: Project, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--project", str(project.root)], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def draft_doc(project: Project) -> dict[str, object]:
    path = project.data_dir / "drafts" / f"{SOURCE}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


def records_path(project: Project) -> Path:
    return project.records_dir / f"{SOURCE}.yaml"


def _has_draft_key(value: object) -> bool:
    if isinstance(value, dict):
        return "draft" in value or any(_has_draft_key(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_draft_key(v) for v in value)
    return False


def test_draft_writes_v2_items_with_rule_and_confidence(project: Project) -> None:
    code, out, _ = invoke(project, "draft", SOURCE)
    assert code == 0 and "data/drafts" in out
    doc = draft_doc(project)
    assert doc["source"] == SOURCE and len(str(doc["text_sha256"])) == 64
    for section in ("names", "posts", "events", "signals"):
        items = doc[section]
        assert isinstance(items, list) and items
        for item in items:
            assert set(item["draft"]) >= {"rule", "confidence"}
            assert 0 <= item["draft"]["confidence"] <= 1
    assert invoke(project, "validate")[0] == 0  # drafts are never read as facts


def test_accept_all_known_writes_records_the_checker_accepts(project: Project) -> None:
    invoke(project, "draft", SOURCE)
    code, out, err = invoke(project, "review", SOURCE, "--accept-all-known")
    assert code == 0, err
    records = yaml.safe_load(records_path(project).read_text(encoding="utf-8"))
    assert records["graph"] == "source" and records["source"] == SOURCE
    assert not _has_draft_key(records)
    # He Qing as Director of Shanghai SASAC is a post another source states: restated by id
    (post,) = records["posts"]
    assert post["id"] == "post-he-qing-sasac-director" and "member" not in post
    code, _, err = invoke(project, "validate")
    assert code == 0, err
    # all moved but the restatement of the study session the text mentions (same date: a guess)
    (left,) = draft_doc(project)["events"]  # type: ignore[misc]
    assert left["id"] == "event-2025-07-10-sh-sasac-study-session"
    assert left["draft"]["restates"] == left["id"] and "needs" not in left["draft"]
    assert [k for k in draft_doc(project) if k in ("names", "posts", "signals")] == []


def test_interactive_review_accepts_renames_and_rejects(project: Project) -> None:
    invoke(project, "draft", SOURCE)
    keys = [str(i.get("entity") or i.get("id")) for s in ("names", "posts", "events", "signals")
            for i in draft_doc(project).get(s, [])]  # type: ignore[union-attr]  # fmt: skip
    events = {str(e["id"]) for e in draft_doc(project).get("events", [])}  # type: ignore[union-attr]
    # the renamed signal's occasion is an event of the draft: accepted with it (not skipped)
    middle = ["a" if k in events else "s" for k in keys[2:-1]]
    label = "Blockchain pilots in supply chain finance"  # e asks for the label after the id
    answers = ["a", "r", *middle, "e", "signal-2025-08-20-pilots", label]
    code, out, err = invoke(project, "review", SOURCE, stdin="\n".join(answers) + "\n")
    assert code == 0, err
    assert f"[1/{len(keys)}] names: {keys[0]}" in out
    assert "...s text was invented" in out  # the quote is shown in its context
    records = yaml.safe_load(records_path(project).read_text(encoding="utf-8"))
    assert records["names"][0]["entity"] == keys[0]
    assert records["signals"][0]["id"] == "signal-2025-08-20-pilots"
    assert list(records["signals"][0]["labels"].values()) == [label]
    left = draft_doc(project)
    left_keys = {str(i.get("entity") or i.get("id")) for v in left.values() if isinstance(v, list)
                 for i in v}  # fmt: skip
    assert keys[0] not in left_keys and keys[1] not in left_keys  # accepted, rejected
    assert keys[2] in left_keys  # skipped: still to review


def test_python_api_has_the_same_verbs(project: Project) -> None:
    path, result = policygraph.draft(SOURCE, project)
    assert path.exists() and result.count() > 0
    written, moved = policygraph.review(SOURCE, project, accept=["person-he-qing"])
    assert moved == ["person-he-qing"] and written == records_path(project)
    keys = [item.key for item in load_draft(SOURCE, project).items]
    policygraph.review(SOURCE, project, reject=keys)
    assert not path.exists()  # every item reviewed: the draft is gone


def test_a_draft_edited_into_invalid_yaml_changes_nothing(project: Project) -> None:
    invoke(project, "draft", SOURCE)
    path = project.data_dir / "drafts" / f"{SOURCE}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "signals: [oops\n", encoding="utf-8")
    before = sorted(project.records_dir.iterdir())
    code, _, err = invoke(project, "review", SOURCE, "--accept-all-known")
    assert code == 3 and "the draft is not valid YAML" in err and "Traceback" not in err
    assert f"{SOURCE}.yaml:" in err and "hint:" in err
    assert sorted(project.records_dir.iterdir()) == before


def test_a_draft_of_a_changed_text_is_refused(project: Project) -> None:
    invoke(project, "draft", SOURCE)
    text = project.sources_dir / f"{SOURCE}.txt"
    text.write_text(text.read_text(encoding="utf-8") + "A later correction.\n", encoding="utf-8")
    code, _, err = invoke(project, "review", SOURCE, "--accept-all-known")
    assert code == 3 and "changed since this draft was made" in err
    assert not records_path(project).exists()


def test_unknown_items_and_sources_are_reported(project: Project) -> None:
    code, _, err = invoke(project, "draft", "no-such-source")
    assert code == 4 and "unknown source 'no-such-source'" in err
    code, _, err = invoke(project, "review", SOURCE)
    assert code == 4 and "no draft" in err
    invoke(project, "draft", SOURCE)
    code, _, err = invoke(project, "review", SOURCE, "--accept", "nope")
    assert code == 4 and "no draft item 'nope'" in err
    assert not records_path(project).exists()


def test_evaluate_prints_the_table(project: Project) -> None:
    code, out, _ = invoke(project, "draft", "--evaluate")
    assert code == 0
    assert "| measure |" in out and "| signals |" in out and "sources: 2" in out


def test_new_entities_wait_for_review_and_what_needs_them_waits_too(tmp_path: Path) -> None:
    """The SASAC article with its expert and institute unknown: --accept-all-known leaves the
    candidates, the event they take part in and the signals of that event; the rest validates."""
    shutil.copytree(MULTI, tmp_path / "p")
    project = Project(tmp_path / "p")
    (project.records_dir / "ffc-sasac-crypto-study.yaml").unlink()
    (project.records_dir / "curation.yaml").unlink()  # it relates the institute
    (project.records_dir / "fict-mandate-recap-2025-09.yaml").unlink()  # it cites the event
    (project.records_dir / "fict-sasac-followup-2025-08.yaml").unlink()  # it restates the event
    reference = project.records_dir / "reference.yaml"
    doc = yaml.safe_load(reference.read_text(encoding="utf-8"))
    doc["organisations"] = [o for o in doc["organisations"] if not o["id"].startswith("org-gth")]
    doc["people"] = [p for p in doc["people"] if p["id"] != "person-li-mingliang"]
    reference.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    source = "ffc-sasac-crypto-study"
    invoke(project, "draft", source)
    code, _, err = invoke(project, "review", source, "--accept-all-known")
    assert code == 0, err
    assert invoke(project, "validate")[0] == 0
    left = yaml.safe_load(
        (project.data_dir / "drafts" / f"{source}.yaml").read_text(encoding="utf-8")
    )
    person = left["people"][0]
    assert person["labels"] == {"en": "Li Mingliang", "zh": "李明亮"}
    institute = left["organisations"][0]
    assert institute["labels"]["zh"] == "国泰海通政策和产业研究院"  # joined to its English name
    assert [e["id"] for e in left["events"]] == ["event-2025-07-10-sh-sasac-study-session"]
    assert all(s["occasion"] == left["events"][0]["id"] for s in left["signals"])
    assert not str(institute["quote"]).startswith("•")  # exact span, list bullet left out


def test_an_event_another_source_declares_is_restated_by_id(tmp_path: Path) -> None:
    """The recap names the study session of July 10: the draft restates that event (same id,
    no labels) and its signal cites it; the restatement, a guess by date, waits for a person."""
    shutil.copytree(MULTI, tmp_path / "p")
    project = Project(tmp_path / "p")
    recap = "fict-mandate-recap-2025-09"
    (project.records_dir / f"{recap}.yaml").unlink()
    invoke(project, "draft", recap)
    doc = yaml.safe_load((project.data_dir / "drafts" / f"{recap}.yaml").read_text("utf-8"))
    (event,) = doc["events"]
    assert event["id"] == "event-2025-07-10-sh-sasac-study-session"
    assert "labels" not in event and event["draft"]["rule"] == "event.restatement"
    assert event["draft"]["restates"] == event["id"] and "needs" not in event["draft"]
    mandate = next(s for s in doc["signals"] if "Mandate 2" in s["quote"])
    assert mandate["occasion"] == event["id"] and mandate["speaker"] == "person-he-qing"
    code, _, err = invoke(project, "review", recap, "--accept-all-known")
    assert code == 0, err
    assert invoke(project, "validate")[0] == 0  # the current checker accepts what moved
    records = yaml.safe_load(records_path_of(project, recap).read_text(encoding="utf-8"))
    assert "events" not in records
    assert mandate["id"] in {s["id"] for s in records["signals"]}


def records_path_of(project: Project, source: str) -> Path:
    return project.records_dir / f"{source}.yaml"


def test_accepting_into_a_curated_file_keeps_its_comments(tmp_path: Path) -> None:
    shutil.copytree(MULTI, tmp_path / "p")
    project = Project(tmp_path / "p")
    path = records_path(project)
    before = path.read_text(encoding="utf-8")
    text = project.sources_dir / f"{SOURCE}.txt"
    added = "He Qing also urged state-owned enterprises to publish their results.\n"
    text.write_text(text.read_text(encoding="utf-8") + added, encoding="utf-8")
    invoke(project, "draft", SOURCE)
    doc = draft_doc(project)
    assert "posts" not in doc and "names" not in doc  # the curated records state those
    (signal,) = doc["signals"]  # type: ignore[misc]  # only the new one: the other is curated
    new_signal = str(signal["id"])
    code, _, err = invoke(project, "review", SOURCE, "--accept", new_signal)
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # appended: every line and comment kept
    signals = yaml.safe_load(after)["signals"]
    assert [s["id"] for s in signals][-1] == new_signal
    assert invoke(project, "validate")[0] == 0


def test_append_items_adds_sections_and_falls_back_on_flow_style() -> None:
    from policygraph.drafting.append import append_items

    text = "# kept\ngraph: source\nsource: s\nposts:\n  - id: a   # note\n    member: m\n"
    added = append_items(text, {"posts": [{"id": "b"}], "signals": [{"id": "c"}]})
    assert added is not None and added.startswith("# kept\n") and "# note" in added
    assert yaml.safe_load(added)["posts"] == [{"id": "a", "member": "m"}, {"id": "b"}]
    assert yaml.safe_load(added)["signals"] == [{"id": "c"}]
    assert append_items("graph: source\nposts: [{id: a}]\n", {"posts": [{"id": "b"}]}) is None


def test_accept_all_known_leaves_a_post_whose_role_is_a_new_concept(project: Project) -> None:
    """A title the project has no ``role.`` concept for gives a guessed ``role.<slug>``:
    accepting it would write a record the checker refuses, so it stays in the draft."""
    text = project.root / "new.txt"
    text.write_text(
        "上海市国资委召开专题会议研究稳定币发展\n"
        # 副书记: a deputy party secretary, a role the project does not declare
        "2025年8月5日，上海市国资委党委副书记、主任贺青主持召开专题会议，研究部署稳定币相关工作。\n",
        encoding="utf-8",
    )
    assert invoke(project, "add", str(text), "--id", "zh-new-2025-08-05")[0] == 0
    assert invoke(project, "draft", "zh-new-2025-08-05")[0] == 0
    path = project.data_dir / "drafts" / "zh-new-2025-08-05.yaml"
    guessed = [
        p
        for p in yaml.safe_load(path.read_text(encoding="utf-8")).get("posts", [])
        if "role" in p["draft"].get("guessed", [])
    ]
    assert guessed, "the fixture no longer drafts a post with a guessed role"
    code, _, err = invoke(project, "review", "zh-new-2025-08-05", "--accept-all-known")
    assert code == 0, err
    left = yaml.safe_load(path.read_text(encoding="utf-8")).get("posts", [])
    assert {p["id"] for p in guessed} <= {p["id"] for p in left}
    code, _, err = invoke(project, "validate")
    assert code == 0, err


def test_python_api_relabels_an_accepted_item(project: Project) -> None:
    policygraph.draft(SOURCE, project)
    events = [i for i in load_draft(SOURCE, project).items if i.section == "events"]
    new = next(i for i in events if isinstance(i.item.get("labels"), dict))
    (language,) = new.item["labels"]
    label = "Follow-up meeting on blockchain pilots"
    policygraph.review(SOURCE, project, accept=[new.key], relabels={new.key: f" {label} "})
    records = yaml.safe_load(records_path(project).read_text(encoding="utf-8"))
    assert records["events"][0]["labels"] == {language: label}  # same language, trimmed


def test_no_draft_names_the_draft_relative_to_the_working_directory(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.root)
    code, _, err = invoke(project, "review", SOURCE)
    assert code == 4 and f"error: data/drafts/{SOURCE}.yaml: no draft" in err
