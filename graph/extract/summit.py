"""Summits: which forum a summit trigger names, whether it is the summit being reported, and
who may attend it.

A summit names its organisation near the trigger ("the SCO summit", "KTT G20"); an attendance
verb makes a forum's name its meeting ("attended the Shangri-La Dialogue", "menghadiri pertemuan
Forum Kepulauan Pasifik"); a summit named after a sideline cue or an attendance verb with no forum
of its own ("di sela KTT", "mengikuti KTT secara virtual") is the one the article reports; "the
final day of" dates a summit's last day, not its first.

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.extract.context import ArticleContext
>>> ctx = ArticleContext.build(Article.from_text("Xi attended the SCO summit in Tianjin."), "en")
>>> forum_of(ctx.units[0], 4, 5)
'SCO'
"""

from __future__ import annotations

import datetime as dt

from diplograph.graph.date import PartialDate
from diplograph.graph.extract.context import ArticleContext, SentenceUnit
from diplograph.graph.reference import ReferenceData

#: Tokens before / after a summit trigger its organisation may stand ("the 17th BRICS summit").
_FORUM_BEFORE = 5
_FORUM_AFTER = 7
#: Tokens between "the final day of" and its summit.
_CLOSING_BEFORE = 12
#: Words between a verb and what it names.
FILLERS = frozenset({"the", "his", "her", "their"})


def forum_of(unit: SentenceUnit, start: int, end: int) -> str | None:
    """The organisation named next to a summit trigger ("the SCO summit", "KTT G20").

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("Modi flew to Rio for the BRICS summit."), "en")
    >>> forum_of(ctx.units[0], 6, 7)
    'BRICS'
    """
    near = [
        m
        for m in unit.mentions
        if m.kind == "organisation" and start - _FORUM_BEFORE <= m.start and m.end <= end + _FORUM_AFTER
    ]
    if not near:
        return None
    return min(near, key=lambda m: start - m.end if m.end <= start else m.start - end + 1).id


def forum_attended(ctx: ArticleContext, unit: SentenceUnit, at: int) -> tuple[int, int] | None:
    """The span of a forum (a meeting series: ARF, SPIEF, the Shangri-La Dialogue) named right
    after an attendance verb, allowing an article in between, or of any organisation whose
    meeting is named ("attended a meeting of the Pacific Islands Forum"); None otherwise.

    >>> from diplograph.graph.model import Article
    >>> text = "Wong attended a meeting of the Pacific Islands Forum."
    >>> ctx = ArticleContext.build(Article.from_text(text), "en")
    >>> forum_attended(ctx, ctx.units[0], 2)
    (6, 9)
    """
    forum = next((m for m in unit.mentions if m.start >= at), None)
    if forum is None or forum.kind != "organisation" or forum.start - at > _ATTEND_GAP:
        return None
    between = ctx.tokens.norms[at : forum.start]
    nouns = ctx.lexicon.meeting_nouns
    if not all(n in FILLERS or n in nouns or n in _OF for n in between) or len(between) > 1 + 3 * any(
        n in nouns for n in between
    ):
        return None
    if any(n in nouns for n in between):  # "menghadiri pertemuan Forum Kepulauan Pasifik": its meeting
        return forum.start, forum.end
    record = ReferenceData.load().organisations.get(forum.id)
    return (forum.start, forum.end) if record is not None and record.kind == "forum" else None


#: How many tokens may stand between an attendance verb and the forum ("attended a meeting of the PIF").
_ATTEND_GAP = 4
_OF = frozenset({"of", "a", "an"})


def names_reported_summit(unit: SentenceUnit, start: int, end: int) -> bool:
    """Whether a summit trigger follows a sideline cue or an attendance verb and names no forum
    ("di sela KTT", "on the sidelines of the summit", "mengikuti KTT secara virtual"): the summit
    the article reports, not one of its own.

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("On the sidelines of the summit, Xi met Lee."), "en")
    >>> names_reported_summit(ctx.units[0], 5, 6)
    True
    """
    cues = [*unit.entries("sideline"), *unit.entries("attend_verb")]
    if not any(start - SIDELINE_GAP <= m.end <= start for m, _ in cues):
        return False
    return not any(
        start - SIDELINE_GAP <= m.start < end + SIDELINE_GAP and m.kind == "organisation"
        for m in unit.mentions
    )


def closing_day(unit: SentenceUnit, start: int) -> bool:
    """Whether a summit trigger at ``start`` follows "the final day of" ("hari terakhir").

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("On the final day of the APEC summit, Xi left."), "en")
    >>> closing_day(ctx.units[0], 7)
    True
    """
    return any(start - _CLOSING_BEFORE <= m.end <= start for m, _ in unit.entries("closing"))


def members_of(ctx: ArticleContext, unit: SentenceUnit) -> str | None:
    """The organisation whose members the sentence names as a group ("BRICS foreign ministers",
    "leaders of ASEAN", "para menteri luar negeri ASEAN"), if any.

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("BRICS foreign ministers will meet in Delhi."), "en")
    >>> members_of(ctx, ctx.units[0])
    'BRICS'
    """
    norms, groups = ctx.tokens.norms, ctx.lexicon.member_groups
    for m in unit.mentions:
        if m.kind != "organisation":
            continue
        after = " ".join(norms[m.end : m.end + 3])
        before = [" ".join(norms[max(unit.first, m.start - k) : m.start]) for k in (1, 2, 3, 4)]
        before = [b.removesuffix(" the") for b in before]  # "leaders of the G7"
        if any(after == g or after.startswith(g + " ") for g in groups) or any(
            b in groups or (b.endswith(" of") and b[:-3].split(" ", 1)[-1] in groups) for b in before
        ):
            return m.id
    return None


def may_attend(organisations: list[str], state: str, day: dt.date | None) -> bool:
    """Whether ``state`` may be at the forum's summit: a member on ``day``, or a forum without a
    membership list (the reference data lists none for SPIEF, the Shangri-La Dialogue ...).

    >>> day = dt.date(2025, 10, 26)
    >>> may_attend(["ASEAN"], "IDN", day), may_attend(["ASEAN"], "JPN", day)
    (True, False)
    """
    record = ReferenceData.load().organisations.get(organisations[0]) if organisations else None
    if record is None or not record.members or day is None:
        return True
    return any(m.member == state and m.holds_on(day) for m in record.members)


def current_date(ctx: ArticleContext, value: PartialDate | None) -> bool:
    """A date near the publication date (the summit being reported, not another one).

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("Nothing.", published=PartialDate(2026, 2, 5)), "en")
    >>> current_date(ctx, PartialDate(2026, 2, 4)), current_date(ctx, PartialDate(2025, 2, 4))
    (True, False)
    """
    if value is None or ctx.published is None:
        return True
    return (ctx.published - value.latest).days <= 60 and (value.earliest - ctx.published).days <= 3


#: Tokens between a sideline cue and its summit ("on the sidelines of the summit"), and between a
#: summit and how one took part in it ("KTT secara virtual").
SIDELINE_GAP = 2
#: How one takes part in a summit: "attended the summit virtually" is no virtual meeting of its own.
MODES = frozenset({"virtual_meeting", "phone_call"})
