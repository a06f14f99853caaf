"""The record loader, as a library: typed records, positions, quotes checked after whitespace."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from policygraph.build import load_project
from policygraph.errors import DataProblems, InputError
from policygraph.project import Project

REPO = Path(__file__).resolve().parent.parent
QUOTE = (
    "He’s the Chief of the Policy Group at the Guotai Haitong Policy and Industry "
    "Research Institute"
)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(REPO / "tests" / "fixtures" / "sasac" / "data", tmp_path / "data")
    return Project(tmp_path)


def test_records_are_typed_and_located(sasac_project: Project) -> None:
    records = load_project(sasac_project)
    assert list(records.sources) == ["ffc-sasac-crypto-study"]
    source = records.sources["ffc-sasac-crypto-study"]
    assert (source.published, source.author, source.retrieved) == (None, None, None)
    signals = {r.id: r for r in records.by_section("signals")}
    assert len(signals) == 5
    mandate = signals["signal-2025-07-10-sh-sasac-mandate-3"]
    assert mandate.get("date") == "2025-07-10"
    assert mandate.get("confidence") == Decimal("0.85")
    assert mandate.get("sectors") == ("sector.technology", "sector.finance", "sector.industry")
    assert mandate.where.path.name == "ffc-sasac-crypto-study.yaml" and mandate.where.line > 0
    assert mandate.field_where["confidence"].line > mandate.where.line
    assert len(records.by_section("agenda")) == 4


def test_quotes_match_after_whitespace_normalisation(project: Project) -> None:
    records = project.records_dir / "ffc-sasac-crypto-study.yaml"
    text = records.read_text(encoding="utf-8")
    spaced = QUOTE.replace(" the Policy Group", "   the\n      Policy  Group")
    records.write_text(text.replace(f'"{QUOTE}"', f'"{spaced}"'), encoding="utf-8")
    loaded = load_project(project)
    (post,) = [r for r in loaded.records if r.id == "post-li-mingliang-policy-group-chief"]
    assert post.get("quote") == (spaced.replace("\n      ", " "),)


def test_malformed_yaml_raises_input_error_with_a_position(project: Project) -> None:
    path = project.records_dir / "curation.yaml"
    path.write_text("graph: curation\nnote: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_project(project)
    assert caught.value.where is not None
    assert (caught.value.where.path, caught.value.where.line) == (path, 3)
    assert "malformed YAML" in str(caught.value)


def test_duplicate_keys_are_refused(project: Project) -> None:
    path = project.records_dir / "curation.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("confidence: 0.7", "confidence: 0.7\nconfidence: 0.8"), "utf-8")
    with pytest.raises(InputError, match="duplicate key 'confidence'"):
        load_project(project)


def test_curation_files_must_say_why(project: Project) -> None:
    path = project.records_dir / "curation.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("note:"))
    end = next(i for i, line in enumerate(lines) if line.startswith("confidence:"))
    path.write_text("\n".join(lines[:start] + lines[end:]) + "\n", encoding="utf-8")
    with pytest.raises(DataProblems) as caught:
        load_project(project)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{path}:")
    assert problem.endswith("a curation file needs a 'note' saying what it adds and why")
