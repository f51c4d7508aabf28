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

import functools
import operator
import re
from collections.abc import Callable, Sequence
from itertools import compress
from typing import Any, Generic, NamedTuple, TypeVar

from diplograph.graph.extract.token import Token, token_norms

V = TypeVar("V")

_NUMBER = re.compile(r"^(\d{1,4})(?:st|nd|rd|th|e|er|ème)?$")


class PhraseMatch(NamedTuple, Generic[V]):
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


#: A :class:`PhraseMatch` from a ``(start, end, values)`` tuple, without a Python call (the
#: scans make one per match found).
new_match: Callable[[tuple[int, int, tuple[Any, ...]]], PhraseMatch[Any]] = functools.partial(
    tuple.__new__, PhraseMatch
)
_END = operator.itemgetter(0)
_VALUES = "\x00"


class PhraseIndex(Generic[V]):
    """Phrases (tuples of normalised tokens, ``#num`` for any number) mapped to values.

    Stored as a trie of token keys, so a scan costs one dictionary step per token read.
    """

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}
        self.numbers: dict[str, int] = {}
        self._filter: tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]] | None = None
        self._keys: frozenset[str] | None = None

    def add(self, keys: tuple[str, ...], value: V) -> None:
        """Index ``value`` under the phrase ``keys`` (several values per phrase are kept)."""
        if not keys:
            return
        self._filter = self._keys = None
        node = self._root
        for key in keys:
            node = node.setdefault(key, {})
        values: list[V] = node.setdefault(_VALUES, [])
        if value not in values:
            values.append(value)

    def __contains__(self, keys: object) -> bool:
        """Whether ``keys`` (a tuple of normalised tokens) is an indexed phrase.

        >>> index: PhraseIndex[str] = PhraseIndex()
        >>> index.add(("held", "talks"), "meeting")
        >>> ("held", "talks") in index, ("held",) in index
        (True, False)
        """
        node: dict[str, Any] | None = self._root
        for key in keys if isinstance(keys, tuple) else ():
            node = node.get(key) if node is not None else None
        return node is not None and node is not self._root and _VALUES in node

    def scan(self, tokens: Sequence[Token], greedy: bool = True) -> list[PhraseMatch[V]]:
        """Every match in ``tokens``; with ``greedy``, leftmost-longest without overlaps.

        The trie is walked only where a match may start (:meth:`_starts`, found in C); the
        walk then confirms each match exactly.
        """
        root = self._root
        norms = token_norms(tokens)
        starts = self._starts(norms)
        numbers = self.numbers
        matches: list[PhraseMatch[V]] = []
        position = 0
        for i in starts:
            if i < position:
                continue
            found: list[tuple[int, list[V]]] = []
            _walk(root, norms, i, i, numbers, found)
            if not found:
                continue
            if greedy:
                end, values = max(found, key=_END) if len(found) > 1 else found[0]
                matches.append(new_match((i, end, tuple(values))))
                position = end
            else:
                if len(found) > 1:
                    found.sort(key=_END, reverse=True)
                for end, values in found:
                    matches.append(new_match((i, end, tuple(values))))
        return matches

    def _starts(self, norms: list[str]) -> list[int]:
        """Where a phrase may start: a superset of the match starts, found without a Python step per token.

        A position qualifies when its token completes a phrase or is followed by the phrase's
        second token (``#num`` counts as any token). The tokens that open a phrase are found by
        a set lookup mapped over all tokens (in C); only those are checked further, and the
        trie walk then confirms each start exactly.
        """
        if self._filter is None:
            self._filter = _first_two(self._root)
        first, pairs, after_number = self._filter
        n = len(norms)
        if _ALL[0] in first:
            return list(range(n))
        heads = list(compress(range(n), map(self._heads().__contains__, norms)))
        keys = list(map(norms.__getitem__, heads))
        following = map([*norms, "\x00"].__getitem__, map(_NEXT, heads))  # "\x00" after the last
        pair_hits = map(pairs.__contains__, zip(keys, following, strict=False))
        starts = list(compress(heads, map(operator.or_, map(first.__contains__, keys), pair_hits)))
        if after_number:  # a phrase opening with a number: found by its second token
            seconds = compress(range(n), map(after_number.__contains__, norms))
            starts = sorted({*starts, *(i - 1 for i in seconds if i > 0)})
        return starts

    def _heads(self) -> frozenset[str]:
        if self._keys is None:
            self._keys = frozenset(key for key in self._root if key != "#num")
        return self._keys


_ALL = ("\x00all",)
_NEXT = (1).__add__


def _walk(
    node: dict[str, Any], norms: list[str], i: int, j: int, numbers: dict[str, int], found: list[Any]
) -> None:
    """Collect ``(end, values)`` of the phrases from token ``i`` on, in depth-first order.

    A number token may also follow a ``#num`` edge: that branch is walked first, then the
    literal one (the order the matches are reported in).
    """
    n = len(norms)
    while True:
        if j > i and _VALUES in node:
            found.append((j, node[_VALUES]))
        if j >= n:
            return
        key = norms[j]
        if "#num" in node and ((_NUMERIC[key] if key in _NUMERIC else _is_numeral(key)) or key in numbers):
            _walk(node["#num"], norms, i, j + 1, numbers, found)
        child = node.get(key)
        if child is None:
            return
        node = child
        j += 1


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
