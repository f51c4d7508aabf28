"""Event frames: a trigger with its actors, date, place, forum and status, per sentence.

Rules (all lexicon-driven, see ``data/lexicons/en.yaml``):

* a trigger phrase announces an event type; types with ``requires`` need a companion phrase
  nearby ("signed" + "agreement"); ``travel`` triggers ("arrived in", "trip to") are generic
  visits: a state visit, unless the trip is to a summit;
* a virtual-meeting or phone-call trigger overrides a plain meeting trigger in the sentence
  ("met via video link" is a virtual meeting), unless a planned cue comes between the call and
  the meeting ("spoke by phone, and are expected to meet": a call and a planned meeting);
* a summit names its organisation near the trigger ("the SCO summit", "KTT G20"); a summit
  naming none is the summit being reported (a back-reference) or, between named states, a
  bilateral (or trilateral) meeting;
* several triggers in one sentence each get their own segment: actors before the first
  trigger (the subject) are shared, later actors belong to the trigger before them; each date
  expression dates the trigger nearest to it (a trigger without one shares its neighbour's
  when the statuses agree); a date after "since" never dates the event;
* a subject pronoun ("He", "Ia") stands for the person last named, a first-person one ("I")
  for the author of a release (:meth:`ArticleContext.author`); "the two leaders" for the
  participants of the event being reported or of another event in the sentence (the article's
  two main states when those are more than two and include them);
* talks between visitor and host in a state-visit sentence are part of the visit; a visit
  by someone holding no leader post on that day (a minister, a president-elect) is a meeting;
* a negation cue just before the trigger, or a cancellation cue near it, removes the frame;
  a planned cue, or a date after publication, makes it planned;
* a sentence with a blocker topic (sports, markets, weather, business), or following one
  without naming a leader, yields no frame unless a leader is named in it;
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
from dataclasses import dataclass, field, replace

from diplograph.graph.date import PartialDate
from diplograph.graph.extract.assignment import DURABLE, assign_dates, near, relative_clause, told_of_person
from diplograph.graph.extract.context import ArticleContext, SentenceUnit
from diplograph.graph.extract.counterpart import counterpart_groups, mediators, witnesses
from diplograph.graph.extract.mention import state_of
from diplograph.graph.extract.participant import (
    LEADER_POSTS,
    absent_state,
    actor_absence,
    clause_break,
    is_leader,
    participants,
)
from diplograph.graph.extract.pruning import prune_frames, settle_sidelines
from diplograph.graph.extract.summit import (
    FILLERS,
    MODES,
    SIDELINE_GAP,
    closing_day,
    current_date,
    forum_attended,
    forum_of,
    may_attend,
    members_of,
    names_reported_summit,
)
from diplograph.graph.extract.temporal import DateExpr, after_since
from diplograph.graph.extract.traveller import (
    envoys_travel,
    leaders_visit,
    titled_leader,
    tour_hosts,
    visits_site,
)

_OVERRIDING = ("virtual_meeting", "phone_call")
_CONVERSATIONS = frozenset({"meeting", "virtual_meeting", "phone_call"})
_NEGATION_WINDOW = 4
_FOR_ACTOR = 6  # tokens a negation cue ending in "for" reaches further: the actor's title and name
_PLANNED_WINDOW = 8
_PLANNED_AFTER = 24
_CANCEL_WINDOW = 8
#: Event types that can be the event a later sentence refers back to.
DISCOURSE_TYPES = frozenset({"meeting", "virtual_meeting", "phone_call", "state_visit", "forum_summit"})


@dataclass(slots=True)
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
    #: One of several calls read from one phrase ("phoned both leaders"): not the event reported.
    fanned: bool = False
    #: The states a visit goes to, when it names several ("visited Vietnam and Laos").
    hosts: list[str] = field(default_factory=list)
    ordinal: int | None = None
    commemorates: Frame | None = None
    extra_units: list[SentenceUnit] = field(default_factory=list)
    trigger: tuple[int, int] = (0, 0)
    generic: bool = False
    refers_to_year: int | None = None


def blocked(ctx: ArticleContext, unit: SentenceUnit) -> bool:
    """Whether a sentence is about sports, markets, weather or business (or follows a sports
    sentence) and names no person: it reports no diplomatic event and names no participant.

    >>> from diplograph.graph.model import Article
    >>> ctx = ArticleContext.build(Article.from_text("The rupiah weakened against the dollar."), "en")
    >>> blocked(ctx, ctx.units[0])
    True
    """
    if any(m.kind == "person" for m in unit.mentions):
        return False
    if unit.entries("blocker") or ctx.topic() is not None:
        return True
    previous = ctx.units[unit.index - 1] if unit.index > 0 else None
    return (
        previous is not None
        and any(str(topic) in _CARRIED_TOPICS for _, topic in previous.entries("blocker"))
        and not any(m.kind == "person" for m in previous.mentions)
    )


#: Blocker topics whose sentence also blocks the next ("Indonesia beat Japan 2-1. The two teams ...");
#: the others block their own sentence only (a market report says nothing of the next sentence).
_CARRIED_TOPICS = frozenset({"sports"})


def sentence_frames(
    ctx: ArticleContext, unit: SentenceUnit, discourse: Frame | None, forum: Frame | None = None
) -> list[Frame]:
    """The event frames of one sentence (back-references update ``discourse`` in place).

    Args:
        ctx: the analysed article.
        unit: the sentence.
        discourse: the event being reported (for back-references and "the two leaders").
        forum: the summit being reported (an organisation-less "the summit" refers to it).
    """
    if unit.role == "skip" or _READ_LAYERS.isdisjoint(unit.layers):
        return []  # nothing to read: no trigger and no back-reference
    if blocked(ctx, unit):
        return []
    lex = ctx.lexicon
    consumed = unit.consumed
    triggers: list[tuple[int, int, str]] = []
    reported_end = -SIDELINE_GAP - 1  # where a mention of the summit being reported ends
    inside = [(m.start, m.end) for m, _ in unit.entries("backref") if not _names_its_sides(ctx, unit, m.end)]
    for match, etype in unit.entries("trigger"):
        if match.start in consumed:
            continue
        if triggers and triggers[-1][:2] == (match.start, match.end):
            continue  # an alternative reading of a trigger already taken
        if (
            str(etype) == "forum_summit"
            and forum is not None
            and names_reported_summit(unit, match.start, match.end)
        ):
            reported_end = match.end
            continue  # "Di sela KTT, Prabowo dijadwalkan bertemu ...": the summit being reported
        if str(etype) in MODES and 0 <= match.start - reported_end <= SIDELINE_GAP:
            continue  # "mengikuti KTT secara virtual": how he took part, no event of its own
        if str(etype) in DISCOURSE_TYPES | {"travel"} and any(
            a <= match.start and match.end <= b for a, b in inside
        ):
            continue  # "the meeting": the event being reported ("witnessed the signing" is new)
        if match.end < unit.last and ctx.tokens.norms[match.end] in lex.demonstratives:
            if discourse is not None:  # "KTT virtual tersebut": the event being reported
                _refer_back(ctx, unit, discourse, match.start)
            continue
        etype = str(etype)
        if etype in lex.requires and not _has_required(ctx, unit, etype, match.start, match.end):
            continue
        if etype == "travel" and visits_site(ctx, unit, match.end):
            continue  # "is due to visit the Embraer aircraft plant": a stop on a trip
        if etype in _CONVERSATIONS and _series_without_counterpart(unit, match.start, match.end):
            continue  # "held a series of bilateral meetings in Kuala Lumpur": no one event
        if triggers and triggers[-1][2] == etype and _parenthesised(ctx, triggers[-1][1], match.start):
            continue  # "Konferensi Tingkat Tinggi (KTT)": one trigger
        triggers.append((match.start, match.end, etype))
    for match, _ in unit.entries("call_verb"):  # "Biden called Xi": a phone call
        if match.start not in consumed and _calls_person(ctx, unit, match.end):
            triggers.append((match.start, match.end, "phone_call"))
    for match, _ in unit.entries("host_verb"):  # "menerima PM Fumio Kishida di Jakarta": his visit
        guest = _guest(ctx, unit, match.end)
        if (
            match.start not in consumed
            and guest is not None
            and not _overlaps(triggers, match.start, match.end)
        ):
            triggers.append((match.start, match.end, "travel" if guest else "meeting"))
    for match, _ in unit.entries("attend_verb"):  # "attended the Shangri-La Dialogue": its meeting
        forum_span = forum_attended(ctx, unit, match.end)
        if forum_span is None:
            continue
        triggers = [  # "menghadiri pertemuan Forum Kepulauan Pasifik": the meeting is the forum's
            t for t in triggers if not (t[2] == "meeting" and match.end <= t[0] and t[1] <= forum_span[0])
        ]
        if not any(a < forum_span[1] + 2 and forum_span[0] < b for a, b, _ in triggers):
            triggers.append((*forum_span, "forum_summit"))
    backrefs = unit.entries("backref")
    if backrefs and discourse is not None:
        _refer_back(ctx, unit, discourse, backrefs[0][0].start)
    during = discourse if backrefs and discourse is not None and not unit.dates else None
    overriding = [t for t in triggers if t[2] in _OVERRIDING]
    if overriding:
        plans = [m.start for m, _ in unit.entries("planned")]
        triggers = [t for t in triggers if t[2] != "meeting" or _planned_after(plans, overriding, t)]
    triggers.sort()
    assigned = assign_dates(ctx, unit, triggers)
    frames: list[Frame] = []
    for k, (start, end, etype) in enumerate(triggers):
        seg_start = unit.first if k == 0 else start
        seg_end = triggers[k + 1][0] if k + 1 < len(triggers) else unit.last
        frame = _frame(ctx, unit, etype, (start, end), (seg_start, seg_end), triggers, assigned[k], forum)
        if frame is not None:
            frames.append(frame)
    if any(f.type == "virtual_meeting" for f in frames) and any(
        f.type == "forum_summit" and f.organisations for f in frames
    ):  # a virtual summit is a virtual meeting of the forum
        virtual = [f for f in frames if f.type == "virtual_meeting"]
        frames = [f for f in frames if f.type != "virtual_meeting"]
        for frame in frames:
            if frame.type == "forum_summit":
                frame.type = "virtual_meeting"
                dated = next((v for v in virtual if v.date is not None), None)
                if frame.date is None and dated is not None:
                    frame.date, frame.date_explicit = dated.date, dated.date_explicit
    frames = [part for frame in frames for part in _split(ctx, unit, frame, triggers)]
    frames += [
        replace(f, type="partnership", people=list(f.people), organisations=[])
        for f in frames
        if f.type == "treaty_signing" and _has_required(ctx, unit, "partnership", *f.trigger)
    ]  # signing a strategic partnership declaration also establishes the partnership
    if during is not None and during.date is not None:  # "expected to sign ... during the visit"
        for frame in frames:
            if frame.date is None and frame.type != during.type and frame.status == during.status:
                frame.date, frame.date_explicit = during.date, during.date_explicit
    settle_sidelines(unit, frames)
    undated = [f for f in frames if f.date is None]
    _share_dates(ctx, frames, assigned, triggers)
    named = [m.id for m in unit.mentions if m.kind == "person"]
    for frame in undated:  # dated only now, by the sentence's other events (or by publication)
        days = (ctx.published,) if frame.date is None else (frame.date.earliest, frame.date.latest)
        if frame.type == "state_visit" and not (leaders_visit(named, *days) or titled_leader(ctx, unit)):
            frame.type = "meeting"
    for frame in frames:  # "BRICS foreign ministers will meet in New Delhi": the forum meets
        if frame.type == "meeting" and len(frame.states) < 2:
            org = members_of(ctx, unit)
            if org is not None:
                frame.type = "forum_summit"
                frame.organisations = list(dict.fromkeys([org, *frame.organisations]))
    frames = _fill_actors(ctx, unit, frames, discourse)
    return prune_frames(ctx, unit, frames)


def _calls_person(ctx: ArticleContext, unit: SentenceUnit, at: int) -> bool:
    """Whether a person is named right after a call verb ("called President Erdogan", "rang Mr
    Albanese"), allowing only capitalised title words and a possessive or article in between,
    and is not then given a name ("called Milei \"a great friend\"": naming, not phoning)."""
    person = next((m for m in unit.mentions if m.start >= at), None)
    if person is None or person.kind != "person" or person.start - at > 3:
        return False
    if not _only_titles(ctx, at, person.start):
        return False
    following = ctx.tokens.norms[person.end] if person.end < unit.last else ""
    return following not in _NAMING


def _only_titles(ctx: ArticleContext, start: int, end: int) -> bool:
    """Whether only capitalised words (titles) and articles or possessives stand in ``[start, end)``:
    between a verb and the person it names ("called President Erdogan", "received the Japanese")."""
    return all(ctx.tokens.texts[i][:1].isupper() or ctx.tokens.norms[i] in FILLERS for i in range(start, end))


def _guest(ctx: ArticleContext, unit: SentenceUnit, at: int) -> bool | None:
    """Whom a host verb receives ("received Prime Minister Fumio Kishida", "menerima PM Selandia
    Baru"): True for a head of state or government (titled so, by a leader title and state, or
    untitled and leading on the publication day), False for anyone else named, None when no one
    is named right after the verb (only capitalised words, articles and possessives between)."""
    near = [m for m in unit.mentions if at <= m.start <= at + _GUEST_GAP and m.kind != "organisation"]
    if not near:
        return None
    if not _only_titles(ctx, at, near[0].start):
        return None
    person = next((m for m in near if m.kind == "person"), None)
    stop = person.end if person is not None else near[-1].end
    titles = [str(p) for m, p in unit.entries("title") if at <= m.start < stop]
    if person is None:
        return True if any(t in LEADER_POSTS for t in titles) else None  # "PM Selandia Baru": its leader
    if person.post is None and not titles:  # "hosted Putin": whether he leads now
        return ctx.published is not None and is_leader(person.id, ctx.published)
    return person.post in LEADER_POSTS or any(t in LEADER_POSTS for t in titles)


#: Tokens a host verb's guest may start after it ("received Chinese Foreign Minister Wang Yi").
_GUEST_GAP = 5


def _overlaps(triggers: list[tuple[int, int, str]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b, _ in triggers)


#: Words after "called <person>" that make it naming him ("called Milei a great friend").
_NAMING = frozenset({'"', "“", "'", "‘", "a", "an", "the", "his", "her", "their", "one"})


_READ_LAYERS = frozenset({"trigger", "backref", "call_verb", "host_verb", "attend_verb"})


def _series_without_counterpart(unit: SentenceUnit, start: int, end: int) -> bool:
    """Talks named as a series ("serangkaian pertemuan bilateral") with no one named after them
    (a place is no counterpart): several unnamed events, none of which can be told."""
    if not any(m.end == start for m, _ in unit.entries("series")):
        return False
    return not any(
        end <= m.start and not m.place and not m.topic and m.kind != "organisation" for m in unit.mentions
    )


def _refers_to_sides(unit: SentenceUnit, etype: str) -> bool:
    """Whether the sentence names the reported event's sides by reference: "the two leaders", or,
    for a signing or an upgrade, the event itself ("documents are expected to be signed following
    the talks")."""
    return bool(unit.entries("actorref")) or (etype not in DISCOURSE_TYPES and bool(unit.entries("backref")))


def refers_back(ctx: ArticleContext, unit: SentenceUnit) -> bool:
    """Whether the sentence is about the event being reported ("The visit follows ...",
    "During the talks, ..."): a back-reference that does not name sides of its own."""
    return any(not _names_its_sides(ctx, unit, m.end) for m, _ in unit.entries("backref"))


def _names_its_sides(ctx: ArticleContext, unit: SentenceUnit, end: int) -> bool:
    """A back-reference naming its own sides ("saat kunjungan Presiden Yudhoyono ke Hanoi", "in
    talks with Modi"): an event of its own, not only the one being reported."""
    at = end + 1 if end < unit.last and ctx.tokens.norms[end] in ctx.lexicon.bilateral_markers else end
    return any(
        at <= m.start <= at + _SIDE_GAP and not m.topic and m.kind != "organisation" for m in unit.mentions
    )


#: How far after a back-reference the actor naming its side may start (a title: "Presiden").
_SIDE_GAP = 1


def _planned_after(
    plans: list[int], overriding: list[tuple[int, int, str]], meeting: tuple[int, int, str]
) -> bool:
    """A meeting trigger after a call with a planned cue between ("spoke by phone ..., and are
    expected to meet"): a second event, not the call's own wording ("talks by phone")."""
    last = max((t[1] for t in overriding if t[1] <= meeting[0]), default=None)
    return last is not None and any(last <= p < meeting[0] for p in plans)


def _parenthesised(ctx: ArticleContext, previous_end: int, start: int) -> bool:
    return start - previous_end == 1 and ctx.tokens.norms[previous_end] == "("


def _split(
    ctx: ArticleContext, unit: SentenceUnit, frame: Frame, triggers: list[tuple[int, int, str]]
) -> list[Frame]:
    """ "Talks with Modi and with Meloni": one meeting per counterpart, each with the subject; "a
    tour of Turkey, Egypt and Qatar": one visit per host, each with the visitor."""
    if frame.type == "state_visit" and len(frame.hosts) >= 2:
        visitors = [s for s in frame.states if s not in frame.hosts]
        return [
            replace(frame, states=sorted({*visitors, host}), people=list(frame.people), hosts=[host])
            for host in frame.hosts
        ]
    if frame.type not in _CONVERSATIONS:
        return [frame]
    end = next((t[0] for t in triggers if t[0] > frame.trigger[0]), unit.last)
    norms = ctx.tokens.norms[max(unit.first, frame.trigger[0] - 1) : frame.trigger[1] + 1]
    bilateral = not ctx.lexicon.pairwise.isdisjoint(norms)  # "bilateral talks with A and B": one each
    groups = counterpart_groups(ctx, unit, frame.trigger[0], end, bilateral=bilateral)
    if not groups:
        return [frame]
    day = frame.date.earliest if frame.date is not None else ctx.published
    sides = [participants(ctx, group, frame.type, day) for group in groups]
    subject = [s for s in frame.states if not any(s in side[0] for side in sides)]
    if not subject or not all(side[0] for side in sides):
        return [frame]
    leads = [p for p in frame.people if state_of(p, day) in subject]  # the subject's people stay
    return [
        replace(
            frame,
            states=sorted({*subject, *side[0]}),
            people=list(dict.fromkeys([*leads, *side[1]])),
            organisations=[],
        )
        for side in sides
    ]


def _share_dates(
    ctx: ArticleContext,
    frames: list[Frame],
    assigned: list[list[DateExpr]],
    triggers: list[tuple[int, int, str]],
) -> None:
    """An undated frame takes the date of the nearest dated frame with the same status."""
    dated = [f for f in frames if f.date is not None]
    for frame in frames:
        if frame.date is not None or not dated:
            continue
        if frame.type == "forum_summit" and closing_day(frame.unit, frame.trigger[0]):
            continue
        # a trip does not take the date of talks in its sentence ("first visit, after meeting him
        # in Moscow in July 2024"): dated talks with the same side would be absorbed into it
        same = [
            f for f in dated if f.status == frame.status and not (frame.generic and f.type in _CONVERSATIONS)
        ]
        if not same:
            continue
        nearest = min(same, key=lambda f: abs(f.trigger[0] - frame.trigger[0]))
        clause = relative_clause(ctx, nearest.trigger[0])
        if clause is not None and not clause[0] <= frame.trigger[0] < clause[1]:
            continue  # "Trump, who met Xi on Thursday, did not stay for the summit"
        date = nearest.date
        assert date is not None
        if ctx.published is not None:
            future = date.earliest > ctx.published
            if (frame.status == "planned") != future and date.latest < ctx.published - dt.timedelta(days=3):
                continue
        frame.date, frame.date_explicit = date, nearest.date_explicit


#: Tokens an onward link may stand before its trip ("before flying on to", "sebelum mengakhiri lawatan").
_ONWARD_GAP = 2


def _other_time(told: PartialDate | None, date: PartialDate | None) -> bool:
    """Whether a relative clause's own date (``told``) is another time than the event's."""
    return told is not None and (date is None or not told.compatible(date))


def _clause_close(ctx: ArticleContext, unit: SentenceUnit, at: int) -> int:
    """Where the relative clause holding the token ``at`` ends: the first comma after it that
    does not go on with a list of actors ("who toured Japan, South Korea and China, said")."""
    norms = ctx.tokens.norms
    starts = {m.start for m in unit.mentions}
    for i in range(at, unit.last):
        if norms[i] == "." or (norms[i] == "," and i + 1 not in starts and norms[i + 1] not in _LIST_GLUE):
            return i
    return unit.last


_LIST_GLUE = frozenset({"and", "dan", "serta", "as", "well"})


def _dated_clause(ctx: ArticleContext, unit: SentenceUnit, at: int) -> bool:
    """Whether a date follows ``at`` in its clause ("since they met on the margins of the G20
    summit last month": the summit's date dates the talks too)."""
    norms = ctx.tokens.norms
    close = next((i for i in range(at, unit.last) if norms[i] in (",", ".", ";")), unit.last)
    return any(at <= d.start < close for d in unit.dates)


def _has_required(ctx: ArticleContext, unit: SentenceUnit, etype: str, start: int, end: int) -> bool:
    window = ctx.lexicon.windows[etype]
    low = max(unit.first, start - window)
    norms = ctx.tokens.norms[low : min(unit.last, end + window)]
    present = set(norms)
    unless = ctx.lexicon.unless.get(etype, frozenset())
    for phrase in ctx.lexicon.requires[etype]:
        size = len(phrase)
        if size == 0:
            return True
        if phrase[0] not in present:
            continue
        for i in range(len(norms) - size + 1):
            if tuple(norms[i : i + size]) != phrase:
                continue
            between = norms[end - low : i] if i >= end - low else norms[i + size : start - low]
            if unless.isdisjoint(between):  # "agreed to deepen their partnership": it exists already
                return True
    return False


def _refer_back(ctx: ArticleContext, unit: SentenceUnit, discourse: Frame, at: int) -> None:
    if unit not in discourse.extra_units and unit is not discourse.unit:
        discourse.extra_units.append(unit)
    dates = [d for d in unit.dates if not d.since or discourse.type in DURABLE]
    if not dates:
        return
    nearest = min(dates, key=lambda d: near(d, at, at + 1))
    called_off = [
        m
        for m, _ in unit.entries("trigger")
        if not m.start <= at < m.end and _negated(ctx, unit, m.start, m.end, (m.start, unit.last))
    ]
    if any(near(nearest, m.start, m.end) < near(nearest, at, at + 1) for m in called_off):
        return  # "the meeting was held because the visit planned for February fell through"
    value = nearest.resolve(ctx.published, discourse.status == "planned", ctx.anchor)
    if value is None:
        return
    current = discourse.date
    if current is None or (current.contains(value) and value != current):
        discourse.date = value
        discourse.date_explicit = nearest.explicit or discourse.date_explicit


#: Encounters whose "not ... since <date>" tells when they last happened, and how far after the
#: trigger that "since" may stand ("a trip the Russian leader has not made since 2018").
_ENCOUNTERS = frozenset({"meeting", "virtual_meeting", "phone_call", "state_visit", "travel", "forum_summit"})
_SINCE_AFTER = 9


def _last_time(ctx: ArticleContext, unit: SentenceUnit, end: int, seg_end: int) -> DateExpr | None:
    """The date right after "since" following a negated trigger ("has not visited Turkey since
    2018", "no talks since March 2019"): when the event last happened."""
    for expr in unit.dates:
        if end <= expr.start < min(seg_end, end + _SINCE_AFTER) and expr.since and expr.kind == "absolute":
            before = ctx.tokens.norms[expr.start - 1] if expr.start > 0 else ""
            if before in ctx.lexicon.since_markers:
                return expr
    return None


def _negated(ctx: ArticleContext, unit: SentenceUnit, start: int, end: int, segment: tuple[int, int]) -> bool:
    """A negation cue just before the trigger; a cancellation cue near it or later in its segment.

    A cue ending in "for" reaches past the actor it names: "no plans for President Putin to meet".
    """
    for match, _ in unit.entries("negation"):
        reach = _NEGATION_WINDOW + (_FOR_ACTOR if ctx.tokens.norms[match.end - 1] == "for" else 0)
        if start - reach <= match.start < start and match.start >= segment[0]:
            return True
    for match, _ in unit.entries("cancellation"):
        if actor_absence(unit, match.start):
            continue  # "with the United States boycotting the meeting": one actor stays away
        if start - _CANCEL_WINDOW <= match.start <= max(end + _CANCEL_WINDOW, segment[1]):
            return True
    return False


def _frame(
    ctx: ArticleContext,
    unit: SentenceUnit,
    etype: str,
    span: tuple[int, int],
    segment: tuple[int, int],
    triggers: list[tuple[int, int, str]],
    dates: list[DateExpr],
    forum: Frame | None,
) -> Frame | None:
    start, end = span
    seg_start, seg_end = segment
    first_trigger = triggers[0][0]
    previous = max(
        (t[1] for t in triggers if t[1] <= start), default=seg_start
    )  # "..., after Turkey offered to host talks"
    if _negated(ctx, unit, start, end, (min(seg_start, previous), seg_end)):
        last = _last_time(ctx, unit, end, seg_end) if etype in _ENCOUNTERS else None
        if last is None:
            return None
        dates = [last]  # "has not visited Turkey since 2018": the last visit was in 2018
    if not dates and after_since(ctx.tokens.norms, start, ctx.lexicon) and not _dated_clause(ctx, unit, end):
        return None  # "the first visit since the two countries upgraded ties": a bound, told undated
    generic = etype == "travel"
    if generic:
        etype = "state_visit"
    # a planned cue just before the trigger, or (a summit named as subject) later in its clause:
    # "The East Asia Summit, which brings together ..., is scheduled to take place on Monday"
    after = end + 1
    if etype == "forum_summit":  # up to the clause's verb: no date or reported speech before it
        stops = [d.start for d in unit.dates if d.start >= end]
        stops += [
            i
            for i in range(end, min(seg_end, end + _PLANNED_AFTER))
            if ctx.tokens.norms[i] in ctx.lexicon.speech_cues
        ]
        after = min([*stops, seg_end, end + _PLANNED_AFTER])
    lead = start  # a forum's summit opens with the forum's name: "the China-Central Asia Summit"
    if etype == "forum_summit":
        lead = min(
            (m.start for m in unit.mentions if m.kind == "organisation" and m.start <= start <= m.end),
            default=start,
        )
    onward = ctx.tokens.norms[max(unit.first, start - _ONWARD_GAP) : start]
    purpose = previous > unit.first and any(n in ctx.lexicon.purpose_markers for n in onward[-1:])
    if purpose or any(n in ctx.lexicon.onward_links for n in onward):  # "sebelum mengakhiri lawatan di Amman"
        lead = (
            unit.first
        )  # "is due to visit ... before flying on to Tokyo", "dijadwalkan ... untuk bertemu": one plan
    planned = any(lead - _PLANNED_WINDOW <= m.start < max(after, end + 1) for m, _ in unit.entries("planned"))
    date, explicit = None, False
    if etype == "forum_summit" and closing_day(unit, start):
        dates = []  # "on Saturday, the final day of the APEC summit": not the day it opened
    for expr in dates:
        date = expr.resolve(ctx.published, planned, ctx.opening if expr.kind == "opening" else ctx.anchor)
        if date is not None:
            explicit = expr.explicit
            break
    if date is not None and ctx.published is not None and date.earliest > ctx.published:
        planned = True
    elif date is not None and dates[0].since:  # "since his own visit in 2017": it happened
        planned = False
    day = date.earliest if date is not None else ctx.published
    if etype == "forum_summit" or len(triggers) == 1:
        actors = unit.mentions
    else:
        actors = [m for m in unit.mentions if m.start < first_trigger or seg_start <= m.start < seg_end]
    speech = next((i for i in range(end, unit.last) if ctx.tokens.norms[i] in ctx.lexicon.speech_cues), None)
    if speech is not None:  # "..., telling world leaders that Indonesia would recognise Israel"
        actors = [m for m in actors if m.start < speech]
    relative = relative_clause(ctx, start)
    if relative is not None:  # "Ruto, who arrived ... for a state visit, said ... Uganda, South Sudan"
        close = _clause_close(ctx, unit, end)
        actors = [m for m in actors if m.start < close]
    else:  # "Milei, who attended Trump's inauguration in January 2025, is due ... for the summit"
        actors = [m for m in actors if not _other_time(told_of_person(ctx, unit, m.start), date)]
    clause = clause_break(ctx, end, seg_end)
    if clause is not None and etype != "forum_summit":  # "..., shortly after the Netherlands recognised ..."
        kept = [m for m in actors if m.start < clause]
        if len(participants(ctx, kept, etype, ctx.published)[0]) >= 2:
            actors = kept
    states, people, place = participants(ctx, actors, etype, day)
    if etype != "forum_summit" and len(states) < 2 and len(triggers) > 1:
        # "... for a state visit, during which Indonesia and Brazil are expected to sign":
        # the actors between the previous trigger and this one are its subject too
        before = [t[1] for t in triggers if t[1] <= start]
        if before:
            gap = [m for m in unit.mentions if max(before) <= m.start < start and m not in actors]
            actors = [*actors, *gap]
            states, people, place = participants(ctx, actors, etype, day)
    elif etype in _CONVERSATIONS and any(t[2] == "forum_summit" and t[1] <= start for t in triggers):
        # "Di sela KTT ASEAN, Prabowo dijadwalkan melakukan pertemuan bilateral dengan ...": the
        # person between the summit (the setting) and the talks is their subject
        setting_end = max(t[1] for t in triggers if t[2] == "forum_summit" and t[1] <= start)
        between = [t for t in triggers if setting_end <= t[0] < start]
        subject = [
            m for m in unit.mentions if setting_end <= m.start < start and m.kind == "person" and not m.topic
        ]
        if subject and not between and not any(m in actors for m in subject):
            actors = [*actors, *subject]
            states, people, place = participants(ctx, actors, etype, day)
    # onlookers of a signing, brokers of talks ("under the auspices of Malaysia") are no parties
    # when two other states remain, or "the two countries" (filled in later) are the parties
    onlookers = witnesses(unit) if etype == "treaty_signing" else []
    brokers = mediators(ctx, unit) if etype != "forum_summit" and unit.entries("mediation") else []
    if onlookers or brokers:
        rest = participants(ctx, [m for m in actors if m not in onlookers and m not in brokers], etype, day)
        if len(rest[0]) >= 2 or (brokers and unit.entries("actorref")):
            states, people = rest[0], rest[1]
    organisations: list[str] = []
    if etype == "forum_summit":
        org = forum_of(unit, start, end)
        following = ctx.tokens.norms[end] if end < unit.last else ""
        if following in ctx.lexicon.bilateral_markers:
            org = None  # "held his first summit with Lee": a meeting
        elif org is None:
            named = {m.id for m in unit.mentions if m.kind == "organisation"}
            org = named.pop() if len(named) == 1 else None
        if (
            org is None
            and forum is not None
            and len(set(states)) < 2
            and following not in ctx.lexicon.bilateral_markers
        ):
            if not dates or current_date(ctx, date) or not planned or not forum.organisations:
                if not dates or current_date(ctx, date):
                    _refer_back(ctx, unit, forum, start)
                return None
            org = forum.organisations[0]  # "plans to hold the 2026 summit": the forum's next one
        if org is None and following in ctx.lexicon.bilateral_markers and len(states) >= 2:
            etype = "meeting"
        elif org is None:
            if forum is not None and len(set(states)) < 2:
                return None
            if len(states) < 2:
                return None
            etype = "meeting"  # a summit of named states without an organisation
        else:
            organisations = [org]
            hosts = [
                m.id for m in actors if m.kind == "state" and m.place and not m.topic
            ]  # "KTT G20 di Osaka, Jepang"
            states = [s for s in sorted({*states, *hosts}) if not absent_state(ctx, unit, s, actors)]
            if (
                sum(t[2] == "forum_summit" for t in triggers) > 1
            ):  # "... in Ankara, ... last year's summit in The Hague"
                inside = {m.id for m in actors if seg_start <= m.start < seg_end or not m.place}
                states = [s for s in states if s in inside]
    else:
        organisations = list(dict.fromkeys(m.id for m in unit.mentions if m.kind == "organisation"))
    if (
        not states
        and etype != "forum_summit"
        and not (unit.entries("pronoun") or _refers_to_sides(unit, etype))
    ):
        return None
    if (
        etype == "state_visit"
        and date is not None
        and not (leaders_visit(people, date.earliest, date.latest) or titled_leader(ctx, unit))
    ):
        etype = "meeting"  # only heads of state or government make state visits (undated: see _share_dates)
    elif etype == "state_visit" and not people and envoys_travel(ctx, unit, start):
        etype = "meeting"  # "Australia's foreign and defence ministers will travel to Tokyo"
    confidence = 0.5 + 0.2 + (0.1 if explicit else 0.0) + (0.1 if len(states) >= 2 else 0.0)
    if all(m.via == "capital" for m in actors if m.kind == "state") and not people:
        confidence -= 0.1
    if unit.role != "body":
        confidence = 0.5
    hosts = tour_hosts(ctx, actors, start, end, day) if etype == "state_visit" else []
    return Frame(
        type=etype,
        unit=unit,
        states=states,
        hosts=hosts,
        people=people,
        organisations=organisations,
        date=date,
        date_explicit=explicit,
        place=place,
        status="planned" if planned else "occurred",
        confidence=round(confidence, 2),
        trigger=(start, end),
        generic=generic,
    )


def _fill_actors(
    ctx: ArticleContext, unit: SentenceUnit, frames: list[Frame], discourse: Frame | None
) -> list[Frame]:
    """Pronoun subjects and "the two leaders" complete frames naming fewer than two states.

    A call whose object is "both leaders" ("Trump phoned both leaders") is one call per leader.
    """
    full = [f for f in frames if len(f.states) >= 2]
    author = ctx.author() if unit.entries("first_person") else None
    calls: dict[int, list[Frame]] = {}
    for frame in frames:
        if author is not None and any(m.start < frame.trigger[0] for m, _ in unit.entries("first_person")):
            state = state_of(author, frame.date.earliest if frame.date is not None else ctx.published)
            if state is not None:  # "Today I met ...", "Minister X and I signed ...": the author
                frame.states = sorted({*frame.states, state})
                frame.people = list(dict.fromkeys([author, *frame.people]))
        if len(frame.states) >= 2:
            continue
        borrowed: list[str] = []
        if _refers_to_sides(unit, frame.type):
            sibling = next((f for f in full if set(frame.states) <= set(f.states)), None)
            if sibling is not None:
                borrowed = sibling.states
            elif discourse is not None:
                borrowed = discourse.states
            elif frame.type not in DISCOURSE_TYPES and len(ctx.main_states()) == 2:
                # "menteri pertahanan kedua negara menandatangani ..." before any event: the article's pair
                borrowed = list(ctx.main_states())
            main = ctx.main_states()
            if len(borrowed) > 2 and len(main) == 2 and set(main) <= set(borrowed):
                borrowed = list(main)  # "the two neighbours" after a four-state event: the article's pair
        if frame.type == "forum_summit":  # "the two ministers discussed the ASEAN summit": its members
            day = frame.date.earliest if frame.date is not None else ctx.published
            borrowed = [s for s in borrowed if may_attend(frame.organisations[:1], s, day)]
            frame.states = sorted(set(frame.states) | set(borrowed))
            continue
        if not borrowed and any(m.start < frame.trigger[0] for m, _ in unit.entries("pronoun")):
            subject = _last_person(ctx, unit)
            if subject is not None:
                day = frame.date.earliest if frame.date is not None else ctx.published
                state = state_of(subject, day)
                if state is not None:
                    borrowed = [state]
                    frame.people = list(dict.fromkeys([subject, *frame.people]))
        if _called_each(unit, frame, borrowed):
            calls[id(frame)] = [
                replace(frame, states=sorted({*frame.states, s}), people=list(frame.people), fanned=True)
                for s in borrowed
            ]
            continue
        frame.states = sorted(set(frame.states) | set(borrowed))
    return [part for f in frames for part in calls.get(id(f), [f])]


def _called_each(unit: SentenceUnit, frame: Frame, borrowed: list[str]) -> bool:
    """A call by one side to "both leaders" (the actor reference after the trigger)."""
    return (
        frame.type == "phone_call"
        and len(frame.states) == 1
        and len(set(borrowed) - set(frame.states)) >= 2
        and frame.states[0] not in borrowed
        and any(m.start >= frame.trigger[1] for m, _ in unit.entries("actorref"))
    )


def _last_person(ctx: ArticleContext, unit: SentenceUnit) -> str | None:
    for previous in reversed(ctx.units[max(0, unit.index - 4) : unit.index]):
        people = [m for m in previous.mentions if m.kind == "person"]
        if people:
            return people[0].id
    return None
