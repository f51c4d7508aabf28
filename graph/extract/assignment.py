"""Which date expression of a sentence dates which of its triggers.

Each date dates the trigger before it ("met ... on Monday"), else the first trigger; a date
after "since" bounds an earlier event: it dates a durable state ("relations since 1949"), an
event inside the since clause ("since his own visit in November 2017") or one told in a clause
right after it ("since May 2022, when he attended a summit"), and nothing else.
"""

from __future__ import annotations

import itertools

from diplograph.graph.date import PartialDate
from diplograph.graph.extract.context import ArticleContext, SentenceUnit
from diplograph.graph.extract.temporal import DateExpr

#: How far before a trigger "since" may open the clause it stands in ("since his own visit").
_SINCE_BEFORE = 4
#: How far after a since-date a clause may tell its event ("since May 2022, when he attended ...").
_SINCE_CLAUSE = 12
#: States of affairs that start at a date: "relations since 1949" dates their establishment.
DURABLE = frozenset({"relations_established", "partnership"})


def near(date: DateExpr, start: int, end: int) -> int:
    """How many tokens separate a date expression from the span ``[start, end)``.

    >>> near(DateExpr(5, 7, "weekday"), 1, 2)
    3
    """
    if date.end <= start:
        return start - date.end
    return max(0, date.start - end)


def assign_dates(
    ctx: ArticleContext, unit: SentenceUnit, triggers: list[tuple[int, int, str]]
) -> list[list[DateExpr]]:
    """Each date expression dates the trigger before it ("met ... on Monday"), else the first;
    a date after an anniversary with no trigger before it is the anniversary's and dates none, and
    one in a relative clause about a person (", whom he hosted in June,", ", who took office in
    May,") dates no trigger outside it.

    A date after "since" dates only an event inside the since clause ("since his own visit in
    November 2017") or told right after it ("since May 2022, when he attended a summit").

    Args:
        ctx: the analysed article.
        unit: the sentence.
        triggers: the sentence's triggers as ``(start, end, event type)``, in text order.

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("He met Putin on Monday."), "en")
    >>> [[d.kind for d in ds] for ds in assign_dates(ctx, ctx.units[0], [(1, 2, "meeting")])]
    [['weekday']]
    """
    assigned: list[list[DateExpr]] = [[] for _ in triggers]
    if not triggers:
        return assigned
    for date in unit.dates:
        before = [i for i, t in enumerate(triggers) if t[0] <= date.start]
        k = before[-1] if before else 0
        owner = _possessor(ctx, date, triggers)
        if owner is not None:  # "last year's summit": the date of the noun it modifies
            assigned[owner].append(date)
            continue
        if not before and any(unit.first <= i < date.start for i in unit.consumed):
            continue  # "76 tahun hubungan diplomatik yang jatuh pada 3 Februari 2026, serta ...": its own
        if before and _ahead_of_anniversary(ctx, unit, triggers[k][1], date.start):
            continue  # "Kunjungan ... berlangsung menjelang peringatan 68 tahun ... pada April": its day
        clause = relative_clause(ctx, date.start)
        if clause is not None and about_person(ctx, unit, clause[0]) and not _holds_trigger(clause, triggers):
            continue  # "sat down with Marcos, whom he had hosted in Jakarta in June": not the talks' date
        if date.since and triggers[k][2] not in DURABLE:
            event = _since_event(ctx, date, triggers, k if before else None)
            if event is None:
                continue
            k = event
        assigned[k].append(date)
    for k, (start, end, _) in enumerate(triggers):
        assigned[k].sort(key=lambda d: near(d, start, end))
    return assigned


def _possessor(ctx: ArticleContext, date: DateExpr, triggers: list[tuple[int, int, str]]) -> int | None:
    """The trigger a possessive date modifies ("last year's summit", "Tuesday's talks"), if any."""
    norms = ctx.tokens.norms
    if date.end + 2 >= len(norms) or norms[date.end] not in _APOSTROPHES or norms[date.end + 1] != "s":
        return None
    return next((i for i, t in enumerate(triggers) if t[0] == date.end + 2), None)


_APOSTROPHES = frozenset({"'", "’"})


def _since_event(
    ctx: ArticleContext, date: DateExpr, triggers: list[tuple[int, int, str]], k: int | None
) -> int | None:
    """The trigger a since-date dates: one inside the since clause, or one in a clause after it."""
    tokens, lex = ctx.tokens, ctx.lexicon
    if k is not None and any(
        t.norm in lex.since_markers for t in tokens[max(0, triggers[k][0] - _SINCE_BEFORE) : triggers[k][0]]
    ):
        return k
    later = next((i for i, t in enumerate(triggers) if t[0] >= date.end), None)
    if later is None or triggers[later][0] - date.end > _SINCE_CLAUSE:
        return None
    gap = [t.norm for t in tokens[date.end : triggers[later][0]]]
    opens = any(a == "," and b in lex.clause_breaks for a, b in itertools.pairwise(gap))
    return later if opens else None


#: Tokens a name may run on past its mention ("Ferdinand Marcos Jr", "Mohammed bin Salman Al Saud").
_NAME_TAIL = 2


def _ahead_of_anniversary(ctx: ArticleContext, unit: SentenceUnit, after: int, at: int) -> bool:
    """Whether an anniversary told as coming after the event ("menjelang peringatan 68 tahun",
    "ahead of the 70th anniversary") stands between a trigger and the date at ``at``."""
    consumed = [i for i in unit.consumed if after <= i < at]
    if not consumed:
        return False
    norms = ctx.tokens.norms
    words = ctx.lexicon.precedence_markers
    return any(
        norms[i] in words or f"{norms[i - 1]} {norms[i]}" in words for i in range(after, min(consumed))
    )


def _holds_trigger(clause: tuple[int, int], triggers: list[tuple[int, int, str]]) -> bool:
    return any(clause[0] <= t[0] < clause[1] for t in triggers)


def about_person(ctx: ArticleContext, unit: SentenceUnit, comma: int) -> bool:
    """Whether the relative clause opening at ``comma`` is about a person: one named just before
    it, or any when the pronoun says so ("who", "whom").

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("He met Marcos, whom he hosted in June."), "en")
    >>> about_person(ctx, ctx.units[0], 3)
    True
    """
    if comma + 1 < len(ctx.tokens) and ctx.tokens.norms[comma + 1] in ctx.lexicon.personal_relatives:
        return True  # "Manele, who took office in May,": someone the reference data does not know
    return any(comma - _NAME_TAIL <= m.end <= comma and m.kind == "person" for m in unit.mentions)


def relative_clause(ctx: ArticleContext, at: int) -> tuple[int, int] | None:
    """The span of the relative clause (", who ...,") the token ``at`` stands in, if any.

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("He met Marcos, whom he hosted in June."), "en")
    >>> relative_clause(ctx, 6)
    (3, 9)
    """
    tokens = ctx.tokens.norms
    start = next((i for i in range(at - 1, -1, -1) if tokens[i] in (",", ".")), None)
    if start is None or tokens[start] != "," or start + 1 >= at:
        return None
    if tokens[start + 1] not in ctx.lexicon.relative_pronouns:
        return None
    end = next((i for i in range(at, len(tokens)) if tokens[i] in (",", ".")), len(tokens))
    return start, end


def told_of_person(ctx: ArticleContext, unit: SentenceUnit, at: int) -> PartialDate | None:
    """The date of the relative clause about a person that the token ``at`` stands in, when the
    clause tells of its own time ("Milei, who attended Trump's inauguration in January 2025,
    ..."); None otherwise (no such clause, one about a summit, or one without a date).

    >>> from diplograph.graph.model import Article
    >>> from diplograph.graph.date import PartialDate
    >>> text = "Milei, who attended Trump's inauguration in January 2025, flew to Asuncion."
    >>> ctx = ArticleContext.build(Article.from_text(text, published=PartialDate(2026, 6, 23)), "en")
    >>> str(told_of_person(ctx, ctx.units[0], 4))
    '2025-01'
    """
    clause = relative_clause(ctx, at)
    if clause is None or not about_person(ctx, unit, clause[0]):
        return None
    for expr in unit.dates:
        if clause[0] < expr.start < clause[1]:
            return expr.resolve(ctx.published)
    return None
