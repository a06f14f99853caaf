"""Seconds of ``validate``'s SHACL step on a tracker project: over the whole union (no cache),
with a cold cache, and after one record changes (warm cache), in one process.

    python -m tests.benchmarks.validate_phases --sources 1000

The records and dataset steps are timed too (they come before SHACL in ``validate``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tests.benchmarks.bench_build import CHANGED, touch_source
from tests.benchmarks.tracker import write_project

from policygraph.build import build_graphs, load_project, record_places
from policygraph.project import Project
from policygraph.shapes import ValidationReport, validate_dataset

T = TypeVar("T")


def timed(name: str, step: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = step()
    print(f"| {name} | {time.perf_counter() - start:.1f} |", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pg-validate-phases-") as tmp:
        project = Project(Path(tmp) / "tracker")
        write_project(project.root, args.sources)
        print(f"| {args.sources} sources: step | s |\n| --- | ---: |")
        records = timed("read and check records", lambda: load_project(project))
        dataset = timed("records -> graphs", lambda: build_graphs(project, records))
        places = record_places(records)
        whole = timed("SHACL, whole union", lambda: validate_dataset(dataset, places))
        cache = project.build_cache_dir

        def cached() -> ValidationReport:
            return validate_dataset(dataset, places, cache_dir=cache)

        assert timed("SHACL, cold cache", cached) == whole
        touch_source(project.root, CHANGED, 0)
        records = timed("read and check records (one changed)", lambda: load_project(project))
        dataset = timed("records -> graphs", lambda: build_graphs(project, records))
        places = record_places(records)
        timed("SHACL, warm cache (one source changed)", cached)


if __name__ == "__main__":
    main()
