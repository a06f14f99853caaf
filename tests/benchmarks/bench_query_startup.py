"""Whole-process time of ``policygraph query --name ...`` on the SASAC project, against
``python -c "import rdflib, typer"`` measured in the same run (target: at most 2x).

Run: ``python -m tests.benchmarks.bench_query_startup [--runs N] [--name QUERY]``.
Also checks, with ``python -X importtime``, that the command imports no networkx, pyvis or pyshacl.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("networkx", "pyvis", "pyshacl")


def _command(name: str) -> list[str]:
    code = "from policygraph.cli import main; main()"
    return [
        sys.executable,
        "-c",
        code,
        "query",
        "--name",
        name,
        "--project",
        str(REPO),
        "--format",
        "csv",
    ]


def _median_seconds(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=REPO)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def heavy_imports(command: list[str]) -> list[str]:
    """Top-level packages among HEAVY that the command imports."""
    argv = [sys.executable, "-X", "importtime", *command[1:]]
    done = subprocess.run(argv, check=True, capture_output=True, text=True, cwd=REPO)
    found = set()
    for line in done.stderr.splitlines():
        module = line.rsplit("|", 1)[-1].strip()
        if module.split(".")[0] in HEAVY:
            found.add(module.split(".")[0])
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--name", default="meeting-participants")
    args = parser.parse_args()
    argv = _command(args.name)
    if args.name == "meeting-participants":
        argv += ["--param", "event=pgr:event-2025-07-10-sh-sasac-study-session"]
    subprocess.run(argv, check=True, capture_output=True, cwd=REPO)  # warm the store and caches
    baseline = _median_seconds([sys.executable, "-c", "import rdflib, typer"], args.runs)
    command = _median_seconds(argv, args.runs)
    floor = _median_seconds([*argv[:3], "--help"], args.runs)
    print(f"bench_query_startup ({args.runs} runs, median)")
    print(f"  python -c 'import rdflib, typer'   {baseline * 1000:7.0f} ms")
    print(f"  policygraph query --name {args.name:<14} {command * 1000:7.0f} ms")
    print(f"  policygraph --help (CLI floor)     {floor * 1000:7.0f} ms")
    print(f"  ratio {command / baseline:.2f}x (target <= 2x); floor {floor / baseline:.2f}x")
    print(f"  heavy imports: {', '.join(heavy_imports(argv)) or 'none'}")


if __name__ == "__main__":
    main()
