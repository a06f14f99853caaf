"""diff between builds: files and git revisions, text, JSON and RDF Patch, exit codes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.analytics.diff import diff_builds
from policygraph.analytics.render import render_diff, render_patch
from policygraph.cli import app
from policygraph.project import Project
from policygraph.vocab import PGR

runner = CliRunner()


def test_diff_sasac_to_multi(
    sasac_project: Project,
    multi_project: Project,  # noqa: F811
    golden: Callable[[str, str], None],
) -> None:
    result = diff_builds(str(sasac_project.trig_path), str(multi_project.trig_path))
    assert not result.equal
    assert result.signals_added == (PGR["signal-2025-08-20-sh-sasac-pilot-reports"],)
    assert result.signals_removed == () and result.entities_removed == ()
    assert not result.removed  # the fixture only adds to the SASAC build
    golden("analytics/diff-sasac-multi.txt", render_diff(result))
    patch = render_patch(result)
    assert patch.splitlines() == sorted(patch.splitlines())
    assert all(line.startswith("A <") and line.endswith(" .") for line in patch.splitlines())


def test_diff_changed_facts(tmp_path: Path, sasac_project: Project) -> None:
    text = sasac_project.trig_path.read_text(encoding="utf-8")
    edited = text.replace("pg:confidence 0.6 ", "pg:confidence 0.65 ", 1)  # one reading only
    assert edited != text
    new = tmp_path / "new.trig"
    new.write_text(edited, encoding="utf-8")
    result = diff_builds(str(sasac_project.trig_path), str(new))
    assert len(result.changed) == 1 and len(result.added) == len(result.removed) == 1
    assert "pg:confidence [pgg:src-ffc-sasac-crypto-study]" in render_diff(result)


def test_cli_diff_exit_codes(
    git_project: Project,
    multi_project: Project,  # noqa: F811
    tmp_path: Path,
) -> None:
    sasac_project = git_project
    same = [str(sasac_project.trig_path)] * 2
    result = runner.invoke(app, ["diff", *same])
    assert (result.exit_code, result.stdout) == (0, "no differences\n")
    pair = [str(sasac_project.trig_path), str(multi_project.trig_path)]
    result = runner.invoke(app, ["diff", *pair, "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["signals"]["added"] == [
        str(PGR["signal-2025-08-20-sh-sasac-pilot-reports"])
    ]
    result = runner.invoke(
        app, ["diff", "HEAD", str(sasac_project.trig_path), "-P", str(sasac_project.root)]
    )
    assert (result.exit_code, result.stdout, result.stderr) == (0, "no differences\n", "")
    bad = tmp_path / "bad.trig"
    bad.write_text("this is not { trig", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(bad), str(sasac_project.trig_path)])
    assert result.exit_code == 3 and "cannot parse as trig" in result.stderr
    result = runner.invoke(app, ["diff", "no-such-rev-or-file", str(sasac_project.trig_path)])
    assert result.exit_code == 4 and "no such file or git revision" in result.stderr
    assert result.stdout == ""


@pytest.fixture
def git_project(sasac_project: Project, tmp_path: Path) -> Project:
    """A copy of the built SASAC fixture, committed in a new git repository."""
    import subprocess

    root = tmp_path / "repo"
    for name in ("data", "graph"):
        shutil.copytree(sasac_project.root / name, root / name)
    for args in (
        ["init", "-q"],
        ["add", "data", "graph"],
        ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "build"],
    ):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)
    return Project(root)


def test_git_revision_reads_any_rdf_syntax(git_project: Project, tmp_path: Path) -> None:
    """``REV:path`` is parsed by its extension like a file is (JSON-LD was read as N-Quads)."""
    import subprocess

    from policygraph.analytics.diff import diff, load_build

    sasac_project = git_project

    spec = "HEAD:graph/policygraph.jsonld"
    shown = subprocess.run(
        ["git", "-C", str(sasac_project.root), "show", spec], capture_output=True, check=True
    )
    copy = tmp_path / "policygraph.jsonld"
    copy.write_bytes(shown.stdout)
    from_git = load_build(spec, sasac_project.root)
    assert len(from_git) > 0
    assert diff(from_git, load_build(str(copy))).equal
