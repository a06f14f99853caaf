"""The record-file cache (``records.filecache``): a load from it is the load without it, cold or
warm, after edits, removed sources, damaged or foreign entries and problems in the files."""

from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from policygraph.build import load_project
from policygraph.errors import DataProblems, Location
from policygraph.project import Project
from policygraph.records.filecache import CACHE_FORMAT, FileRead, RecordFileCache
from policygraph.records.model import CurationInfo, Record, RecordSet

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RECAP = "fict-mandate-recap-2025-09"


@pytest.fixture(params=["multi", "sasac"])
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Project:
    root = tmp_path / request.param
    shutil.copytree(FIXTURES / request.param, root, ignore=shutil.ignore_patterns("graph"))
    return Project(root)


def entries(project: Project) -> list[Path]:
    return sorted((project.build_cache_dir / "records").glob("*.json"))


def loads(project: Project) -> tuple[RecordSet, RecordSet, RecordSet]:
    """Without the cache, with it cold, with it warm."""
    shutil.rmtree(project.build_cache_dir, ignore_errors=True)
    plain = load_project(project)
    cold = load_project(project, cached=True)
    warm = load_project(project, cached=True)
    return plain, cold, warm


def test_cold_and_warm_loads_equal_the_load_without_cache(project: Project) -> None:
    plain, cold, warm = loads(project)
    assert cold == plain
    assert warm == plain
    files = list(project.records_dir.glob("*.yaml"))
    assert len(entries(project)) == len(files)


def test_an_edited_file_is_read_again(project: Project) -> None:
    loads(project)
    path = sorted(project.records_dir.glob("*.yaml"))[-1]
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    before = entries(project)
    again = load_project(project, cached=True)
    assert again == load_project(project)
    assert len(entries(project)) == len(before)  # the old entry is gone, the new one kept
    assert entries(project) != before


def test_a_changed_value_is_the_new_value(tmp_path: Path) -> None:
    project = Project(tmp_path / "multi")
    shutil.copytree(FIXTURES / "multi", project.root, ignore=shutil.ignore_patterns("graph"))
    loads(project)
    path = project.records_dir / f"{RECAP}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("confidence: 0.", "confidence: 0.1", 1), encoding="utf-8")
    assert load_project(project, cached=True) == load_project(project)


def test_a_removed_source_is_reported_as_without_cache(tmp_path: Path) -> None:
    project = Project(tmp_path / "multi")
    shutil.copytree(FIXTURES / "multi", project.root, ignore=shutil.ignore_patterns("graph"))
    loads(project)
    for suffix in (".txt", ".yaml"):
        (project.sources_dir / f"{RECAP}{suffix}").unlink()
    with pytest.raises(DataProblems) as plain:
        load_project(project)
    for _ in range(2):  # the unknown source is not kept: the second run reads the file again
        with pytest.raises(DataProblems) as cached:
            load_project(project, cached=True)
        assert cached.value.problems == plain.value.problems
        assert any("unknown source" in line for line in cached.value.problems)


def test_problems_come_back_from_the_cache(tmp_path: Path) -> None:
    project = Project(tmp_path / "multi")
    shutil.copytree(FIXTURES / "multi", project.root, ignore=shutil.ignore_patterns("graph"))
    path = project.records_dir / f"{RECAP}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quote:", "quotte:", 1), encoding="utf-8")
    with pytest.raises(DataProblems) as plain:
        load_project(project)
    messages = []
    for _ in range(2):
        with pytest.raises(DataProblems) as cached:
            load_project(project, cached=True)
        messages.append(cached.value.problems)
    assert messages == [plain.value.problems] * 2
    assert any("unknown field 'quotte'" in line for line in plain.value.problems)


def test_damaged_and_foreign_entries_are_ignored(project: Project) -> None:
    plain, _, _ = loads(project)
    first, second, *_ = entries(project)
    first.write_bytes(first.read_bytes()[:-5])  # damaged: its checksum no longer matches
    body = json.dumps({"source": "", "records": [["nonsense"]], "curation": [], "problems": []})
    check = hashlib.sha256(body.encode("utf-8")).hexdigest()
    header = json.dumps({"format": CACHE_FORMAT, "check": check})
    second.write_text(f"{header}\n{body}", encoding="utf-8")  # checks out, but is no entry
    assert load_project(project, cached=True) == plain


def test_an_unwritable_cache_folder_still_loads(project: Project) -> None:
    plain = load_project(project)
    project.build_cache_dir.parent.mkdir(parents=True, exist_ok=True)
    project.build_cache_dir.write_text("a file where the cache folder should be")
    assert load_project(project, cached=True) == plain


def test_values_of_every_kind_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "records.yaml"
    nested = Record("participants", "", "source", "s1", {"who": "x"}, Location(path, 9, 5))
    record = Record(
        "signals",
        "sig-1",
        "source",
        "s1",
        {
            "id": "sig-1",
            "labels": {"en": "One", "zh": ("一", "壹")},
            "confidence": Decimal("0.80"),
            "year": 2025,
            "flag": True,
            "targets": ("a", "b"),
            "participants": (nested,),
        },
        Location(path, 3, 3),
        {"id": Location(path, 3, 7), "confidence": Location(path, 4, 17)},
    )
    read = FileRead(
        "s1",
        (record,),
        (CurationInfo("why", None, Location(path, 1, 1)),),
        ((Location(path, 2, 1), "sig-1", "a problem"),),
    )
    cache = RecordFileCache(tmp_path / "cache")
    cache.put("k" * 64, read)
    cache.save()
    again = RecordFileCache(tmp_path / "cache").get(path, "k" * 64, {"s1": None})
    assert again == read
    assert isinstance(again.records[0].values["confidence"], Decimal)
    assert RecordFileCache(tmp_path / "cache").get(path, "k" * 64, {}) is None  # s1 is gone
