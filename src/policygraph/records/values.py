"""Rules on the values of one record: ranges, dates in order, who voices a signal.

The numeric ranges are not written here: they are read from the packaged SHACL shapes
(``schema/shapes.ttl``), the one home of each rule, so that a record is refused with its
``file:line:col`` before anything is built, for the same bounds SHACL would check. Rules that need
the whole graph (a directive's speaker may come from the record another source declared) are left
to SHACL alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import SH

from policygraph.dates import first_day, last_day
from policygraph.errors import Location
from policygraph.project import packaged
from policygraph.records.model import Record
from policygraph.vocab import PG

#: record field -> the property the shapes bound (every ``sh:property`` with that ``sh:path``)
RANGED_FIELDS = {"confidence": PG.confidence, "strength": PG.strength}


@lru_cache(maxsize=1)
def shape_ranges() -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """``field -> (sh:minInclusive, sh:maxInclusive)`` as the packaged shapes declare them."""
    shapes = Graph().parse(
        data=packaged("schema/shapes.ttl").read_text(encoding="utf-8"), format="turtle"
    )
    ranges: dict[str, tuple[Decimal | None, Decimal | None]] = {}
    for field, prop in RANGED_FIELDS.items():
        lows, highs = [], []
        for shape in shapes.subjects(SH.path, prop):
            lows += [Decimal(str(v)) for v in shapes.objects(shape, SH.minInclusive)]
            highs += [Decimal(str(v)) for v in shapes.objects(shape, SH.maxInclusive)]
        ranges[field] = (max(lows, default=None), min(highs, default=None))
    return ranges


def _range_text(low: Decimal | None, high: Decimal | None) -> str:
    if low is not None and high is not None:
        return f"between {low} and {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def value_problems(record: Record) -> Iterator[tuple[Location, str]]:
    """Each problem with ``record``'s values, where it is."""
    for field, (low, high) in shape_ranges().items():
        value = record.get(field)
        if not isinstance(value, int | float | Decimal) or isinstance(value, bool):
            continue
        number = Decimal(str(value))
        if (low is not None and number < low) or (high is not None and number > high):
            yield record.field_where[field], f"{field} must be {_range_text(low, high)}"
    start, end = record.get("start"), record.get("end")
    if isinstance(start, str) and isinstance(end, str) and last_day(end) < first_day(start):
        yield record.field_where["end"], "end date is before start date"
    claim = record.claim or record.values
    if claim.get("nature") == "nature.interpretation" and record.get("speaker"):
        yield record.where, "an interpretation is attributed to its source, not to a speaker"
