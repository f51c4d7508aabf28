"""A phrase index: token sequences looked up by their first token, longest match first.

Both the lexicons and the gazetteer are indexed this way, so a text is scanned once, one
dictionary lookup per token, whatever the number of phrases.

>>> from diplograph.graph.extract.token import tokenize, phrase_keys
>>> index: PhraseIndex[str] = PhraseIndex()
>>> index.add(phrase_keys("held talks"), "meeting")
>>> index.add(phrase_keys("talks"), "meeting")
>>> [(m.start, m.end, m.values) for m in index.scan(tokenize("They held talks"))]
[(1, 3, ('meeting',))]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from diplograph.graph.extract.token import Token

V = TypeVar("V")

_NUMBER = re.compile(r"^(\d{1,4})(?:st|nd|rd|th|e|er|ème)?$")


@dataclass(frozen=True)
class PhraseMatch(Generic[V]):
    """A match of one phrase: token span ``[start, end)`` and the values stored for the phrase."""

    start: int
    end: int
    values: tuple[V, ...]


def number_value(token: Token, words: dict[str, int] | None = None) -> int | None:
    """The number a token stands for: digits, an ordinal like ``30th``, or a number word.

    >>> from diplograph.graph.extract.token import tokenize
    >>> number_value(tokenize("30th")[0]), number_value(tokenize("thirty")[0], {"thirty": 30})
    (30, 30)
    """
    match = _NUMBER.match(token.norm)
    if match:
        return int(match.group(1))
    if words:
        return words.get(token.norm)
    return None


class PhraseIndex(Generic[V]):
    """Phrases (tuples of normalised tokens, ``#num`` for any number) mapped to values."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], list[V]]]] = {}
        self.numbers: dict[str, int] = {}

    def add(self, keys: tuple[str, ...], value: V) -> None:
        """Index ``value`` under the phrase ``keys`` (several values per phrase are kept)."""
        if not keys:
            return
        bucket = self._by_first.setdefault(keys[0], [])
        for phrase, values in bucket:
            if phrase == keys:
                if value not in values:
                    values.append(value)
                return
        bucket.append((keys, [value]))
        bucket.sort(key=lambda entry: -len(entry[0]))

    def _keys_of(self, token: Token) -> tuple[str, ...]:
        if token.norm[:1].isdigit() or token.norm in self.numbers:
            if number_value(token, self.numbers) is not None:
                return (token.norm, "#num")
        return (token.norm,)

    def scan(self, tokens: Sequence[Token], greedy: bool = True) -> list[PhraseMatch[V]]:
        """Every match in ``tokens``; with ``greedy``, leftmost-longest without overlaps."""
        matches: list[PhraseMatch[V]] = []
        by_first = self._by_first
        n = len(tokens)
        i = 0
        while i < n:
            found: PhraseMatch[V] | None = None
            for key in self._keys_of(tokens[i]):
                for phrase, values in by_first.get(key, ()):
                    size = len(phrase)
                    if i + size > n or (found is not None and size <= found.end - found.start):
                        continue
                    if all(
                        phrase[j] == tokens[i + j].norm
                        or (phrase[j] == "#num" and "#num" in self._keys_of(tokens[i + j]))
                        for j in range(1, size)
                    ):
                        found = PhraseMatch(i, i + size, tuple(values))
                        if not greedy:
                            matches.append(found)
                            found = None
            if found is not None:
                matches.append(found)
                i = found.end
            else:
                i += 1
        return matches
