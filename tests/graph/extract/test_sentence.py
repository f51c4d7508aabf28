from __future__ import annotations

from diplograph.graph.extract.sentence import split_sentences


def test_abbreviations_do_not_split() -> None:
    text = "Mr. Xi met Dr. Sugiono in the U.S. capital. No. 10 said so."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Xi met Dr. Sugiono in the U.S. capital.",
        "No. 10 said so.",
    ]


def test_lines_without_punctuation_and_offsets() -> None:
    text = "Headline without stop\n\nBody one. Body two."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Headline without stop", "Body one.", "Body two."]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_datelines_are_split_off() -> None:
    for text, dateline in [
        ("JAKARTA, Kompas.com - Presiden tiba.", "JAKARTA, Kompas.com -"),
        ("Jakarta (ANTARA) - Menlu bertemu.", "Jakarta (ANTARA) -"),
        ("MOSCOW (Reuters) - Putin spoke.", "MOSCOW (Reuters) -"),
    ]:
        sentence = split_sentences(text)[0]
        assert sentence.dateline == dateline
        assert text[sentence.start : sentence.end] == sentence.text


def test_initialism_opening_a_sentence_does_not_end_it() -> None:
    texts = [
        s.text
        for s in split_sentences("He left. U.S. President Trump did not stay. It was in the U.S. The end.")
    ]
    assert texts == ["He left.", "U.S. President Trump did not stay.", "It was in the U.S.", "The end."]


def test_initialism_before_a_title_word_does_not_end_the_sentence() -> None:
    titles = frozenset({"president", "prime", "foreign"})
    text = (
        "Brazilian President Lula and U.K. Prime Minister Starmer met. Talks were held in the U.K. Both left."
    )
    assert [s.text for s in split_sentences(text, title_words=titles)] == [
        "Brazilian President Lula and U.K. Prime Minister Starmer met.",
        "Talks were held in the U.K.",
        "Both left.",
    ]


def test_call_between_a_president_and_a_us_president_is_one_sentence() -> None:
    from diplograph.graph.date import PartialDate
    from diplograph.graph.extract import extract_article, to_contract
    from diplograph.graph.model import Article

    text = "French President Emmanuel Macron and U.S. President Joe Biden spoke by phone on Tuesday."
    article = Article.from_text(text, published=PartialDate.parse("2024-03-07"), lang="en")
    events = to_contract(extract_article(article))["events"]
    got = [(e["type"], e["date"], e["states"]) for e in events]
    assert got == [("phone_call", "2024-03-05", ["FRA", "USA"])]
