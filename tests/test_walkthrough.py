"""Adding a source the way docs/records.md says keeps the data-dependent tests green.

A copy of the repository's project gains a clearly fictional source that restates the 10 July
meeting and adds a signal; the copy is validated and built, then the only tests that read the
repository's data (the stale-graph test, the SASAC fact tests and the README's quick start) run
against it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from policygraph.cli import app

REPO = Path(__file__).resolve().parent.parent
SOURCE = "fict-walkthrough-2025-08"
TEXT = """FICTIONAL TEST SOURCE. Invented for policygraph's tests; it reports nothing that happened.

Shanghai SASAC's study session of July 10, 2025 was chaired by He Qing.
In June 2025 the commission asked its enterprises to map their payment systems.
"""
META = f"""id: {SOURCE}
kind: news-article
title: "FICTIONAL TEST SOURCE: a walkthrough source"
publisher: Fictional Walkthrough Daily
url: https://example.org/fictional-walkthrough
language: en
published: 2025-08
retrieved: ~
author: ~
text: {SOURCE}.txt
note: Invented for the tests.
"""
RECORDS = f"""graph: source
source: {SOURCE}

events:
  - id: event-2025-07-10-sh-sasac-study-session
    date: 2025-07-10
    quote: "Shanghai SASAC's study session of July 10, 2025"
    participants:
      - who: person-he-qing
        role: prole.chair
        quote: "was chaired by He Qing"

signals:
  - id: signal-2025-06-fict-map-payment-systems
    labels: {{en: Map payment systems (fictional)}}
    nature: nature.directive
    issuer: org-sh-sasac
    speaker: org-sh-sasac
    date: 2025-06
    topics: [topic.stablecoin]
    stance: stance.exploratory
    confidence: 0.5
    quote: "In June 2025 the commission asked its enterprises to map their payment systems."
"""


def run_tests(copy: Path, *tests: str) -> subprocess.CompletedProcess[str]:
    """Run ``tests`` in a new process whose ``repository`` fixture is ``copy``."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=REPO,
        env={**os.environ, "POLICYGRAPH_REPOSITORY": str(copy)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_adding_a_source_keeps_the_data_tests_green(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    for name in ("data", "graph"):
        shutil.copytree(REPO / name, copy / name)
    (copy / "data" / "sources" / f"{SOURCE}.txt").write_text(TEXT, encoding="utf-8")
    (copy / "data" / "sources" / f"{SOURCE}.yaml").write_text(META, encoding="utf-8")
    (copy / "data" / "records" / f"{SOURCE}.yaml").write_text(RECORDS, encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(app, ["validate", "--project", str(copy)])
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    built = runner.invoke(app, ["build", "--project", str(copy)])
    assert built.exit_code == 0, built.stderr
    support = runner.invoke(
        app, ["support", "event-2025-07-10-sh-sasac-study-session", "--project", str(copy)]
    )
    assert "Fictional Walkthrough Daily, 2025-08" in support.stdout
    tests = [
        "tests/test_sasac_facts.py",
        "tests/test_readme_examples.py",  # its commands still run; their output is the copy's
        "tests/test_build.py::test_committed_graph_is_not_stale",
    ]
    done = run_tests(copy, *tests)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout
    # and they did read the copy: edited without a build, its graph/ is reported stale
    records = copy / "data" / "records" / f"{SOURCE}.yaml"
    records.write_text(RECORDS.replace("(fictional)", "(fictional and renamed)"), encoding="utf-8")
    stale = run_tests(copy, tests[-1])
    assert stale.returncode == 1 and "graph/ is stale" in stale.stdout
