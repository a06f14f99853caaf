"""Export and name lookups on an embedded store, each in a fresh process (its own peak memory).

Used by ``bench_store`` at every size: ``measure_all(store_dir)`` returns, per format, the time
and peak memory of ``policygraph.export.export`` and of bare pyoxigraph serialising the same
quads (``ox.serialize``, unsorted, same prefixes), and their ratio measured alternately in one
process; then ``show`` and ``search`` in a fresh process: the first call (which builds the label
index and keeps it beside the store's version) and the next ones (which read it).
``python -m tests.benchmarks.bench_export_lookup MODE STORE_DIR`` runs one measurement.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ("turtle", "nt")
LOOKUPS = (("show", "Official 7"), ("search", "Official 7"), ("search", "official"))


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ours(store: object, fmt: str) -> int:
    from policygraph.export import export

    return len(export(store, fmt).files[""])  # type: ignore[arg-type]


def _bare(store: object, fmt: str) -> int:
    import pyoxigraph as ox

    from policygraph.vocab import PREFIXES

    inner = store.inner  # type: ignore[attr-defined]
    if fmt == "turtle":
        quads = inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
        data = ox.serialize(
            (q.triple for q in quads), format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)
        )
    else:
        quads = inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
        data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
    return len(data)


def child(mode: str, store_dir: Path) -> dict[str, float]:
    from policygraph.stores.disk import open_reader

    store = open_reader(store_dir)
    out: dict[str, float] = {}
    kind, _, arg = mode.partition(":")
    if kind in ("ours", "bare"):
        start = time.perf_counter()
        out["bytes"] = (_ours if kind == "ours" else _bare)(store, arg)
        out["s"] = time.perf_counter() - start
    elif kind == "paired":
        times: tuple[list[float], list[float]] = ([], [])
        for _ in range(3):
            for run, kept in ((_ours, times[0]), (_bare, times[1])):
                start = time.perf_counter()
                run(store, arg)
                kept.append(time.perf_counter() - start)
        out["ours"], out["bare"] = statistics.median(times[0]), statistics.median(times[1])
    else:
        from policygraph.card import show
        from policygraph.search import search

        for verb, text in LOOKUPS:
            runs = []
            for _ in range(4):
                start = time.perf_counter()
                show(store, text) if verb == "show" else search(store, text)
                runs.append(time.perf_counter() - start)
            out[f"{verb} {text!r} first"] = runs[0]
            out[f"{verb} {text!r} next"] = statistics.median(runs[1:])
    out["peak_mb"] = _peak_mb()
    return out


def run(mode: str, store_dir: Path) -> dict[str, float]:
    start = time.perf_counter()
    text = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_export_lookup", mode, str(store_dir)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    result: dict[str, float] = json.loads(text)
    result["process_s"] = time.perf_counter() - start
    return result


def measure_all(store_dir: Path) -> dict[str, object]:
    """Every export and lookup measurement for the store at ``store_dir``."""
    out: dict[str, object] = {}
    for fmt in FORMATS:
        out[f"export:{fmt}"] = {
            "ours": run(f"ours:{fmt}", store_dir),
            "bare": run(f"bare:{fmt}", store_dir),
            "paired": run(f"paired:{fmt}", store_dir),
        }
    for name in list(store_dir.glob("v*.names")):
        name.unlink()  # the first lookup builds the index
    out["lookup:first-process"] = run("lookup", store_dir)
    out["lookup:next-process"] = run("lookup", store_dir)
    return out


if __name__ == "__main__":
    print(json.dumps(child(sys.argv[1], Path(sys.argv[2]))))
