"""Whole-process time of ``policygraph query --name ...`` on the SASAC project, against
``python -c "import rdflib, typer"`` measured in the same run (target: at most 2x).

Run: ``python -m tests.benchmarks.bench_query_startup [--runs N] [--name QUERY]``.

Also measured, the same way: the floor no policygraph change can go below, a bare Typer app with
one command and one string option (typer 0.29 coerces every non-boolean parameter through a
pydantic ``TypeAdapter``, so running any command imports pydantic, about 45 ms); the same app
opening the embedded Oxigraph store (pyoxigraph's import and RocksDB's open); and
``policygraph --help``. The commands run in turn (one of each per round), so a busy machine
slows them alike; medians are reported.

Every process runs with bytecode caches, as an installed package has them (pip compiles on
install): ``PYTHONDONTWRITEBYTECODE`` is dropped from the environment so that the warm-up run
writes policygraph's ``__pycache__`` (the libraries in site-packages have theirs already).
Without them, compiling policygraph's own modules adds about 30-40 ms to every run.

Also checks, with ``python -X importtime``, that the command imports nothing heavy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: Modules the query path must not import (prefixes of dotted names).
HEAVY = (
    "networkx",
    "pyvis",
    "pyshacl",
    "pyparsing",
    "rdflib.plugins.sparql",
    "oxrdflib",
    "rich",
    "yaml",
    "jinja2",
)
BASELINE = "import rdflib, typer"
FLOOR_APP = """
import rdflib, typer
app = typer.Typer(add_completion=False)
@app.callback()
def main() -> None: pass
@app.command()
def query(name: str = typer.Option("", "--name")) -> None: pass
app()
"""


#: The same bare app, whose command opens the project's embedded store read-only (as
#: ``query`` does): RocksDB starts a pool of file-opening threads per column family on every
#: open (about 180 threads for Oxigraph's), which pyoxigraph gives no option to limit.
STORE_FLOOR_APP = FLOOR_APP.replace(
    "None: pass\napp()",
    "None:\n"
    "    import pyoxigraph\n"
    f"    root = {str(REPO / '.policygraph' / 'store')!r} + '/'\n"
    "    pyoxigraph.Store.read_only(root + open(root + 'CURRENT').read().strip())\n"
    "app()",
)


def query_command(name: str) -> list[str]:
    argv = [sys.executable, "-c", "from policygraph.cli import main; main()", "query"]
    argv += ["--name", name, "--project", str(REPO), "--format", "csv"]
    if name == "meeting-participants":
        argv += ["--param", "event=pgr:event-2025-07-10-sh-sasac-study-session"]
    return argv


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _seconds(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, cwd=REPO, env=env)
    return time.perf_counter() - start


def medians(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median seconds of each command, run in turn ``runs`` times after one warm-up each."""
    env = environment()
    for argv in commands.values():  # writes bytecode caches, builds the store if stale
        _seconds(argv, env)
    times: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(runs):
        for key, argv in commands.items():
            times[key].append(_seconds(argv, env))
    return {key: statistics.median(found) for key, found in times.items()}


def heavy_imports(command: list[str]) -> list[str]:
    """Modules matching HEAVY that the command imports."""
    argv = [sys.executable, "-X", "importtime", *command[1:]]
    done = subprocess.run(
        argv, check=True, capture_output=True, text=True, cwd=REPO, env=environment()
    )
    found = set()
    for line in done.stderr.splitlines():
        module = line.rsplit("|", 1)[-1].strip()
        for heavy in HEAVY:
            if module == heavy or module.startswith(heavy + "."):
                found.add(heavy)
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--name", default="meeting-participants")
    args = parser.parse_args()
    argv = query_command(args.name)
    commands = {
        "baseline": [sys.executable, "-c", BASELINE],
        "floor": [sys.executable, "-c", FLOOR_APP, "query", "--name", "x"],
        "store": [sys.executable, "-c", STORE_FLOOR_APP, "query", "--name", "x"],
        "query": argv,
        "help": [*argv[:3], "--help"],
    }
    found = medians(commands, args.runs)
    base = found["baseline"]
    rows = [
        ("baseline", f"python -c '{BASELINE}'"),
        ("floor", "bare typer app: one command, one str option"),
        ("store", "  + open the embedded Oxigraph store"),
        ("query", f"policygraph query --name {args.name}"),
        ("help", "policygraph --help"),
    ]
    print(f"bench_query_startup ({args.runs} runs each, interleaved; median)")
    for key, label in rows:
        print(f"  {label:<46} {found[key] * 1000:6.0f} ms  {found[key] / base:5.2f}x")
    verdict = "ok" if found["query"] <= 2 * base else "OVER"
    print(f"  query/baseline {found['query'] / base:.2f}x (target <= 2x: {verdict}); ", end="")
    own = (found["query"] - found["store"]) * 1000
    print(f"query - store floor {own:.0f} ms (policygraph's own)")
    print(f"  heavy imports: {', '.join(heavy_imports(argv)) or 'none'}")


if __name__ == "__main__":
    main()
