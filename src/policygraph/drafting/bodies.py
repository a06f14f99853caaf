"""Records' labels as the gazetteer reads them, and what it knows of bodies beyond their names:
each place's government."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from policygraph.drafting.text import fold_label
from policygraph.records.model import Record

GOVERNMENT_ENDINGS = ("政府", "government")


def label_values(values: Mapping[str, object], name: str) -> Iterator[tuple[str, str]]:
    """(language, text) of each label of a record's ``labels``, ``alt_labels`` ... field."""
    labels = values.get(name)
    if not isinstance(labels, Mapping):
        return
    for lang, value in labels.items():
        for text in value if isinstance(value, tuple | list) else (value,):
            if isinstance(text, str) and text.strip():
                yield str(lang), text


def _labels(record: Record) -> list[str]:
    return [
        fold_label(text)
        for name in ("labels", "alt_labels")
        for _, text in label_values(record.values, name)
    ]


def governments_of(records: Iterable[Record]) -> dict[str, str]:
    """Each place's government: the one organisation located there whose label ends in
    "government" or 政府 ("Shanghai Municipal People's Government", 上海市人民政府), the body a
    mayor's title names although the text does not ("上海市常务副市长", "Shanghai Mayor")."""
    found: dict[str, set[str]] = {}
    for record in records:
        place = record.get("location") if record.section == "organisations" else None
        if record.id and place and any(x.endswith(GOVERNMENT_ENDINGS) for x in _labels(record)):
            found.setdefault(str(place), set()).add(record.id)
    return {place: next(iter(ids)) for place, ids in found.items() if len(ids) == 1}
