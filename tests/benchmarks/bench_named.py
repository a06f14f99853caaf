"""Named queries on an existing embedded store: ``Store.query`` against bare pyoxigraph on the
same store's default graph (the union), alternated in one process, medians of ``--repeat``.

``python -m tests.benchmarks.bench_named STORE_DIR [--queries a,b] [--repeat 3]``: run it on
one branch, then on another, over the same store, to compare before and after.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tests.benchmarks.bench_store import PROLOGUE, QUERIES

from policygraph.stores.disk import open_reader


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("--queries", default=",".join(QUERIES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = open_reader(args.store)
    inner = store.inner
    print("| query | Store.query ms | bare ms | ratio |\n|---|---:|---:|---:|")
    for name in args.queries.split(","):
        text = PROLOGUE + QUERIES[name]
        ours: list[float] = []
        bare: list[float] = []
        for _ in range(args.repeat):
            for run, kept in (
                (lambda text=text: list(store.query(text)), ours),
                (lambda text=text: list(inner.query(text)), bare),
            ):
                start = time.perf_counter()
                run()
                kept.append(time.perf_counter() - start)
        a, b = statistics.median(ours), statistics.median(bare)
        print(f"| {name} | {1000 * a:.1f} | {1000 * b:.1f} | {a / b:.2f} |", flush=True)
    store.close()


if __name__ == "__main__":
    main()
