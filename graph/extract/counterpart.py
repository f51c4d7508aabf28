"""Counterparts: who an event is with, when a sentence names several sides or onlookers.

Three constructions change the sides of an event read from one sentence:

* a repeated counterpart marker ("held talks with Modi and with Meloni", "bertemu dengan ... dan
  dengan ...") reports one bilateral event per counterpart, all with the sentence's subject;
* a witness ("Trump, who witnessed ... signing", "disaksikan oleh") looks on: the witness is
  not a party when at least two other states remain;
* a broker ("under the auspices of Malaysia", "dimediasi oleh Qatar") helps two others meet: it
  is not a party either when at least two other states remain.

Markers and cues are lexicon-driven (``counterpart_markers``, ``witness`` and ``mediation`` in
``data/lexicons/<lang>.yaml``).

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.date import PartialDate
>>> from diplograph.graph.extract.context import ArticleContext
>>> ctx = ArticleContext.build(Article.from_text(
...     "Takaichi held talks with Modi and with Italian Prime Minister Giorgia Meloni.",
...     published=PartialDate(2025, 11, 23)), "en")
>>> [[m.id for m in group] for group in counterpart_groups(ctx, ctx.units[0], 2, ctx.units[0].last)]
[['narendra-modi'], ['ITA', 'giorgia-meloni']]
"""

from __future__ import annotations

from diplograph.graph.extract.context import ArticleContext, SentenceUnit
from diplograph.graph.extract.mention import ActorMention, state_of

#: How far before a witness cue its subject may end ("Trump, who witnessed": 3 tokens).
_WITNESS_GAP = 3
#: How far before a person a modifying mention may end ("U.S. President Donald Trump": 2).
MODIFIER_GAP = 2
#: Tokens closing a counterpart's phrase ("with Meloni on the sidelines, the government said").
_CLAUSE_ENDS = frozenset({",", ";", ":", "(", '"'})


def counterpart_groups(
    ctx: ArticleContext, unit: SentenceUnit, start: int, end: int, *, bilateral: bool = False
) -> list[list[ActorMention]]:
    """The actors after each counterpart marker in ``[start, end)``, when there are two or more.

    Returns an empty list when the sentence names one counterpart (or a plain list "with X and
    Y", which may be one trilateral event), unless the event is said to be ``bilateral``
    ("pertemuan bilateral dengan PM Malaysia Anwar Ibrahim dan PM Thailand"): then each state
    of the list is a counterpart of its own.
    """
    markers = [i for i in range(start, end) if ctx.tokens.norms[i] in ctx.lexicon.counterpart_markers]
    if len(markers) == 1 and bilateral:
        stop = next((i for i in range(markers[0], end) if ctx.tokens.norms[i] in _CLAUSE_ENDS), end)
        return _by_state(_sides(unit, markers[0], stop), ctx)
    if len(markers) < 2:
        return []
    groups: list[list[ActorMention]] = []
    for k, at in enumerate(markers):
        limit = markers[k + 1] if k + 1 < len(markers) else end
        stop = next((i for i in range(at, limit) if ctx.tokens.norms[i] in _CLAUSE_ENDS), limit)
        group = _sides(unit, at, stop)
        if not group and stop < limit:  # "dengan tuan rumah, Presiden Brasil Lula, serta dengan": apposition
            after = next((i for i in range(stop + 1, limit) if ctx.tokens.norms[i] in _CLAUSE_ENDS), limit)
            group = _sides(unit, stop, after)
        if not group:
            return []
        groups.append(group)
    return groups


def _sides(unit: SentenceUnit, after: int, before: int) -> list[ActorMention]:
    """The states and people named strictly between two tokens (no organisation, no topic)."""
    return [m for m in unit.mentions if after < m.start < before and m.kind != "organisation" and not m.topic]


def _by_state(mentions: list[ActorMention], ctx: ArticleContext) -> list[list[ActorMention]]:
    """Mentions grouped by the state they stand for (a person with the demonym before the name),
    in text order; empty unless there are two states or more."""
    groups: dict[str, list[ActorMention]] = {}
    for mention in mentions:
        state = mention.id if mention.kind == "state" else state_of(mention.id, ctx.published, mention.post)
        if state is not None:
            groups.setdefault(state, []).append(mention)
    return list(groups.values()) if len(groups) >= 2 else []


def witnesses(unit: SentenceUnit) -> list[ActorMention]:
    """The actors said to look on: the subject right before a witness cue.

    The subject's modifiers go with it: "U.S. President Donald Trump, who witnessed" makes the
    state mention "U.S." (two tokens before the name: a title between) an onlooker too.
    """
    found: list[ActorMention] = []
    for match, _ in unit.entries("witness"):
        before = [m for m in unit.mentions if m.end <= match.start and match.start - m.end <= _WITNESS_GAP]
        if not before:
            continue
        subject = before[-1]
        found.append(subject)
        for m in reversed([m for m in unit.mentions if m.end <= subject.start]):
            if subject.start - m.end > MODIFIER_GAP:
                break
            found.append(m)
            subject = m
    return found


#: How far after a mediation cue the broker may start ("brokered by the U.S.": 1 token).
_BROKER_GAP = 1


def mediators(ctx: ArticleContext, unit: SentenceUnit) -> list[ActorMention]:
    """The actors named right after a mediation cue, with what modifies them.

    "under the auspices of Malaysian Prime Minister Anwar Ibrahim" gives the state mention and
    the person; a list joined by "and" goes on ("mediated by Qatar and Egypt"), a clause does not
    (", which chairs ASEAN").

    >>> from diplograph.graph.model import Article
    >>> from diplograph.graph.date import PartialDate
    >>> ctx = ArticleContext.build(Article.from_text(
    ...     "Thai and Cambodian ministers met under the auspices of Malaysia, which chairs ASEAN.",
    ...     published=PartialDate(2025, 10, 8)), "en")
    >>> [m.id for m in mediators(ctx, ctx.units[0])]
    ['MYS']
    """
    found: list[ActorMention] = []
    for match, _ in unit.entries("mediation"):
        end = match.end
        for m in unit.mentions:
            if m.start < end or m.kind == "organisation":
                continue
            gap = ctx.tokens.norms[end : m.start]
            reach = _BROKER_GAP if end == match.end else MODIFIER_GAP  # the broker, then its modifiers
            if m.start - end > reach or any(t in _CLAUSE_ENDS for t in gap):
                break
            found.append(m)
            end = m.end
    return found
