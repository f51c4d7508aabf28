from __future__ import annotations

from diplograph.graph.date import PartialDate
from diplograph.graph.extract import extract_article, to_contract
from diplograph.graph.model import Article


def _contract(text: str, lang: str) -> list[dict[str, object]]:
    article = Article.from_text(text, published=PartialDate(2025, 4, 14), lang=lang)
    return to_contract(extract_article(article))["events"]


def test_ordinal_refers_to_year_and_derived_milestone() -> None:
    events = _contract("Indonesia and China celebrate the 75th anniversary of diplomatic relations.", "en")
    anniversary = next(e for e in events if e["type"] == "anniversary")
    assert (anniversary["ordinal"], anniversary["date"], anniversary["refers_to_year"]) == (75, "2025", 1950)
    milestone = next(e for e in events if e["type"] == "relations_established")
    assert (milestone["date"], milestone["states"]) == ("1950", ["CHN", "IDN"])


def test_indonesian_patterns() -> None:
    events = _contract("Indonesia dan Tiongkok memperingati 75 tahun hubungan diplomatik.", "id")
    assert {(e["type"], e["date"]) for e in events} == {
        ("anniversary", "2025"),
        ("relations_established", "1950"),
    }
    events = _contract("HUT ke-30 kemitraan strategis Rusia dan Tiongkok.", "id")
    assert {(e["type"], e["date"]) for e in events} == {("anniversary", "2025"), ("partnership", "1995")}


def test_non_diplomatic_milestone_is_anniversary_only() -> None:
    events = _contract("Russia and China mark 80 years of the victory in World War II.", "en")
    assert [(e["type"], e["refers_to_year"]) for e in events] == [("anniversary", 1945)]
    events = _contract("Tahun ini Moskow dan Beijing merayakan 80 tahun kemenangan Perang Dunia II.", "id")
    assert [(e["type"], e["refers_to_year"]) for e in events] == [("anniversary", 1945)]


def test_session_numbers_without_milestone_are_not_anniversaries() -> None:
    assert not [
        e for e in _contract("Rencana Lima Tahun ke-15 China dimulai.", "id") if e["type"] == "anniversary"
    ]


def test_every_anniversary_event_has_its_year() -> None:
    from diplograph.graph.extract.extraction import extract_article as extract

    for text, lang, year in [
        ("Russia and China mark 80 years of the victory in World War II.", "en", 1945),
        ("Indonesia and China celebrate the 75th anniversary of diplomatic relations.", "en", 1950),
        ("Rusia dan Tiongkok merayakan HUT ke-30 persahabatan.", "id", 1995),
    ]:
        article = Article.from_text(text, published=PartialDate(2025, 4, 14), lang=lang)
        anniversaries = [e for e in extract(article).events if e.type == "anniversary"]
        assert [e.refers_to_year for e in anniversaries] == [year]


def test_national_anniversary_is_one_states_not_its_visitors() -> None:
    text = (
        "Chilean President Gabriel Boric will travel to Peru next week, where he will attend "
        "the 200th anniversary of the country's independence."
    )
    article = Article.from_text(text, published=PartialDate.parse("2021-07-20"), lang="en")
    events = to_contract(extract_article(article))["events"]
    assert [(e["states"], e["ordinal"]) for e in events if e["type"] == "anniversary"] == [(["PER"], 200)]


def test_a_past_year_coinciding_with_an_anniversary_is_its_year() -> None:
    article = Article.from_text(
        "Hubungan Indonesia dan Jepang ditingkatkan menjadi Kemitraan Strategis Komprehensif pada 2023, "
        "bertepatan dengan peringatan 65 tahun hubungan diplomatik kedua negara.",
        published=PartialDate(2026, 1, 13),
        lang="id",
    )
    events = {(e["type"], e["date"]) for e in to_contract(extract_article(article))["events"]}
    assert {("anniversary", "2023"), ("relations_established", "1958"), ("partnership", "2023")} <= events


def test_the_nth_anniversary_is_not_a_day_of_the_month() -> None:
    article = Article.from_text(
        "China and Russia mark the 25th anniversary of the treaty signed in 2001.",
        published=PartialDate(2026, 1, 13),
        lang="en",
    )
    events = {(e["type"], e["date"]) for e in to_contract(extract_article(article))["events"]}
    assert events == {("anniversary", "2026"), ("treaty_signing", "2001")}
