"""Drawing a big view, alternated with other code: the first picture and the ready mark.

Writes the pages ``make_view`` makes for ``bench_views.shaped_store(shape, n)`` with this tree's
policygraph and, with ``--before SRC``, with the policygraph of another ``src/`` folder (run in
a process of its own, ``PYTHONPATH=SRC``). Then loads them in turn in one headless Chromium, a
new tab per load, for ``--rounds`` rounds, so that a busy moment of the shared machine slows
each a little rather than one a lot. Reports medians: *picture*, from navigation to the picture
mark (``window.policygraphPictureAt``, big views only); *drawn*, to the ready mark (interactive);
*CPU*, the CPU time of the renderer processes over the same time (Chrome's
``SystemInfo.getProcessInfo``), which moves far less than wall time when other work shares the
cores; with the load average before and after. Run:

    python -m tests.benchmarks.bench_draw [--before SRC] [--rounds 7] [--size 10000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.chromium import ARGS, CHROMIUM

SHAPES = ("flat", "dense", "powerlaw")
ROOT = Path(__file__).resolve().parents[2]


def write_pages(folder: Path, n: int) -> None:
    """The pages of the three shapes, made by whichever policygraph is imported."""
    from tests.benchmarks.bench_views import shaped_store

    from policygraph.views import make_view

    folder.mkdir(parents=True, exist_ok=True)
    for shape in SHAPES:
        html = make_view(shaped_store(shape, n), title="synthetic").html
        (folder / f"{shape}.html").write_text(html, encoding="utf-8")


def _renderer_cpu(browser: Any) -> dict[int, float]:
    session = browser.new_browser_cdp_session()
    info = session.send("SystemInfo.getProcessInfo")["processInfo"]
    session.detach()
    return {p["id"]: p["cpuTime"] for p in info if p["type"] == "renderer"}


def load(browser: Any, path: Path) -> tuple[float | None, float, float]:
    """Seconds to the picture mark (None without one) and to the ready mark, and CPU seconds."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        before = _renderer_cpu(browser)
        page.goto(path.as_uri(), wait_until="commit")
        page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=60000)
        after = _renderer_cpu(browser)
        picture, ready = page.evaluate("[window.policygraphPictureAt, window.policygraphReadyAt]")
        page.fill("#pg-search", "Official 1")  # and it responds
        page.wait_for_selector("#pg-hits li", timeout=5000)
    finally:
        page.close()
    cpu = sum(t - before.get(pid, 0.0) for pid, t in after.items())
    return None if picture is None else picture / 1000, ready / 1000, cpu


def _median(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{statistics.median(known):.2f} s" if known else ""


def run(trees: dict[str, Path], rounds: int) -> str:
    from playwright.sync_api import sync_playwright

    times: dict[tuple[str, str], list[tuple[float | None, float, float]]] = {}
    load_before = os.getloadavg()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(rounds):
            for shape in SHAPES:
                for name, folder in trees.items():
                    times.setdefault((shape, name), []).append(
                        load(browser, folder / f"{shape}.html")
                    )
        browser.close()
    load_after = os.getloadavg()
    rows = [
        f"| {shape} | {name} | {_median([t[0] for t in got])} | {_median([t[1] for t in got])} "
        f"| {_median([t[2] for t in got])} |"
        for (shape, name), got in times.items()
    ]
    return (
        f"{rounds} rounds; load average {load_before[0]:.2f} before, {load_after[0]:.2f} after\n\n"
        "| shape | code | picture | drawn | CPU |\n|---|---|---:|---:|---:|\n" + "\n".join(rows)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="a src/ folder to compare with")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--write", type=Path, help=argparse.SUPPRESS)  # a process of its own
    args = parser.parse_args()
    if args.write is not None:
        write_pages(args.write, args.size)
        return
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"this tree": Path(tmp, "after")}
        write_pages(trees["this tree"], args.size)
        if args.before is not None:
            trees = {"before": Path(tmp, "before"), **trees}
            env = {**os.environ, "PYTHONPATH": f"{args.before.resolve()}{os.pathsep}{ROOT}"}
            command = [sys.executable, "-m", "tests.benchmarks.bench_draw", "--write"]
            command += [str(trees["before"]), "--size", str(args.size)]
            subprocess.run(command, check=True, cwd=ROOT, env=env)
        print(run(trees, args.rounds))


if __name__ == "__main__":
    main()
