"""Start-up imports only what a command uses (issue 11: ``view --input FILE`` of 2,000 nodes in
under 1 s, start-up included). Checked in a fresh interpreter through ``sys.modules``, not by
timing; ``tests/benchmarks/bench_startup.py`` measures the times."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policygraph.project import Project

#: What start-up leaves out: the RDF library, the store, SHACL, the graph and template libraries,
#: YAML, rich text (typer imports rich only to print help or a usage error) and pydantic (typer
#: 0.29 imports it to coerce a command's options, so every command but ``--version`` has it).
HEAVY = {"rdflib", "pyoxigraph", "pyshacl", "networkx", "pyvis", "jinja2", "IPython", "yaml"}
HEAVY |= {"rich", "pydantic"}
TYPER = {"rich", "pydantic"}

SCRIPT = """
import sys
from policygraph.cli import main
sys.argv = ['policygraph', *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    assert not done.code, done.code
print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in {heavy})), file=sys.stderr)
"""


def imported(*argv: str) -> set[str]:
    """The top-level HEAVY modules that ``policygraph ARGV`` imports."""
    script = SCRIPT.format(heavy=sorted(HEAVY))
    run = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    return {name.split(".")[0] for name in run.stderr.split()}


def test_version_imports_nothing_heavy() -> None:
    assert imported("--version") == set()


def test_help_imports_only_rich() -> None:
    assert imported("--help") <= {"rich"}  # typer draws its help with rich when it is installed


def test_view_of_a_file_reads_it_with_oxigraph_alone(
    sasac_project: Project, tmp_path: Path
) -> None:
    """The view of a whole file reads it through pyoxigraph: no rdflib (0.15 s of imports)."""
    out = tmp_path / "v.html"
    argv = ["view", "--input", str(sasac_project.trig_path), "-o", str(out)]
    assert imported(*argv) - TYPER == {"pyoxigraph"}
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("option", [["--top", "5"], ["--lang", "zh"], ["--raw"]])
def test_view_options_that_need_no_rdflib(
    sasac_project: Project, tmp_path: Path, option: list[str]
) -> None:
    out = tmp_path / "v.html"
    argv = ["view", "--input", str(sasac_project.trig_path), "-o", str(out), *option]
    assert imported(*argv) - TYPER == {"pyoxigraph"}
