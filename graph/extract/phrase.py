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
from typing import Any, Generic, TypeVar

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


_VALUES = "\x00"


class PhraseIndex(Generic[V]):
    """Phrases (tuples of normalised tokens, ``#num`` for any number) mapped to values.

    Stored as a trie of token keys, so a scan costs one dictionary step per token read.
    """

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}
        self.numbers: dict[str, int] = {}
        self._has_number = False

    def add(self, keys: tuple[str, ...], value: V) -> None:
        """Index ``value`` under the phrase ``keys`` (several values per phrase are kept)."""
        if not keys:
            return
        node = self._root
        self._has_number = self._has_number or "#num" in keys
        for key in keys:
            node = node.setdefault(key, {})
        values: list[V] = node.setdefault(_VALUES, [])
        if value not in values:
            values.append(value)

    def scan(self, tokens: Sequence[Token], greedy: bool = True) -> list[PhraseMatch[V]]:
        """Every match in ``tokens``; with ``greedy``, leftmost-longest without overlaps."""
        root = self._root
        norms = [t.norm for t in tokens]
        numeric: list[bool] | None = None
        if self._has_number:
            numbers = self.numbers
            cache = _NUMERIC
            numeric = [(cache[n] if n in cache else _is_numeral(n)) or n in numbers for n in norms]
            if "#num" in root:
                starts = [i for i, key in enumerate(norms) if key in root or numeric[i]]
            else:
                starts = [i for i, key in enumerate(norms) if key in root]
        else:
            starts = [i for i, key in enumerate(norms) if key in root]
        matches: list[PhraseMatch[V]] = []
        n = len(norms)
        position = 0
        for i in starts:
            if i < position:
                continue
            found: list[tuple[int, list[V]]] = []
            stack = [(root, i)]
            while stack:
                node, j = stack.pop()
                if j > i and _VALUES in node:
                    found.append((j, node[_VALUES]))
                if j >= n:
                    continue
                child = node.get(norms[j])
                if child is not None:
                    stack.append((child, j + 1))
                if numeric is not None and numeric[j]:
                    child = node.get("#num")
                    if child is not None:
                        stack.append((child, j + 1))
            if not found:
                continue
            if greedy:
                end, values = max(found, key=lambda f: f[0])
                matches.append(PhraseMatch(i, end, tuple(values)))
                position = end
            else:
                for end, values in sorted(found, key=lambda f: -f[0]):
                    matches.append(PhraseMatch(i, end, tuple(values)))
        return matches


#: Whether a normalised token is written as a number ("30", "30th"): memoised, it depends on
#: the token only.
_NUMERIC: dict[str, bool] = {}


def _is_numeral(norm: str) -> bool:
    value = norm.isdigit() or (norm[:1].isdigit() and _NUMBER.match(norm) is not None)
    if len(_NUMERIC) < 100_000:
        _NUMERIC[norm] = value
    return value
