"""Shared fixtures: the repository's SASAC project, its built store, and golden files.

Run ``pytest --update-golden`` to rewrite golden files, then review the git diff.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from policygraph.build import build
from policygraph.project import Project
from policygraph.store import MemoryStore, load_file

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def sasac_project() -> Project:
    """The repository itself: data/ and the committed graph/."""
    return Project(REPO)


@pytest.fixture(scope="session")
def sasac_store(sasac_project: Project) -> MemoryStore:
    """The committed SASAC dataset in rdflib's memory store (read-only use, please)."""
    return MemoryStore(load_file(sasac_project.trig_path))


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, text)``: compare ``text`` with ``tests/golden/<name>``."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden") or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            if not request.config.getoption("--update-golden"):
                pytest.fail(f"golden file {name} was missing; written, review it and re-run")
        assert actual == path.read_text(encoding="utf-8"), f"differs from golden {name}"

    return check


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, driven by playwright (tests/chromium.py)."""
    from playwright.sync_api import sync_playwright
    from tests.chromium import ARGS, CHROMIUM

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def multi_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fictional multi-source fixture (tests/fixtures/multi), built in a temporary copy."""
    root = tmp_path_factory.mktemp("multi") / "multi"
    shutil.copytree(FIXTURES / "multi", root, ignore=shutil.ignore_patterns("graph"))
    project = Project(root)
    build(project)
    return project


@pytest.fixture(scope="session")
def multi_store(multi_project: Project) -> MemoryStore:
    """The built multi-source fixture in rdflib's memory store."""
    return MemoryStore(load_file(multi_project.trig_path))
