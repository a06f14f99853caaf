"""Dates as precise as a source gives them: ``2025``, ``2025-06`` or ``2025-06-18``.

A date is kept as its ISO text and never made more precise than it was written: "in June 2025" is
``2025-06`` (``xsd:gYearMonth``), not an invented day. Text order is date order, with a month
before its days and a year before its months (``2025`` < ``2025-06`` < ``2025-06-01``), so sorting
by the text puts partial dates first among the dates they cover; a range filter (``--since``,
``--until``) keeps a partial date whose span overlaps the range.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

from policygraph.namespaces import XSD

if TYPE_CHECKING:
    from rdflib import Literal

PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DATATYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"


def parse_date(text: str) -> str | None:
    """``text`` if it is a real date of one of the three forms, else ``None``."""
    text = text.strip()
    if not PATTERN.match(text):
        return None
    try:
        first_day(text)
        if len(text) == 10:
            dt.date.fromisoformat(text)
    except ValueError:
        return None
    return text


def first_day(text: str) -> dt.date:
    """The first day a date covers."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def last_day(text: str) -> dt.date:
    """The last day a date covers."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    month = parts[1] if len(parts) == 2 else 12
    return dt.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def overlaps(text: str, since: str | None, until: str | None) -> bool:
    """Whether the span of ``text`` meets the range [since, until] (either end open)."""
    if since is not None and last_day(text) < first_day(since):
        return False
    return not (until is not None and first_day(text) > last_day(until))


def date_literal(text: str) -> Literal:
    """The typed literal of a date: ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``."""
    from rdflib import Literal, URIRef  # only the build makes literals: views read dates

    return Literal(text, datatype=URIRef(DATATYPES[len(text)]))
