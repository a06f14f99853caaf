"""``validate``: record checks, then the SHACL shapes over the union of all graphs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.build import build
from policygraph.cli import app
from policygraph.errors import DataProblems
from policygraph.project import Project
from policygraph.validate import validate_project

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(REPO / "tests" / "fixtures" / "sasac" / "data", tmp_path / "data")
    return Project(tmp_path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_repository_conforms(sasac_project: Project) -> None:
    report = validate_project(sasac_project)
    assert report.conforms, report.problems
    assert report.checked == 55
    assert not [p for p in report.problems if ": violation: " in p]


def test_shapes_catch_a_signal_dated_after_its_source(project: Project) -> None:
    meta = project.sources_dir / "ffc-sasac-crypto-study.yaml"
    edit(meta, "published: ~", "published: 2025-07-01")
    report = validate_project(project)
    assert not report.conforms
    late = [p for p in report.problems if "dated after the document that reports it" in p]
    assert len(late) == 5  # the three mandates and the two readings
    records = project.records_dir / "ffc-sasac-crypto-study.yaml"
    assert all(p.startswith(f"{records}:") for p in late)
    assert any("pgr:signal-2025-07-10-sh-sasac-mandate-1: violation: " in p for p in late)
    with pytest.raises(DataProblems):
        build(project)
    assert not project.trig_path.exists()  # nothing written


def test_shapes_catch_a_person_without_an_english_name(project: Project) -> None:
    edit(
        project.records_dir / "reference.yaml",
        "labels: {en: Wang Zhiping, zh: 王治平, zh-Latn-pinyin: Wáng Zhìpíng}",
        "labels: {zh: 王治平}",
    )
    result = CliRunner().invoke(app, ["validate", "--project", str(project.root)])
    assert result.exit_code == 1
    reference = project.records_dir / "reference.yaml"
    (line,) = [p for p in result.stdout.splitlines() if "A person needs an English name" in p]
    assert line.startswith(f"{reference}:")
    assert "pgr:person-wang-zhiping: violation: " in line
    assert "the data does not conform" in result.stderr


def test_record_problems_are_all_listed_at_once(project: Project) -> None:
    edit(project.records_dir / "reference.yaml", "zh-Latn-pinyin: Hè Qīng", "zh-pinyin: Hè Qīng")
    edit(project.records_dir / "ffc-sasac-crypto-study.yaml", "confidence: 0.85", "confidence: 2")
    report = validate_project(project)
    assert not report.conforms
    assert len(report.problems) == 2
    assert "confidence must be between 0 and 1" in report.problems[0]
    assert "unknown language tag 'zh-pinyin'" in report.problems[1]


def test_a_directive_without_its_speaker_is_a_shacl_violation_at_its_record(
    project: Project,
) -> None:
    records = project.records_dir / "ffc-sasac-crypto-study.yaml"
    edit(records, "    speaker: person-he-qing\n    date: 2025-07-10\n", "    date: 2025-07-10\n")
    report = validate_project(project)
    assert not report.conforms
    (line,) = [p for p in report.problems if "A directive needs the speaker" in p]
    assert line.startswith(f"{records}:")
    assert "pgr:signal-2025-07-10-sh-sasac-mandate-1: violation: " in line


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "strength: 1\n    confidence: 0.9",
            "strength: 6\n    confidence: 0.9",
            "strength must be between 1 and 5",
        ),
        ("confidence: 0.85", "confidence: -0.5", "confidence must be between 0 and 1"),
    ],
)
def test_ranges_are_the_shapes_and_refused_at_the_record(
    project: Project, old: str, new: str, message: str
) -> None:
    records = project.records_dir / "ffc-sasac-crypto-study.yaml"
    edit(records, old, new)
    report = validate_project(project)
    assert not report.conforms
    (line,) = report.problems
    assert line.startswith(f"{records}:") and message in line


@pytest.fixture
def multi(tmp_path: Path) -> Project:
    shutil.copytree(REPO / "tests" / "fixtures" / "multi", tmp_path / "m")
    return Project(tmp_path / "m")


def test_a_post_without_a_date_names_the_field(multi: Project) -> None:
    """Written by hand without observed_on (or start): the message says which field, where."""
    records = multi.records_dir / "fict-sasac-followup-2025-08.yaml"
    edit(records, "    observed_on: 2025-08-20\n", "")
    result = CliRunner().invoke(app, ["validate", "--project", str(multi.root)])
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{records}:")
    assert "post-he-qing-sasac-director-2025-08: missing required field 'observed_on' (or " in line
    assert "must conform to one or more shapes" not in result.stdout
    assert result.stderr.endswith("1 problem: the data does not conform\n")


def test_warnings_are_counted_apart_from_problems(multi: Project) -> None:
    records = multi.records_dir / "fict-sasac-followup-2025-08.yaml"
    edit(records, "    date: 2025-07-10\n", "    date: 2025-07-11\n")  # sources disagree
    result = CliRunner().invoke(app, ["validate", "--project", str(multi.root)])
    assert result.exit_code == 0
    assert "warning: sources disagree on date" in result.stdout
    assert result.stderr.endswith("records conform, 1 warning\n")
    report = validate_project(multi)
    assert report.conforms and (report.errors, report.warnings) == (0, 1)
    edit(records, "    observed_on: 2025-08-20\n", "")  # and one problem
    result = CliRunner().invoke(app, ["validate", "--project", str(multi.root)])
    assert result.exit_code == 1 and len(result.stdout.splitlines()) == 2
    assert result.stderr.endswith("1 problem, 1 warning: the data does not conform\n")


def test_the_shapes_say_what_a_post_without_a_date_lacks() -> None:
    """Past the records check (a graph from elsewhere), SHACL names the fields too."""
    from rdflib import Dataset, URIRef
    from rdflib.namespace import ORG, RDF

    from policygraph.shapes import validate_dataset

    data = Dataset()
    post = URIRef("https://w3id.org/policygraph/id/post-x")
    data.graph(URIRef("urn:x:g")).add((post, RDF.type, ORG.Membership))
    messages = [v.message for v in validate_dataset(data).violations]
    assert any("observed_on" in m and "start" in m for m in messages), messages
    assert not any("must conform to one or more shapes" in m for m in messages)
