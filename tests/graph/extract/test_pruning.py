from __future__ import annotations

from diplograph.graph.date import PartialDate
from diplograph.graph.extract import extract_article, to_contract
from diplograph.graph.model import Article


def _events(
    text: str, lang: str = "en", published: str = "2025-10-24"
) -> list[tuple[str, str, list[str], str]]:
    article = Article.from_text(text, published=PartialDate.parse(published), lang=lang)
    return [
        (e["type"], e["date"], e["states"], e["status"])
        for e in to_contract(extract_article(article))["events"]
    ]


def test_travel_to_attend_a_summit_is_not_a_visit() -> None:
    events = _events(
        "Presiden Prabowo Subianto tiba di Rio de Janeiro pada Juli lalu untuk menghadiri KTT BRICS.", "id"
    )
    assert not [e for e in events if e[0] == "state_visit"]


def test_travel_after_a_summit_is_a_visit() -> None:
    events = _events(
        "Presiden Prabowo Subianto melakukan kunjungan ke Brasilia pada Juli lalu, usai KTT BRICS di Rio.",
        "id",
    )
    assert ("state_visit", "2025-07", ["BRA", "IDN"], "occurred") in events
    events = _events("Prabowo Subianto travelled to Brasilia in July after the BRICS summit in Rio.")
    assert ("state_visit", "2025-07", ["BRA", "IDN"], "occurred") in events


def test_earlier_talks_are_not_part_of_a_current_visit() -> None:
    events = _events(
        "Prabowo Subianto tiba di St. Petersburg pada Rabu (18/6) dalam rangka kunjungan kerja ke Rusia. "
        "Ini merupakan kunjungan pertama Prabowo ke Rusia sebagai presiden, setelah sebelumnya "
        "bertemu Vladimir Putin di Moskow pada Juli 2024.",
        "id",
        "2025-06-20",
    )
    assert ("meeting", "2024-07", ["IDN", "RUS"], "occurred") in events


def test_a_sentence_about_another_meeting_names_no_planned_summit_participant() -> None:
    events = _events(
        "Presiden Lula da Silva dijadwalkan menghadiri KTT ASEAN di Kuala Lumpur pada Minggu (26/10). "
        "Turut mendampingi Presiden Prabowo Subianto dalam pertemuan tersebut Menteri Luar Negeri Sugiono.",
        "id",
        "2025-10-24",
    )
    assert [e for e in events if e[0] == "forum_summit"] == [
        ("forum_summit", "2025-10-26", ["BRA", "MYS"], "planned")
    ]
