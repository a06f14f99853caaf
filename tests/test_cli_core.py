"""``build``, ``validate`` and ``init`` through the CLI, above all on bad input.

Each bad-input case edits one file of a temporary copy of the repository's project, then checks
that both commands name the place (``file:line:col``) and the problem, print no traceback, exit
with the documented code, and that a failed ``build`` leaves ``graph/`` byte for byte as it was.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from policygraph.cli import app
from policygraph.errors import InputError
from policygraph.project import Project

REPO = Path(__file__).resolve().parent.parent
SOURCE_RECORDS = "data/records/ffc-sasac-crypto-study.yaml"
REFERENCE = "data/records/reference.yaml"
SOURCE_META = "data/sources/ffc-sasac-crypto-study.yaml"


def run(*args: str) -> Result:
    # POLICYGRAPH_DEBUG is listed so that CliRunner restores it after ``--debug`` set it.
    return CliRunner().invoke(app, list(args), env={"POLICYGRAPH_DEBUG": ""})


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture
def project(tmp_path: Path, sasac_project: Project) -> Path:
    """A copy of the built SASAC fixture project (data/ and graph/)."""
    for name in ("data", "graph"):
        shutil.copytree(sasac_project.root / name, tmp_path / name)
    return tmp_path


@dataclass(frozen=True)
class Case:
    """Replace ``old`` by ``new`` in ``file``; the problem is reported where ``at`` starts."""

    name: str
    file: str
    old: str
    new: str
    at: str
    validate_exit: int
    expected: tuple[str, ...]


CASES = [
    Case(
        "malformed-yaml",
        REFERENCE,
        "people:\n",
        "people:\n  - id: [unclosed\n",
        ": person-he-qing",
        3,
        ("malformed YAML", "expected ',' or ']'", "hint: check indentation and quoting"),
    ),
    Case(
        "undeclared-id",
        SOURCE_RECORDS,
        "member: person-he-qing\n    organisation: org-sh-sasac-party-committee",
        "member: person-he-qin\n    organisation: org-sh-sasac-party-committee",
        "person-he-qin\n",
        1,
        (
            "post-he-qing-sasac-party-secretary:",
            "field 'member' refers to undeclared id 'person-he-qin'",
            "did you mean person-he-qing",
        ),
    ),
    Case(
        "quote-not-verbatim",
        SOURCE_RECORDS,
        "Chief of the Policy Group at",
        "Chief of the Policy Team at",
        '"He’s the Chief of the Policy Team',
        1,
        (
            "post-li-mingliang-policy-group-chief:",
            "quote is not verbatim in source 'ffc-sasac-crypto-study'",
            "'He’s the Chief of the Policy Team at the Guotai Haitong Policy and Industry "
            "Research Institute'",
        ),
    ),
    Case(
        "duplicate-id",
        REFERENCE,
        "  - id: person-wang-zhiping",
        "  - id: person-he-qing",
        "id: person-he-qing",
        1,
        ("person-he-qing: duplicate id (also at", "reference.yaml:44:5, in the reference graph)"),
    ),
    Case(
        "impossible-date",
        SOURCE_RECORDS,
        "    date: 2025-07-10\n    organiser",
        "    date: 2025-02-30\n    organiser",
        "2025-02-30",
        1,
        (
            "event-2025-07-10-sh-sasac-study-session:",
            "date '2025-02-30' is not a real date (expected YYYY-MM-DD, YYYY-MM or YYYY",
        ),
    ),
    Case(
        "date-not-iso",
        SOURCE_RECORDS,
        "    date: 2025-07-10\n    organiser",
        "    date: 20250710\n    organiser",
        "20250710",
        1,
        ("date '20250710' is not a real date (expected YYYY-MM-DD, YYYY-MM or YYYY",),
    ),
    Case(
        "unknown-language",
        REFERENCE,
        "zh-Latn-pinyin: Hè Qīng",
        "zh-pinyin: Hè Qīng",
        "zh-pinyin",  # the key
        1,
        ("person-he-qing:", "unknown language tag 'zh-pinyin'", "did you mean zh-Latn-pinyin?"),
    ),
    Case(
        "empty-label",
        REFERENCE,
        "labels: {en: Wang Zhiping,",
        'labels: {en: "",',
        '"",',
        1,
        ("person-wang-zhiping: labels.en is empty",),
    ),
    Case(
        "mapping-for-ids",
        SOURCE_RECORDS,
        "addressees: [aud-sh-soe-leaders, aud-sh-soes]",
        "addressees: {first: aud-sh-soes}",
        "{first",
        1,
        ("signal-2025-07-10-sh-sasac-mandate-3: addressees must be a list, not a mapping",),
    ),
    Case(
        "text-for-number",
        SOURCE_RECORDS,
        "confidence: 0.85",
        "confidence: high",
        "high",
        1,
        ("signal-2025-07-10-sh-sasac-mandate-3: confidence must be a number, not 'high'",),
    ),
    Case(
        "bool-for-whole-number",
        SOURCE_RECORDS,
        "sequence: 2\n    focus",
        "sequence: yes\n    focus",
        "yes\n",
        1,
        ("signal-2025-07-10-sh-sasac-mandate-2: sequence must be a whole number, not bool",),
    ),
    Case(
        "unknown-field",
        SOURCE_RECORDS,
        "    observed_on: 2025-07-10\n    stated_as: {en: Director}",
        "    observed_onn: 2025-07-10\n    stated_as: {en: Director}",
        "observed_onn",  # the key
        1,
        ("post-he-qing-sasac-director:", "unknown field 'observed_onn' for a post", "observed_on?"),
    ),
    Case(
        "empty-quote-list",
        SOURCE_RECORDS,
        '    quote: "He’s the Chief of the Policy Group at the Guotai Haitong Policy and Industry '
        'Research Institute"',
        "    quote: []",
        "[]",
        1,
        ("post-li-mingliang-policy-group-chief: quote is empty",),
    ),
    Case(
        "wrong-kind-of-entity",
        SOURCE_RECORDS,
        "    issuer: org-sh-sasac-party-committee\n    date: 2025-07-10\n"
        "    occasion: event-2025-07-10-sh-sasac-study-session\n    topics",
        "    issuer: person-he-qing\n    date: 2025-07-10\n"
        "    occasion: event-2025-07-10-sh-sasac-study-session\n    topics",
        "person-he-qing\n    date",
        1,
        ("signal-2025-07-10-sh-sasac-stance-shift-reading:", "but 'person-he-qing' is a person"),
    ),
    Case(
        "unknown-concept",
        SOURCE_RECORDS,
        "stance: stance.exploratory\n    previous_stance",
        "stance: stance.exploratry\n    previous_stance",
        "stance.exploratry",
        1,
        ("undeclared concept 'stance.exploratry'", "did you mean stance.exploratory"),
    ),
    Case(
        "unknown-section",
        REFERENCE,
        "\npeople:\n",
        "\npeeple:\n",
        "peeple",  # the key
        1,
        ("unknown section 'peeple'; did you mean people?",),
    ),
    Case(
        "source-date-impossible",
        SOURCE_META,
        "published: ~",
        "published: 2025-02-30",
        "2025-02-30",
        3,
        ("source field 'published' '2025-02-30' is not a date", "hint: leave it empty"),
    ),
]


def apply(project: Path, case: Case) -> str:
    """Edit the project; return ``file:line:col`` of the expected problem."""
    path = project / case.file
    text = path.read_text(encoding="utf-8")
    start = text.index(case.old)
    text = text[:start] + case.new + text[start + len(case.old) :]
    path.write_text(text, encoding="utf-8")
    at = text.index(case.at, text.rfind("\n", 0, start) + 1)
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return f"{path}:{line}:{col}: "


def assert_clean_failure(result: Result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.output


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_reports_bad_input(project: Path, case: Case) -> None:
    place = apply(project, case)
    result = run("validate", "--project", str(project))
    output = assert_clean_failure(result, case.validate_exit)
    assert place in output, f"{place!r} missing from:\n{output}"
    for fragment in case.expected:
        assert fragment in output, f"{fragment!r} missing from:\n{output}"
    if case.validate_exit == 1:  # problems on stdout, the verdict on stderr
        assert place in result.stdout
        assert "the data does not conform" in result.stderr
    else:
        assert result.stdout == ""
        assert result.stderr.startswith(f"policygraph: error: {place}")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_failed_build_leaves_graph_untouched(project: Path, case: Case) -> None:
    before = snapshot(project / "graph")
    place = apply(project, case)
    result = run("build", "--project", str(project))
    assert_clean_failure(result, 3)
    assert result.stdout == ""
    assert result.stderr.startswith("policygraph: error: ")
    assert place in result.stderr
    for fragment in case.expected:
        assert fragment in result.stderr
    assert snapshot(project / "graph") == before  # same files (no temporaries), same bytes


def test_missing_archived_text(project: Path) -> None:
    (project / "data/sources/ffc-sasac-crypto-study.txt").unlink()
    meta = (project / SOURCE_META).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(meta, 1) if text.startswith("text: "))
    before = snapshot(project / "graph")
    for command in ("validate", "build"):
        result = run(command, "--project", str(project))
        assert_clean_failure(result, 3)
        assert result.stderr.startswith(
            f"policygraph: error: {project / SOURCE_META}:{line}:7: "
            "cannot read the archived text ffc-sasac-crypto-study.txt"
        )
        assert "hint: keep the source's text beside its metadata" in result.stderr
    assert snapshot(project / "graph") == before


def test_debug_shows_the_traceback(project: Path) -> None:
    apply(project, CASES[0])
    result = run("--debug", "validate", "--project", str(project))
    assert isinstance(result.exception, InputError)
    assert "malformed YAML" in str(result.exception)
    assert result.exc_info is not None and result.exc_info[2] is not None


def test_validate_and_build_a_good_project(project: Path) -> None:
    before = snapshot(project / "graph")
    result = run("validate", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("ok: ") and "records conform" in result.stderr
    result = run("build", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("built ")
    assert "signals: 5" in result.stdout
    assert f"wrote {project / 'graph' / 'policygraph.trig'}" in result.stdout
    assert result.stderr == ""
    assert snapshot(project / "graph") == before  # same data, same bytes


def test_init_creates_a_project_that_builds_and_validates(tmp_path: Path) -> None:
    target = tmp_path / "tracker"
    result = run("init", str(target))
    assert result.exit_code == 0, result.output
    assert f"created {target / 'data' / 'records' / 'records.yaml'}" in result.stdout
    assert (target / "data" / "sources").is_dir()
    assert run("validate", "--project", str(target)).exit_code == 0
    built = run("build", "--project", str(target))
    assert built.exit_code == 0, built.output
    assert (target / "graph" / "policygraph.trig").is_file()
    assert (target / "graph" / "policygraph.ttl").is_file()


def test_init_refuses_an_existing_project(tmp_path: Path) -> None:
    target = tmp_path / "tracker"
    assert run("init", str(target)).exit_code == 0
    records = target / "data" / "records" / "records.yaml"
    records.write_text("graph: reference\n", encoding="utf-8")
    result = run("init", str(target))
    assert_clean_failure(result, 3)
    assert result.stderr.startswith(f"policygraph: error: {target} already holds")
    assert records.read_text(encoding="utf-8") == "graph: reference\n"  # nothing overwritten


def test_every_command_reports_errors_through_one_decorator() -> None:
    for command in app.registered_commands:
        assert hasattr(command.callback, "__wrapped__"), command.name
