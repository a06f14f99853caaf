"""The three pages ``build`` renders from its one union store: timeline, overview and feed.

On a generated tracker project of ``--sources`` sources (or a copy of ``--project``'s data/), the
records are loaded and the union store made once, as ``build`` does, and the graphs are kept
alive beside it, as in ``build`` (the garbage collector's work grows with them). Then each round
renders the three pages in turn, with the store's TriG export timed beside them as a yardstick:
the ratio of a page to the export says how the page fares on a machine that is busier or faster
than the last one. Figures are medians of ``--runs`` rounds, the renders interleaved so that a
busy moment slows each a little rather than one a lot.

    python -m tests.benchmarks.bench_pages --sources 1000 --runs 5

prints a Markdown table (measurements and what changed: docs/bench-pages.md).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.benchmarks.tracker import project_at

from policygraph.analytics.timeline_html import render_dataset_timeline
from policygraph.build import build_graphs, load_project
from policygraph.digest.feed import render_feed
from policygraph.export.stream import stream
from policygraph.graphset import GraphSet
from policygraph.project import Project
from policygraph.store import MemoryStore, union_store
from policygraph.views import render_overview


def _export(store: MemoryStore) -> str:
    return stream(store, "trig")[0].decode("utf-8")


PAGES: dict[str, Callable[[MemoryStore], str]] = {
    "timeline.html": render_dataset_timeline,
    "overview.html": render_overview,
    "feed.atom": render_feed,
    "TriG export (yardstick)": _export,
}


def load(root: Path) -> tuple[MemoryStore, GraphSet]:
    """The union store ``build`` renders its pages from, and the graphs it was made of."""
    project = Project(root)
    graphs = build_graphs(project, load_project(project))
    return union_store(graphs), graphs


def measure(store: MemoryStore, runs: int) -> dict[str, tuple[float, int]]:
    """Median seconds and output size (UTF-8 bytes) of each page."""
    times: dict[str, list[float]] = {name: [] for name in PAGES}
    sizes: dict[str, int] = {}
    for _ in range(runs):
        for name, render in PAGES.items():
            start = time.perf_counter()
            text = render(store)
            times[name].append(time.perf_counter() - start)
            sizes[name] = len(text.encode("utf-8"))
    return {name: (statistics.median(got), sizes[name]) for name, got in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", type=Path, help="measure a copy of this project's data/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pg-bench-pages-") as tmp:
        root = Path(tmp) / "tracker"
        project_at(root, args.sources, args.project)
        store, graphs = load(root)  # the graphs stay alive, as in build
        results = measure(store, args.runs)
        del graphs
    label = f"{args.project.name or 'project'}/data" if args.project else f"{args.sources} sources"
    yardstick = results["TriG export (yardstick)"][0]
    print(f"| {label} | page | median s | MB | × TriG export |\n| --- | --- | ---: | ---: | ---: |")
    for name, (seconds, size) in results.items():
        ratio = seconds / yardstick if yardstick else 0.0
        print(f"| {label} | {name} | {seconds:.3f} | {size / 1e6:.2f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
