"""``draft --evaluate``'s rows by language and by source: the same scores, split.

The totals of ``evaluate.render_report`` are sums over sources; these rows are the same
leave-one-out scores of each source, summed per language or shown alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from policygraph.drafting.evaluate import MEASURES, Evaluation, Score

#: The measures a row shows (the strict mentions row is in the full table).
MAIN = tuple(m for m in MEASURES if m != "known mentions, strict")


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _cells(scores: Mapping[str, Score]) -> str:
    return " | ".join(f"{_ratio(scores[m].precision)} / {_ratio(scores[m].recall)}" for m in MAIN)


def _table(first: Iterable[str], rows: list[tuple[list[str], Mapping[str, Score]]]) -> str:
    head = [*first, *(f"{m} P / R" for m in MAIN)]
    lines = [
        f"| {' | '.join(head)} |",
        f"| {' | '.join('---' for _ in first)} | {' | '.join('---:' for _ in MAIN)} |",
    ]
    lines += [f"| {' | '.join(cells)} | {_cells(scores)} |" for cells, scores in rows]
    return "\n".join(lines) + "\n"


def render_by_language(evaluation: Evaluation) -> str:
    """A row per language (the sources' ``language``, ``?`` when unknown), then all."""
    rows: list[tuple[list[str], Mapping[str, Score]]] = []
    for language in sorted(set(evaluation.languages.values())):
        part = evaluation.only(language)
        rows.append(([language, str(len(part.sources))], part.scores))
    rows.append((["all", str(len(evaluation.sources))], evaluation.scores))
    intro = "**By language (leave one out; precision / recall)**\n\n"
    return intro + _table(["language", "sources"], rows)


def render_by_source(evaluation: Evaluation) -> str:
    """A row per source: its language and the main measures."""
    rows: list[tuple[list[str], Mapping[str, Score]]] = [
        ([source, evaluation.tags.get(source, evaluation.languages.get(source, "?"))],
         evaluation.per_source[source])
        for source in sorted(evaluation.sources)
    ]  # fmt: skip
    intro = "**By source (leave one out; precision / recall)**\n\n"
    return intro + _table(["source", "language"], rows)
