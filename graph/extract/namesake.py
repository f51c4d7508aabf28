"""Short names: an actor named in full once, then by one word ("Faisal", "Tokayev").

News copy names a person in full on first mention and by one word afterwards. Two cases are
read here, after the gazetteer scan:

- a leader of the reference data introduced by a name of several words ("Pangeran Faisal bin
  Farhan Al Saud"): the first or the last word of that name, alone and capitalised further on, is
  that leader, unless the word names anyone in the gazetteer by itself, is a common or title word,
  or is shared by two people the article introduced;
- an official missing from the reference data, introduced with a title and a state ("Kazakh
  President Kassym-Jomart Tokayev", "Presiden Kazakhstan Kassym-Jomart Tokayev"): the last word
  of the name, alone further on, stands for that state (the person is unknown, the state is not).

>>> from diplograph.graph.extract.mention import find_mentions
>>> from diplograph.graph.extract.token import tokenize
>>> text = "Kazakh President Kassym-Jomart Tokayev met Xi. Tokayev thanked China."
>>> [(m.id, m.via) for m in find_mentions(tokenize(text), "en")]
[('KAZ', 'demonym'), ('xi-jinping', 'surname'), ('KAZ', 'short name'), ('CHN', 'name')]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from diplograph.graph.extract.token import Token, token_norms

if TYPE_CHECKING:  # mention.py calls this module: the class is only named in annotations
    from diplograph.graph.extract.mention import ActorMention

#: Name particles that are never a short name ("bin" in "Faisal bin Farhan").
PARTICLES = frozenset(
    {"bin", "binti", "bint", "ibn", "al", "el", "van", "von", "de", "da", "di", "la", "le", "du"}
    | {"dos", "das", "del", "der", "abu", "ben", "y", "e", "jr", "sr"}
)
_NAME_WORDS = 5  # at most this many words in an unknown official's name


def short_names(
    tokens: Sequence[Token],
    mentions: Sequence[ActorMention],
    titles: Mapping[int, int],
    ordinary: Callable[[str], bool],
) -> list[tuple[str, str, int]]:
    """The later one-word mentions of actors introduced in full: ``(kind, id, token index)``.

    Args:
        tokens: the article's tokens.
        mentions: its actor mentions from the gazetteer, in text order.
        titles: each title's first token index mapped to its end (``President``, ``Presiden``).
        ordinary: whether a normalised word may not be a short name (it names someone in the
            gazetteer, or is a common, calendar or title word).
    """
    norms = token_norms(tokens)
    covered: set[int] = set()
    if titles:  # an unknown official's name must be outside every mention
        covered = {i for m in mentions for i in range(m.start, m.end)}
    title_ends = {end: start for start, end in titles.items()}
    found: dict[str, tuple[str, str, int] | None] = {}  # word -> (kind, id, valid from), None: ambiguous

    def offer(index: int, kind: str, actor: str, after: int) -> None:
        word = norms[index]
        if len(word) < 3 or word in PARTICLES or not tokens[index].text[:1].isupper() or ordinary(word):
            return
        known = found.get(word, ...)
        if known is ...:
            found[word] = (kind, actor, after)
        elif known is not None and known[:2] != (kind, actor):
            found[word] = None

    for m in mentions:
        if m.kind == "person" and m.via in ("name", "alias") and m.end - m.start >= 2:
            words = [  # "Prince Faisal bin Farhan": "Faisal" and "Farhan"
                i
                for i in range(m.start, m.end)
                if norms[i] not in PARTICLES and norms[i].isalpha() and not ordinary(norms[i])
            ]
            for index in dict.fromkeys(words[:1] + words[-1:]):
                offer(index, "person", m.id, m.end)
        elif m.kind == "state" and not m.place and not m.topic:
            if m.start in title_ends:  # "Presiden Kazakhstan Kassym-Jomart Tokayev"
                begin = m.end
            elif m.end in titles:  # "Kazakh President Kassym-Jomart Tokayev"
                begin = titles[m.end]
            else:
                continue
            name = _name_after(tokens, norms, begin, covered, ordinary)
            if name:
                offer(name[-1], "state", m.id, name[-1] + 1)
    chosen = {word: value for word, value in found.items() if value is not None}
    hits = chosen.keys() & set(norms) if chosen else set()
    if not hits:
        return []
    inside = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for word in hits:
        kind, actor, after = chosen[word]
        i = -1
        for _ in range(norms.count(word)):
            i = norms.index(word, i + 1)
            if i >= after and i not in inside and tokens[i].text[:1].isupper():
                out.append((kind, actor, i))
    return sorted(out, key=lambda hit: hit[2])


def _name_after(
    tokens: Sequence[Token], norms: list[str], begin: int, covered: set[int], ordinary: Callable[[str], bool]
) -> list[int]:
    """The capitalised words of a name starting at ``begin`` ("Kassym", "Jomart", "Tokayev")."""
    words: list[int] = []
    i = begin
    while i < len(norms) and len(words) < _NAME_WORDS and i not in covered:
        if norms[i] == "-" and words and i + 1 < len(norms):
            i += 1
            continue
        text = tokens[i].text
        if not (text[:1].isupper() and norms[i].isalpha()) or ordinary(norms[i]):
            break
        words.append(i)
        i += 1
    return words
