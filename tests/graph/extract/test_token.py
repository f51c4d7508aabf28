from __future__ import annotations

import random
import re

import pytest

from diplograph.graph.extract.token import Token, TokenTable, normalise_token, token_norms, tokenize

# The token pattern, written out again: the table must give what one match after another gives.
PATTERN = re.compile(
    r"\d(?:\d{3}-\d{2}-\d{2}(?!\d)|\d{0,3}[/.]\d{1,2}[/.]\d{2,4}(?!\d)|(?<=\(\d)\d?/\d{1,2}(?=\)))"
    r"|(?:[^\W\d_]\.){2,}|\w+|[^\w\s]"
)

TEXTS = [
    "Xi–Putin met in the U.S. on 4/2/2026.",
    "  Rabu (4/2/2026), Presiden Prabowo bertemu PM Modi di New Delhi.\n\nKTT ke-30 (18/6) usai.",
    "Türkiye’s Erdoğan said “yes” on 2026-02-04 — 3.5% of 1,000 … e.g. ¹²³ café_au_lait",
    "",
    "   \n\t ",
    "x",
]


def _expected(text: str, offset: int) -> list[Token]:
    return [
        Token(m.group(), normalise_token(m.group()), m.start() + offset, m.end() + offset)
        for m in PATTERN.finditer(text)
    ]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("offset", [0, 7])
def test_table_gives_the_tokens_one_match_at_a_time_gives(text: str, offset: int) -> None:
    table = TokenTable.of(text, offset)
    assert list(table) == _expected(text, offset)
    assert tokenize(text, offset) == _expected(text, offset)
    assert len(table) == len(table.norms) == len(table.starts) == len(table.ends)


def test_random_texts_agree_with_the_pattern() -> None:
    rng = random.Random(3)
    alphabet = [*"ab XY 12 4/2/2026 U.S. ( ) - – . , é ’ \n", "2026-02-04", "e.g.", "  "]
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        assert list(TokenTable.of(text)) == _expected(text, 0), text


def test_indexing_slicing_and_selection() -> None:
    table = TokenTable.of("Xi met Putin in Moscow.")
    tokens = list(table)
    assert table[1] == tokens[1] and table[-1] == tokens[-1]
    assert table[1:3] == tokens[1:3] and table[::2] == tokens[::2]
    with pytest.raises(IndexError):
        table[len(tokens)]
    picked = table.select([(0, 1), (2, 4)])
    assert list(picked) == [tokens[0], tokens[2], tokens[3]]
    assert token_norms(table) is table.norms
    assert token_norms(tokens) == table.norms
