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

import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any, Generic, TypeVar

from diplograph.graph.extract.token import Token, token_norms

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
        self._filter: tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]] | None = None

    def add(self, keys: tuple[str, ...], value: V) -> None:
        """Index ``value`` under the phrase ``keys`` (several values per phrase are kept)."""
        if not keys:
            return
        self._filter = None
        node = self._root
        for key in keys:
            node = node.setdefault(key, {})
        values: list[V] = node.setdefault(_VALUES, [])
        if value not in values:
            values.append(value)

    def scan(self, tokens: Sequence[Token], greedy: bool = True) -> list[PhraseMatch[V]]:
        """Every match in ``tokens``; with ``greedy``, leftmost-longest without overlaps.

        The trie is walked only where a match can start: one regular expression over the
        normalised tokens joined by spaces (the phrases as a character trie, compiled once)
        finds those positions in C; the walk then confirms each match exactly.
        """
        root = self._root
        norms = token_norms(tokens)
        n = len(norms)
        starts = self._starts(norms)
        numbers = self.numbers
        numeric = _NUMERIC
        matches: list[PhraseMatch[V]] = []
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
                key = norms[j]
                child = node.get(key)
                if child is not None:
                    stack.append((child, j + 1))
                if "#num" in node and (
                    (numeric[key] if key in numeric else _is_numeral(key)) or key in numbers
                ):
                    stack.append((node["#num"], j + 1))
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

    def _starts(self, norms: list[str]) -> list[int]:
        """Where a phrase may start: a superset of the match starts, found without a Python step per token.

        A position qualifies when its token completes a phrase or is followed by the phrase's
        second token (``#num`` counts as any token); set lookups mapped over the tokens and
        their pairs run in C, and the trie walk then confirms each start exactly.
        """
        if self._filter is None:
            self._filter = _first_two(self._root)
        first, pairs, after_number = self._filter
        if _ALL[0] in first:
            return list(range(len(norms)))
        follow = [*norms[1:], "\x00"]  # as long as norms: map stops at the shortest
        pair_hits = map(pairs.__contains__, zip(norms, follow, strict=True))
        hits = map(operator.or_, map(first.__contains__, norms), pair_hits)
        if after_number:
            hits = map(operator.or_, hits, map(after_number.__contains__, follow))
        return list(compress(range(len(norms)), hits))


_ALL = ("\x00all",)


def _first_two(root: dict[str, Any]) -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]:
    """The trie's first keys that start a phrase alone (or before any number), its first key pairs,
    and the second keys of phrases opening with a number."""
    first: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    after_number: set[str] = set()
    for key, node in root.items():
        if key == "#num":
            after_number.update(k for k in node if k != _VALUES)
            if _VALUES in node or "#num" in node:
                first.update(_ALL)  # a number alone, or two: no filter
            continue
        if _VALUES in node or "#num" in node:
            first.add(key)
        pairs.update((key, second) for second in node if second not in (_VALUES, "#num"))
    return frozenset(first), frozenset(pairs), frozenset(after_number)


#: Whether a normalised token is written as a number ("30", "30th"): memoised, it depends on
#: the token only.
_NUMERIC: dict[str, bool] = {}


def _is_numeral(norm: str) -> bool:
    value = norm.isdigit() or (norm[:1].isdigit() and _NUMBER.match(norm) is not None)
    if len(_NUMERIC) < 100_000:
        _NUMERIC[norm] = value
    return value
