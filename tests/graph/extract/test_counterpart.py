from __future__ import annotations

from diplograph.graph.date import PartialDate
from diplograph.graph.extract import extract_article, to_contract
from diplograph.graph.model import Article


def _events(text: str, lang: str = "en", published: str = "2025-11-23") -> list[tuple[str, str, list[str]]]:
    article = Article.from_text(text, published=PartialDate.parse(published), lang=lang)
    return sorted(
        (e["type"], e["date"], e["states"]) for e in to_contract(extract_article(article))["events"]
    )


def test_repeated_with_gives_one_meeting_per_counterpart() -> None:
    text = "Japanese Prime Minister Sanae Takaichi held talks on Saturday with Modi and with Meloni."
    assert _events(text) == [
        ("meeting", "2025-11-22", ["IND", "JPN"]),
        ("meeting", "2025-11-22", ["ITA", "JPN"]),
    ]


def test_plain_list_of_counterparts_stays_one_event() -> None:
    text = "Japanese Prime Minister Sanae Takaichi held talks on Saturday with Modi and Meloni."
    assert _events(text) == [("meeting", "2025-11-22", ["IND", "ITA", "JPN"])]


def test_witness_is_not_a_party_to_a_signing() -> None:
    text = (
        "President Donald Trump, who witnessed Thai Prime Minister Anutin Charnvirakul and "
        "Cambodian Prime Minister Hun Manet signing a joint declaration on Sunday."
    )
    assert _events(text, published="2025-10-27") == [("treaty_signing", "2025-10-26", ["KHM", "THA"])]


def test_leaders_witnessing_their_ministers_signing_remain_parties() -> None:
    text = "Presiden Prabowo dan PM Albanese menyaksikan penandatanganan perjanjian pada Jumat (6/2/2026)."
    assert _events(text, "id", "2026-02-07") == [("treaty_signing", "2026-02-06", ["AUS", "IDN"])]


def test_witness_modifier_state_goes_with_the_witness() -> None:
    text = (
        "The ceremony drew U.K. Prime Minister Keir Starmer, who witnessed Indian Prime Minister "
        "Narendra Modi and Maldivian President Mohamed Muizzu signing a trade pact on Friday."
    )
    assert _events(text, published="2025-07-27") == [("treaty_signing", "2025-07-25", ["IND", "MDV"])]


def test_broker_is_not_a_party_to_talks() -> None:
    text = (
        "Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev on Friday "
        "under the auspices of Qatar, which has offered to host further rounds."
    )
    assert _events(text, published="2025-08-09") == [("meeting", "2025-08-08", ["ARM", "AZE"])]


def test_broker_with_modifiers_and_a_list_is_not_a_party() -> None:
    text = (
        "Thailand and Cambodia signed a ceasefire agreement on Monday, brokered by Malaysian "
        "Prime Minister Anwar Ibrahim and the United States."
    )
    assert _events(text, published="2025-07-29") == [("treaty_signing", "2025-07-28", ["KHM", "THA"])]


def test_broker_in_indonesian() -> None:
    text = (
        "Menlu Thailand dan Menlu Kamboja bertemu di Kuala Lumpur pada Senin (13/10/2025) "
        "dengan mediasi Malaysia."
    )
    assert _events(text, "id", "2025-10-14") == [("meeting", "2025-10-13", ["KHM", "THA"])]


def test_broker_alone_with_one_other_state_stays() -> None:
    # with only one other state named, the cue cannot tell a broker from a party: keep both
    text = "Prabowo met Anwar in Kuala Lumpur on Monday, mediated by Malaysia."
    assert _events(text, published="2025-10-14") == [("meeting", "2025-10-13", ["IDN", "MYS"])]


def test_a_call_to_both_leaders_is_one_call_per_leader() -> None:
    text = (
        "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Monday. "
        "Chinese President Xi Jinping phoned both leaders on Wednesday."
    )
    events = _events(text, published="2025-06-12")
    assert ("phone_call", "2025-06-11", ["CHN", "KEN"]) in events
    assert ("phone_call", "2025-06-11", ["CHN", "UGA"]) in events
    assert not [e for e in events if e[0] == "phone_call" and len(e[2]) > 2]


def test_the_two_leaders_on_a_call_is_one_call() -> None:
    text = (
        "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Monday. "
        "The two leaders spoke by phone again on Wednesday."
    )
    events = _events(text, published="2025-06-12")
    assert ("phone_call", "2025-06-11", ["KEN", "UGA"]) in events
