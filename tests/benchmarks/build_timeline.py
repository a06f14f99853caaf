"""When each step of a from-scratch ``build`` starts and ends, and in which process.

    python -m tests.benchmarks.build_timeline --sources 1000    # a generated project
    python -m tests.benchmarks.build_timeline --project DIR     # a copy of DIR's data/

``build_phases`` times the steps one after the other; this wraps the steps of ``build`` itself
and prints a line per start and end (seconds since the start, process id), so that what runs
beside what in the forked processes (SHACL's parts, JSON-LD) can be seen.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from typing import Any

from tests.benchmarks.bench_build import first_source_file, touch_source
from tests.benchmarks.tracker import tracker_parser, tracker_project

import policygraph.build as build_module
from policygraph import checkcache, shapes
from policygraph.fulltext import index as text_index
from policygraph.project import Project
from policygraph.stores import project as project_store

START = time.perf_counter()
STEPS = [
    (build_module, "load_project"),
    (build_module, "build_graphs"),
    (build_module, "union_store"),
    (build_module, "to_jsonld"),
    (build_module, "render_dataset_timeline"),
    (build_module, "render_overview"),
    (build_module, "render_feed"),
    (build_module, "spare_cores"),
    (build_module, "read_documents"),
    (build_module, "summarise"),
    (checkcache, "focus_shapes"),
    (shapes, "pyshacl_results"),
    (project_store, "sync_project_store"),
    (text_index, "index_documents"),
]


def _log(text: str) -> None:
    print(f"{time.perf_counter() - START:7.2f}  pid {os.getpid()}  {text}", flush=True)


def _wrapped(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(step)
    def timed(*args: Any, **kwargs: Any) -> Any:
        _log(f"> {name}")
        value = step(*args, **kwargs)
        _log(f"< {name}" + (f" = {value}" if isinstance(value, int) else ""))
        return value

    return timed


def main() -> None:
    parser = tracker_parser(__doc__.splitlines()[0])
    parser.add_argument(
        "--rebuild", action="store_true", help="time a rebuild after one source changed"
    )
    args = parser.parse_args()
    for module, name in STEPS:  # wrapped before the first build too: the same code runs
        setattr(module, name, _wrapped(name, getattr(module, name)))
    with tracker_project(args, "build-timeline") as root:
        if args.rebuild:
            build_module.build(Project(root))
            touch_source(root, first_source_file(root), 1)
        global START
        START = time.perf_counter()
        build_module.build(Project(root))
        _log("built")


if __name__ == "__main__":
    main()
