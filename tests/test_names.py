"""Display labels and language tags: the same answer on rdflib's store and on Oxigraph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from policygraph.names import display_labels, fallback_order, language_tag, pick_label
from policygraph.project import Project
from policygraph.store import MemoryStore, Store
from policygraph.stores.oxigraph import OxigraphStore
from policygraph.stores.union import rebuild_union
from policygraph.vocab import PGR

HE_QING = URIRef(PGR + "person-he-qing")


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("zh-latn-pinyin", "zh-Latn-pinyin"),
        ("zh-Latn-pinyin", "zh-Latn-pinyin"),
        ("EN", "en"),
        ("en-gb", "en-GB"),
        ("zh-hans", "zh-Hans"),
        ("", ""),
    ],
)
def test_language_tag_is_canonical(raw: str, canonical: str) -> None:
    assert language_tag(raw) == canonical


def test_fallback_order_reads_any_case() -> None:
    assert fallback_order("zh-latn-pinyin") == (
        "zh-Latn-pinyin", "en", "zh", "zh-Hant", "zh-Hans", ""
    )  # fmt: skip


def test_pick_label_falls_back_then_gives_up() -> None:
    assert pick_label({"en": "He Qing", "zh": "贺青"}, "zh") == "贺青"
    assert pick_label({"en": "He Qing"}, "zh-Latn-pinyin") == "He Qing"
    assert pick_label({"": "untagged"}, "zh") == "untagged"
    assert pick_label({}, "en") is None


def test_a_chinese_reader_gets_chinese_in_either_script_before_english() -> None:
    hkma = {"en": "Hong Kong Monetary Authority", "zh-Hant": "香港金融管理局"}
    assert pick_label(hkma, "zh") == "香港金融管理局"
    assert pick_label(hkma, "en") == "Hong Kong Monetary Authority"
    assert pick_label({"zh": "人民银行", "zh-Hant": "人民銀行"}, "zh-Hant") == "人民銀行"
    assert pick_label({"zh-Hant": "星島頭條"}, "en") == "星島頭條"  # not its IRI


@pytest.fixture(scope="module")
def oxigraph_store(sasac_project: Project) -> Store:
    inner = ox.Store()
    inner.load(path=str(sasac_project.trig_path), format=ox.RdfFormat.TRIG)
    rebuild_union(inner)  # the default graph holds the union of the named graphs
    return OxigraphStore(inner)


@pytest.mark.parametrize("lang", ["en", "zh", "zh-Latn-pinyin"])
def test_display_labels_same_on_every_store(
    lang: str, sasac_store: MemoryStore, oxigraph_store: Store
) -> None:
    # Oxigraph lower-cases tags (zh-latn-pinyin); the pinyin label must still be found.
    expected = {"en": "He Qing", "zh": "贺青", "zh-Latn-pinyin": "Hè Qīng"}[lang]
    assert display_labels(sasac_store, [HE_QING], lang) == {HE_QING: expected}
    assert display_labels(oxigraph_store, [HE_QING], lang) == {HE_QING: expected}
