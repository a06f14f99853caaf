"""Memory of a ``build`` and of every process it forks: the peak of their PSS summed.

    python -m tests.benchmarks.build_memory --sources 1000     # from scratch, then one change
    python -m tests.benchmarks.build_memory --project DIR      # a copy of DIR's data/

A forked child shares its parent's pages until either writes them, so resident sizes added up
count shared pages twice; PSS (``/proc/PID/smaps_rollup``) charges each shared page in part to
each process sharing it, and its sum is what the build takes from the machine. Sampled every
0.2 s (a peak between two samples is missed); also prints the largest single process (its
``ru_maxrss``-like peak of PSS among the samples) and the wall time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.bench_build import CHANGED, touch_source
from tests.benchmarks.tracker import tracker_parser, tracker_project


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(_children(current))
    return found


def _pss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(root: Path) -> tuple[float, float, float, int]:
    """Seconds, peak summed PSS (MB), peak single-process PSS (MB), most processes at once."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "policygraph", "build", "--project", str(root)],
        stdout=subprocess.DEVNULL,
    )
    total = single = 0.0
    most = 0
    while process.poll() is None:
        sizes = [_pss_mb(pid) for pid in _tree(process.pid)]
        total, single = max(total, sum(sizes)), max(single, *sizes, 0.0)
        most = max(most, len(sizes))
        time.sleep(0.2)
    if process.returncode != 0:
        raise SystemExit(f"build exited {process.returncode}")
    return time.perf_counter() - start, total, single, most


def main() -> None:
    args = tracker_parser(__doc__.splitlines()[0]).parse_args()
    with tracker_project(args, "build-memory") as root:
        print(f"{'case':<28} {'s':>7} {'PSS sum MB':>11} {'largest MB':>11} {'procs':>6}")
        for case in ("from scratch", "one source changed"):
            if case != "from scratch":
                touch_source(root, CHANGED, os.getpid())
            seconds, total, single, most = measure(root)
            print(f"{case:<28} {seconds:7.1f} {total:11.0f} {single:11.0f} {most:6d}")


if __name__ == "__main__":
    main()
