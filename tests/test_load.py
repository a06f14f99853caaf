"""``policygraph load`` and the store's safety promises: all or nothing, one writer, kill -9."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.benchmarks import synthetic
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.stores.disk import WRITE_LOCK, current_version
from policygraph.stores.lock import WriteLock
from policygraph.stores.maintenance import dump_lines

TTL = '@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:name "A"@en .\n'
TRIG = "@prefix ex: <http://e/> .\nex:g1 { ex:x ex:y ex:z . }\n"
BAD = '@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n'


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def dump(store: Path) -> str:
    return "".join(dump_lines(store))


def test_load_formats_into_their_graphs(tmp_path: Path) -> None:
    (tmp_path / "people.ttl").write_text(TTL, encoding="utf-8")
    (tmp_path / "named.trig").write_text(TRIG, encoding="utf-8")
    (tmp_path / "zipped.nt.gz").write_bytes(
        gzip.compress(b"<http://e/q> <http://e/r> <http://e/s> .\n")
    )
    store = tmp_path / "store"
    code, out, err = run(
        "load",
        "--store",
        str(store),
        *(str(tmp_path / n) for n in ("people.ttl", "named.trig", "zipped.nt.gz")),
    )
    assert code == 0, err
    assert "people.ttl: 2 triples into <https://w3id.org/policygraph/graph/file-people>" in out
    assert "named.trig: 1 triples (graphs named in the file)" in out
    assert "loaded 4 triples from 3 file(s)" in out
    lines = dump(store)
    assert "<http://e/x> <http://e/y> <http://e/z> <http://e/g1> ." in lines
    assert "<https://w3id.org/policygraph/graph/file-zipped>" in lines


def test_load_into_a_named_graph(tmp_path: Path) -> None:
    (tmp_path / "people.ttl").write_text(TTL, encoding="utf-8")
    code, _, err = run(
        "load",
        "--store",
        str(tmp_path / "s"),
        "--named-graph",
        "http://e/mine",
        str(tmp_path / "people.ttl"),
    )
    assert code == 0, err
    assert dump(tmp_path / "s").count("<http://e/mine> .") == 2


def test_failed_load_reports_the_line_and_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (tmp_path / "good.ttl").write_text(TTL, encoding="utf-8")
    (tmp_path / "bad.ttl").write_text(BAD, encoding="utf-8")
    assert run("load", "--store", str(store), str(tmp_path / "good.ttl"))[0] == 0
    before = dump(store)
    code, out, err = run(
        "load", "--store", str(store), str(tmp_path / "good.ttl"), str(tmp_path / "bad.ttl")
    )
    assert code == 3
    assert out == ""
    assert f"{tmp_path / 'bad.ttl'}:3:11: cannot parse as turtle" in err
    assert "Traceback" not in err
    assert dump(store) == before


def test_second_writer_is_refused_with_the_pid(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (tmp_path / "good.ttl").write_text(TTL, encoding="utf-8")
    lock = WriteLock(store / WRITE_LOCK)
    lock.acquire()
    try:
        code, _, err = run("load", "--store", str(store), str(tmp_path / "good.ttl"))
    finally:
        lock.release()
    assert code == 7
    assert f"the store is in use by another policygraph process (pid {os.getpid()})" in err


def test_kill_9_during_a_load_leaves_the_file_all_in_or_all_out(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (tmp_path / "small.ttl").write_text(TTL, encoding="utf-8")
    assert run("load", "--store", str(store), str(tmp_path / "small.ttl"))[0] == 0
    before = dump(store)
    big = tmp_path / "big.nq"
    quads = synthetic.write(big, 200_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "policygraph", "load", "--store", str(store), str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    progress = proc.stderr.read(40)  # the first progress report: the load is under way
    assert b"triples" in progress
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    after = dump(store)  # the store opens
    assert after == before  # killed before publishing: the file is fully out
    code, out, err = run("load", "--store", str(store), str(big))  # and a new writer may start
    assert code == 0, err
    assert f"{quads} triples" in out
    assert len(list(store.glob("v*/"))) == 1, "the killed writer's copy was collected"
    assert current_version(store) is not None


@pytest.mark.parametrize("suffix", [".nq", ".trig"])
def test_dump_and_restore_round_trip(tmp_path: Path, suffix: str) -> None:
    store = tmp_path / "store"
    (tmp_path / "people.ttl").write_text(TTL, encoding="utf-8")
    (tmp_path / "named.trig").write_text(TRIG, encoding="utf-8")
    run("load", "--store", str(store), str(tmp_path / "people.ttl"), str(tmp_path / "named.trig"))
    backup = tmp_path / "backup.nq"
    code, _, err = run("store", "dump", "--store", str(store), "-o", str(backup))
    assert code == 0, err
    text = backup.read_text(encoding="utf-8")
    assert text.splitlines() == sorted(text.splitlines())
    source = backup if suffix == ".nq" else tmp_path / "named.trig"
    fresh = tmp_path / "fresh"
    code, out, err = run("store", "restore", "--store", str(fresh), str(source))
    assert code == 0, err
    expected = (
        text if suffix == ".nq" else "<http://e/x> <http://e/y> <http://e/z> <http://e/g1> .\n"
    )
    assert dump(fresh) == expected


def test_check_the_project_store(sasac_root: Path) -> None:
    code, out, err = run("store", "check", "--project", str(sasac_root))
    assert code == 0, err
    assert "https://w3id.org/policygraph/graph/src-ffc-sasac-crypto-study" in out
    assert err.startswith("ok: ")


def test_check_finds_a_graph_that_differs(sasac_root: Path, tmp_path: Path) -> None:
    from tests.test_store_backends import copy_project

    from policygraph.stores.project import sync_project_store

    project = copy_project(sasac_root, tmp_path)
    assert sync_project_store(project)
    extra = tmp_path / "kos.nt"
    extra.write_text("<http://e/a> <http://e/b> <http://e/c> .\n", encoding="utf-8")
    code, _, err = run(
        "load",
        "--project",
        str(tmp_path),
        "--named-graph",
        "https://w3id.org/policygraph/graph/kos",
        str(extra),
    )
    assert code == 0, err
    code, _, err = run("store", "check", "--project", str(tmp_path))
    assert code == 1
    assert "graph <https://w3id.org/policygraph/graph/kos> differs" in err
