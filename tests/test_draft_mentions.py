"""Known mentions (issue 13): the evaluation's definition, and the matching rules that raised
its precision and recall. Sentences and names are made up for these tests; nothing is read
from data/."""

from __future__ import annotations

from pathlib import Path

from policygraph.drafting.draft import Item, draft_text
from policygraph.drafting.gazetteer import Entry, Gazetteer, build_gazetteer
from policygraph.drafting.gold import series
from policygraph.drafting.text import VARIANTS
from policygraph.errors import Location
from policygraph.records.model import Record, Source

ORG = "organisations"


def record(section: str, values: dict[str, object], graph: str = "source") -> Record:
    where = Location(Path("/nonexistent/r.yaml"), 1, 1)
    rid = str(values.get("id", ""))
    return Record(section, rid, graph, "s" if graph == "source" else "", values, where)


def source(text: str, language: str = "en") -> Source:
    path = Path("/nonexistent/s.txt")
    return Source("s", "news-article", None, None, None, language, "2026-03-12", None, None,
                  None, text, path, path)  # fmt: skip


def names(text: str, known: Gazetteer, language: str = "en") -> list[Item]:
    return draft_text(source(text, language), known).sections.get("names", [])


def test_the_forum_of_an_event_the_records_refer_to_is_its_parent() -> None:
    edition = record(
        "events", {"id": "event-1", "labels": {"en": "2026 Harbour Forum"},
                   "edition_of": "forum-harbour"}, graph="other",
    )  # fmt: skip
    signal = record("signals", {"id": "signal-1", "occasion": "event-1"})
    assert series([signal], [edition, signal]) == {"forum-harbour"}
    assert series([], [edition]) == set()


def test_taiwan_word_forms_find_a_name_known_in_mainland_form() -> None:
    assert all(len(a) == len(b) for a, b in VARIANTS.items())  # offsets are kept
    centre = Entry("prog-centre", "programmes", "数字人民币国际运营中心", "gazetteer.label")
    text = "台媒：數位人民幣國際運營中心在上海啟用。"
    (found,) = Gazetteer([centre]).find(text)
    assert (found.surface, found.entity) == ("數位人民幣國際運營中心", "prog-centre")


def test_a_descriptive_name_of_three_words_matches_in_any_order() -> None:
    centre = record(
        "programmes",
        {"id": "prog-hub", "labels": {"en": "Harbour Coin Clearing Centre"},
         "alt_labels": {"en": ("digital coin international clearing center",)}},
        graph="reference",
    )  # fmt: skip
    bank = record(ORG, {"id": "org-bank", "labels": {"en": "Bank of Harbour"}}, graph="reference")
    known = build_gazetteer([centre, bank])
    text = (
        "It plans an international clearing centre for the digital coin. "
        "The coin clearing centres of Harbour opened; Harbour Bank did not; "
        "the digital coin, international clearing center."
    )
    found = [(m.surface, m.entity, m.entries[0].rule) for m in known.find(text)]
    assert found == [
        ("international clearing centre for the digital coin", "prog-hub", "gazetteer.alt-words"),
        ("coin clearing centres of Harbour", "prog-hub", "gazetteer.label-words"),
    ]  # two words ("Harbour Bank") are not enough; a comma ends a name
