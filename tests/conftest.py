"""Shared fixtures: the SASAC fixture project (built in a temporary copy), the repository's own
project, the fictional multi-source fixture, and golden files.

Run ``pytest --update-golden`` to rewrite golden files, then review the git diff.
"""

from __future__ import annotations

import os
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
def repository() -> Project:
    """The repository's own project: data/ and the committed graph/ (whatever sources it holds);
    ``POLICYGRAPH_REPOSITORY`` points it at a copy (tests/test_walkthrough.py)."""
    return Project(Path(os.environ.get("POLICYGRAPH_REPOSITORY", REPO)))


@pytest.fixture(scope="session")
def sasac_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The one-source SASAC fixture (tests/fixtures/sasac), built in a temporary copy with its
    own embedded store: goldens and counts do not change when data/ gains sources."""
    root = tmp_path_factory.mktemp("sasac") / "sasac"
    shutil.copytree(FIXTURES / "sasac", root)
    project = Project(root)
    build(project)
    return project


@pytest.fixture(scope="session")
def sasac_root(sasac_project: Project) -> Path:
    return sasac_project.root


@pytest.fixture(scope="session")
def sasac_store(sasac_project: Project) -> MemoryStore:
    """The built SASAC fixture in an in-memory store (read-only use, please)."""
    return MemoryStore(load_file(sasac_project.trig_path))


@pytest.fixture(scope="session")
def repository_store(repository: Project) -> MemoryStore:
    """The repository's committed graph in an in-memory store (read-only use, please)."""
    return MemoryStore(load_file(repository.trig_path))


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
