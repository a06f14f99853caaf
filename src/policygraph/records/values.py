"""Rules on the values of one record: ranges, dates in order, who voices a signal."""

from __future__ import annotations

from collections.abc import Iterator

from policygraph.dates import first_day, last_day
from policygraph.errors import Location
from policygraph.records.model import Record


def value_problems(record: Record) -> Iterator[tuple[Location, str]]:
    """Each problem with ``record``'s values, where it is."""
    conf = record.get("confidence")
    if conf is not None and not 0 <= conf <= 1:  # type: ignore[operator]
        yield record.field_where["confidence"], "confidence must be between 0 and 1"
    strength = record.get("strength")
    if strength is not None and not 1 <= strength <= 5:  # type: ignore[operator]
        yield record.field_where["strength"], "strength must be between 1 and 5"
    start, end = record.get("start"), record.get("end")
    if isinstance(start, str) and isinstance(end, str) and last_day(end) < first_day(start):
        yield record.field_where["end"], "end date is before start date"
    claim = record.claim or record.values
    if claim.get("nature") == "nature.interpretation" and record.get("speaker"):
        yield record.where, "an interpretation is attributed to its source, not to a speaker"
    directive = claim.get("nature") == "nature.directive"
    if directive and not record.restated and not claim.get("speaker"):
        yield (
            record.where,
            "a directive needs the 'speaker' who voiced it (a person or an organisation)",
        )
