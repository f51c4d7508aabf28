from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from diplograph.graph.date import PartialDate
from diplograph.graph.extract import extract_article, to_contract
from diplograph.graph.model import Article


def _events(
    text: str, lang: str = "en", published: str = "2026-02-05"
) -> list[tuple[str, str, list[str], str]]:
    article = Article.from_text(text, published=PartialDate.parse(published), lang=lang)
    return [
        (e["type"], e["date"], e["states"], e["status"])
        for e in to_contract(extract_article(article))["events"]
    ]


def test_virtual_versus_in_person() -> None:
    assert _events("Xi Jinping held talks with Vladimir Putin via video link on Wednesday.") == [
        ("virtual_meeting", "2026-02-04", ["CHN", "RUS"], "occurred")
    ]
    assert _events("Xi Jinping held talks with Vladimir Putin in Moscow on Wednesday.") == [
        ("meeting", "2026-02-04", ["CHN", "RUS"], "occurred")
    ]
    assert _events(
        "Presiden Xi dan Presiden Putin menggelar pertemuan virtual pada Rabu (4/2/2026).", "id"
    ) == [("virtual_meeting", "2026-02-04", ["CHN", "RUS"], "occurred")]


def test_two_events_in_one_sentence() -> None:
    events = _events("Xi met Putin in Moscow on Monday and will visit India next month.")
    assert ("meeting", "2026-02-02", ["CHN", "RUS"], "occurred") in events
    assert ("state_visit", "2026-03", ["CHN", "IND"], "planned") in events


def test_negated_and_cancelled_give_nothing() -> None:
    assert _events("Xi did not meet Putin on Wednesday.") == []
    assert _events("Kunjungan Presiden Prabowo ke Rusia pada Rabu (4/2/2026) dibatalkan.", "id") == []


def test_planned() -> None:
    assert _events("Presiden Prabowo akan berkunjung ke Rusia bulan depan.", "id") == [
        ("state_visit", "2026-03", ["IDN", "RUS"], "planned")
    ]


def test_sidelines_give_meeting_and_summit() -> None:
    events = _events("Albanese met Prabowo on the sidelines of the G20 summit in Johannesburg on Saturday.")
    types = sorted(e[0] for e in events)
    assert types == ["forum_summit", "meeting"]


def test_sports_and_markets_give_nothing() -> None:
    assert _events("Indonesia beat Japan 2-1 in the Asian Cup match in Jakarta on Wednesday.") == []
    assert (
        _events("Rupiah melemah terhadap dolar AS pada Rabu (4/2/2026) di tengah sentimen China.", "id") == []
    )


def test_back_reference_dates_the_reported_event() -> None:
    text = (
        "Presiden Xi dan Presiden Putin berbicara lewat pertemuan virtual pada awal Februari 2026.\n"
        "Pada pertemuan yang digelar Rabu (4/2/2026) itu, kedua pemimpin bertukar salam."
    )
    assert _events(text, "id") == [("virtual_meeting", "2026-02-04", ["CHN", "RUS"], "occurred")]


def test_historical_mention_is_dated_in_the_past() -> None:
    assert _events("China and Russia signed the treaty in 2001.") == [
        ("treaty_signing", "2001", ["CHN", "RUS"], "occurred")
    ]


def test_overlapping_triggers_resolved_by_specificity() -> None:
    text = "Menlu Sugiono melakukan pembicaraan telepon dengan Menlu Wang Yi pada Rabu (4/2/2026)."
    assert [e[0] for e in _events(text, "id")] == ["phone_call"]
    text = "Presiden Prabowo menerima kunjungan kenegaraan Presiden Lula di Jakarta pada Rabu (4/2/2026)."
    assert [e[0] for e in _events(text, "id")] == ["state_visit"]


def test_anaphoric_date_counts_from_the_last_event() -> None:
    text = "Xi met Putin in Moscow on Monday. The day before, Xi spoke by phone with Modi."
    assert ("phone_call", "2026-02-01", ["CHN", "IND"], "occurred") in _events(text)
    text = (
        "Presiden Xi bertemu Presiden Putin pada Senin (2/2/2026). Sehari sebelumnya, Xi menelepon PM Modi."
    )
    assert ("phone_call", "2026-02-01", ["CHN", "IND"], "occurred") in _events(text, "id")


def test_headline_alone_makes_no_event() -> None:
    assert _events("Xi to visit Moscow\n\nMarkets were calm on Thursday.") == []


def test_summit_without_organisation_is_a_meeting() -> None:
    events = _events("Leaders of China, Japan and South Korea held a trilateral summit in Seoul on Monday.")
    assert [(e[0], e[2]) for e in events] == [("meeting", ["CHN", "JPN", "KOR"])]


def test_forum_participants_exclude_absent_states() -> None:
    text = (
        "The SCO summit opened on Sunday with Chinese President Xi Jinping as host.\n"
        "Turkish President Recep Tayyip Erdogan and Iranian President Masoud Pezeshkian also attended.\n"
        "The United States boycotted the gathering."
    )
    summits = [e for e in _events(text) if e[0] == "forum_summit"]
    assert summits == [("forum_summit", "2026-02-01", ["CHN", "IRN", "TUR"], "occurred")]


def test_since_does_not_date_the_event() -> None:
    events = _events("Xi arrived in Seoul on Tuesday for his first state visit to South Korea since 2014.")
    assert [(e[0], e[1]) for e in events] == [("state_visit", "2026-02-03")]
    assert _events("Indonesia dan Australia menjalin hubungan diplomatik sejak 1949.", "id") == [
        ("relations_established", "1949", ["AUS", "IDN"], "occurred")
    ]


def test_bare_year_keeps_year_precision() -> None:
    assert _events("The two leaders of China and the United States met in Beijing in 1979.") == [
        ("meeting", "1979", ["CHN", "USA"], "occurred")
    ]


def test_event_inside_a_since_clause_is_dated_by_it() -> None:
    events = _events(
        "Trump will make a state visit to China in May, the first trip by a U.S. president "
        "since his own visit in November 2017."
    )
    assert ("state_visit", "2017-11", ["CHN", "USA"], "occurred") in events
    events = _events(
        "Widodo's visit was his first to the White House since May 2022, "
        "when he attended a special U.S.-ASEAN summit."
    )
    assert [e for e in events if e[1] == "2022-05"]


def test_since_clause_without_event_dates_nothing() -> None:
    events = _events(
        "Trump dan Xi bertemu di Busan, Kamis (30/10/2025). Itu tatap muka pertama keduanya sejak "
        "Trump kembali ke Gedung Putih pada Januari lalu.",
        "id",
        "2025-10-31",
    )
    assert [e[1] for e in events] == ["2025-10-30"]


def test_opening_day_of_the_summit_being_reported() -> None:
    events = _events(
        "Sidang Umum PBB dibuka pada Selasa (19/9/2023). Wakil Presiden dijadwalkan berpidato pada "
        "Jumat (22/9). Pada hari pembukaan, Menlu Retno Marsudi bertemu Menteri Luar Negeri AS "
        "Antony Blinken.",
        "id",
        "2023-09-22",
    )
    assert ("meeting", "2023-09-19", ["IDN", "USA"], "occurred") in events


def test_date_of_a_relative_clause_dates_nothing_else() -> None:
    events = _events(
        "Xi Jinping attended the APEC summit in Gyeongju, which opened on Friday. "
        "President Donald Trump, who met Xi in Busan on Thursday, did not stay for the APEC summit.",
        published="2025-11-02",
    )
    summits = [e for e in events if e[0] == "forum_summit"]
    # Gyeongju is a known venue: South Korea is the host; Trump, who did not stay, is no party
    assert summits == [("forum_summit", "2025-10-31", ["CHN", "KOR"], "occurred")]
    assert ("meeting", "2025-10-30", ["CHN", "USA"], "occurred") in events


def test_final_day_of_a_summit_is_not_its_date() -> None:
    events = _events(
        "The APEC summit opened in Gyeongju on Friday. Xi Jinping held talks with Lee Jae-myung on "
        "Saturday, on the final day of the APEC summit.",
        published="2025-11-02",
    )
    assert [e[1] for e in events if e[0] == "forum_summit"] == ["2025-10-31"]


def test_heading_line_of_the_opening_alone_makes_no_event() -> None:
    release = "PRESS STATEMENT\n\nOffice of the Minister\n\nVisit to Peru and Chile\n\n4 February 2026\n\n"
    assert _events(release + "The minister thanked the embassy staff.") == []
    body = "Peruvian President Dina Boluarte received a state visit by Chilean President Gabriel Boric today."
    got = _events(release + body)
    assert [(t, s) for t, _, s, _ in got] == [("state_visit", ["CHL", "PER"])]


def test_call_and_a_planned_meeting_in_one_sentence() -> None:
    text = (
        "Chilean President Gabriel Boric and Lula spoke by phone on Monday, "
        "and the two leaders are expected to meet in Brasilia next month."
    )
    assert _events(text, published="2025-08-20") == [
        ("phone_call", "2025-08-18", ["BRA", "CHL"], "occurred"),
        ("meeting", "2025-09", ["BRA", "CHL"], "planned"),
    ]
    # a call's own wording ("talks by phone") stays one call
    text = "Chilean President Gabriel Boric held talks with Lula by phone on Monday."
    assert _events(text, published="2025-08-20") == [("phone_call", "2025-08-18", ["BRA", "CHL"], "occurred")]


def test_summit_after_a_sideline_cue_is_the_setting_of_planned_talks() -> None:
    text = (
        "Chilean President Gabriel Boric and Lula talked by phone in early July, and the two "
        "leaders are expected to "
        "meet on the sidelines of the G20 summit later this year."
    )
    got = _events(text, published="2025-08-20")
    assert ("meeting", "2025", ["BRA", "CHL"], "planned") in got
    assert all(status == "planned" for etype, _, _, status in got if etype == "forum_summit")


def test_first_person_release_resolves_i_to_the_author() -> None:
    release = "MEDIA RELEASE\n\nSenator the Hon Penny Wong\n\n"
    text = release + "Today I met Prime Minister Luxon of New Zealand in Wellington."
    assert _events(text, published="2025-05-06") == [("meeting", "2025-05-06", ["AUS", "NZL"], "occurred")]
    # without an author line "I" stands for nobody (a quoted speaker, say)
    assert _events("Today I met Prime Minister Christopher Luxon.", published="2025-05-06") == []


def test_two_neighbours_after_a_larger_event_are_the_articles_pair() -> None:
    text = (
        "Peru and Chile agreed to reopen their border crossings.\n\n"
        "Peru and Chile had clashed over fishing rights, officials in Peru said.\n\n"
        "Peruvian President Dina Boluarte met Chilean President Gabriel Boric, Bolivian President "
        "Luis Arce and Ecuadorian President Daniel Noboa in Lima on Monday.\n\n"
        "The two neighbours established diplomatic relations in 1840."
    )
    got = _events(text, published="2025-03-05")
    assert ("relations_established", "1840", ["CHL", "PER"], "occurred") in got


def test_days_of_one_visit_are_one_visit_dated_by_its_first_day() -> None:
    text = (
        "Chilean President Gabriel Boric, who arrived in Brasilia on Tuesday for a three-day state "
        "visit, was received at the Planalto Palace by President Lula on Wednesday."
    )
    got = [(t, d, s) for t, d, s, _ in _events(text, published="2025-08-22") if t == "state_visit"]
    assert got == [("state_visit", "2025-08-19", ["BRA", "CHL"])]


def test_the_day_a_summit_ended_is_not_its_date() -> None:
    events = _events(
        "Leaders of the G20 wrapped up their summit in Rio de Janeiro on Tuesday with a declaration.\n\n"
        "Brazilian President Lula opened the G20 summit on Monday with a call to fight hunger.",
        published="2024-11-20",
    )
    assert [e[1] for e in events if e[0] == "forum_summit"] == ["2024-11-18"]


def test_a_back_reference_naming_its_sides_is_an_event_of_its_own() -> None:
    # "saat kunjungan" usually refers back; followed by the visitor it names a past visit, dated by
    # its sentence (May 2012), when its visitor led Indonesia: a state visit, not a meeting
    text = (
        "Kedua negara menyepakati kerja sama pertahanan pada Mei 2012 saat kunjungan "
        "Presiden Susilo Bambang Yudhoyono ke Canberra."
    )
    events = _events(text, "id", "2026-02-07")
    assert ("state_visit", "2012-05", ["AUS", "IDN"], "occurred") in events


def test_a_tour_is_one_visit_per_host() -> None:
    assert _events(
        "Prime Minister Anthony Albanese visited Vietnam and Laos on Tuesday.", published="2025-04-05"
    ) == [
        ("state_visit", "2025-04-01", ["AUS", "VNM"], "occurred"),
        ("state_visit", "2025-04-01", ["AUS", "LAO"], "occurred"),
    ]
    events = _events(
        "Presiden Prabowo akan berkunjung ke Turki, Mesir, dan Qatar pekan depan.", "id", "2025-04-05"
    )
    assert sorted(e[2] for e in events) == [["EGY", "IDN"], ["IDN", "QAT"], ["IDN", "TUR"]]
    assert {e[0] for e in events} == {"state_visit"} and {e[3] for e in events} == {"planned"}


def test_a_state_modifying_a_person_met_on_a_visit_is_no_host() -> None:
    text = (
        "Prabowo began a state visit to Japan on Monday, where he met South Korean President Lee Jae-myung."
    )
    events = _events(text, published="2025-04-15")
    assert ("state_visit", "2025-04-14", ["IDN", "JPN"], "occurred") in events
    assert not [e for e in events if e[0] == "state_visit" and "KOR" in e[2]]


def test_ministers_meeting_during_a_visit_is_a_meeting_of_its_own() -> None:
    text = (
        "Indonesian President Prabowo Subianto began a state visit to India on Sunday and held talks "
        "with Prime Minister Narendra Modi. Foreign Minister Sugiono met his Indian counterpart "
        "S. Jaishankar separately on the same day."
    )
    events = _events(text, published="2025-01-27")
    assert ("state_visit", "2025-01-26", ["IDN", "IND"], "occurred") in events
    assert ("meeting", "2025-01-26", ["IDN", "IND"], "occurred") in events
    # the leaders' own talks are part of the visit
    assert len([e for e in events if e[0] == "meeting"]) == 1


def test_a_series_of_talks_with_no_one_named_is_no_event() -> None:
    text = "Foreign Minister Penny Wong held a series of bilateral meetings in Kuala Lumpur on Tuesday."
    assert _events(text, published="2025-07-11") == []
    text = (
        "Menlu Sugiono menggelar serangkaian pertemuan bilateral di Kuala Lumpur, Malaysia, "
        "pada Selasa (8/7/2025)."
    )
    assert _events(text, "id", "2025-07-11") == []
    # a counterpart named after the series: that meeting is told
    text = (
        "Foreign Minister Penny Wong held a series of bilateral meetings with Malaysian Foreign Minister "
        "Mohamad Hasan on Tuesday."
    )
    assert _events(text, published="2025-07-11") == [("meeting", "2025-07-08", ["AUS", "MYS"], "occurred")]


def test_the_date_of_a_trip_called_off_does_not_redate_the_reported_event() -> None:
    text = (
        "Presiden Prabowo menggelar pertemuan virtual dengan PM Narendra Modi, Kamis (5/3/2026). "
        "Keduanya membahas persiapan KTT BRICS di New Delhi tahun ini.\n\n"
        "Pertemuan virtual itu digelar karena rencana kunjungan Modi ke Jakarta pada Februari lalu batal."
    )
    events = _events(text, "id", "2026-03-06")
    assert ("virtual_meeting", "2026-03-05", ["IDN", "IND"], "occurred") in events
    assert not any(date.startswith("2026-02") for _, date, _, _ in events)


def test_each_story_of_a_briefing_has_its_own_subject() -> None:
    text = (
        "WORLD BRIEFING\n\n"
        "Seoul, Tokyo ministers talk by phone\n"
        "South Korea's Foreign Minister Cho Hyun and Japan's Toshimitsu Motegi spoke by phone on Tuesday.\n\n"
        "BRICS ministers to meet in New Delhi\n"
        "BRICS foreign ministers will meet in New Delhi next week ahead of the leaders' summit later "
        "this year, India's external affairs ministry said."
    )
    events = _events(text, published="2026-07-09")
    assert ("phone_call", "2026-07-07", ["JPN", "KOR"], "occurred") in events
    assert not any({"JPN", "KOR"} <= set(states) for kind, _, states, _ in events if kind != "phone_call")


#: Sentence cases as data: tests/graph/extract/cases/sentences.yaml.
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "sentences.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_sentence_case(case: dict[str, Any]) -> None:
    events = _events(case["text"], case.get("lang", "en"), case["published"])
    expected = [(kind, date, states, status) for kind, date, states, status in case.get("events", [])]
    if "events" in case:
        assert events == expected
    for kind, date, states, status in case.get("includes", []):
        assert (kind, date, states, status) in events
