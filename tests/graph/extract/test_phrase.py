from __future__ import annotations

import random

from diplograph.graph.extract.phrase import PhraseIndex, PhraseMatch, _is_numeral
from diplograph.graph.extract.token import phrase_keys, tokenize


def _index(phrases: dict[str, str], numbers: dict[str, int] | None = None) -> PhraseIndex[str]:
    index: PhraseIndex[str] = PhraseIndex()
    index.numbers = numbers or {}
    for phrase, value in phrases.items():
        index.add(phrase_keys(phrase), value)
    return index


def _naive(
    index_phrases: dict[tuple[str, ...], list[str]], norms: list[str], numbers: dict[str, int]
) -> set[tuple[int, int, tuple[str, ...]]]:
    """Every (start, end, values) match, by comparing each phrase at each position."""
    out: set[tuple[int, int, tuple[str, ...]]] = set()
    for i in range(len(norms)):
        for keys, values in index_phrases.items():
            window = norms[i : i + len(keys)]
            if len(window) == len(keys) and all(
                k == w or (k == "#num" and (_is_numeral(w) or w in numbers))
                for k, w in zip(keys, window, strict=True)
            ):
                out.add((i, i + len(keys), tuple(values)))
    return out


def test_a_phrase_ending_the_text_is_found() -> None:
    index = _index({"jakarta": "city", "new delhi": "city"})
    assert [(m.start, m.end) for m in index.scan(tokenize("From New Delhi to Jakarta"))] == [(1, 3), (4, 5)]
    assert [(m.start, m.end) for m in index.scan(tokenize("to New Delhi"))] == [(1, 3)]


def test_numbers_in_phrases() -> None:
    index = _index({"{N} years of": "anniversary", "ke-{N}": "ordinal", "{N}": "number"}, {"thirty": 30})
    found = {
        (m.start, m.end, m.values)
        for m in index.scan(tokenize("mark thirty years of ties, HUT ke-80"), False)
    }
    assert (1, 4, ("anniversary",)) in found and (7, 10, ("ordinal",)) in found
    assert (1, 2, ("number",)) in found and (9, 10, ("number",)) in found


def test_all_matches_or_leftmost_longest() -> None:
    index = _index({"held talks": "meeting", "talks": "meeting", "held": "other"})
    tokens = tokenize("They held talks")
    assert index.scan(tokens, greedy=False) == [
        PhraseMatch(1, 3, ("meeting",)),
        PhraseMatch(1, 2, ("other",)),
        PhraseMatch(2, 3, ("meeting",)),
    ]
    assert index.scan(tokens) == [PhraseMatch(1, 3, ("meeting",))]


def test_scan_finds_what_a_naive_comparison_finds() -> None:
    rng = random.Random(5)
    vocabulary = ["a", "b", "c", "the", "30", "30th", "two", "-", "."]
    numbers = {"two": 2}
    for _ in range(60):
        phrases: dict[tuple[str, ...], list[str]] = {}
        index: PhraseIndex[str] = PhraseIndex()
        index.numbers = numbers
        for k in range(rng.randrange(1, 8)):
            keys = tuple(rng.choice([*vocabulary, "#num"]) for _ in range(rng.randrange(1, 4)))
            index.add(keys, f"v{k}")
            if f"v{k}" not in phrases.setdefault(keys, []):
                phrases[keys].append(f"v{k}")
        norms = [rng.choice(vocabulary) for _ in range(rng.randrange(0, 30))]
        tokens = tokenize(" ".join(norms))
        assert [t.norm for t in tokens] == norms
        found = {(m.start, m.end, m.values) for m in index.scan(tokens, greedy=False)}
        assert found == _naive(phrases, norms, numbers), (phrases, norms)
