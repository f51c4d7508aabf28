"""Travellers and trips: who may make a state visit, and where a trip goes.

A state visit is made by a head of state or government in office on its day
(:func:`leaders_visit`, :func:`titled_leader`); unnamed envoys ("the foreign ministers will travel
to Tokyo") make a meeting (:func:`envoys_travel`); a trip to a site ("visit the Embraer plant") is
a stop, not a visit to a state (:func:`visits_site`); a trip naming two hosts or more is a tour,
one visit per host (:func:`tour_hosts`). Word lists come from the lexicon (``envoys``,
``leader_heads``, ``sites``).

>>> leaders_visit([], None)
True
"""

from __future__ import annotations

import datetime as dt

from diplograph.graph.extract.context import ArticleContext, SentenceUnit
from diplograph.graph.extract.counterpart import MODIFIER_GAP
from diplograph.graph.extract.mention import ActorMention
from diplograph.graph.extract.participant import LEADER_POSTS, is_leader, participants


def leaders_visit(people: list[str], *days: dt.date | None) -> bool:
    """Whether a visit by ``people`` can be a state visit: one of them led a state on one of
    ``days`` (or no one is named).

    >>> leaders_visit(["joko-widodo"], dt.date(2019, 5, 1)), leaders_visit(["sugiono"], dt.date(2025, 5, 1))
    (True, False)
    """
    return not people or any(is_leader(p, day) for p in people for day in days)


def titled_leader(ctx: ArticleContext, unit: SentenceUnit) -> bool:
    """Whether the sentence names someone as head of state or government ("President Ferdinand
    Marcos ... visits Beijing" in 1975, whoever the reference data makes of the name), not as a
    former one.

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("Former President Joko Widodo visited Beijing."), "en")
    >>> titled_leader(ctx, ctx.units[0])
    False
    """
    norms = ctx.tokens.norms
    return any(
        m.kind == "person"
        and m.post in LEADER_POSTS
        and not _FORMER.intersection(norms[max(unit.first, m.start - 4) : m.start])
        for m in unit.mentions
    )


def envoys_travel(ctx: ArticleContext, unit: SentenceUnit, start: int) -> bool:
    """Whether the unnamed travellers before a trip trigger are envoys ("the foreign ministers",
    "delegasi", "para menteri"), not a head of state or government ("the prime minister").

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("The foreign ministers will travel to Tokyo."), "en")
    >>> envoys_travel(ctx, ctx.units[0], 4)
    True
    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("The prime minister will travel to Tokyo."), "en")
    >>> envoys_travel(ctx, ctx.units[0], 4)
    False
    """
    if titled_leader(ctx, unit):
        return False
    norms = ctx.tokens.norms
    lex = ctx.lexicon
    return any(
        norms[i] in lex.envoys and (i == unit.first or norms[i - 1] not in lex.leader_heads)
        for i in range(max(unit.first, start - _ENVOY_REACH), start)
    )


#: How far before a trip trigger the words naming its unnamed travellers may stand.
_ENVOY_REACH = 8

_FORMER = frozenset({"former", "ex", "mantan", "late", "almarhum", "eks"})

#: How many tokens after a travel trigger its object may name a site ("visit the Embraer aircraft plant").
_SITE_REACH = 5


def visits_site(ctx: ArticleContext, unit: SentenceUnit, end: int) -> bool:
    """Whether a trip's object is a site, named before any actor or punctuation ("visit the
    Embraer aircraft plant in Sao Jose dos Campos", "mengunjungi pabrik"), not a state.

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("Modi will visit the Embraer aircraft plant."), "en")
    >>> visits_site(ctx, ctx.units[0], 3)
    True
    """
    sites = ctx.lexicon.sites
    if not sites:
        return False
    actors = {m.start for m in unit.mentions}
    norms = ctx.tokens.norms
    for i in range(end, min(unit.last, end + _SITE_REACH)):
        if i in actors or not norms[i][:1].isalnum():
            return False
        if norms[i] in sites:
            return True
    return False


def tour_hosts(
    ctx: ArticleContext, actors: list[ActorMention], start: int, end: int, day: dt.date | None
) -> list[str]:
    """The states a visit goes to when it names two or more ("visited Vietnam and Laos", "lawatan
    ke Turki, Mesir, dan Qatar"): the states named after the trigger, other than the visitors'
    (named before it) and than those modifying a person ("met Korean President Lee").

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("Prabowo visited Vietnam and Laos."), "en")
    >>> tour_hosts(ctx, ctx.units[0].mentions, 1, 2, dt.date(2025, 3, 1))
    ['VNM', 'LAO']
    """
    before = [m for m in actors if m.start < start and not m.place]
    visitors = set(participants(ctx, before, "meeting", day)[0])
    if not visitors:
        return []
    people = [m.start for m in actors if m.kind == "person"]
    hosts = [
        m.id
        for m in actors
        if m.start >= end
        and m.kind == "state"
        and not m.topic
        and m.id not in visitors
        and not any(0 <= p - m.end <= MODIFIER_GAP for p in people)
    ]
    hosts = list(dict.fromkeys(hosts))
    return hosts if len(hosts) >= 2 else []
