from __future__ import annotations

import pytest

from diplograph.graph.extract.mention import find_mentions
from diplograph.graph.extract.token import tokenize


def later(text: str, lang: str = "en") -> list[tuple[str, str]]:
    """The one-word mentions found after an introduction: (id, the word)."""
    tokens = tokenize(text)
    return [(m.id, tokens[m.start].text) for m in find_mentions(tokens, lang) if m.via == "short name"]


def test_a_leader_is_named_again_by_the_first_word_of_a_long_name() -> None:
    text = "Prince Faisal bin Farhan Al Saud arrived. Faisal met Sugiono."
    assert later(text) == [("faisal-bin-farhan", "Faisal")]


def test_a_short_name_counts_only_after_the_introduction() -> None:
    assert later("Faisal spoke first. Prince Faisal bin Farhan Al Saud arrived.") == []


def test_title_words_and_particles_are_no_short_names() -> None:
    # "Prince" (a title word) and "bin" (a particle) never stand for the crown prince alone
    text = "Crown Prince Mohammed bin Salman spoke. The Prince and bin Salman's aides left."
    assert all(word not in ("Prince", "bin") for _, word in later(text))


def test_a_word_two_introduced_people_share_names_neither() -> None:
    text = "Mohammed bin Salman and Mohammed bin Zayed met. Mohammed said little."
    assert ("mohammed-bin-salman", "Mohammed") not in later(text)
    assert all(word != "Mohammed" for _, word in later(text))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kazakh President Kassym-Jomart Tokayev spoke. Tokayev thanked Xi.", "en"),
        ("Presiden Kazakhstan Kassym-Jomart Tokayev berbicara. Tokayev berterima kasih.", "id"),
    ],
)
def test_an_official_missing_from_the_reference_data_stands_for_the_state(text: str, lang: str) -> None:
    assert later(text, lang) == [("KAZ", "Tokayev")]


def test_a_lowercase_word_is_no_short_name() -> None:
    assert later("Kazakh President Kassym-Jomart Tokayev spoke. The tokayev variety grows there.") == []
