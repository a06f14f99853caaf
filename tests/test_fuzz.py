"""Fuzzing: random bytes and random mutations of valid inputs fed to ``validate`` (a record file),
``load`` (an RDF file into a store), ``query -f`` and ``--graph FILE``. Whatever the input, the
command ends in a message and an exit code, never a traceback, and a failure changes nothing.

Bounded for ``make test`` (a few seconds); ``make fuzz`` runs many more examples
(``POLICYGRAPH_FUZZ_EXAMPLES=2000``).
"""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from policygraph.cli import app
from policygraph.stores.maintenance import dump_lines

EXAMPLES = int(os.environ.get("POLICYGRAPH_FUZZ_EXAMPLES", "0")) or None
TESTS = Path(__file__).resolve().parent
MULTI = TESTS / "fixtures" / "multi"
QUERIES = sorted((TESTS.parent / "src" / "policygraph" / "queries").glob("*.rq"))

#: Fragments that reach the interesting corners of each parser (and each limit).
TOKENS = [
    b"&a ", b"*a", b"[", b"]", b"{", b"}", b"(", b")", b"\0", b"\xff", b"\xe4\xb8\xad", b"'",
    b'"', b"\n", b"\t", b"  ", b": ", b"- ", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;",
    b'"@context": "http://e/"', b"@prefix", b"<", b">", b"^^", b"@en", b"_:b", b"#", b"\\",
    b"||", b"SERVICE <http://e/>", b"FROM <file:///etc/passwd>", b"INSERT DATA {}", b"?x",
    b"FILTER(", b"\r\n", b"\x1f\x8b", b"999999999999999999999", b"1e309", b"--",
]  # fmt: skip

RDF_BASES: dict[str, bytes] = {
    ".ttl": b'@prefix e: <http://e/> .\ne:a e:b "x"@en , 1 , "2"^^e:t ;\n  e:c [ e:d e:a ] .\n',
    ".nt": b'<http://e/a> <http://e/b> "x" .\n<http://e/a> <http://e/c> _:b .\n',
    ".nq": b'<http://e/a> <http://e/b> "x" <http://e/g> .\n',
    ".trig": b"@prefix e: <http://e/> .\ne:g { e:a e:b e:c . }\n",
    ".rdf": b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#" xmlns:e="http://e/">\n<rdf:Description rdf:about="http://e/a">'
    b"<e:b>x</e:b></rdf:Description>\n</rdf:RDF>\n",
    ".jsonld": b'{"@context": {"e": "http://e/"}, "@id": "e:a", "e:b": "x"}\n',
}
SUFFIXES = [*RDF_BASES, ".nt.gz"]
ANSWERS = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def fuzz_settings(default: int) -> settings:
    return settings(
        max_examples=EXAMPLES or default,
        deadline=None,
        database=None,
        derandomize=EXAMPLES is None,  # the bounded run is the same on every machine
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@st.composite
def mutated(draw: st.DrawFn, bases: list[bytes]) -> bytes:
    """Random bytes, or a valid input with a few bytes flipped, inserted, deleted or repeated."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=400))
    data = bytearray(draw(st.sampled_from(bases)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["token", "byte", "delete", "repeat"]))
        if action == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif action == "byte":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 32))] * draw(st.integers(2, 40))
    return bytes(data)


def clean(result: Result, codes: set[int]) -> None:
    """No traceback: an expected exit code and at most a ``SystemExit``."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr, result.stderr
    assert result.exit_code in codes, (result.exit_code, result.stderr)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file but the content-keyed cache (``validate`` keeps its SHACL results there)."""
    cache = root / ".policygraph" / "cache"
    files = (p for p in root.rglob("*") if p.is_file() and not p.is_relative_to(cache))
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


# --- validate -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "multi"
    shutil.copytree(MULTI, root, ignore=shutil.ignore_patterns("graph"))
    return root


RECORDS = sorted((MULTI / "data" / "records").glob("*.yaml"))
SOURCES = sorted((MULTI / "data" / "sources").glob("*.yaml"))


@fuzz_settings(25)
@given(
    target=st.sampled_from([*RECORDS, *SOURCES]),
    content=st.data(),
)
def test_validate_never_tracebacks(project: Path, target: Path, content: st.DataObject) -> None:
    path = project / target.relative_to(MULTI)
    original = path.read_bytes()
    data = content.draw(mutated([original]))
    before = snapshot(project)
    path.write_bytes(data)
    try:
        clean(invoke("validate", "--project", str(project)), {0, 1, 3})
        after = snapshot(project)
        after[str(path.relative_to(project))] = original
        assert after == before  # validate writes nothing but its cache
    finally:
        path.write_bytes(original)


# --- load -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz-store")
    good = folder / "good.nt"
    good.write_bytes(RDF_BASES[".nt"])
    root = folder / "store"
    assert invoke("load", "--store", str(root), str(good)).exit_code == 0
    return root


def _file(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"fuzz{suffix}"
    path.write_bytes(gzip.compress(data, mtime=0) if suffix.endswith(".gz") else data)
    return path


@fuzz_settings(15)
@given(suffix=st.sampled_from(SUFFIXES), content=st.data())
def test_load_never_tracebacks_and_a_failure_changes_nothing(
    store: Path, suffix: str, content: st.DataObject
) -> None:
    base = RDF_BASES.get(suffix, RDF_BASES[".nt"])
    data = content.draw(mutated([base, *RDF_BASES.values()]))
    path = _file(store.parent, suffix, data)
    before = list(dump_lines(store))
    result = invoke("load", "--store", str(store), str(path))
    clean(result, {0, 3})
    if result.exit_code != 0:
        assert list(dump_lines(store)) == before


# --- query -f and --graph ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz-graph") / "small.ttl"
    path.write_bytes(RDF_BASES[".ttl"])
    return path


@fuzz_settings(50)
@given(content=st.data())
def test_query_file_never_tracebacks(graph_file: Path, content: st.DataObject) -> None:
    bases = [q.read_bytes() for q in QUERIES] + [ANSWERS.encode()]
    path = graph_file.parent / "fuzz.rq"
    path.write_bytes(content.draw(mutated(bases)))
    before = graph_file.read_bytes()
    args = ["query", "--graph", str(graph_file), "--timeout", "10", "-f", str(path)]
    clean(invoke(*args), {0, 3, 4, 5, 6})
    assert graph_file.read_bytes() == before


@fuzz_settings(60)
@given(suffix=st.sampled_from(SUFFIXES), content=st.data())
def test_graph_file_never_tracebacks(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, content: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("fuzz-graph-file", numbered=True)
    data = content.draw(mutated([RDF_BASES.get(suffix, RDF_BASES[".nt"])]))
    path = _file(folder, suffix, data)
    before = path.read_bytes()
    clean(invoke("query", "--graph", str(path), ANSWERS), {0, 3})
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [path.name]


def test_the_fuzzers_mutations_reach_the_limits() -> None:
    """The token list keeps the corners covered that the limits guard."""
    joined = b"".join(TOKENS)
    for needle in (b"&a", b"*a", b"<!DOCTYPE", b"@context", b"\0", b"\xff", b"||", b"\x1f\x8b"):
        assert needle in joined
