"""Whole-process wall time of the everyday commands, start-up included (issue 11: "no command
slower than today, start-up included").

Run: ``python -m tests.benchmarks.bench_startup [--runs N] [--before SRC] [--only TEXT]``.

Commands, each in a fresh process: ``policygraph --version``, ``--help``, ``view --input`` of the
2,000-node N-Quads graphs of ``bench_views`` (flat, dense, power-law), ``query --input`` of the
SASAC Turtle golden (a count), and ``build`` of a fresh copy of ``tests/fixtures/sasac`` (its
first build: store and all). One warm-up run of each, then ``--runs`` rounds, each running every
command once (so a busy machine slows them alike); medians of wall and CPU (user and system)
seconds are reported, with the load average before and after.

``--before SRC`` also runs every command with ``PYTHONPATH=SRC`` (a ``src/`` folder, e.g. from
``git archive main src``), interleaved with this tree's, so that both are timed at the same load.

Bytecode caches are written and used, as in an installed package (``PYTHONDONTWRITEBYTECODE``
is dropped from the environment).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def commands(folder: Path) -> dict[str, list[str]]:
    """Each command's arguments after ``python -m policygraph``; writes the inputs to ``folder``."""
    from tests.benchmarks.bench_views import SHAPES, _nquads, shaped_store

    found = {"--version": ["--version"], "--help": ["--help"]}
    for shape in SHAPES:
        graph = folder / f"{shape}-2000.nq"
        if not graph.exists():
            graph.write_bytes(_nquads(shaped_store(shape, 2000)))
        view = ["view", "--input", str(graph), "-o", str(folder / "v.html")]
        found[f"view --input ({shape} 2k)"] = view
    turtle = REPO / "tests" / "golden" / "policygraph.ttl"
    query = ["query", "--input", str(turtle), "--format", "csv", COUNT]
    found["query --input (SASAC .ttl)"] = query
    found["build (SASAC fixture)"] = ["build", "-P", str(folder / "project")]
    return found


def environment(src: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def timed(args: list[str], env: dict[str, str], folder: Path) -> tuple[float, float]:
    """Wall and CPU (user and system) seconds of one run."""
    if args[0] == "build":  # a first build each time, as after a clone
        shutil.rmtree(folder / "project", ignore_errors=True)
        shutil.copytree(REPO / "tests" / "fixtures" / "sasac", folder / "project")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "policygraph", *args], capture_output=True, env=env, check=False
    )
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode not in (0, 2):  # 2: a usage error (``--version`` where it is unknown)
        raise SystemExit(f"{args}: exit {done.returncode}\n{done.stderr.decode()}")
    return took, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="a src/ folder to compare with")
    parser.add_argument("--only", default="", help="time only the commands containing this")
    args = parser.parse_args()
    trees = {"after": environment(None)}
    if args.before is not None:
        trees = {"before": environment(args.before.resolve()), **trees}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        todo = {k: v for k, v in commands(folder).items() if args.only in k}
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        load = [os.getloadavg()[0]]
        for round_ in range(args.runs + 1):
            for name, argv in todo.items():
                for tree, env in trees.items():
                    took = timed(argv, env, folder)
                    if round_:  # the first round warms up (and writes bytecode)
                        times.setdefault((name, tree), []).append(took)
        load.append(os.getloadavg()[0])
    print(f"bench_startup: median of {args.runs}, load average {load[0]:.2f} -> {load[1]:.2f}")
    print(f"  {'command':<28}" + "".join(f"{tree + ' wall (CPU)':>22}" for tree in trees))
    for name in todo:
        row = ""
        for tree in trees:
            wall = statistics.median(w for w, _ in times[(name, tree)])
            cpu = statistics.median(c for _, c in times[(name, tree)])
            row += f"{wall:13.3f} s ({cpu:.3f} s)"
        print(f"  {name:<28}{row}")


if __name__ == "__main__":
    main()
