"""``review`` never writes records that would make the project invalid (checked in memory)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tests.test_draft_review import SOURCE, invoke, without_records
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.project import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return without_records(tmp_path)


def draft_path(project: Project) -> Path:
    return project.data_dir / "drafts" / f"{SOURCE}.yaml"


def undated_post(project: Project) -> str:
    """Draft the source, then make its post a new one without a date (as a hand edit could)."""
    assert invoke(project, "draft", SOURCE)[0] == 0
    doc = yaml.safe_load(draft_path(project).read_text(encoding="utf-8"))
    (drafted,) = doc["posts"]
    post = {"id": "post-he-qing-acting-director", "member": "person-he-qing"}
    post.update(organisation="org-sh-sasac", role="role.director", quote=drafted["quote"])
    post["draft"] = {"rule": "post.title", "confidence": 0.6}
    doc["posts"] = [post]
    draft_path(project).write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return str(post["id"])


def test_an_item_that_would_not_validate_is_refused_and_nothing_is_written(
    project: Project,
) -> None:
    post = undated_post(project)
    before = draft_path(project).read_bytes()
    code, out, err = invoke(project, "review", SOURCE, "--accept", post, "--accept", "org-sh-sasac")
    assert code == 3, err
    assert "Traceback" not in err and out == ""
    # the place is the draft item, where the reviewer fixes it; the message names the field
    line = next(x for x in err.splitlines() if "missing required field 'observed_on'" in x)
    assert f"drafts/{SOURCE}.yaml:" in line and f": {post}: " in line
    path, row, col = line.removeprefix("policygraph: error: ").split(":")[:3]
    assert Path(path).name == f"{SOURCE}.yaml" and int(row) > 1 and int(col) >= 1
    drafted = draft_path(project).read_text(encoding="utf-8").splitlines()
    assert drafted[int(row) - 1] == f"- id: {post}"  # the first line of the item
    assert "1 problem in the accepted items; nothing was written" in err
    assert "hint: fix these items in" in err and "concepts:" not in err  # no concept at fault
    assert not (project.records_dir / f"{SOURCE}.yaml").exists()
    assert draft_path(project).read_bytes() == before
    assert invoke(project, "validate")[0] == 0


def test_the_same_items_are_accepted_once_fixed(project: Project) -> None:
    post = undated_post(project)
    path = draft_path(project)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["posts"][0]["observed_on"] = "2025-08"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, _, err = invoke(project, "review", SOURCE, "--accept", post)
    assert code == 0, err
    assert invoke(project, "validate")[0] == 0


def test_problems_the_project_had_already_do_not_refuse_a_review(project: Project) -> None:
    assert invoke(project, "draft", SOURCE)[0] == 0
    recap = project.records_dir / "fict-mandate-recap-2025-09.yaml"
    text = recap.read_text(encoding="utf-8")
    recap.write_text(text.replace("confidence: 0.", "confidence: 7.", 1), encoding="utf-8")
    assert invoke(project, "validate")[0] == 1  # broken before the review, not by it
    code, _, err = invoke(project, "review", SOURCE, "--accept", "person-he-qing")
    assert code == 0, err
    assert (project.records_dir / f"{SOURCE}.yaml").exists()


def test_the_api_refuses_the_same_way(project: Project) -> None:
    import policygraph
    from policygraph.errors import RefusedItems

    post = undated_post(project)
    with pytest.raises(RefusedItems) as caught:
        policygraph.review(SOURCE, project, accept=[post])
    assert caught.value.exit_code == 3 and len(caught.value.problems) == 1
    assert not (project.records_dir / f"{SOURCE}.yaml").exists()


def test_the_walk_asks_again_about_refused_items_and_keeps_the_other_answers(
    project: Project,
) -> None:
    from policygraph.drafting.review import load_draft

    post = undated_post(project)
    keys = [item.key for item in load_draft(SOURCE, project).items]
    answers = ["a" if key in (post, "org-sh-sasac") else "s" for key in keys]
    result = CliRunner().invoke(
        app,
        ["review", SOURCE, "--project", str(project.root)],
        input="\n".join([*answers, "r"]) + "\n",  # then: reject the refused post
    )
    assert result.exit_code == 0, result.stderr
    assert "missing required field 'observed_on'" in result.stderr
    assert "1 accepted item(s) would make the data invalid" in result.stderr
    assert "edit id, reject, skip, quit? [e/r/s/q] [s]" in result.stdout  # the default offered
    assert "accepted 1, rejected 1" in result.stdout
    records = yaml.safe_load((project.records_dir / f"{SOURCE}.yaml").read_text("utf-8"))
    assert post not in str(records) and "org-sh-sasac" in str(records)
    assert post not in draft_path(project).read_text(encoding="utf-8")
    assert invoke(project, "validate")[0] == 0


def test_the_walk_accepting_a_refused_item_again_is_asked_again(project: Project) -> None:
    from policygraph.drafting.review import load_draft

    post = undated_post(project)
    keys = [item.key for item in load_draft(SOURCE, project).items]
    answers = ["a" if key == post else "s" for key in keys]
    renamed = "post-he-qing-acting-director-2"  # a new id does not give it a date
    result = CliRunner().invoke(
        app,
        ["review", SOURCE, "--project", str(project.root)],
        input="\n".join([*answers, "e", renamed, "s"]) + "\n",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("would make the data invalid") == 2
    assert "accepted 0, rejected 0" in result.stdout
    assert not (project.records_dir / f"{SOURCE}.yaml").exists()
    assert renamed in draft_path(project).read_text(encoding="utf-8")  # the rename is kept


def test_each_refused_item_is_shown_at_its_own_line(project: Project) -> None:
    from tests.test_draft_flow import add_and_draft

    said = "周敏表示，银行将扩大支付试点。\n钱磊要求，银行不得放贷。\n王芳强调，平台须加强监管。\n"
    add_and_draft(project, "某中心在上海运营\n\n" + said, "three")
    drafted = (project.data_dir / "drafts" / "three.yaml").read_text("utf-8").splitlines()
    signals = [line.removeprefix("- id: ") for line in drafted if line.startswith("- id: signal")]
    assert len(signals) == 3
    accepted = [arg for key in signals for arg in ("--accept", key)]
    code, _, err = invoke(project, "review", "three", *accepted)
    assert code == 3
    lines = [x.removeprefix("policygraph: error: ") for x in err.splitlines() if "drafts/" in x]
    for key in signals:
        row = next(int(x.split(":")[1]) for x in lines if f": {key}: " in x)
        assert drafted[row - 1] == f"- id: {key}"  # at its own item, not the one before


def test_a_role_the_project_lacks_is_refused_with_how_to_declare_it(project: Project) -> None:
    post = undated_post(project)
    doc = yaml.safe_load(draft_path(project).read_text(encoding="utf-8"))
    doc["posts"][0].update(role="role.acting-director", observed_on="2025-07-10")
    draft_path(project).write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    code, _, err = invoke(project, "review", SOURCE, "--accept", post, "--accept", "org-sh-sasac")
    assert code == 3 and "undeclared concept 'role.acting-director'" in err
    assert "declared once, in a reference file's `concepts:`" in err


def test_the_walk_notes_a_role_new_to_the_project() -> None:
    from policygraph.drafting.review import ReviewItem, item_notes

    mark = {"rule": "post.title", "confidence": 0.4, "guessed": ["role"],
            "undeclared": ["role.governor"], "missing": ["observed_on"]}  # fmt: skip
    post = {"id": "post-x", "role": "role.governor", "observed_on": "2025-12-01", "draft": mark}
    notes = item_notes(ReviewItem("posts", "post-x", post, "q", "post.title", 0.4, False))
    assert notes == [
        "guessed: role (placeholders: check them)",
        "undeclared: role.governor (new to this project: declare it in a reference file's "
        "concepts first)",
    ]  # observed_on was filled in since: no longer missing
