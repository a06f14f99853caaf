"""policygraph.limits: every limit refuses hostile input with ``file:line:col`` and an exit code,
and the README's Limits table says what the code does."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph import limits
from policygraph.cli import app
from policygraph.errors import InputError
from policygraph.records.sources import load_source
from policygraph.records.yamlsrc import load_yaml

REPO = Path(__file__).resolve().parent.parent
MULTI = Path(__file__).resolve().parent / "fixtures" / "multi"
SOURCE = "ffc-sasac-crypto-study"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "multi"
    shutil.copytree(MULTI, root, ignore=shutil.ignore_patterns("graph"))
    return root


def validate(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", "--project", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    # no traceback of ours (CliRunner also captures what another test's server thread writes
    # to stderr meanwhile, so a foreign traceback is not this command's)
    assert "src/policygraph/" not in result.stderr and "policygraph: error" in result.stderr
    return result.exit_code, result.stderr


# --- the README table -----------------------------------------------------------------------


def test_the_readme_limits_table_is_the_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    expected = [
        f"| {limit.what} | {limit.value} | {limit.happens} | {limit.exit_code} |"
        for limit in limits.LIMITS
    ]
    assert rows[1:] == expected  # rows[0] is the header
    assert readme.index("\n## Limits\n") > readme.index("\n## Exit codes\n")


def test_the_limits_are_below_what_the_engines_survive() -> None:
    assert limits.MAX_LITERAL_BYTES * 6 < 16 * limits.MIB  # \uXXXX escaping in a dump
    assert limits.MAX_YAML_FILE_BYTES < limits.MAX_LITERAL_BYTES  # a record's literals fit
    assert limits.MAX_QUERY_DEPTH < 21  # rdflib's parser fails at 21 mixed brackets


# --- YAML -----------------------------------------------------------------------------------


HOSTILE_YAML = [
    "x: &a [1, *a]\n",
    "a: 1\nb: *nowhere\n",
    "x: " + "[" * 40 + "]" * 40 + "\n",
    "x:\n" + "".join("  " * i + "- \n" for i in range(1, 60)),
    "a:\n  - b: {c: [1, 2]}\n  - &k d\n",
]


@pytest.mark.parametrize("text", HOSTILE_YAML)
def test_libyaml_events_are_judged_as_the_pure_python_ones(text: str) -> None:
    """The event check runs on libyaml (10x faster); its verdicts and places are PyYAML's."""
    import yaml

    verdicts = []
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        with pytest.raises(InputError) as refused:
            limits._check_events(yaml.parse(text, Loader=loader), Path("r.yaml"))
        verdicts.append(str(refused.value))
    assert verdicts[0] == verdicts[1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"x: &a [1, *a]\n", ":1:4: YAML anchors and aliases are not allowed (&a)"),
        (
            b"a: &a ['x','x']\nb: &b [*a,*a]\nc: &c [*b,*b]\n",
            ":1:4: YAML anchors and aliases are not allowed (&a)",
        ),
        (b"a: 1\nb: *nowhere\n", ":2:4: YAML anchors and aliases are not allowed (*nowhere)"),
        (b"x: " + b"[" * 5000 + b"]" * 5000 + b"\n", ":1:35: YAML nested more than 32 levels"),
        (
            b"x:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 60)),
            ":33:65: YAML nested more than 32",
        ),
        (b"id: x\ntitle: a\0b\n", ":2:9: the file is binary, not text (a NUL byte)"),
        (b'id: x\ntitle: "\xff\xfe"\n', ":2:9: the file is not UTF-8 text"),
        (b"", ":1:1: the file is empty"),
        (b"# only a comment\n", ":1:1: the file is empty"),
    ],
)
def test_hostile_yaml_is_refused_with_its_place(
    project: Path, content: bytes, message: str
) -> None:
    path = project / "data" / "records" / "hostile.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(message)):
        load_yaml(path)
    code, stderr = validate(project)
    assert code == 3
    assert f"hostile.yaml{message}" in stderr


def test_a_record_file_over_the_size_limit_is_refused_without_reading_it_all(
    project: Path,
) -> None:
    path = project / "data" / "records" / "big.yaml"
    path.write_bytes(b"- id: x\n  note: '" + b"a" * limits.MAX_YAML_FILE_BYTES + b"'\n")
    code, stderr = validate(project)
    assert code == 3
    assert "big.yaml: the YAML file is larger than 1 MiB" in stderr


# --- archived texts -------------------------------------------------------------------------


def set_text(project: Path, value: str) -> Path:
    meta = project / "data" / "sources" / f"{SOURCE}.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(re.sub(r"(?m)^text:.*$", f"text: {value}", text), encoding="utf-8")
    return meta


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../../../../etc/passwd", "must be inside data/sources/"),
        ("../records/concepts.yaml", "must be inside data/sources/"),
        ("/etc/passwd", "must be inside data/sources/"),
        ("/dev/zero", "must be inside data/sources/"),
        ("outside.txt", "leads outside data/sources/"),
        ("zero.txt", "leads outside data/sources/"),
        ("folder", "is not a regular file"),
        ("binary.txt", "is binary, not text (a NUL byte at line 2, column 3)"),
        ("latin1.txt", "is not UTF-8 text (invalid continuation byte at line 1, column 4)"),
        ("huge.txt", "is larger than 4 MiB"),
        ("missing.txt", "No such file or directory"),
    ],
)
def test_an_archived_text_must_be_a_text_file_under_data_sources(
    project: Path, name: str, message: str
) -> None:
    sources = project / "data" / "sources"
    (sources / "outside.txt").symlink_to(project / "data" / "records" / "concepts.yaml")
    (sources / "zero.txt").symlink_to("/dev/zero")
    (sources / "folder").mkdir()
    (sources / "binary.txt").write_bytes(b"ok\nab\0c\n")
    (sources / "latin1.txt").write_bytes("caf\xe9\n".encode("latin-1"))
    with (sources / "huge.txt").open("wb") as handle:
        handle.truncate(limits.MAX_TEXT_BYTES + 1)
    meta = set_text(project, name)
    line = meta.read_text(encoding="utf-8").splitlines().index(f"text: {name}") + 1
    with pytest.raises(InputError, match=re.escape(message)):
        load_source(meta)
    code, stderr = validate(project)
    assert code == 3
    assert f"{SOURCE}.yaml:{line}:7: " in stderr
    assert message in stderr


def test_a_text_in_a_subfolder_of_data_sources_is_fine(project: Path) -> None:
    sources = project / "data" / "sources"
    (sources / "texts").mkdir()
    os.replace(sources / f"{SOURCE}.txt", sources / "texts" / f"{SOURCE}.txt")
    meta = set_text(project, f"texts/{SOURCE}.txt")
    assert load_source(meta).text.strip()


def test_texts_read_through_the_limits_keep_read_texts_line_ends(project: Path) -> None:
    text = project / "data" / "sources" / f"{SOURCE}.txt"
    before = load_source(project / "data" / "sources" / f"{SOURCE}.yaml").text
    text.write_bytes(text.read_bytes().replace(b"\n", b"\r\n"))
    assert load_source(project / "data" / "sources" / f"{SOURCE}.yaml").text == before
