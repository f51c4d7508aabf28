"""Tokens: words, numbers and punctuation with their character offsets.

One regular expression splits a text; every token keeps its offsets in the text and a
normalised form (case-folded, accents removed, dashes and apostrophes unified, dots of
abbreviations dropped) that lexicon phrases and gazetteer names are compared on.

>>> [t.norm for t in tokenize("Xi–Putin met in the U.S. on 4/2/2026.")]
['xi', '-', 'putin', 'met', 'in', 'the', 'us', 'on', '4/2/2026', '.']
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# The numeric alternatives share their first digit, so a position without one fails at once.
_TOKEN = re.compile(
    r"\d(?:\d{3}-\d{2}-\d{2}(?!\d)"  # ISO date
    r"|\d{0,3}[/.]\d{1,2}[/.]\d{2,4}(?!\d)"  # 4/2/2026, 04.02.2026
    r"|(?<=\(\d)\d?/\d{1,2}(?=\)))"  # (18/6): day and month, in parentheses
    r"|(?:[^\W\d_]\.){2,}"  # U.S., U.K.
    r"|\w+"
    r"|[^\w\s]"
)
_DASHES = str.maketrans({d: "-" for d in "‐‑‒–—―−"} | {"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})


#: Normalised forms of the words seen so far (a pure function of the word, so safe to reuse).
_NORMS: dict[str, str] = {}
_NORMS_MAX = 200_000


class Token(NamedTuple):
    """A token: its text, normalised form and offsets in the source text."""

    text: str
    norm: str
    start: int
    end: int


def normalise_token(text: str) -> str:
    """The normalised form of one token.

    >>> normalise_token("Türkiye"), normalise_token("U.S."), normalise_token("–")
    ('turkiye', 'us', '-')
    """
    if not text.isascii():
        text = text.translate(_DASHES)
        if not text.isascii():
            text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if len(text) > 2 and text[-1] == "." and "." in text[:-1]:
        text = text.replace(".", "")
    return text.casefold()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens; offsets are shifted by ``offset``.

    >>> [(t.text, t.start) for t in tokenize("ke-30", 10)]
    [('ke', 10), ('-', 12), ('30', 13)]
    """
    tokens = []
    new = tuple.__new__
    norms = _NORMS
    if len(norms) > _NORMS_MAX:
        norms.clear()
    for match in _TOKEN.finditer(text):
        word = match.group()
        norm = norms.get(word)
        if norm is None:
            norm = norms[word] = word.lower() if word.isascii() and "." not in word else normalise_token(word)
        start = match.start() + offset
        tokens.append(new(Token, (word, norm, start, start + len(word))))
    return tokens


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The normalised token sequence of a lexicon phrase; ``{N}`` becomes the number class.

    >>> phrase_keys("{N} years of")
    ('#num', 'years', 'of')
    >>> phrase_keys("ke-{N}")
    ('ke', '-', '#num')
    """
    return tuple(
        "#num" if t.norm == "numplaceholderx" else t.norm
        for t in tokenize(phrase.replace("{N}", " numplaceholderx "))
    )
