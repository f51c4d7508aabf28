from __future__ import annotations

import pytest

from diplograph.graph.date import PartialDate
from diplograph.graph.error import DataError
from diplograph.graph.extract import extract_article, to_contract
from diplograph.graph.extract.lexicon import Lexicon
from diplograph.graph.extract.mention import find_mentions
from diplograph.graph.extract.token import tokenize
from diplograph.graph.model import Article


def _events(
    text: str, lang: str = "en", published: str = "2026-02-05"
) -> list[tuple[str, str, list[str], str]]:
    article = Article.from_text(text, published=PartialDate.parse(published), lang=lang)
    return [
        (e["type"], e["date"], e["states"], e["status"])
        for e in to_contract(extract_article(article))["events"]
    ]


def test_geographic_names_name_no_state() -> None:
    assert [m.id for m in find_mentions(tokenize("talks on the South China Sea with Vietnam"), "en")] == [
        "VNM"
    ]
    assert [m.id for m in find_mentions(tokenize("Laut China Selatan dan Semenanjung Korea"), "id")] == []
    assert [m.id for m in find_mentions(tokenize("China and Vietnam"), "en")] == ["CHN", "VNM"]


def test_the_before_a_state_name() -> None:
    mentions = find_mentions(tokenize("the summit to be hosted by the Philippines"), "en")
    assert [(m.id, m.place) for m in mentions] == [("PHL", True)]


def test_yaml_booleans_are_refused_in_lexicons() -> None:
    assert ("negation", None) in Lexicon.load("en").lookup("no")  # quoted "no", not YAML False
    with pytest.raises(DataError):
        Lexicon.from_document("xx", {"negation": ["not", False]})


def test_subordinate_clause_actors_are_not_parties() -> None:
    text = (
        "Washington established diplomatic relations with Jakarta in 1949, "
        "shortly after the Netherlands left."
    )
    assert _events(text) == [("relations_established", "1949", ["IDN", "USA"], "occurred")]


def test_actor_boycotting_does_not_cancel_the_summit() -> None:
    text = "The G20 summit opened in Pretoria on Saturday, with the United States boycotting the meeting."
    assert _events(text, published="2025-11-23") == [("forum_summit", "2025-11-22", ["ZAF"], "occurred")]


def test_one_sided_talks_are_not_an_event() -> None:
    assert _events("Prime Minister Narendra Modi held talks on Wednesday.") == []


def test_sports_article_vetoes_every_sentence() -> None:
    text = (
        "Timnas Indonesia menang 2-0 atas Bahrain di Stadion Utama Gelora Bung Karno.\n\n"
        "Pelatih memuji skuad setelah laga kualifikasi Piala Dunia itu.\n\n"
        "Hasil itu disambut gembira oleh masyarakat.\n\n"
        "Indonesia akan bertemu Arab Saudi pada bulan depan.\n\n"
        "Para suporter memadati tribun sejak sore."
    )
    assert _events(text, "id") == []
