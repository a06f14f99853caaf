"""Where ``build``'s time goes: each step of ``policygraph.build.build`` timed on its own.

    python -m tests.benchmarks.build_phases --sources 100      # a generated project
    python -m tests.benchmarks.build_phases --project DIR       # a copy of DIR's data/

The steps are those of ``build`` in order.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tests.benchmarks.tracker import write_project

from policygraph.analytics.timeline_html import render_dataset_timeline
from policygraph.build import build_dataset, load_project, record_places, summarise
from policygraph.digest.feed import render_feed
from policygraph.export.jsonld import to_jsonld
from policygraph.export.stream import stream
from policygraph.fulltext import update_text_index
from policygraph.project import Project
from policygraph.serialize import union_graph
from policygraph.shapes import validate_dataset
from policygraph.stores.memory import union_store
from policygraph.stores.project import sync_project_store
from policygraph.views import render_overview

T = TypeVar("T")


def phases(project: Project) -> list[tuple[str, float]]:
    """Seconds per step of a build of ``project`` (written to its ``graph/``)."""
    times: list[tuple[str, float]] = []

    def timed(name: str, step: Callable[[], T]) -> T:
        start = time.perf_counter()
        value = step()
        times.append((name, time.perf_counter() - start))
        return value

    records = timed("read and check records", lambda: load_project(project))
    dataset = timed("records -> dataset", lambda: build_dataset(project, records))
    union = timed("union graph", lambda: union_graph(dataset))
    timed("SHACL", lambda: validate_dataset(dataset, record_places(records), union=union))
    store = timed("union store (every file, text index)", lambda: union_store(dataset))
    trig = timed("TriG", lambda: stream(store, "trig")[0].decode("utf-8"))
    turtle = timed("Turtle (union)", lambda: stream(store, "turtle")[0].decode("utf-8"))
    timed("JSON-LD", lambda: to_jsonld(dataset))
    timed("timeline.html", lambda: render_dataset_timeline(store))
    timed("overview.html", lambda: render_overview(store))
    timed("feed.atom", lambda: render_feed(store))
    project.graph_dir.mkdir(exist_ok=True)
    project.trig_path.write_text(trig, encoding="utf-8")
    project.turtle_path.write_text(turtle, encoding="utf-8")
    timed("store sync", lambda: sync_project_store(project))
    timed("text index", lambda: update_text_index(project, store))
    timed("summary", lambda: summarise(dataset, records, union))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--project", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pg-build-phases-") as tmp:
        root = Path(tmp) / "tracker"
        if args.project:
            shutil.copytree(args.project / "data", root / "data")
        else:
            write_project(root, args.sources)
        times = phases(Project(root))
    total = sum(s for _, s in times)
    print("| step | s | share |\n| --- | ---: | ---: |")
    for name, seconds in times:
        print(f"| {name} | {seconds:.2f} | {seconds / total:.0%} |")
    print(f"| total | {total:.2f} | |")


if __name__ == "__main__":
    main()
