"""Every drafted date that is not one of the records' and every record date the draft missed,
per source (issue 13), with the items that carry it and every date expression of the text.

Drafts each curated source leave-one-out exactly as ``draft --evaluate`` does (the corpora of
``bench_draft``). The causes in docs/draft.md are read from this output. Run:
``python -m tests.benchmarks.date_errors``.
"""

from __future__ import annotations

from tests.benchmarks.mention_errors import print_reports

from policygraph.drafting.dates import find_dates
from policygraph.drafting.evaluate import leave_one_out
from policygraph.records.model import RecordSet

KEYS = ("date", "observed_on")


def report_source(records: RecordSet, source_id: str) -> list[str]:
    left = leave_one_out(records, source_id)
    drafted: dict[str, list[str]] = {}
    for section in ("posts", "events", "signals"):
        for item in left.draft.sections.get(section, []):
            for key in KEYS:
                if item.get(key):
                    quote = str(item.get("quote"))[:70]
                    drafted.setdefault(str(item[key]), []).append(f"{item['id']}: {quote!r}")
    gold = {str(r.get(k)) for r in left.mine for k in KEYS if r.get(k)}
    lines = [f"  WRONG  {d} {drafted[d]}" for d in sorted(set(drafted) - gold)]
    lines += [f"  MISS   {d}" for d in sorted(gold - set(drafted))]
    if lines:
        source = records.sources[source_id]
        found = find_dates(source.text, source.published)
        lines.append(f"  published {source.published}; expressions: "
                     + ", ".join(f"{d.surface!r}={d.value or '?'}" + " (stamp)" * d.stamp
                                 for d in found))  # fmt: skip
    return lines


def main() -> None:
    print_reports(report_source)


if __name__ == "__main__":
    main()
