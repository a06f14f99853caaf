"""Variants of known names the gazetteer derives (``policygraph.drafting.gazetteer``). The
bodies and sentences are made up for these tests; nothing is read from data/."""

from __future__ import annotations

import pytest
from tests.test_draft_mentions import ORG, names, record

from policygraph.drafting.gazetteer import build_gazetteer
from policygraph.drafting.variants import label_head, label_short


@pytest.mark.parametrize(
    ("label", "short"),
    [
        ("CPC Examplia Municipal Committee", "CPC Examplia Committee"),
        ("Examplia Provincial Financial Regulatory Bureau", "Examplia Financial Regulatory Bureau"),
        ("Municipal Party Committee", ""),  # "Party Committee" alone names no one body
        ("Examplia Financial Bureau", ""),  # nothing to leave out
        ("海港市委", ""),
    ],
)
def test_a_label_without_its_level_word(label: str, short: str) -> None:
    assert label_short(label) == short


def test_a_body_is_found_by_its_name_without_its_level_word() -> None:
    committee = record(
        ORG,
        {"id": "org-committee", "labels": {"en": "CPC Examplia Municipal Committee"}},
        graph="reference",
    )
    found = names("Officials of the CPC Examplia Committee met.", build_gazetteer([committee]))
    assert [(n["entity"], n["quote"]) for n in found] == [
        ("org-committee", "CPC Examplia Committee")
    ]
    assert found[0]["draft"]["rule"] == "gazetteer.label-short"  # type: ignore[index]


def test_a_shortened_name_that_is_another_body_s_is_not_used() -> None:
    city = record(
        ORG, {"id": "org-city", "labels": {"en": "Examplia Municipal Trade Bureau"}}, "reference"
    )
    other = record(ORG, {"id": "org-other", "labels": {"en": "Examplia Trade Bureau"}}, "reference")
    found = names("The Examplia Trade Bureau said so.", build_gazetteer([city, other]))
    assert [n["entity"] for n in found] == ["org-other"]


@pytest.mark.parametrize(
    ("label", "head"),
    [
        ("payment service platform (Examplia Exchange)", "payment service platform"),
        ("financial regulators (Examplia)", ""),  # a class of bodies without its qualifier
        ("Examplia Regulators (mainland)", "Examplia Regulators"),  # a proper name stays
        ("business process (Examplia)", "business process"),  # "ss" is no plural
    ],
)
def test_a_plural_description_is_not_matched_without_its_qualifier(label: str, head: str) -> None:
    assert label_head(label) == head


def test_hong_kong_variant_characters_fold_as_their_simplified_forms() -> None:
    from policygraph.drafting.text import fold

    assert fold("滙豐銀行") == fold("匯豐銀行") == "汇丰银行"
