"""Where ``build``'s time goes: each step of ``policygraph.build.build`` timed on its own.

    python -m tests.benchmarks.build_phases --sources 100      # a generated project
    python -m tests.benchmarks.build_phases --project DIR       # a copy of DIR's data/

The steps are those of ``build`` in order.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from tests.benchmarks.tracker import tracker_parser, tracker_project

from policygraph.analytics.timeline_html import render_dataset_timeline
from policygraph.build import build_graphs, load_project, record_places, summarise
from policygraph.digest.feed import render_feed
from policygraph.export.jsonld import to_jsonld
from policygraph.export.stream import stream
from policygraph.fulltext import update_text_index
from policygraph.project import Project
from policygraph.shacldeps import Triples
from policygraph.shapes import validate_dataset
from policygraph.stores.memory import union_store
from policygraph.stores.project import sync_project_store
from policygraph.views import render_overview

T = TypeVar("T")


def phases(project: Project) -> list[tuple[str, float, float]]:
    """Seconds (wall, CPU) per step of a build of ``project`` (written to its ``graph/``)."""
    times: list[tuple[str, float, float]] = []
    cache = project.build_cache_dir  # as build uses it: empty at first (from scratch)

    def timed(name: str, step: Callable[[], T]) -> T:
        start, cpu = time.perf_counter(), time.process_time()
        value = step()
        times.append((name, time.perf_counter() - start, time.process_time() - cpu))
        return value

    records = timed("read and check records", lambda: load_project(project))
    graphs = timed("records -> graphs", lambda: build_graphs(project, records))
    index = timed("union index", lambda: Triples(graphs.triples()))
    places = record_places(records)
    timed("SHACL", lambda: validate_dataset(graphs, places, index=index, cache_dir=cache))
    store = timed("union store (every file, text index)", lambda: union_store(graphs))
    trig = timed("TriG", lambda: stream(store, "trig")[0].decode("utf-8"))
    turtle = timed("Turtle (union)", lambda: stream(store, "turtle")[0].decode("utf-8"))
    timed("JSON-LD", lambda: to_jsonld(graphs))
    timed("timeline.html", lambda: render_dataset_timeline(store))
    timed("overview.html", lambda: render_overview(store))
    timed("feed.atom", lambda: render_feed(store))
    project.graph_dir.mkdir(exist_ok=True)
    project.trig_path.write_text(trig, encoding="utf-8")
    project.turtle_path.write_text(turtle, encoding="utf-8")
    timed("store sync", lambda: sync_project_store(project))
    timed("text index", lambda: update_text_index(project, store))
    timed("summary", lambda: summarise(graphs, records, index))
    return times


def main() -> None:
    args = tracker_parser(__doc__.splitlines()[0]).parse_args()
    with tracker_project(args, "build-phases") as root:
        times = phases(Project(root))
    total, total_cpu = sum(t[1] for t in times), sum(t[2] for t in times)
    print("| step | s | CPU s | share |\n| --- | ---: | ---: | ---: |")
    for name, seconds, cpu in times:
        print(f"| {name} | {seconds:.2f} | {cpu:.2f} | {seconds / total:.0%} |")
    print(f"| total | {total:.2f} | {total_cpu:.2f} | |")


if __name__ == "__main__":
    main()
