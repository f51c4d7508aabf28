"""Event frames: a trigger with its actors, date, place, forum and status, per sentence.

Rules (all lexicon-driven, see ``data/lexicons/en.yaml``):

* a trigger phrase announces an event type; types with ``requires`` need a companion phrase
  nearby ("signed" + "agreement");
* a virtual-meeting or phone-call trigger overrides a plain meeting trigger in the sentence
  ("met via video link" is a virtual meeting);
* a summit naming no organisation but two states is a bilateral meeting; a meeting "on the
  sidelines of the G20 summit" gives the meeting and the forum summit;
* several triggers in one sentence each get their own segment: actors before the first
  trigger (the subject) are shared, later actors belong to the trigger before them; the date
  is the one in the segment, else the nearest in the sentence;
* a negation cue just before the trigger, or a cancellation cue near it, removes the frame;
  a planned cue, or a date after publication, makes it planned;
* a sentence with a blocker topic (sports, markets, weather, business) yields no frame unless
  a leader is named in it;
* a back-reference ("the meeting", "pertemuan tersebut") attaches the sentence, and its date
  when more precise and compatible, to the event being reported (the discourse event).

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.date import PartialDate
>>> from diplograph.graph.extract.context import ArticleContext
>>> ctx = ArticleContext.build(Article.from_text(
...     "Xi Jinping held talks with Vladimir Putin via video link on Wednesday.",
...     published=PartialDate(2026, 2, 5)), "en")
>>> [(f.type, str(f.date), f.states) for f in sentence_frames(ctx, ctx.units[0], None)]
[('virtual_meeting', '2026-02-04', ['CHN', 'RUS'])]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from diplograph.graph.date import PartialDate
from diplograph.graph.extract.context import ArticleContext, SentenceUnit
from diplograph.graph.extract.mention import ActorMention, state_of
from diplograph.graph.extract.temporal import DateExpr
from diplograph.graph.reference import ReferenceData

_OVERRIDING = ("virtual_meeting", "phone_call")
_NEGATION_WINDOW = 4
_PLANNED_WINDOW = 6
_CANCEL_WINDOW = 8
#: Event types that can be the event a later sentence refers back to.
DISCOURSE_TYPES = frozenset({"meeting", "virtual_meeting", "phone_call", "state_visit", "forum_summit"})


@dataclass
class Frame:
    """An event as read from one sentence (mutable while the article is resolved)."""

    type: str
    unit: SentenceUnit
    states: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    date_explicit: bool = False
    place: str | None = None
    status: str = "occurred"
    confidence: float = 0.7
    derived: bool = False
    ordinal: int | None = None
    commemorates: Frame | None = None
    extra_units: list[SentenceUnit] = field(default_factory=list)


def _near(date: DateExpr, start: int, end: int) -> int:
    if date.end <= start:
        return start - date.end
    return max(0, date.start - end)


def _resolve_date(
    ctx: ArticleContext, dates: list[DateExpr], planned: bool
) -> tuple[PartialDate | None, bool]:
    for expr in dates:
        value = expr.resolve(ctx.published, planned)
        if value is not None:
            return value, expr.explicit
    return None, False


def sentence_frames(ctx: ArticleContext, unit: SentenceUnit, discourse: Frame | None) -> list[Frame]:
    """The event frames of one sentence (back-references update ``discourse`` in place)."""
    lex = ctx.lexicon
    has_person = any(m.kind == "person" for m in unit.mentions)
    if unit.entries("blocker") and not has_person:
        return []
    consumed = unit.consumed
    triggers: list[tuple[int, int, str]] = []
    for match, etype in unit.entries("trigger"):
        if match.start in consumed:
            continue
        etype = str(etype)
        if etype in lex.requires and not _has_required(ctx, unit, etype, match.start, match.end):
            continue
        triggers.append((match.start, match.end, etype))
    backrefs = unit.entries("backref")
    if backrefs and discourse is not None:
        _refer_back(ctx, unit, discourse, backrefs[0][0].start)
    if any(t[2] in _OVERRIDING for t in triggers):
        triggers = [t for t in triggers if t[2] != "meeting"]
    seen: set[str] = set()
    unique = []
    for trigger in sorted(triggers):
        if trigger[2] not in seen:
            seen.add(trigger[2])
            unique.append(trigger)
    frames = []
    for k, (start, end, etype) in enumerate(unique):
        seg_start = unit.first if k == 0 else start
        seg_end = unique[k + 1][0] if k + 1 < len(unique) else unit.last
        frame = _frame(ctx, unit, etype, start, end, seg_start, seg_end, unique[0][0], discourse, len(unique))
        if frame is not None:
            frames.append(frame)
    if any(f.type == "meeting" for f in frames):
        for frame in frames:
            if frame.type == "forum_summit" and not frame.organisations:
                frames.remove(frame)
    return frames


def _has_required(ctx: ArticleContext, unit: SentenceUnit, etype: str, start: int, end: int) -> bool:
    window = ctx.lexicon.windows[etype]
    norms = [t.norm for t in ctx.tokens[max(unit.first, start - window) : min(unit.last, end + window)]]
    for phrase in ctx.lexicon.requires[etype]:
        size = len(phrase)
        if any(tuple(norms[i : i + size]) == phrase for i in range(len(norms) - size + 1)):
            return True
    return False


def _refer_back(ctx: ArticleContext, unit: SentenceUnit, discourse: Frame, at: int) -> None:
    if unit not in discourse.extra_units and unit is not discourse.unit:
        discourse.extra_units.append(unit)
    if not unit.dates:
        return
    nearest = min(unit.dates, key=lambda d: _near(d, at, at + 1))
    value = nearest.resolve(ctx.published, discourse.status == "planned")
    if value is None:
        return
    current = discourse.date
    if current is None or (current.contains(value) and value != current):
        discourse.date = value
        discourse.date_explicit = nearest.explicit or discourse.date_explicit


def _frame(
    ctx: ArticleContext,
    unit: SentenceUnit,
    etype: str,
    start: int,
    end: int,
    seg_start: int,
    seg_end: int,
    first_trigger: int,
    discourse: Frame | None,
    n_triggers: int,
) -> Frame | None:
    for match, _ in unit.entries("negation"):
        if start - _NEGATION_WINDOW <= match.start < start and match.start >= seg_start:
            return None
    for match, _ in unit.entries("cancellation"):
        if start - _CANCEL_WINDOW <= match.start <= end + _CANCEL_WINDOW:
            return None
    planned = any(
        start - _PLANNED_WINDOW <= m.start < end + 1 and m.start >= min(seg_start, first_trigger)
        for m, _ in unit.entries("planned")
    )
    own = [d for d in unit.dates if seg_start <= d.start < seg_end or d.start < first_trigger]
    others = sorted(unit.dates, key=lambda d: _near(d, start, end))
    ordered = sorted(own, key=lambda d: _near(d, start, end)) + [d for d in others if d not in own]
    date, explicit = _resolve_date(ctx, ordered, planned)
    if date is not None and ctx.published is not None and date.earliest > ctx.published:
        planned = True
    day = date.earliest if date is not None else ctx.published
    if etype == "forum_summit" or n_triggers == 1:
        actors = unit.mentions
    else:
        actors = [m for m in unit.mentions if m.start < first_trigger or seg_start <= m.start < seg_end]
    states, people, place = _participants(ctx, actors, etype, day)
    organisations = list(dict.fromkeys(m.id for m in unit.mentions if m.kind == "organisation"))
    if len(states) < 2 and discourse is not None and unit.entries("actorref"):
        states = sorted(set(states) | set(discourse.states))
    if etype == "forum_summit" and not organisations:
        if len(states) == 2 and n_triggers == 1:
            etype = "meeting"
        elif not states:
            return None
    if not states:
        return None
    if etype == "state_visit" and people and all(_minister_only(p, day) for p in people):
        etype = "meeting"  # a foreign minister's visit is a meeting (only leaders make state visits)
    confidence = 0.5 + 0.2 + (0.1 if explicit else 0.0) + (0.1 if len(states) >= 2 else 0.0)
    if all(m.via == "capital" for m in actors if m.kind == "state") and not people:
        confidence -= 0.1
    return Frame(
        type=etype,
        unit=unit,
        states=states,
        people=people,
        organisations=organisations,
        date=date,
        date_explicit=explicit,
        place=place,
        status="planned" if planned else "occurred",
        confidence=round(confidence, 2),
    )


def _minister_only(person: str, day: dt.date | None) -> bool:
    record = ReferenceData.load().people.get(person)
    if record is None or day is None:
        return False
    posts = record.posts_on(day)
    return bool(posts) and all(t.post == "foreign_minister" for t in posts)


def _participants(
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
    if etype == "state_visit" or (etype == "meeting" and len(set(states)) < 2):
        states.extend(places)
    return sorted(set(states)), list(dict.fromkeys(people)), place
