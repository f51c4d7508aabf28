"""Article-level extraction: frames of every sentence, merged into events with mentions.

Dating policy (documented decision): an event needs a dated anchor. A frame takes the date
expressed in its sentence (explicit, partial, relative or weekday, resolved against the
publication date), or a back-reference's date. An undated frame is merged into a dated
event of the same type and participants elsewhere in the article (headlines, captions, the
lead often repeat the event without its date). An undated frame left over is dated to the
publication day only when it is reported as having occurred in the article's opening
(headline, title, caption or lead: the first :data:`LEAD_SENTENCES` sentences), with a low
confidence (0.5); otherwise it is dropped. Planned undated frames are always dropped.

De-duplication: frames of the same type whose state sets agree (equal, or one inside the
other) and whose dates are compatible are one event, dated by the most precise of them;
every sentence that stated it is kept as a mention.

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.date import PartialDate
>>> facts = extract_article(Article.from_text("Xi and Putin spoke by phone on Monday. The call was long.",
...     published=PartialDate(2026, 2, 5), lang="en"))
>>> [(e.type, str(e.date), e.states) for e in facts.events], len(facts.mentions)
([('phone_call', '2026-02-02', ('CHN', 'RUS'))], 2)
"""

from __future__ import annotations

from diplograph.graph.date import PartialDate
from diplograph.graph.extract.anniversary import anniversary_frames
from diplograph.graph.extract.context import ArticleContext, SentenceUnit
from diplograph.graph.extract.frame import DISCOURSE_TYPES, Frame, sentence_frames
from diplograph.graph.model import Article, Event, FactSet, Mention

LEAD_SENTENCES = 6
_DISCOURSE_AGE_DAYS = 366
_VISIT_DAYS = 4


def extract_article(article: Article, *, lang: str | None = None) -> FactSet:
    """Extract the events an article reports, with one mention per stating sentence.

    Args:
        article: the article (its ``published`` date anchors relative dates).
        lang: language code, when ``article.lang`` is not set.

    Raises:
        ValueError: when neither ``article.lang`` nor ``lang`` is given.

    >>> from diplograph.graph.model import Article
    >>> extract_article(Article.from_text("Nothing here.", lang="en")).mentions
    []
    """
    code = lang or article.lang
    if not code:
        raise ValueError("the article's language is unknown: pass lang= or set article.lang")
    ctx = ArticleContext.build(article, code)
    frames: list[Frame] = []
    discourse: Frame | None = None
    for unit in ctx.units:
        anniversaries = anniversary_frames(ctx, unit)
        found = sentence_frames(ctx, unit, discourse)
        for frame in found:
            if frame.type in DISCOURSE_TYPES and (discourse is None or _recent(ctx, frame)):
                discourse = frame
        if discourse is not None and all(f.date is None for f in found):
            _attach_organisations(unit, discourse, ctx)
        frames.extend(anniversaries)
        frames.extend(found)
    return _facts(ctx, frames)


def _recent(ctx: ArticleContext, frame: Frame) -> bool:
    """Whether a dated frame reports current news (a year-only date must be this year)."""
    if frame.date is None:
        return False
    if ctx.published is None:
        return True
    if frame.date.precision == "year" and frame.date.year != ctx.published.year:
        return False
    return (ctx.published - frame.date.latest).days <= _DISCOURSE_AGE_DAYS


def _attach_organisations(unit: SentenceUnit, discourse: Frame, ctx: ArticleContext) -> None:
    """Organisations named while the event is being reported (same actors) belong to it."""
    orgs = [m.id for m in unit.mentions if m.kind == "organisation"]
    if not orgs:
        return
    actors = {m.id for m in unit.mentions if m.kind in ("state", "person")}
    if actors & (set(discourse.states) | set(discourse.people)):
        discourse.organisations = list(dict.fromkeys([*discourse.organisations, *orgs]))


def _same(a: Frame, b: Frame) -> bool:
    if a.type == "state_visit" and b.type == "meeting" and a.date is not None and b.date is not None:
        # talks between visitor and host during the visit are part of the visit
        near = abs((a.date.earliest - b.date.earliest).days) <= _VISIT_DAYS or a.date.compatible(b.date)
        return near and set(a.states) == set(b.states)
    if a.type != b.type or a.ordinal != b.ordinal:
        return False
    if a.type == "anniversary":
        ca, cb = a.commemorates, b.commemorates
        if (ca is None) != (cb is None) or (ca is not None and cb is not None and ca.type != cb.type):
            return False
    if a.type == "forum_summit" and a.organisations and b.organisations:
        if a.organisations[0] != b.organisations[0]:
            return False
    else:
        sa, sb = set(a.states), set(b.states)
        if not (sa <= sb or sb <= sa):
            return False
    if a.date is None or b.date is None:
        return True
    return a.date.compatible(b.date)


def _merge(groups: list[list[Frame]], frame: Frame) -> None:
    for group in groups:
        if _same(group[0], frame):
            group.append(frame)
            head = group[0]
            if head.type != frame.type:
                return
            if frame.date is not None and (head.date is None or head.date.contains(frame.date)):
                head.date, head.date_explicit = frame.date, frame.date_explicit or head.date_explicit
            if len(frame.states) > len(head.states):
                head.states = frame.states
            head.people = list(dict.fromkeys([*head.people, *frame.people]))
            head.organisations = list(dict.fromkeys([*head.organisations, *frame.organisations]))
            head.place = head.place or frame.place
            head.derived = head.derived and frame.derived
            head.confidence = max(head.confidence, frame.confidence)
            if frame.status == "occurred" and not frame.derived:
                head.status = "occurred"
            return
    groups.append([frame])


def _facts(ctx: ArticleContext, frames: list[Frame]) -> FactSet:
    milestones = [f.commemorates for f in frames if f.commemorates is not None]
    plain = [f for f in frames if f.type != "anniversary"]
    groups: list[list[Frame]] = []
    for frame in sorted([*plain, *milestones], key=lambda f: f.date is None):
        _merge(groups, frame)
    events: dict[int, Event] = {}
    mentions: list[Mention] = []
    for group in groups:
        head = group[0]
        if head.date is None:
            if head.status != "occurred" or head.unit.index >= LEAD_SENTENCES or ctx.published is None:
                continue
            head.date, head.confidence = PartialDate.from_date(ctx.published), 0.5
        event = _event(head, None)
        for frame in group:
            events[id(frame)] = event
            mentions.extend(_mentions(frame, event, frame.confidence if frame is head else head.confidence))
    anniversary_groups: list[list[Frame]] = []
    for frame in frames:
        if frame.type == "anniversary":
            _merge(anniversary_groups, frame)
    for group in anniversary_groups:
        head = group[0]
        target = events.get(id(head.commemorates)) if head.commemorates is not None else None
        event = _event(head, target)
        for frame in group:
            mentions.extend(_mentions(frame, event, frame.confidence))
    mentions.sort(key=lambda m: m.start or 0)
    return FactSet(mentions=mentions, article=ctx.article)


def _event(frame: Frame, commemorates: Event | None) -> Event:
    assert frame.date is not None
    return Event(
        type=frame.type,  # type: ignore[arg-type]
        date=frame.date,
        states=tuple(frame.states),
        people=tuple(frame.people),
        organisations=tuple(frame.organisations),
        place=frame.place,
        status="planned" if frame.status == "planned" else "occurred",
        ordinal=frame.ordinal,
        commemorates=commemorates,
        derived=frame.derived,
    )


def _mentions(frame: Frame, event: Event, confidence: float) -> list[Mention]:
    units = [frame.unit, *frame.extra_units]
    return [
        Mention(
            event, u.sentence.text, u.sentence.start, u.sentence.end, confidence if u is frame.unit else 0.6
        )
        for u in units
    ]
