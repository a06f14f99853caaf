"""Every false positive and miss of the known-mention measure, per source (issue 13).

Drafts each curated source leave-one-out exactly as ``draft --evaluate`` does (the corpora of
``bench_draft``) and prints, per source, the drafted mentions that are not the records' (with
the surface and rule that found them) and the records' mentions the draft missed (with whether
any label the gazetteer had for the entity occurs in the text), then the known-mention scores
of ``draft --evaluate`` (this repository's sources) by half and by language, and its
misses by kind with the recall a gazetteer of labels could reach at best. The
classification in docs/draft.md is read from this output. Run: ``python -m
tests.benchmarks.mention_errors``.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.benchmarks.bench_draft import CORPORA

from policygraph.build import load_project
from policygraph.drafting.evaluate import Evaluation, evaluate, leave_one_out
from policygraph.drafting.gold import drafted_mentions, series
from policygraph.drafting.reading import read_text
from policygraph.drafting.text import fold
from policygraph.project import Project
from policygraph.records.model import RecordSet


def _label_texts(records: RecordSet, entity: str) -> list[str]:
    found: list[str] = []
    for r in records.records:
        if r.id == entity or (r.section == "names" and r.get("entity") == entity):
            for key in ("labels", "alt_labels", "hidden_labels"):
                value = r.get(key)
                if isinstance(value, dict):
                    for v in value.values():
                        found.extend(map(str, v if isinstance(v, tuple | list) else [v]))
    return found


def report_source(records: RecordSet, source_id: str) -> list[str]:
    left = leave_one_out(records, source_id)
    mine, entities, gazetteer, draft = left.mine, left.entities, left.gazetteer, left.draft
    source = records.sources[source_id]
    names = {str(i["entity"]): i for i in draft.sections.get("names", [])}
    curated = left.used_here - left.own
    parents = series(mine, records.records) | {
        str(entities[e].get(k))
        for e in curated
        if e in entities
        for k in ("unit_of", "part_of", "scope")
        if entities[e].get(k)
    }
    reading = read_text(source.text, source.published, gazetteer)
    folded = fold(source.text)
    lines: list[str] = []
    in_roles = (drafted_mentions(draft.sections) & (set(entities) - left.own)) - set(names)
    for entity in sorted(set(names) | in_roles):
        kind = "ok" if entity in curated else "PARENT" if entity in parents else "FP"
        item = names.get(entity)
        if item is None:
            lines.append(f"  {kind:6} {entity:45} (referred to by a drafted post, event or signal)")
            continue
        rule = item["draft"]["rule"] if isinstance(item["draft"], dict) else "?"
        lines.append(f"  {kind:6} {entity:45} {item['quote']!r} ({rule})")
    for entity in sorted(curated - set(names) - in_roles):
        labels = _label_texts(records, entity)
        known = [n.surface for n in reading.names if n.id == entity]
        present = [x for x in labels if fold(x) in folded]
        why = f"read as {known}" if known else f"labels in text: {present}"
        lines.append(f"  MISS   {entity:45} {why}; labels {labels[:6]}")
    return lines


def summary(evaluation: Evaluation) -> list[str]:
    """Known mentions, lenient and strict, for all sources and each half, by language."""
    lines = ["| sources | precision | recall | strict precision |", "| --- | --- | --- | --- |"]
    halves = (("all", evaluation), ("tuning half", evaluation.half(held_out=False)),
              ("held-out half", evaluation.half(held_out=True)))  # fmt: skip
    for title, half in halves:
        for language, part in (("", half), (" en", half.only("en")), (" zh", half.only("zh"))):
            s, strict = part.scores["known mentions"], part.scores["known mentions, strict"]
            lines.append(
                f"| {title}{language} ({len(part.sources)}) | {s.correct}/{s.drafted} = "
                f"{s.precision or 0:.3f} | {s.found}/{s.curated} = {s.recall or 0:.3f} | "
                f"{strict.correct}/{strict.drafted} = {strict.precision or 0:.3f} |"
            )
    return lines


def print_reports(report: Callable[[RecordSet, str], list[str]]) -> None:
    """``report``'s lines for each curated source of the benchmark's corpora (a text in two
    corpora once)."""
    seen: set[str] = set()
    for name, root in CORPORA.items():
        records = load_project(Project(root))
        for source_id in sorted({r.source_id for r in records.records if r.graph == "source"}):
            text = records.sources[source_id].text
            if text in seen:
                continue
            seen.add(text)
            lines = report(records, source_id)
            print(f"{source_id} [{name.split()[0]}] {records.sources[source_id].language}")
            print("\n".join(lines) if lines else "  (none)")


#: How a miss reads in ``report_source``'s lines, and what it says.
MISS_KINDS = {
    "read as": "named by a label and read, not proposed (a place the rules withhold)",
    "labels in text: []": "named by none of its labels (a description, paraphrase, coreference)",
    "labels in text: [": "named by a label only its own source's records give (unknown left out)",
}


def tally(lines: list[str], curated: int) -> list[str]:
    """The misses by kind, and the recall a drafter that finds every entity named by one of its
    labels would reach: the ceiling of a gazetteer of labels."""
    misses = [line for line in lines if line.lstrip().startswith("MISS")]
    kinds = [next(k for k in MISS_KINDS if k in line) for line in misses]  # the first that fits
    counts = {kind: kinds.count(kind) for kind in MISS_KINDS}
    out = [f"misses: {len(misses)} of {curated} curated mentions"]
    out += [f"  {n:4}  {MISS_KINDS[kind]}" for kind, n in counts.items()]
    unnamed = counts["labels in text: []"]
    out.append(f"ceiling of a label gazetteer: ({curated} - {unnamed}) / {curated} = "
               f"{(curated - unnamed) / curated:.3f}")  # fmt: skip
    return out


def main() -> None:
    print_reports(report_source)
    records = load_project(Project(CORPORA["data/ (curated by hand)"]))
    evaluation = evaluate(records)
    print("\nknown mentions of `draft --evaluate` (data/), by half and language:\n")
    print("\n".join(summary(evaluation)))
    lines = [line for s in evaluation.sources for line in report_source(records, s)]
    print("\n" + "\n".join(tally(lines, evaluation.scores["known mentions"].curated)))


if __name__ == "__main__":
    main()
