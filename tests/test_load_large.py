"""A load big enough to end with a compaction (``OPTIMIZE_AT``) keeps every quad."""

from __future__ import annotations

from pathlib import Path

from tests.benchmarks import synthetic

from policygraph.loading import OPTIMIZE_AT, load_files
from policygraph.stores.disk import open_reader


def test_a_compacted_load_keeps_every_quad(tmp_path: Path) -> None:
    data = tmp_path / "synthetic.nq"
    written = synthetic.write(data, OPTIMIZE_AT)
    summary = load_files(tmp_path / "store", [data])
    assert summary.triples == written >= OPTIMIZE_AT
    store = open_reader(tmp_path / "store")
    try:
        count = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        distinct = len(set(data.read_text(encoding="utf-8").splitlines()))
        assert [int(row[0]) for row in count] == [distinct]  # type: ignore[index]
    finally:
        store.close()
