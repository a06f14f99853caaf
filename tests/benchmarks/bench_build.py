"""``build`` and ``validate`` of a synthetic tracker project, from scratch and after one change.

Each measurement is a whole ``policygraph`` process (start-up included); the figure is the
median of ``--runs`` runs, and the peak is the largest resident set of those processes (from
``os.wait4``). "From scratch" removes ``graph/`` and ``.policygraph/`` (store, caches) first;
"one source changed" edits one source's records after a full build, so every cache is warm.

    python -m tests.benchmarks.bench_build --sources 1000 --runs 3

prints a Markdown table (the one in docs/bench-build.md).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.tracker import tracker_parser, tracker_project

CHANGED = "bench-0002.yaml"


def _run(args: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MB of one successful ``policygraph`` process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "policygraph", *args], stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:  # the generated data conforms: anything else is a bug
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(f"policygraph {' '.join(args)} exited {code}:\n{tail}")
    return seconds, usage.ru_maxrss / 1024


def _scratch(root: Path) -> None:
    shutil.rmtree(root / "graph", ignore_errors=True)
    shutil.rmtree(root / ".policygraph", ignore_errors=True)


def first_source_file(root: Path) -> str:
    """``CHANGED`` in a generated project, else the first record file of a source graph."""
    records = root / "data" / "records"
    if (records / CHANGED).is_file():
        return CHANGED
    for path in sorted(records.glob("*.yaml")):
        if "\ngraph: source\n" in "\n" + path.read_text(encoding="utf-8"):
            return path.name
    raise SystemExit(f"no record file of a source graph in {records}")


def touch_source(root: Path, changed: str, run: int) -> None:
    """Change one source's record file: a comment line (new bytes) and, when it has one, the
    first signal's confidence (a new triple, so SHACL's cache has that signal to check again)."""
    path = root / "data" / "records" / changed
    text = path.read_text(encoding="utf-8")
    old = "    confidence: 0.8\n"
    if old in text:
        text = text.replace(old, f"    confidence: 0.{run % 7 + 1}1\n", 1)
    path.write_text(f"{text}# benchmark edit {run}\n", encoding="utf-8")


def measure(
    root: Path,
    runs: int,
    changed: str = CHANGED,
    *,
    scratch_only: bool = False,
    validate_only: bool = False,
) -> dict[str, tuple[float, float]]:
    """Median seconds and peak MB for each case (``scratch_only``: the first two;
    ``validate_only``: validate from scratch, then after one change)."""
    project = ["--project", str(root)]
    cases: dict[str, list[tuple[float, float]]] = {}
    for run in range(runs):
        _scratch(root)
        cases.setdefault("validate, from scratch", []).append(_run(["validate", *project]))
        if validate_only:
            touch_source(root, changed, run)
            validated = _run(["validate", *project])
            cases.setdefault("validate, one source changed", []).append(validated)
            continue
        _scratch(root)
        cases.setdefault("build, from scratch", []).append(_run(["build", *project]))
        if scratch_only:
            continue
        touch_source(root, changed, run)
        cases.setdefault("build, one source changed", []).append(_run(["build", *project]))
        touch_source(root, changed, run + 100)
        cases.setdefault("validate, one source changed", []).append(_run(["validate", *project]))
    return {
        name: (statistics.median(s for s, _ in got), max(m for _, m in got))
        for name, got in cases.items()
    }


def main() -> None:
    parser = tracker_parser(__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--changed", help=f"the record file to change ({CHANGED}, or a project's first source's)"
    )
    parser.add_argument("--scratch-only", action="store_true", help="skip the one-change cases")
    parser.add_argument("--validate-only", action="store_true", help="skip the build cases")
    args = parser.parse_args()
    with tracker_project(args, "bench-build") as root:
        results = measure(
            root,
            args.runs,
            args.changed or first_source_file(root),
            scratch_only=args.scratch_only,
            validate_only=args.validate_only,
        )
    if args.copies:
        copied = args.project.name if args.project else "this repository"
        label = f"{args.copies} copies of {copied}"
    elif args.project:
        label = f"{args.project.name or 'project'}/data"
    else:
        label = f"{args.sources} sources"
    print(f"| {label} | case | median s | peak MB |\n| --- | --- | ---: | ---: |")
    for name, (seconds, peak) in results.items():
        print(f"| {label} | {name} | {seconds:.1f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
