"""Tokens: words, numbers and punctuation with their character offsets.

One regular expression splits a text; every token keeps its offsets in the text and a
normalised form (case-folded, accents removed, dashes and apostrophes unified, dots of
abbreviations dropped) that lexicon phrases and gazetteer names are compared on.

>>> [t.norm for t in tokenize("Xi–Putin met in the U.S. on 4/2/2026.")]
['xi', '-', 'putin', 'met', 'in', 'the', 'us', 'on', '4/2/2026', '.']
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate
from typing import NamedTuple, overload

# The numeric alternatives share their first digit, so a position without one fails at once.
_TOKEN = re.compile(
    r"\d(?:\d{3}-\d{2}-\d{2}(?!\d)"  # ISO date
    r"|\d{0,3}[/.]\d{1,2}[/.]\d{2,4}(?!\d)"  # 4/2/2026, 04.02.2026
    r"|(?<=\(\d)\d?/\d{1,2}(?=\)))"  # (18/6): day and month, in parentheses
    r"|(?:[^\W\d_]\.){2,}"  # U.S., U.K.
    r"|\w+"
    r"|[^\w\s]"
)
#: A token with the whitespace before it: consecutive matches cover the text, so their running
#: lengths are the tokens' end offsets.
_SPACED = re.compile(rf"\s*(?:{_TOKEN.pattern})")
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
    return list(TokenTable.of(text, offset))


class TokenTable(Sequence[Token]):
    """A text's tokens kept as parallel lists; a :class:`Token` is made only when one is read.

    Scans read :attr:`norms` directly, so an article's hundreds of tokens cost no Python
    object each; the rules read the few tokens around what the scans found.

    >>> table = TokenTable.of("Xi met Putin.")
    >>> table.norms, table[2]
    (['xi', 'met', 'putin', '.'], Token(text='Putin', norm='putin', start=7, end=12))
    """

    __slots__ = ("ends", "norms", "starts", "texts")

    def __init__(self, texts: list[str], norms: list[str], starts: list[int], ends: list[int]) -> None:
        self.texts, self.norms, self.starts, self.ends = texts, norms, starts, ends

    @classmethod
    def of(cls, text: str, offset: int = 0) -> TokenTable:
        """Tokenise ``text`` (offsets shifted by ``offset``).

        Every non-space character belongs to a token, so the matches of a token with the
        whitespace before it follow each other: a token ends at the running sum of their
        lengths and starts its own length before. All of it runs in C, except for a word seen
        for the first time.
        """
        norms = _NORMS
        if len(norms) > _NORMS_MAX:
            norms.clear()
        spaced = _SPACED.findall(text)
        words = list(map(str.lstrip, spaced))
        ends = list(accumulate(map(len, spaced), initial=offset))
        del ends[0]
        starts = list(map(operator.sub, ends, map(len, words)))
        forms = list(map(norms.get, words))
        if None in forms:  # words seen for the first time: only those are normalised
            for word in set(words).difference(norms):
                norms[word] = word.lower() if word.isascii() and "." not in word else normalise_token(word)
            forms = list(map(norms.__getitem__, words))
        return cls(words, forms, starts, ends)  # type: ignore[arg-type]

    def select(self, ranges: Iterable[tuple[int, int]]) -> TokenTable:
        """The tokens of the index ranges ``[i, j)``, in order, as one table."""
        texts: list[str] = []
        norms: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for i, j in ranges:
            texts += self.texts[i:j]
            norms += self.norms[i:j]
            starts += self.starts[i:j]
            ends += self.ends[i:j]
        return TokenTable(texts, norms, starts, ends)

    def __len__(self) -> int:
        return len(self.norms)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...

    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            t, n, s, e = self.texts[index], self.norms[index], self.starts[index], self.ends[index]
            rows = zip(t, n, s, e, strict=True)
            return list(map(_make_token, rows))
        return _make_token((self.texts[index], self.norms[index], self.starts[index], self.ends[index]))

    def __iter__(self) -> Iterator[Token]:
        return map(_make_token, zip(self.texts, self.norms, self.starts, self.ends, strict=True))


def token_norms(tokens: Sequence[Token]) -> list[str]:
    """The normalised forms of ``tokens`` (a :class:`TokenTable`'s own list, not a copy).

    >>> token_norms(tokenize("Xi met"))
    ['xi', 'met']
    """
    if isinstance(tokens, TokenTable):
        return tokens.norms
    return list(map(_NORM, tokens))


_NORM = operator.attrgetter("norm")
#: ``Token`` from a (text, norm, start, end) tuple, without a Python call per token.
_make_token: Callable[[tuple[str, str, int, int]], Token] = functools.partial(tuple.__new__, Token)


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
