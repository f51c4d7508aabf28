from __future__ import annotations

import datetime as dt

from diplograph.graph.extract.mention import find_mentions, state_of
from diplograph.graph.extract.token import tokenize


def _ids(text: str, lang: str, day: dt.date = dt.date(2026, 2, 5)) -> list[str]:
    return [m.id for m in find_mentions(tokenize(text), lang, day)]


def test_capital_metonymy_and_hyphenated_pairs() -> None:
    assert _ids("poros Beijing–Moskow", "id") == ["CHN", "RUS"]
    assert _ids("China-Russia ties", "en") == ["CHN", "RUS"]
    assert _ids("hubungan Jakarta–Canberra", "id") == ["IDN", "AUS"]


def test_title_and_surname() -> None:
    assert _ids("Presiden Xi menerima Mr Putin", "id") == ["xi-jinping", "vladimir-putin"]
    assert _ids("PM Albanese met President Prabowo", "en") == ["anthony-albanese", "prabowo-subianto"]


def test_leader_resolved_to_state_on_event_date() -> None:
    assert state_of("joko-widodo", dt.date(2019, 6, 1)) == "IDN"
    assert state_of("vladimir-putin", dt.date(2010, 5, 1), "head_of_government") == "RUS"
    mentions = find_mentions(tokenize("Prime Minister Putin"), "en", dt.date(2010, 5, 1))
    assert [(m.id, m.post) for m in mentions] == [("vladimir-putin", "head_of_government")]
    assert _ids("President Widodo", "en", dt.date(2019, 6, 1)) == ["joko-widodo"]


def test_organisations_in_both_languages() -> None:
    assert _ids("KTT APEC dan Dewan Keamanan PBB", "id") == ["APEC", "UNSC"]
    assert _ids("forum seperti BRICS, PBB, serta Organisasi Kerja Sama Shanghai", "id") == [
        "BRICS",
        "UN",
        "SCO",
    ]
    assert _ids("the Shanghai Cooperation Organisation and the UN Security Council", "en") == ["SCO", "UNSC"]


def test_place_and_topic_marks() -> None:
    mentions = find_mentions(tokenize("Xi met Putin in Moscow to discuss the situation in Ukraine"), "en")
    by_id = {m.id: m for m in mentions}
    assert by_id["RUS"].place
    assert by_id["UKR"].topic


def test_month_named_surname_needs_title() -> None:
    assert "theresa-may" not in _ids("a visit to China in May", "en")


def test_topic_cue_stops_at_the_sentence_end() -> None:
    from diplograph.graph.extract.sentence import split_sentences

    text = "The ministers spoke at length about it. Peru and Chile then signed a treaty."
    tokens = tokenize(text)
    starts = [next(i for i, t in enumerate(tokens) if t.start >= s.start) for s in split_sentences(text)]
    by_id = {m.id: m for m in find_mentions(tokens, "en", dt.date(2026, 2, 5), sentence_starts=starts)}
    assert not by_id["PER"].topic and not by_id["CHL"].topic
    text = "The ministers spoke about Peru and Chile."
    by_id = {m.id: m for m in find_mentions(tokenize(text), "en", dt.date(2026, 2, 5))}
    assert by_id["PER"].topic and by_id["CHL"].topic


def test_state_left_behind_after_a_sequel_marker_is_not_a_party() -> None:
    by_id = {m.id: m for m in find_mentions(tokenize("After Lima, Boric will fly on to Ecuador."), "en")}
    assert by_id["PER"].topic and not by_id["ECU"].topic
    by_id = {m.id: m for m in find_mentions(tokenize("After Peru signed the pact, Chile followed."), "en")}
    assert not by_id["PER"].topic


def test_a_city_is_a_place_never_an_actor() -> None:
    at = find_mentions(tokenize("Leaders met in Tianjin."), "en", dt.date(2025, 9, 1))
    assert [(m.kind, m.id, m.via, m.place) for m in at] == [("state", "CHN", "city", True)]
    assert find_mentions(tokenize("Shanghai said prices rose."), "en", dt.date(2025, 9, 1)) == []
