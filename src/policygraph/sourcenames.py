"""How a source is named when shown: the one home of that rule.

A source whose title is unknown (a stored copy without its headline, a ``.txt`` added by hand)
keeps no ``dcterms:title``: nothing is invented. Where its publisher and date are shown beside
it (``support``, ``digest``'s new sources, ``search --text``) it is "(untitled)"; where it is
shown alone (its ``skos:prefLabel``, written by the build, so every view, card and timeline
reads the same name) it is named by who published it and when.
"""

from __future__ import annotations

#: An unknown title, shown beside the source's publisher and date.
UNTITLED = "(untitled)"


def source_title(title: str | None) -> str:
    """The title, or ``UNTITLED``: for a line that also shows the publisher and date."""
    return title or UNTITLED


def source_label(title: str | None, publisher: str | None, issued: str | None) -> str:
    """The title, or "publisher, date (untitled)": for a place that shows the source alone."""
    if title:
        return title
    return f"{publisher or 'unknown publisher'}, {issued or 'undated'} {UNTITLED}"
