"""Participants: which states an event frame's actors stand for, and who stays away.

A person stands for the state of the post held on the event day; a state named as a place
("in Beijing") is the host of a visit (or the other side of talks naming one state); a state
named as a topic is no participant. An actor said to stay away ("boycotted", "tidak hadir"),
or named in a subordinate clause (", shortly after the Netherlands recognised ..."), is left
out.

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.date import PartialDate
>>> from diplograph.graph.extract.context import ArticleContext
>>> article = Article.from_text("Xi met Putin in Moscow.", published=PartialDate(2026, 2, 5))
>>> ctx = ArticleContext.build(article, "en")
>>> participants(ctx, ctx.units[0].mentions, "meeting", ctx.published)[0]
['CHN', 'RUS']
"""

from __future__ import annotations

import datetime as dt

from diplograph.graph.extract.context import ArticleContext, SentenceUnit
from diplograph.graph.extract.mention import ActorMention, state_of
from diplograph.graph.reference import ReferenceData

#: The posts that lead a state: their holders make state visits.
LEADER_POSTS = frozenset({"head_of_state", "head_of_government"})


def clause_break(ctx: ArticleContext, start: int, end: int) -> int | None:
    """The first subordinate clause after a comma in ``[start, end)`` (", shortly after ...")."""
    for i in range(start, min(end, len(ctx.tokens) - 1)):
        if ctx.tokens.norms[i] == "," and ctx.tokens.norms[i + 1] in ctx.lexicon.clause_breaks:
            return i
    return None


def actor_absence(unit: SentenceUnit, at: int) -> bool:
    """A cue at ``at`` that is an absence cue right after a named actor ("Xi skipped")."""
    if not any(m.start <= at < m.end for m, _ in unit.entries("absence")):
        return False
    return any(at - 3 <= m.end <= at and not m.topic for m in unit.mentions if m.kind != "organisation")


def absent_state(ctx: ArticleContext, unit: SentenceUnit, state: str, actors: list[ActorMention]) -> bool:
    """Whether every mention of ``state`` in the sentence is said not to take part.

    A state named as a place ("flew back to Washington") counts only when no actor of it is
    named otherwise.
    """
    found = False
    if any(m.kind == "person" or not m.place for m in actors if _stands_for(ctx, m, state)):
        actors = [m for m in actors if m.kind == "person" or not m.place]
    for mention in actors:
        if mention.kind == "person":
            if state_of(mention.id, ctx.published, mention.post) != state:
                continue
        elif mention.kind != "state" or mention.id != state:
            continue
        found = True
        if not absent_actor(unit, mention, ctx):
            return False
    return found


def absent_actor(unit: SentenceUnit, mention: ActorMention, ctx: ArticleContext | None = None) -> bool:
    """An actor said not to take part: "without the U.S.", "Xi skipped", "Jokowi tidak hadir".

    With ``ctx``, a relative clause after the actor is skipped ("Trump, who met Xi on
    Thursday, did not stay for the summit").
    """
    end = mention.end if ctx is None else _after_relative_clause(ctx, mention.end)
    for match, _ in unit.entries("absence"):
        if mention.start - 2 <= match.start <= end + 6:
            return True
        if ctx is not None and _subject_stays_away(ctx, unit, mention, match.start):
            return True
    return any(mention.start - 3 <= match.start < mention.start for match, _ in unit.entries("negation"))


def _subject_stays_away(ctx: ArticleContext, unit: SentenceUnit, mention: ActorMention, cue: int) -> bool:
    """ "X was invited to a dinner ... but did not attend": an absence cue right after "but" with no
    subject of its own is said of the sentence's subject (its opening capitalised words)."""
    norms, texts = ctx.tokens.norms, ctx.tokens.texts
    if cue <= unit.first or norms[cue - 1] not in _CONTRAST:
        return False
    subject_end = next((i for i in range(unit.first, unit.last) if texts[i][:1].islower()), unit.last)
    return mention.end <= subject_end


_CONTRAST = frozenset({"but", "yet", "tetapi", "namun", "tapi", "but later"})


def _stands_for(ctx: ArticleContext, mention: ActorMention, state: str) -> bool:
    if mention.kind == "person":
        return state_of(mention.id, ctx.published, mention.post) == state
    return mention.kind == "state" and mention.id == state


#: The longest relative clause skipped between an actor and what is said of it.
_CLAUSE_REACH = 16


def _after_relative_clause(ctx: ArticleContext, end: int) -> int:
    tokens = ctx.tokens.norms
    if end + 1 >= len(tokens) or tokens[end] != "," or tokens[end + 1] not in ctx.lexicon.relative_pronouns:
        return end
    close = next(
        (i for i in range(end + 2, min(len(tokens), end + _CLAUSE_REACH)) if tokens[i] in (",", ".")),
        None,
    )
    return close if close is not None and tokens[close] == "," else end


def is_leader(person: str, day: dt.date | None) -> bool:
    record = ReferenceData.load().people.get(person)
    if record is None or day is None:
        return True
    return any(t.post in LEADER_POSTS for t in record.posts_on(day))


def participants(
    ctx: ArticleContext, actors: list[ActorMention], etype: str, day: dt.date | None
) -> tuple[list[str], list[str], str | None]:
    states: list[str] = []
    people: list[str] = []
    places: list[str] = []
    place: str | None = None
    for mention in actors:
        if mention.kind == "person":
            people.append(mention.id)
            state = state_of(mention.id, day, mention.post)
            if state:
                states.append(state)
        elif mention.kind == "state" and not mention.topic:
            (places if mention.place else states).append(mention.id)
            if mention.place and place is None:
                place = ctx.article.text[ctx.tokens[mention.start].start : ctx.tokens[mention.end - 1].end]
    if etype in ("state_visit", "travel") or (etype == "meeting" and len(set(states)) < 2):
        states.extend(places)
    return sorted(set(states)), list(dict.fromkeys(people)), place
