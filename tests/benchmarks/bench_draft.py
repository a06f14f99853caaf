"""Benchmark: the quality and speed of ``policygraph draft`` (issue 13).

Quality: a leave-one-out evaluation of every curated source in ``data/``, ``tests/fixtures/multi``
and ``tests/fixtures/drafting`` (a text in two projects is counted once): each source is drafted
with a gazetteer of the *other* sources' records and the reference entities (without the names it
gives and without the entities only it uses), then compared with its curated records.
Speed: drafting a 10,000-character article once the project is loaded, the whole ``draft``
verb (project loading included), and ``add`` of an HTML page.
Writes the tables into ``docs/draft.md``. Run: ``python -m tests.benchmarks.bench_draft``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from policygraph.build import load_project
from policygraph.drafting.archive import add
from policygraph.drafting.dates import find_dates
from policygraph.drafting.draft import draft, draft_text
from policygraph.drafting.evaluate import Evaluation, evaluate, render_table
from policygraph.drafting.gazetteer import build_gazetteer
from policygraph.project import Project

REPO = Path(__file__).resolve().parents[2]
CORPORA = {  # multi first: there the SASAC article is drafted with the other sources' records
    "tests/fixtures/multi (curated by hand)": REPO / "tests" / "fixtures" / "multi",
    "data/ (curated by hand)": REPO,
    "tests/fixtures/drafting (fictional zh/en, written with the drafter)": (
        REPO / "tests" / "fixtures" / "drafting"
    ),
}
REPORT = REPO / "docs" / "draft.md"
START, END = "<!-- bench-draft:start -->", "<!-- bench-draft:end -->"
COMMAND = "python -m tests.benchmarks.bench_draft"


def quality() -> tuple[Evaluation, dict[str, Evaluation]]:
    seen: set[str] = set()
    total = Evaluation()
    parts: dict[str, Evaluation] = {}
    for name, root in CORPORA.items():
        part = evaluate(load_project(Project(root)), skip_texts=seen)
        parts[name] = part
        total.merge(part)
    return total, parts


DATE_CASES = REPO / "tests" / "fixtures" / "drafting" / "dates.yaml"


def date_expressions() -> tuple[int, int, int]:
    """Annotated date expressions: (values right, values expected, days the text never gave)."""
    right = expected = invented = 0
    for case in yaml.safe_load(DATE_CASES.read_text(encoding="utf-8")):
        got = [d.value for d in find_dates(case["text"], case["published"])]
        want = case["expected"]
        expected += len(want)
        if len(got) == len(want):
            right += sum(g == w for g, w in zip(got, want, strict=True))
        invented += sum(1 for g in got if len(g) == 10 and g not in want)
    return right, expected, invented


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def speed() -> dict[str, float]:
    records = load_project(Project(REPO))
    base = records.sources["ffc-sasac-crypto-study"]
    text = (base.text * 2)[:10_000]
    source = type(base)(**{**base.__dict__, "text": text})
    gazetteer = build_gazetteer(records.records)
    draft_text(source, gazetteer)  # warm: imports, the automaton's first use
    timings = {"draft a 10,000-character article (project loaded)": best_of(
        5, lambda: draft_text(source, gazetteer))}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        shutil.copytree(REPO / "tests" / "fixtures" / "multi", root)
        project = Project(root)
        timings["`draft` verb on the 8,693-character SASAC article (loading included)"] = best_of(
            3, lambda: draft("ffc-sasac-crypto-study", project)
        )
        page = REPO / "tests" / "fixtures" / "draft" / "article.html"
        counter = iter(range(100))
        start = time.perf_counter()
        add(str(page), project, source_id="warm-up")
        timings["`add` of an HTML page, first call (trafilatura imported)"] = (
            time.perf_counter() - start
        )
        timings["`add` of an HTML page, later calls"] = best_of(
            3,
            lambda: (
                add(str(page), project, source_id=f"page-{next(counter)}")
                if _forget(project)
                else None
            ),
        )
    return timings


def _forget(project: Project) -> bool:
    """Remove archived copies so the next ``add`` is not refused as a duplicate."""
    for path in project.sources_dir.glob("page-*"):
        path.unlink()
    for path in project.sources_dir.glob("warm-up.*"):
        path.unlink()
    return True


def render(
    total: Evaluation,
    parts: dict[str, Evaluation],
    dates: tuple[int, int, int],
    timings: dict[str, float],
) -> str:
    lines = [f"Made by `{COMMAND}` (leave one out; a signal matches when its quote overlaps a "
             "curated one).", "", "**All sources**", "", render_table(total)]  # fmt: skip
    for language in sorted(set(total.languages.values())):
        lines += [f"**Sources in `{language}`**", "", render_table(total.only(language))]
    for title, held_out in (("Tuning half", False), ("Held-out half", True)):
        half = total.half(held_out=held_out)
        lines += [f"**{title} of all sources** (sorted ids at {'odd' if held_out else 'even'} "
                  "positions)", "", render_table(half)]  # fmt: skip
    for name, part in parts.items():
        if part.sources:  # a text already counted in an earlier corpus is not counted again
            lines += [f"**{name}**", "", render_table(part)]
    right, expected, invented = dates
    lines += [
        f"**Date expressions** (`{DATE_CASES.relative_to(REPO)}`, annotated): "
        f"{right}/{expected} values right ({right / expected:.2f}); "
        f"days given that the text does not state: {invented}",
        "",
    ]
    lines += [
        "**Speed** (best of several runs, seconds)",
        "",
        "| step | seconds |",
        "| --- | ---: |",
    ]
    lines += [f"| {step} | {seconds:.3f} |" for step, seconds in timings.items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    total, parts = quality()
    timings = speed()
    report = render(total, parts, date_expressions(), timings)
    print(report)
    if REPORT.exists():
        text = REPORT.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
        if pattern.search(text):
            REPORT.write_text(pattern.sub(f"{START}\n{report}{END}", text), encoding="utf-8")
            print(f"updated {REPORT}")


if __name__ == "__main__":
    main()
