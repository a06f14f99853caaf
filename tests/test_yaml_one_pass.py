"""The one-pass YAML reader (``yamlsrc._one_pass``, libyaml's events straight to located values)
gives what the two passes give (events checked, then composed and converted): the same values,
types, keys and places, and for anything unusual the same error, which the two passes report."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policygraph.errors import InputError
from policygraph.records import yamlsrc
from policygraph.records.yamlsrc import Located, load_yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"

CASES = [
    "a: 1\nb: [x, 'y', \"z\"]\nc: {d: ~, e: null, f: Null}\n",
    "t: [true, false, yes, no, on, off, True, FALSE]\n",
    "n: [0x1f, 0o17, 1_000, -3, +4, 1.5e3, .inf, 0b101, 1:30]\n",
    "d: 2025-02-30\ne: 2025-07-10T10:00:00\nq: '2025-07-10'\nk: !!str 12\nm: !!int '7'\n",
    "s: |\n  two\n  lines\nf: >\n  folded\n  text\n",
    "1: one\n2.5: two\nnull: three\ntrue: four\n",
    "- a\n- - b\n  - c\n- {x: [1, {y: 2}]}\n",
    "",
    "# only a comment\n",
    "---\n",
    "--- 1\n",
    "a: 1\n---\nb: 2\n",
    "a: &x 1\nb: *x\n",
    "a: 1\na: 2\n",
    "? [a, b]\n: c\n",
    "? {a: b}\n: c\n",
    "a: [1, 2\n",
    "a: b: c\n",
    "x: " + "[" * 60 + "]" * 60 + "\n",
    "x: " + "[" * 20 + "]" * 20 + "\n",
    "! a: 1\n! b: !foo 2\n",
    "a: 'it''s'\nb: \"tab\\there\"\nc: 中文: no\n",
    'key with spaces: v\n"quoted key": w\n',
]


def read(path: Path, one_pass: bool, monkeypatch: pytest.MonkeyPatch) -> object:
    if not one_pass:
        monkeypatch.setattr(yamlsrc, "_one_pass", _never)
    try:
        return _plain(load_yaml(path))
    except InputError as err:
        return ("error", str(err), err.hint)
    finally:
        monkeypatch.undo()


def _never(text: str, path: Path) -> Located | None:
    raise yamlsrc._Unusual


def _plain(item: Located) -> object:
    """Everything a located value holds, as comparable plain data (types included)."""
    value = item.value
    if isinstance(value, dict):
        keys = {k: str(value.key_where(k)) for k in value}
        inner: object = [(k, _plain(v)) for k, v in value.items()]
        return ("map", str(value.where), keys, inner, str(item.where))
    if isinstance(value, list):
        return ("list", str(value.where), [_plain(v) for v in value], str(item.where))
    return (type(value).__name__, value, str(item.where))


def check(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    assert read(path, True, monkeypatch) == read(path, False, monkeypatch), text


@pytest.mark.parametrize("text", CASES)
def test_each_case_reads_the_same(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check(text, tmp_path, monkeypatch)


def test_every_fixture_file_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = sorted(FIXTURES.rglob("*.yaml"))
    assert len(paths) > 20
    handled = 0
    for path in paths:
        assert read(path, True, monkeypatch) == read(path, False, monkeypatch), path
        with contextlib.suppress(yamlsrc._Unusual):
            handled += yamlsrc._one_pass(path.read_text(encoding="utf-8"), path) is not None
    assert handled > 20  # the one pass read them, not the fallback


YAML_BITS = st.sampled_from(
    ["a", "b", ": ", "- ", "\n", "  ", "[", "]", "{", "}", ", ", "'", '"', "1", "~", "yes",
     "&x ", "*x", "!!str ", "? ", "---\n", "#c", "中", "2025-07-10", "|\n", "0x1f"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(YAML_BITS, max_size=30).map("".join))
def test_generated_yaml_reads_the_same(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as monkeypatch:
        check(text, Path(tmp), monkeypatch)
