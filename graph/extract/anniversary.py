"""Anniversaries: "the 30th anniversary of the strategic partnership" in 2026.

An anniversary pattern of the lexicon ("{N} years of", "{N}th anniversary", "peringatan {N}
tahun", "HUT ke-{N}") gives the ordinal N; a milestone phrase right after it ("diplomatic
relations", "kemitraan strategis", "penandatanganan perjanjian", or a non-diplomatic one such
as "victory") says what is commemorated. The anniversary falls in year Y: the year stated in
the sentence, else the publication year. It commemorates a milestone dated Y - N (more
precisely when the sentence gives a date in that year), of the milestone's type, marked
derived; its states are the sentence's, or the article's main pair. A non-diplomatic
milestone yields the anniversary only (its ``refers_to_year`` is still Y - N); a national one
(the lexicon's ``national`` milestones: "independence") is one state's: the state named
nearest the pattern, not the visitors around it.

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.date import PartialDate
>>> from diplograph.graph.extract.context import ArticleContext
>>> text = "China and Russia mark 30 years of strategic partnership."
>>> ctx = ArticleContext.build(Article.from_text(text, published=PartialDate(2026, 2, 5)), "en")
>>> [(f.ordinal, str(f.date), f.commemorates.type, str(f.commemorates.date))
...  for f in anniversary_frames(ctx, ctx.units[0])]
[(30, '2026', 'partnership', '1996')]
"""

from __future__ import annotations

from collections.abc import Sequence

from diplograph.graph.date import PartialDate
from diplograph.graph.extract.context import ArticleContext, SentenceUnit
from diplograph.graph.extract.frame import Frame
from diplograph.graph.extract.lexicon import Entry, Lexicon
from diplograph.graph.extract.mention import state_of
from diplograph.graph.extract.phrase import PhraseMatch, number_value
from diplograph.graph.extract.token import Token, tokenize

_MAX_ORDINAL = 500


def anniversary_frames(ctx: ArticleContext, unit: SentenceUnit) -> list[Frame]:
    """The anniversary frames of a sentence, each with its derived milestone (if diplomatic).

    Tokens of the pattern and the milestone phrase are recorded in ``unit.consumed`` so that
    "kemitraan strategis" in "30 tahun kemitraan strategis" is not read as a new partnership.
    """
    if "anniversary" not in unit.layers:
        return []
    lex = ctx.lexicon
    frames: list[Frame] = []
    for match, ordinal, milestone in _patterns(lex, ctx.tokens, unit.matches, unit.first, unit.last):
        year_date = _anniversary_date(ctx, unit, ordinal)
        target_year = year_date.year - ordinal
        if target_year < 1:
            continue
        if milestone is not None and milestone[1] == "historical" and _linked(match):
            founded = next(int(str(p)) for c, p in milestone[0].values if c == "historical")
            if abs(target_year - founded) > 1:
                continue  # "anggota ke-11 ASEAN" in 2026 is no 11th anniversary of a 1967 founding
        unit.consumed.update(range(match.start, milestone[0].end if milestone else match.end))
        if milestone is not None and milestone[1] == "national":
            states = _nation(ctx, unit, match.start)  # "the 60th anniversary of its independence"
        else:
            states = _states(ctx, unit)
            if len(states) < 2:
                states = sorted(set(states) | set(ctx.main_states()))
        if not states:
            continue
        commemorated = None
        if milestone is not None and milestone[1] not in ("none", "national", "historical"):
            commemorated = Frame(
                type=milestone[1],
                unit=unit,
                states=states,
                date=_milestone_date(ctx, unit, target_year),
                date_explicit=False,
                confidence=0.6,
                derived=True,
            )
        planned = ctx.published is not None and year_date.earliest > ctx.published
        if commemorated is not None and commemorated.date is not None:
            refers = commemorated.date.year
        elif milestone is not None and milestone[1] == "historical":
            refers = next(int(str(p)) for c, p in milestone[0].values if c == "historical")
        else:
            refers = target_year
        frames.append(
            Frame(
                type="anniversary",
                unit=unit,
                states=states,
                date=year_date,
                date_explicit=True,
                status="planned" if planned else "occurred",
                confidence=0.8,
                ordinal=ordinal,
                commemorates=commemorated,
                refers_to_year=refers,
            )
        )
    return frames


Target = tuple[PhraseMatch[Entry], str]


def _patterns(
    lex: Lexicon, tokens: Sequence[Token], matches: Sequence[PhraseMatch[Entry]], first: int, last: int
) -> list[tuple[PhraseMatch[Entry], int, Target | None]]:
    """Anniversary patterns with their ordinal and the milestone phrase after them."""
    patterns = sorted(
        (m for m in matches if any(c == "anniversary" for c, _ in m.values)), key=lambda m: m.start
    )
    targets = sorted(
        (
            (m, str(p) if c == "milestone" else "historical")
            for m in matches
            for c, p in m.values
            if c in ("milestone", "historical")
        ),
        key=lambda e: e[0].start,
    )
    found = []
    for k, match in enumerate(patterns):
        kind = next(p for c, p in match.values if c == "anniversary")
        ordinal = None
        for token in tokens[max(first, match.start - 2) : match.end]:
            value = number_value(token, lex.numbers)
            if value is not None:
                ordinal = value
        if ordinal is None or not 0 < ordinal <= _MAX_ORDINAL:
            continue
        limit = patterns[k + 1].start if k + 1 < len(patterns) else last
        target = next(
            (
                t
                for t in targets
                if match.end <= t[0].start <= min(match.end + lex.anniversary_window, limit - 1)
            ),
            None,
        )
        if target is None and kind == "linked":
            continue
        if kind == "linked" and _session_number(lex, tokens, matches, first, match.start):
            continue  # "KTT ke-48 ASEAN", "(JCBC) ke-6": which meeting of a series, no anniversary
        found.append((match, ordinal, target))
    return found


def _linked(match: PhraseMatch[Entry]) -> bool:
    """Whether an anniversary pattern needs what follows to be one ("ke-{N}", "{N} tahun")."""
    return any(c == "anniversary" and p == "linked" for c, p in match.values)


def _session_number(
    lex: Lexicon, tokens: Sequence[Token], matches: Sequence[PhraseMatch[Entry]], first: int, at: int
) -> bool:
    """Whether an ordinal at ``at`` numbers a meeting named just before it ("KTT ke-48",
    "Konferensi Tingkat Tinggi (KTT) ke-48", "sidang ke-6"), a parenthesised acronym allowed."""
    end = at
    if end - 1 > first and tokens[end - 1].norm == ")":
        opening = next(
            (i for i in range(end - 2, max(first, end - 6) - 1, -1) if tokens[i].norm == "("), None
        )
        end = opening if opening is not None else end
    if end <= first:
        return False
    if tokens[end - 1].norm in lex.meeting_nouns:
        return True
    return any(
        m.end == end and any(c == "trigger" and p in _MEETING_TYPES for c, p in m.values) for m in matches
    )


_MEETING_TYPES = frozenset({"forum_summit", "meeting"})


def historical_year(sentence: str, lang: str, ordinal: int) -> int | None:
    """The fixed year of the historical event an N-th anniversary in ``sentence`` commemorates.

    >>> historical_year("China and Russia mark 80 years of the victory in World War II.", "en", 80)
    1945
    """
    lex = Lexicon.load(lang)
    tokens = tokenize(sentence)
    matches = lex.index.scan(tokens)
    for _, number, target in _patterns(lex, tokens, matches, 0, len(tokens)):
        if number == ordinal and target is not None and target[1] == "historical":
            return next(int(p) for c, p in target[0].values if c == "historical")
    return None


def _anniversary_date(ctx: ArticleContext, unit: SentenceUnit, ordinal: int) -> PartialDate:
    published = ctx.published
    resolved = [d for e in unit.dates if (d := e.resolve(published)) is not None]
    years = {d.year for d in resolved}
    for date in resolved:
        if date.year - ordinal in years:  # "in 2025, 75 years after 1950"
            return date
    for date in resolved:
        if published is None or abs(date.year - published.year) <= 2:
            return date
    for date in resolved:  # "upgraded in 2023, coinciding with the 65th anniversary of relations":
        # a past year whose N-th anniversary is still to come cannot be the milestone's year
        if published is not None and date.year < published.year and date.year + ordinal > published.year + 1:
            return date
    if published is not None:
        return PartialDate(published.year)
    return resolved[0] if resolved else PartialDate(2000)


def _milestone_date(ctx: ArticleContext, unit: SentenceUnit, year: int) -> PartialDate:
    for expr in unit.dates:
        date = expr.resolve(ctx.published)
        if date is not None and date.year == year:
            return date
    return PartialDate(year)


def _nation(ctx: ArticleContext, unit: SentenceUnit, at: int) -> list[str]:
    """The one state whose national milestone it is: the state named nearest the pattern."""
    named = [m for m in unit.mentions if m.kind == "state" and not m.topic]
    if not named:
        lead = ctx.lead_state()
        return [lead] if lead else []
    return [min(named, key=lambda m: abs(m.start - at)).id]


def _states(ctx: ArticleContext, unit: SentenceUnit) -> list[str]:
    states: set[str] = set()
    for mention in unit.mentions:
        if mention.kind == "state" and not mention.topic and not mention.place:
            states.add(mention.id)
        elif mention.kind == "person":
            state = state_of(mention.id, ctx.published, mention.post)
            if state:
                states.add(state)
    return sorted(states)
