"""Pruning of a sentence's frames: drop the empty, fold talks into visits, merge twins.

* a frame with no state (other than a summit naming its forum) is dropped;
* generic travel in a sentence naming a summit is travel to attend it (an undated summit after it
  takes its day and status), unless the summit is
  named after a sequel marker ("a visit to Brasilia after the BRICS summit", "usai KTT") or
  the trip is dated apart from it: then the trip is a visit of its own;
* talks between visitor and host in a state-visit sentence are part of the visit (an undated
  visit is current: "his first visit, after meeting Putin in Moscow in July 2024" keeps the
  earlier meeting);
* two frames of one type and status, with compatible dates and states, are one event
  ("flew into Jakarta ... for an official visit");
* a summit named after a sideline cue is the setting of the talks before it
  (:func:`settle_sidelines`).

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.extract.context import ArticleContext
>>> ctx = ArticleContext.build(Article.from_text("Nothing here."), "en")
>>> prune_frames(ctx, ctx.units[0], [])
[]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.graph.date import PartialDate
from diplograph.graph.extract.context import ArticleContext, SentenceUnit
from diplograph.graph.extract.participant import is_leader

if TYPE_CHECKING:
    from diplograph.graph.extract.frame import Frame

#: How many tokens before a summit trigger a sequel marker may stand ("after the BRICS summit").
_SEQUEL_WINDOW = 3
#: How far after a sideline cue a summit trigger may stand ("on the sidelines of the 32nd APEC summit").
_SIDELINE_REACH = 6
#: Days between a meeting and a visit of the same states for the meeting to be part of it.
_VISIT_DAYS = 4


def _trip_for(ctx: ArticleContext, meeting: Frame, visits: list[Frame]) -> Frame | None:
    """The undated trip told just before a dated meeting of the same states and status, whose
    purpose the meeting is ("bertolak ke Kuala Lumpur untuk bertemu PM Anwar pada Rabu")."""
    if meeting.type != "meeting" or meeting.date is None or meeting.trigger[0] == 0:
        return None
    norms, at = ctx.tokens.norms, meeting.trigger[0]
    if norms[at - 1] not in ctx.lexicon.purpose_markers and " ".join(norms[max(0, at - 2) : at]) not in (
        ctx.lexicon.purpose_markers
    ):
        return None  # "on his first visit to China, held talks with Xi on Sunday": no purpose
    for visit in visits:
        if (
            visit.date is None
            and visit.status == meeting.status
            and visit.trigger[0] < meeting.trigger[0]
            and set(meeting.states) <= set(visit.states)
        ):
            return visit
    return None


def prune_frames(ctx: ArticleContext, unit: SentenceUnit, frames: list[Frame]) -> list[Frame]:
    """The frames of one sentence worth keeping, twins merged.

    Args:
        ctx: the analysed article.
        unit: the sentence the frames were read from.
        frames: the frames read from it.

    >>> from diplograph.graph.model import Article
    >>> from diplograph.graph.extract.context import ArticleContext
    >>> ctx = ArticleContext.build(Article.from_text("Nothing here."), "en")
    >>> prune_frames(ctx, ctx.units[0], [])
    []
    """
    frames = [f for f in frames if f.states or f.type == "forum_summit"]
    frames = [f for f in frames if f.type != "forum_summit" or f.organisations or len(f.states) >= 2]
    visits = [f for f in frames if f.type == "state_visit"]
    has_forum = attended_forum(ctx, unit) or any(
        f.type == "forum_summit" and f.organisations and unit.entries("attend_verb") for f in frames
    )  # "melawat ke Wellington ... untuk menghadiri pertemuan Forum Kepulauan Pasifik"
    kept: list[Frame] = []
    for frame in frames:
        attending = frame.type in ("state_visit", "meeting") and frame.generic and has_forum
        if attending and not _apart_from_summits(frame, frames):
            _date_attended(frame, frames)
            continue  # travelling to attend a summit is not a state visit
        trip = _trip_for(ctx, frame, visits)
        if trip is not None:  # "will fly to Kuala Lumpur to meet Anwar on Wednesday": the trip's day
            trip.date, trip.date_explicit = frame.date, frame.date_explicit
            days = (frame.date.earliest, frame.date.latest) if frame.date is not None else ()
            if trip.people and not any(is_leader(p, d) for p in trip.people for d in days):
                trip.type = "meeting"  # a minister's trip: "Faisal ... lawatan ke Kuala Lumpur untuk bertemu"
            continue
        if frame.type == "meeting" and any(
            set(frame.states) <= set(v.states)
            and (v.date is not None or frame.date is None)  # not into an undated "possible visit"
            and _close(frame.date, v.date or _today(ctx))
            for v in visits
        ):
            continue  # talks between visitor and host are part of the visit
        twin = next(
            (
                k
                for k in kept
                if k.type == frame.type
                and k.status == frame.status
                and (frame.date is None or k.date is None or k.date == frame.date)
                and (k.organisations[:1] == frame.organisations[:1] or k.type != "forum_summit")
                and not (len(k.states) >= 2 and len(frame.states) >= 2 and set(k.states) != set(frame.states))
            ),
            None,
        )
        if twin is not None:  # "flew into Jakarta ... for an official visit": one visit
            twin.states = sorted(set(twin.states) | set(frame.states))
            twin.people = list(dict.fromkeys([*twin.people, *frame.people]))
            twin.date = twin.date or frame.date
            twin.generic = twin.generic and frame.generic
            continue
        kept.append(frame)
    return kept


def attended_forum(ctx: ArticleContext, unit: SentenceUnit) -> bool:
    """Whether the sentence names a summit that travel in it may be to attend.

    A summit named just after a sequel marker ("after the summit", "usai KTT") was over
    before the trip.

    >>> from diplograph.graph.model import Article
    >>> from diplograph.graph.extract.context import ArticleContext
    >>> ctx = ArticleContext.build(Article.from_text("He flew to Rio for the BRICS summit."), "en")
    >>> attended_forum(ctx, ctx.units[0])
    True
    """
    markers = ctx.lexicon.sequel_markers
    for match, payload in unit.entries("trigger"):
        if str(payload) != "forum_summit":
            continue
        if match.end < unit.last and ctx.tokens.norms[match.end] in ctx.lexicon.bilateral_markers:
            continue  # "travel on to Washington for a summit with Trump": a visit with its talks
        before = ctx.tokens[max(unit.first, match.start - _SEQUEL_WINDOW) : match.start]
        if not any(t.norm in markers for t in before):
            return True
    return False


def _date_attended(trip: Frame, frames: list[Frame]) -> None:
    """An undated summit a trip goes to attend takes the trip's day and status ("bertolak ke Kairo
    pada Sabtu untuk menghadiri KTT D-8": the summit is planned, that Saturday)."""
    if trip.date is None:
        return
    for frame in frames:
        if frame.type == "forum_summit" and frame.date is None and frame.trigger[0] > trip.trigger[0]:
            frame.date, frame.date_explicit, frame.status = trip.date, trip.date_explicit, trip.status


def _apart_from_summits(visit: Frame, frames: list[Frame]) -> bool:
    """Whether a trip has its own date, apart from the summits of its sentence: "berkunjung ke
    Moskow pada Juli 2024 dan bertemu ... di sela KTT SCO ... Agustus 2025" is a visit of its own."""
    summits = [f.date for f in frames if f.type == "forum_summit"]
    return (
        visit.date is not None
        and bool(summits)
        and all(d is not None and not _close(visit.date, d) for d in summits)
    )


def _today(ctx: ArticleContext) -> PartialDate | None:
    """An undated visit is taken to be current: talks long before it are a meeting of their own."""
    return None if ctx.published is None else PartialDate.from_date(ctx.published)


def _close(a: PartialDate | None, b: PartialDate | None) -> bool:
    if a is None or b is None:
        return True
    if a.precision != "day" or b.precision != "day":  # a visit "in 2026" does not begin on 1 January
        return a.compatible(b)
    return abs((a.earliest - b.earliest).days) <= _VISIT_DAYS


def settle_sidelines(unit: SentenceUnit, frames: list[Frame]) -> None:
    """A summit named after a sideline cue ("expected to meet on the sidelines of the APEC
    summit later this year") is the setting of the talks before it: it takes their status, and
    undated talks take its date (before other frames of the sentence share theirs: "visited
    Moscow in July 2024 and met Putin on the sidelines of the SCO summit in August 2025").

    >>> from diplograph.graph.model import Article
    >>> settle_sidelines(ArticleContext.build(Article.from_text("Nothing."), "en").units[0], [])
    """
    cues = [m.end for m, _ in unit.entries("sideline")]
    if not cues:
        return
    for k, summit in enumerate(frames):
        if summit.type != "forum_summit" or k == 0:
            continue
        if not any(0 <= summit.trigger[0] - cue <= _SIDELINE_REACH for cue in cues):
            continue
        talks = frames[k - 1]
        if talks.type not in ("meeting", "forum_summit") or not talks.trigger[1] <= summit.trigger[0]:
            continue
        summit.status = talks.status
        if talks.date is None and summit.date is not None:
            talks.date, talks.date_explicit = summit.date, summit.date_explicit
