"""The names section of a draft: one item per known entity the text names.

Also the two helpers every section's items use: the language tag of drafted words and the
``draft:`` mark (rule, confidence, what was guessed).
"""

from __future__ import annotations

from policygraph.drafting import places
from policygraph.drafting.gazetteer import Gazetteer
from policygraph.drafting.reading import Name, Reading
from policygraph.drafting.text import fold_label, has_cjk

ORGS = "organisations"
Item = dict[str, object]


def word_language(text: str, zh: str) -> str:
    """The tag of drafted words: ``zh`` is the source's tag for Chinese (``zh-Hant`` for
    traditional characters, ``language.chinese_tag``)."""
    return zh if has_cjk(text) else "en"


def draft_mark(rule: str, confidence: float, guessed: tuple[str, ...] = ()) -> Item:
    mark: Item = {"rule": rule, "confidence": round(confidence, 2)}
    if guessed:
        mark["guessed"] = list(guessed)
    return mark


def known_labels(gazetteer: Gazetteer) -> dict[str, set[str]]:
    labels: dict[str, set[str]] = {}
    for key, entries in gazetteer.patterns.items():
        for entry in entries:
            if entry.rule != "gazetteer.pinyin":
                labels.setdefault(entry.entity, set()).add(key)
    return labels


def _inner_bodies(name: Name, gazetteer: Gazetteer) -> list[Name]:
    """The known bodies named inside a known body's name: its parent ("Financial Commission
    Office of the CPC Shanghai Municipal Committee" names the committee)."""
    return [
        Name(name.start + m.start, name.start + m.end, m.surface, m.entity, m.section, True,
             "gazetteer.inside", 0.6)
        for m in gazetteer.find(name.surface, skip=name.id)
        if m.section == ORGS
    ]  # fmt: skip


def names_section(
    reading: Reading, gazetteer: Gazetteer, claims: list[tuple[int, int]], zh: str
) -> list[Item]:
    """One names item per known entity: its new spellings as alt labels, else its first name.

    A place only where it can be a location or a concern (``places.proposed``), and not as
    part of a new body's name; a body's parent named inside its name is proposed too
    ("General Office of the People's Bank of China", known or not, names the bank)."""
    labels = known_labels(gazetteer)
    mentions: dict[str, list[Name]] = {}
    # English candidates are capitalised names; Chinese ones are guessed from a suffix and are
    # often common nouns (上海国际金融中心, where 上海 is what the sentence is about)
    new_orgs = [
        (n.start, n.end)
        for n in reading.names
        if not n.known and n.section == ORGS and not has_cjk(n.surface)
    ]
    for name in reading.names:
        if name.section == "places" and not places.proposed(reading.text, name, claims):
            continue
        if name.section == ORGS and places.agency_in_dateline(reading.text, name.start, name.end):
            continue  # who filed the report
        if name.section == "places" and any(
            s <= name.start and name.end <= e and e - s > name.end - name.start for s, e in new_orgs
        ):
            continue  # part of a new body's name: its place, said in passing
        if name.known and not name.coreferent:
            mentions.setdefault(name.id, []).append(name)
        if name.known and name.section == ORGS and not name.coreferent:
            for inner in _inner_bodies(name, gazetteer):
                mentions.setdefault(inner.id, []).append(inner)
    items: list[Item] = []
    for entity, found in mentions.items():
        new = [n for n in found if fold_label(n.surface) not in labels.get(entity, set())]
        new = list({fold_label(n.surface): n for n in reversed(new)}.values())[::-1]
        first = (new or found)[0]
        item: Item = {"entity": entity, "quote": first.surface}
        if new:
            alt: dict[str, list[str]] = {}
            for n in new:
                romanised = n.rule.startswith("gazetteer.pinyin")
                alt.setdefault(
                    "zh-Latn-pinyin" if romanised else word_language(n.surface, zh), []
                ).append(n.surface)
            item["alt_labels"] = alt
            if len(new) > 1:
                item["quote"] = [n.surface for n in new]
        item["draft"] = draft_mark(first.rule, first.confidence)
        items.append(item)
    return items
