"""Article-level extraction: frames of every sentence, merged into events with mentions.

Dating policy (documented decision): an event needs a dated anchor. A frame takes the date
expressed in its sentence (explicit, partial, relative or weekday, resolved against the
publication date), or a back-reference's date. An undated frame is merged into a dated
event of the same type and participants elsewhere in the article (headlines, captions, the
lead often repeat the event without its date). An undated frame left over is dated to the
publication day only when it is reported as having occurred in the article's opening
(headline, title, caption or lead: the first :data:`LEAD_SENTENCES` sentences), with a low
confidence (0.5); otherwise it is dropped. Planned undated frames are always dropped.

Headlines and photo captions only repeat events: their frames join an event the body reports
and never make one of their own ("Read more:", tags and share lines are skipped). A summit's
states are those named while it is being reported (:func:`forum_participants`); a summit whose
organisation is not known is not emitted.

De-duplication: frames of the same type whose state sets agree (equal, or one inside the
other) and whose dates are compatible are one event, dated by the most precise of them;
every sentence that stated it is kept as a mention. Two days of a visit between the same
states a few days apart ("arrived on Monday", "was welcomed on Tuesday") are one visit, dated
by its first day.

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.date import PartialDate
>>> facts = extract_article(Article.from_text("Xi and Putin spoke by phone on Monday. The call was long.",
...     published=PartialDate(2026, 2, 5), lang="en"))
>>> [(e.type, str(e.date), e.states) for e in facts.events], len(facts.mentions)
([('phone_call', '2026-02-02', ('CHN', 'RUS'))], 2)
"""

from __future__ import annotations

import datetime as dt

from diplograph.graph.date import PartialDate
from diplograph.graph.extract.anniversary import anniversary_frames
from diplograph.graph.extract.assignment import told_of_person
from diplograph.graph.extract.context import ArticleContext, SentenceUnit
from diplograph.graph.extract.frame import DISCOURSE_TYPES, Frame, blocked, refers_back, sentence_frames
from diplograph.graph.extract.mention import state_of
from diplograph.graph.extract.participant import absent_actor, is_leader
from diplograph.graph.extract.summit import MODES, SIDELINE_GAP
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
    forum: Frame | None = None
    told = False  # a body sentence came: a heading line after it opens another story
    previous: list[Frame] = []  # the frames of the last body sentence read
    for unit in ctx.units:
        if unit.role in ("subheading", "headline") and told:  # a briefing's next story: its own subject
            discourse = forum = None
        told = told or unit.role == "body"
        if unit.role == "skip" or not (unit.matches or unit.dates):
            continue
        anniversaries = anniversary_frames(ctx, unit)
        found = sentence_frames(ctx, unit, _referent(unit, discourse, frames), forum)
        if forum is not None:  # travelling to attend the summit being reported is not a state visit
            found = [f for f in found if not (f.generic and _during(f, forum))]
        body = unit.role == "body"
        # "The visit follows Prabowo's visit in October 2025": told about the reported event, an
        # earlier one is background, not the new subject of the article
        aside = discourse is not None and body and bool(found) and refers_back(ctx, unit)
        for frame in found:
            if not body:
                continue
            reported = frame.type in DISCOURSE_TYPES and not frame.fanned and not aside
            if reported and (discourse is None or _recent(ctx, frame)):
                discourse = frame
            current = frame.date is None or _recent(ctx, frame)
            if (
                frame.type == "forum_summit"
                and frame.organisations
                and current
                and not _earlier(frame, forum)
            ):
                forum = frame
                if frame.date is not None and frame.date.precision == "day":
                    ctx.opening = frame.date
        if discourse is not None and all(f.date is None for f in found):
            _attach_organisations(unit, discourse, ctx)
        if body:
            _date_by_previous(ctx, unit, found, previous)
            _date_by_discourse(ctx, found, discourse)
            _date_sidelines(found, forum)
            _plan_this_year(ctx, found)
            _move_anchor(ctx, unit, found)
            previous = found
        frames.extend(anniversaries)
        frames.extend(found)
    return _facts(ctx, frames)


def _referent(unit: SentenceUnit, discourse: Frame | None, frames: list[Frame]) -> Frame | None:
    """The event a back-reference names: the event being reported, unless the reference says a
    visit ("Dalam kunjungan itu", "during that visit") and the last visit told is another event
    (a call being reported, "three weeks after Macron's state visit ...")."""
    if discourse is None or discourse.type == "state_visit" or not unit.entries("backref"):
        return discourse
    spans = [(m.start, m.end) for m, _ in unit.entries("backref")]
    kinds = {str(t) for m, t in unit.entries("trigger") if any(a <= m.start < b for a, b in spans)}
    if not kinds & {"travel", "state_visit"}:
        return discourse
    visit = next((f for f in reversed(frames) if f.type == "state_visit" and f.unit.role == "body"), None)
    return visit if visit is not None and visit.date is not None else discourse


def _date_by_previous(
    ctx: ArticleContext, unit: SentenceUnit, found: list[Frame], previous: list[Frame]
) -> None:
    """Undated frames of a sentence that says which earlier event they belong to take its date."""
    undated = [f for f in found if f.date is None and f.type not in DISCOURSE_TYPES]
    if not undated or not previous:
        return
    source = _told_before(ctx, unit, [f for f in previous if f.date is not None])
    if source is None:
        return
    for frame in undated:
        if set(frame.states) <= set(source.states):
            frame.date, frame.date_explicit = source.date, False


def _told_before(ctx: ArticleContext, unit: SentenceUnit, told: list[Frame]) -> Frame | None:
    """The dated event of the sentence before that ``unit`` refers to, if it says so.

    "Dalam kunjungan itu, kedua negara menandatangani ...": "that visit" is the visit told before
    (not necessarily the event being reported); "The sides then signed ..." refers to the one
    dated event told before; a sentence right after a past visit or meeting in the same paragraph
    (a factbox item: "November 2018 - Xi makes a state visit to Manila. The two sides sign 29
    agreements.") continues it.
    """
    if unit.entries("then"):
        return told[0] if len({f.date for f in told}) == 1 else None
    norms = ctx.tokens.norms
    for match, etype in unit.entries("trigger"):
        if match.end < unit.last and norms[match.end] in ctx.lexicon.demonstratives:
            kind = "state_visit" if etype == "travel" else str(etype)
            same = [f for f in told if f.type == kind]
            return same[0] if len(same) == 1 else None
    visits = [f for f in told if f.type in DISCOURSE_TYPES and not _recent(ctx, f)]
    if len(visits) == 1 and _same_paragraph(ctx, visits[0].unit, unit):
        return visits[0]
    return None


def _same_paragraph(ctx: ArticleContext, first: SentenceUnit, second: SentenceUnit) -> bool:
    """Whether ``second`` follows ``first`` in the same paragraph (no line break between)."""
    between = ctx.article.text[first.sentence.end : second.sentence.start]
    return second.index == first.index + 1 and "\n" not in between


def _date_by_discourse(ctx: ArticleContext, found: list[Frame], discourse: Frame | None) -> None:
    """An undated frame between the participants of the event being reported happened then.

    "Both presidents also witnessed the exchange of eight MoUs": a signing (or an upgrade)
    reported while a current, dated event is told, among its participants, is dated by it.
    """
    if not found or discourse is None or discourse.date is None or not _recent(ctx, discourse):
        return
    for frame in found:
        if frame.date is not None or frame is discourse or frame.type in DISCOURSE_TYPES:
            continue
        if frame.status == discourse.status and frame.states and set(frame.states) <= set(discourse.states):
            frame.date, frame.date_explicit = discourse.date, discourse.date_explicit


def _earlier(frame: Frame, forum: Frame | None) -> bool:
    """Whether a summit frame leaves the summit being reported as it is: one told as before it
    ("KTT ASEAN ke-47 yang dibuka sehari sebelumnya" in a report on the East Asia Summit), or an
    undated mention of the same forum ("Ini adalah KTT pertama Indonesia ...")."""
    if forum is None or forum.date is None:
        return False
    if frame.date is None:
        return frame.organisations[:1] == forum.organisations[:1]
    return frame.date.latest < forum.date.earliest


def _date_sidelines(found: list[Frame], forum: Frame | None) -> None:
    """Undated talks on the sidelines of the summit being reported ("Di sela KTT, Prabowo
    dijadwalkan bertemu ...", "Di sela KTT, Prabowo melakukan pertemuan bilateral") are on the
    summit's day, planned or held."""
    if forum is None or forum.date is None:
        return
    for frame in found:
        if frame.date is None and frame.type in _TALKS and frame.unit.entries("sideline"):
            frame.date, frame.date_explicit = forum.date, forum.date_explicit


def _plan_this_year(ctx: ArticleContext, found: list[Frame]) -> None:
    """Undated plans told in a sentence with an event of these days ("held talks in Riyadh on
    Wednesday, the first stop of a tour that will also take him to Qatar and Kuwait") are of
    this year, once nothing else has dated them."""
    if ctx.published is None:
        return
    published = ctx.published
    if not any(f.date is not None and abs((f.date.earliest - published).days) <= _THESE_DAYS for f in found):
        return
    for frame in found:
        if frame.date is None and frame.status == "planned" and frame.type in DISCOURSE_TYPES:
            frame.date, frame.date_explicit = PartialDate(published.year), False


#: How near the publication day an event is "of these days".
_THESE_DAYS = 7


def _during(frame: Frame, forum: Frame) -> bool:
    if frame.date is None or forum.date is None:
        return frame.date is None or _recent_to(frame.date, forum)
    # travel before or on the opening day is to attend; a trip after it goes on elsewhere
    return frame.date.earliest <= forum.date.latest and _near_days(frame.date, forum.date)


def _recent_to(date: PartialDate, forum: Frame) -> bool:
    return forum.date is None and forum.status == "occurred" and date.precision == "day"


def _move_anchor(ctx: ArticleContext, unit: SentenceUnit, found: list[Frame]) -> None:
    """The date anaphoric expressions count from: the last day-precise event or date stated."""
    days = [f.date for f in found if f.date is not None and f.date.precision == "day" and not f.derived]
    if days:
        ctx.anchor = days[-1]
        return
    if not found:
        for expr in unit.dates:
            if expr.day is not None or expr.kind == "weekday":
                value = expr.resolve(ctx.published, False, ctx.anchor)
                if value is not None and value.precision == "day":
                    ctx.anchor = value


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
    if discourse.type == "forum_summit":
        return
    if actors & (set(discourse.states) | set(discourse.people)):
        discourse.organisations = list(dict.fromkeys([*discourse.organisations, *orgs]))


def _same(a: Frame, b: Frame) -> bool:
    if a.type == "meeting" and b.type == "state_visit":
        return _same(b, a)  # the talks told before the visit they belong to
    if a.type == "state_visit" and b.type == "meeting" and a.date is not None and b.date is not None:
        # talks between visitor and host during the visit are part of the visit; their ministers
        # meeting "separately" (no one in common with the visit's people) is a meeting of its own
        # days of the visit, whatever the talks' status ("landed on Wednesday ... is due to hold
        # talks on Thursday"); a visit dated vaguely ("2026") only holds talks of its own status
        vague = a.date.precision == "year" and b.date.precision != "year"  # "2026" holds no talks "in May"
        before = _days_apart(a.date, b.date) < float("inf") and b.date.earliest < a.date.earliest - _DAY
        near = (_days_apart(a.date, b.date) <= _VISIT_DAYS and not before) or (
            a.date.compatible(b.date) and a.status == b.status and not vague
        )  # talks days before the visit began were not part of it (a summit meeting, then the visit)
        others = (  # their ministers meeting separately; not the host's premier ("talks with Premier Li")
            bool(a.people and b.people)
            and not set(a.people) & set(b.people)
            and not any(is_leader(p, b.date.earliest) for p in b.people)
        )
        return near and set(a.states) == set(b.states) and not others
    if a.type != b.type or a.ordinal != b.ordinal:
        return False
    other_status = a.status != b.status and a.unit is not b.unit
    if other_status and None in (a.date, b.date) and a.type in DISCOURSE_TYPES:
        return False  # "has landed in Cairo" (undated) is not the visit "later this year" told elsewhere
    if other_status and a.type in DISCOURSE_TYPES and "year" in (_precision(a), _precision(b)):
        return False  # a visit held in March is not the one planned for "the second half of 2026"
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
    return a.date.compatible(b.date) or _days_of_one_visit(a, b)


def _precision(frame: Frame) -> str | None:
    return frame.date.precision if frame.date is not None else None


def _days_of_one_visit(a: Frame, b: Frame) -> bool:
    """Two days of one visit ("arrived on Monday", "was welcomed on Tuesday"): same states, days apart."""
    if a.type != "state_visit" or a.status != "occurred" or b.status != "occurred":
        return False
    if a.date is None or b.date is None or a.date.precision != "day" or b.date.precision != "day":
        return False
    return set(a.states) == set(b.states) and abs((a.date.earliest - b.date.earliest).days) <= _VISIT_DAYS


def _merge(
    groups: list[list[Frame]], frame: Frame, create: bool = True, ctx: ArticleContext | None = None
) -> None:
    candidates = [g for g in groups if _same(g[0], frame)]
    if frame.date is None and ctx is not None and candidates:
        # an undated mention ("The visit is his first state visit") is of the current event:
        # not of a past one when the article reports current news between the same states
        candidates.sort(key=lambda g: not _recent(ctx, g[0]))
        if not _recent(ctx, candidates[0][0]) and frozenset(frame.states) in _current_pairs(ctx, groups):
            candidates = []
    for group in candidates[:1]:
        if True:
            group.append(frame)
            head = group[0]
            if head.type == "meeting" and frame.type == "state_visit":
                group.insert(0, group.pop())  # the visit the talks were part of heads the group
                return
            if head.type != frame.type or frame.unit.role != "body":
                return
            if frame.date is not None and (
                head.date is None
                or head.date.contains(frame.date)
                or (_days_of_one_visit(head, frame) and frame.date.earliest < head.date.earliest)
            ):  # a visit is dated by its first day
                head.date, head.date_explicit = frame.date, frame.date_explicit or head.date_explicit
            if head.type == "forum_summit":  # every sentence may name other participants
                head.states = sorted({*head.states, *frame.states})
            elif head.unit.role != "body" and frame.states:  # the body tells who ("Bertemu Lula dan Modi")
                head.states, head.people = frame.states, list(frame.people)
            elif len(frame.states) > len(head.states):
                head.states = frame.states
            head.people = list(dict.fromkeys([*head.people, *frame.people]))
            head.organisations = list(dict.fromkeys([*head.organisations, *frame.organisations]))
            head.place = head.place or frame.place
            head.derived = head.derived and frame.derived
            head.confidence = max(head.confidence, frame.confidence)
            if frame.status == "occurred" and not frame.derived and frame.unit.role == "body":
                head.status = "occurred"
            return
    if create:
        groups.append([frame])


def _facts(ctx: ArticleContext, frames: list[Frame]) -> FactSet:
    milestones = [f.commemorates for f in frames if f.commemorates is not None]
    plain = [f for f in frames if f.type != "anniversary"]
    groups: list[list[Frame]] = []
    ordered = sorted([*plain, *milestones], key=lambda f: (f.unit.role != "body", f.date is None))
    for frame in ordered:
        _merge(groups, frame, create=frame.unit.role == "body", ctx=ctx)
    _date_visits(ctx, groups)
    events: dict[int, Event] = {}
    mentions: list[Mention] = []
    for group in groups:
        head = group[0]
        if head.date is None:
            if head.status != "occurred" or not _in_lead(ctx, head.unit) or ctx.published is None:
                continue
            head.date, head.confidence = PartialDate.from_date(ctx.published), 0.5
        if head.type == "forum_summit" and not head.organisations:
            continue
        if head.type == "state_visit" and len(head.states) == 1:
            head.states = _with_host(ctx, head.states)
        elif head.type in _TALKS and len(head.states) == 1 and _unknown_subject(ctx, head):
            lead = ctx.lead_state()
            head.states = sorted({*head.states, lead}) if lead else head.states
        if head.type not in _SINGLE_STATE_TYPES and len(set(head.states)) < 2:
            continue  # a bilateral event naming one side only is incomplete
        summit = head.type in ("forum_summit", "virtual_meeting") and bool(head.organisations)
        if summit and _current(ctx, head.date):
            head.states = forum_participants(ctx, group, frames)
        event = _event(head, None)
        for frame in group:
            events[id(frame)] = event
            mentions.extend(_mentions(frame, event, frame.confidence if frame is head else head.confidence))
    anniversary_groups: list[list[Frame]] = []
    for frame in frames:
        if frame.type == "anniversary":
            _merge(anniversary_groups, frame, create=frame.unit.role == "body")
    for group in anniversary_groups:
        head = group[0]
        target = events.get(id(head.commemorates)) if head.commemorates is not None else None
        event = _event(head, target)
        for frame in group:
            mentions.extend(_mentions(frame, event, frame.confidence))
    mentions.sort(key=lambda m: m.start or 0)
    return FactSet(mentions=mentions, article=ctx.article)


_FORUM_SPAN = 8


_TALKS = frozenset({"meeting", "virtual_meeting", "phone_call"})


def _in_lead(ctx: ArticleContext, unit: SentenceUnit) -> bool:
    """Whether ``unit`` is among the first :data:`LEAD_SENTENCES` of its story (in a briefing, a
    heading line after the body opens the next story: its lead is dated by publication too)."""
    start, told = 0, False
    for other in ctx.units[: unit.index + 1]:
        if other.role in ("subheading", "headline") and told:
            start = other.index
        told = told or other.role == "body"
    return unit.index - start < LEAD_SENTENCES


def _unknown_subject(ctx: ArticleContext, frame: Frame) -> bool:
    """Talks whose subject is a name the gazetteer does not know ("Gibran bertemu PM Modi").

    Such a side is taken to be the state the article reports on (:meth:`lead_state`).
    """
    unit = frame.unit
    known = {i for m in unit.mentions for i in range(m.start, m.end)}
    subject = range(unit.first, frame.trigger[0])
    names = [i for i in subject if i not in known and ctx.tokens[i].text[:1].isupper() and i > unit.first]
    return bool(names) and not any(
        m.start < frame.trigger[0] for m in unit.mentions if m.kind != "organisation"
    )


def _current_pairs(ctx: ArticleContext, groups: list[list[Frame]]) -> set[frozenset[str]]:
    return {frozenset(g[0].states) for g in groups if g[0].date is not None and _recent(ctx, g[0])}


def _date_visits(ctx: ArticleContext, groups: list[list[Frame]]) -> None:
    """An undated visit is dated by the current talks between visitor and host it includes.

    "The visit is Prabowo's first state visit to India" + "He held talks with Modi on
    Saturday": the visit is dated by the talks, which are part of it (not a separate meeting).
    """
    for group in list(groups):
        head = group[0]
        if head.type == "meeting" and head.date is None:
            visit = next(
                (
                    g
                    for g in groups
                    if g[0].type == "state_visit"
                    and g[0].date is not None
                    and _recent(ctx, g[0])
                    and set(g[0].states) == set(head.states)
                ),
                None,
            )
            if visit is not None:  # undated talks between visitor and host: part of the visit
                visit.extend(group)
                groups.remove(group)
            continue
        if head.type != "state_visit" or head.date is not None or head.status != "occurred":
            continue
        if len(head.states) == 1:
            head.states = _with_host(ctx, head.states)
        talks = next(
            (
                g
                for g in groups
                if g[0].type == "meeting"
                and g[0].date is not None
                and g[0].status == "occurred"
                and _recent(ctx, g[0])
                and set(g[0].states) == set(head.states)
            ),
            None,
        )
        if talks is not None:
            head.date, head.date_explicit = talks[0].date, talks[0].date_explicit
            group.extend(talks)
            groups.remove(talks)


#: Event types that may involve a single state (a summit's host, an anniversary's celebrant).
_SINGLE_STATE_TYPES = frozenset({"forum_summit", "anniversary"})


def _with_host(ctx: ArticleContext, states: list[str]) -> list[str]:
    """A visit naming only the visitor: the host is the other state the article is about."""
    main = ctx.main_states()
    if len(main) == 2 and states[0] in main:
        return sorted(main)
    return states


def forum_participants(ctx: ArticleContext, group: list[Frame], frames: list[Frame]) -> list[str]:
    """The states said to take part in a summit: those named while it is being reported.

    From each sentence stating the summit, the following sentences are read until one reports
    an event at another date or another summit (at most :data:`_FORUM_SPAN`). A state counts
    when one of its actors is named there and not said to stay away ("boycotted", "tidak
    hadir"); a state whose actors stay away counts only when a person still represents it.
    """
    head = group[0]
    by_unit: dict[int, list[Frame]] = {}
    for frame in frames:
        by_unit.setdefault(frame.unit.index, []).append(frame)
    present: set[str] = set(head.states)
    members = {id(f) for f in group}
    elsewhere = {  # sentences referring back to another event ("in the meeting")
        u.index for f in frames if id(f) not in members and f.type != "forum_summit" for u in f.extra_units
    }
    absent: set[str] = set()
    represented: set[str] = set()
    seen: set[int] = set()
    speech = ctx.lexicon.speech_cues
    for frame in group:
        if frame.unit.role != "body":
            continue
        for unit in ctx.units[frame.unit.index : frame.unit.index + _FORUM_SPAN]:
            summits = [m.end for m, etype in unit.entries("trigger") if etype == "forum_summit"]
            others = [
                m
                for m, etype in unit.entries("trigger")
                if etype not in ("forum_summit", head.type)
                and not any(b.start <= m.start < b.end for b, _ in unit.entries("backref"))
                and not (etype in MODES and any(0 <= m.start - e <= SIDELINE_GAP for e in summits))
            ]  # "mengikuti KTT secara virtual": how one took part, no other event
            if unit.index != frame.unit.index and _leaves_forum(unit, by_unit.get(unit.index, []), head):
                break
            at_summit = unit.entries("sideline") or _on_day(by_unit.get(unit.index, []), head)
            if (
                unit.index in seen
                or unit.role == "skip"
                or blocked(ctx, unit)  # "rupiah melemah ... per dolar AS": no participant named
                or (others and not at_summit)
                or unit.index in elsewhere
                or (head.status == "planned" and unit.index != frame.unit.index and _refers_back(unit))
            ):
                continue  # a sentence reporting another event is about that event (unless held there)
            seen.add(unit.index)
            said = next((i for i in range(unit.first, unit.last) if ctx.tokens.norms[i] in speech), unit.last)
            for mention in unit.mentions:
                listed = mention.listed and head.status == "occurred"  # attendance, not membership
                if (mention.topic and not listed) or mention.kind == "organisation" or mention.start > said:
                    continue
                told = told_of_person(ctx, unit, mention.start)
                if told is not None and (head.date is None or not told.compatible(head.date)):
                    continue  # "Milei, who attended Trump's inauguration in January 2025, is due at"
                if mention.kind == "person":
                    day = head.date.earliest if head.date else ctx.published
                    state = state_of(mention.id, day, mention.post)
                else:
                    state = mention.id
                if state is None:
                    continue
                if absent_actor(unit, mention, ctx) and not _sends_deputy(ctx, unit, mention.end):
                    absent.add(state)
                else:
                    present.add(state)
                    if mention.kind == "person":
                        represented.add(state)
    return sorted(s for s in present if s not in absent or s in represented)


def _sends_deputy(ctx: ArticleContext, unit: SentenceUnit, end: int) -> bool:
    """Whether an absent leader is said to send someone ("absen dan diwakili wakil perdana
    menteri", "sending his vice-president instead"): the state still takes part."""
    words = ctx.lexicon.deputies
    return any(n in words for n in ctx.tokens.norms[end : min(unit.last, end + _DEPUTY_REACH)])


#: How far after an absent leader the words sending a deputy may stand.
_DEPUTY_REACH = 12


def _refers_back(unit: SentenceUnit) -> bool:
    """A sentence referring back to a meeting or visit ("in that meeting"), not to a summit."""
    forums = [m for m, etype in unit.entries("trigger") if etype == "forum_summit"]
    return any(
        not any(f.start < b.end and b.start < f.end for f in forums) for b, _ in unit.entries("backref")
    )


def _on_day(found: list[Frame], head: Frame) -> bool:
    """Events of a sentence all dated on the summit's day (a signing at the summit)."""
    dated = [f for f in found if f.date is not None]
    return (
        bool(dated)
        and head.date is not None
        and all(f.date == head.date and f.type not in _TALKS for f in dated)  # talks: a meeting of their own
    )


def _current(ctx: ArticleContext, date: PartialDate | None) -> bool:
    if date is None or ctx.published is None:
        return True
    return abs((ctx.published - date.earliest).days) <= 31


def _leaves_forum(unit: SentenceUnit, found: list[Frame], head: Frame) -> bool:
    for frame in found:
        if frame.type == "forum_summit" and frame.organisations[:1] != head.organisations[:1]:
            return True
        if frame.date is not None and head.date is not None and not _near_days(frame.date, head.date):
            return True
        if frame.date is not None and head.date is None and frame.date.precision != "day":
            return True
    return False


_DAY = dt.timedelta(days=1)


def _days_apart(a: PartialDate, b: PartialDate) -> float:
    """Days between two dates of day precision; infinite when either is vaguer (a visit "in 2026"
    does not begin on 1 January)."""
    if a.precision != "day" or b.precision != "day":
        return float("inf")
    return abs((a.earliest - b.earliest).days)


def _near_days(a: PartialDate, b: PartialDate) -> bool:
    return a.compatible(b) or abs((a.earliest - b.earliest).days) <= _VISIT_DAYS


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
        refers_to_year=frame.refers_to_year if frame.type == "anniversary" else None,
    )


def _mentions(frame: Frame, event: Event, confidence: float) -> list[Mention]:
    units = [frame.unit, *frame.extra_units]
    return [
        Mention(
            event, u.sentence.text, u.sentence.start, u.sentence.end, confidence if u is frame.unit else 0.6
        )
        for u in units
    ]
