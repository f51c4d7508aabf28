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
