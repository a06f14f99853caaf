"""Small leaks of "never a traceback": formula injection in CSV/TSV, invalid IRIs, a folder or a
read-only path or a full disk as an output, git options smuggled in as revisions, source URLs
that validate but break the build."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from policygraph import atomic
from policygraph.cells import safe_cell
from policygraph.cli import app
from policygraph.errors import InputError, OutputError
from policygraph.names import expand_name
from policygraph.project import Project

MULTI = Path(__file__).resolve().parent / "fixtures" / "multi"
FORMULAS = ["=1+2", "+1", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://e")']
LABEL = "Report blockchain pilots in supply chain finance (fictional)"


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def formulas(tmp_path: Path) -> Path:
    path = tmp_path / "formulas.ttl"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    lines = [f"<http://e/s{i}> {label} {json.dumps(text)} ." for i, text in enumerate(FORMULAS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- CSV / TSV ------------------------------------------------------------------------------


def test_safe_cell_quotes_what_a_spreadsheet_would_run() -> None:
    assert [safe_cell(text) for text in FORMULAS] == [f"'{text}" for text in FORMULAS]
    assert safe_cell("plain") == "plain"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell("") == ""


def test_query_csv_and_tsv_cells_never_start_a_formula(formulas: Path) -> None:
    text = "SELECT ?o WHERE { ?s ?p ?o }"
    result = run("query", "--graph", str(formulas), "--format", "csv", text)
    assert result.exit_code == 0, result.stderr
    cells = [row[0] for row in csv.reader(io.StringIO(result.stdout))][1:]
    assert sorted(cells) == sorted(f"'{text}" for text in FORMULAS)
    result = run("query", "--graph", str(formulas), "--format", "tsv", text)
    assert result.exit_code == 0, result.stderr
    for line in result.stdout.splitlines()[1:]:
        assert line.startswith('"')  # N-Triples terms cannot start a formula


def test_export_csv_tables_never_start_a_formula(formulas: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    result = run("export", "--from", str(formulas), "-f", "csv", "-o", f"{out}/")
    assert result.exit_code == 0, result.stderr
    nodes = (out / "nodes.csv").read_bytes().decode("utf-8-sig")
    # read as text: csv quotes no cell for a bare CR when its line ends in LF (left as it was)
    for text in FORMULAS:
        assert f"'{text}".replace('"', '""') in nodes
    assert not re.search(r'(?m)(^|,)"?[=+\-@\t]', nodes)


def test_timeline_csv_never_starts_a_formula(multi_project: Project, tmp_path: Path) -> None:
    trig = tmp_path / "formula.trig"
    text = multi_project.trig_path.read_text(encoding="utf-8")
    assert f'"{LABEL}"' in text
    trig.write_text(text.replace(f'"{LABEL}"', '"=HYPERLINK(\\"http://e\\")"'), encoding="utf-8")
    result = run("timeline", "--graph", str(trig), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert '\'=HYPERLINK("http://e")' in [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


# --- IRIs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["<a b>", "http://x y", "<http://x>y>", "pg:a b", "<a>"])
def test_an_invalid_iri_is_a_clean_error(text: str, multi_project: Project) -> None:
    with pytest.raises(InputError, match="is not a valid IRI"):
        expand_name(text)
    trig = str(multi_project.trig_path)
    for args in (
        ["show", "--graph", trig, text],
        ["query", "--graph", trig, "-p", f"x={text}", "SELECT * WHERE { ?x ?p ?o }"],
        ["view", "--graph", trig, "--focus", text, "-o", "/dev/null"],
    ):
        result = run(*args)
        assert result.exit_code == 3, (args, result.stderr)
        assert "is not a valid IRI" in result.stderr


def test_a_valid_iri_still_expands() -> None:
    assert str(expand_name("<https://e.org/a%20b>")) == "https://e.org/a%20b"
    assert expand_name("He Qing") is None


@pytest.mark.parametrize(
    "url",
    [
        "https://x.org/<script>alert(1)</script>",
        '"https://x.org/a b"',
        "https://x.org/{a}",
        "https://",
        "ftp://x.org/",
    ],
)
def test_a_source_url_must_be_a_valid_http_iri(tmp_path: Path, url: str) -> None:
    root = tmp_path / "multi"
    shutil.copytree(MULTI, root, ignore=shutil.ignore_patterns("graph"))
    meta = root / "data" / "sources" / "ffc-sasac-crypto-study.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(re.sub(r"(?m)^url:.*$", f"url: {url}", text), encoding="utf-8")
    for command in ("validate", "build"):
        result = run(command, "--project", str(root))
        assert result.exit_code == 3, result.stderr
        assert "ffc-sasac-crypto-study.yaml:7:6: source url" in result.stderr
    assert not (root / "graph").exists()


# --- output paths ---------------------------------------------------------------------------


def test_export_to_an_existing_folder_is_refused_for_a_one_file_format(
    formulas: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = run("export", "--from", str(formulas), "-f", "nt", "-o", str(folder))
    assert result.exit_code == 3
    assert "it is a folder, not a file" in result.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("fails", "error"),
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("mkstemp", PermissionError(errno.EACCES, "Permission denied")),
        ("replace", OSError(errno.EROFS, "Read-only file system")),
    ],
)
def test_a_write_that_fails_is_a_message_and_leaves_the_old_file(
    formulas: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fails: str,
    error: OSError,
) -> None:
    target = tmp_path / "out.nt"
    target.write_text("old\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise error

    owner = atomic.tempfile if fails == "mkstemp" else atomic.os
    monkeypatch.setattr(owner, fails, broken)
    result = run("export", "--from", str(formulas), "-f", "nt", "-o", str(target))
    assert result.exit_code == 3
    assert f"cannot write {target}: {error.strerror}" in result.stderr
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_error_is_still_an_os_error_for_best_effort_writers() -> None:
    assert issubclass(OutputError, OSError)
    with pytest.raises(OSError):
        atomic.write_atomic(Path("/proc/version/x"), "data")


def test_view_and_timeline_outputs_fail_cleanly(multi_project: Project, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    trig = str(multi_project.trig_path)
    for args in (
        ["view", "--graph", trig, "-o", str(blocker / "v.html")],
        ["timeline", "--graph", trig, "-o", str(blocker / "t.csv"), "--format", "csv"],
    ):
        result = run(*args)
        assert result.exit_code == 3, result.stderr
        assert "cannot write" in result.stderr


# --- git ------------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", ["--output=pwned:x", "-p", "--output=pwned"])
def test_diff_never_passes_an_option_to_git(
    spec: str, multi_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(multi_project.root / "graph", repo / "graph")
    git = ["git", "-C", str(repo), "-c", "user.email=t@e", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "build"], check=True)
    monkeypatch.chdir(repo)
    for args in (["diff", "--", spec, "HEAD"], ["diff", "--", "HEAD", spec]):
        result = run(*args)
        assert result.exit_code == 4
        assert "not a git revision (it starts with '-')" in result.stderr
    assert sorted(os.listdir(repo)) == [".git", "graph"]
    assert run("diff", "HEAD", "HEAD").exit_code == 0
