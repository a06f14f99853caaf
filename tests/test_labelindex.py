"""The label index: what a lookup finds, labels that need escaping, and reading it back."""

from __future__ import annotations

from policygraph.labelindex import Entry, LabelIndex


def _entries() -> list[Entry]:
    rows = [
        (
            "heqing",
            "label",
            "https://w3id.org/policygraph/id/person-he-qing",
            "Hè Qīng",
            "zh-Latn-pinyin",
        ),
        ("贺青", "label", "https://w3id.org/policygraph/id/person-he-qing", "贺青", "zh"),
        ("tabbed", "label", "https://w3id.org/policygraph/id/x", "tab\tbed\nline\\", "en"),
        ("qingdao", "label", "https://w3id.org/policygraph/id/city", "Qingdao", "en"),
    ]
    return [Entry(*row) for row in sorted(rows)]


def test_containing_finds_every_key_with_the_text() -> None:
    index = LabelIndex.of(_entries())
    assert {e.iri.rsplit("/", 1)[-1] for e in index.containing("qing")} == {
        "person-he-qing",
        "city",
    }
    assert [e.label for e in index.containing("贺")] == ["贺青"]
    assert list(index.containing("nothing")) == []
    assert list(index.containing("")) == []


def test_entries_read_back_whole() -> None:
    entries = _entries()
    index = LabelIndex.of(entries)
    found = [e for key in ("heqing", "贺青", "tabbed", "qingdao") for e in index.containing(key)]
    assert set(found) == set(entries) and len(found) == len(entries)


def test_kept_bytes_load_and_a_truncated_file_does_not() -> None:
    data = LabelIndex.of(_entries()).dump()
    assert LabelIndex.load(data) == LabelIndex.of(_entries())
    assert LabelIndex.load(data[:-1]) is None
    assert LabelIndex.load(b"something else\n") is None
