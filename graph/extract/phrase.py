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

    def add(self, keys: tuple[str, ...], value: V) -> None:
        """Index ``value`` under the phrase ``keys`` (several values per phrase are kept)."""
        if not keys:
            return
        node = self._root
        for key in keys:
            node = node.setdefault(key, {})
        values: list[V] = node.setdefault(_VALUES, [])
        if value not in values:
            values.append(value)

    def scan(self, tokens: Sequence[Token], greedy: bool = True) -> list[PhraseMatch[V]]:
        """Every match in ``tokens``; with ``greedy``, leftmost-longest without overlaps."""
        root = self._root
        norms = [t.norm for t in tokens]
        numbers = self.numbers
        numeric = [
            (n.isdigit() or (n[:1].isdigit() and _NUMBER.match(n) is not None)) or n in numbers for n in norms
        ]
        can_start_number = "#num" in root
        matches: list[PhraseMatch[V]] = []
        n = len(norms)
        i = 0
        while i < n:
            if norms[i] not in root and not (can_start_number and numeric[i]):
                i += 1
                continue
            found: list[tuple[int, list[V]]] = []
            stack = [(root, i)]
            while stack:
                node, j = stack.pop()
                if _VALUES in node and j > i:
                    found.append((j, node[_VALUES]))
                if j >= n:
                    continue
                child = node.get(norms[j])
                if child is not None:
                    stack.append((child, j + 1))
                if numeric[j]:
                    child = node.get("#num")
                    if child is not None:
                        stack.append((child, j + 1))
            if not found:
                i += 1
                continue
            if greedy:
                end, values = max(found, key=lambda f: f[0])
                matches.append(PhraseMatch(i, end, tuple(values)))
                i = end
            else:
                for end, values in sorted(found, key=lambda f: -f[0]):
                    matches.append(PhraseMatch(i, end, tuple(values)))
                i += 1
        return matches
