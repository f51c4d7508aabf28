"""Actor mentions: states, leaders and organisations named in a text.

States are found by name, alias, demonym or capital (metonymy: "Beijing–Moskow" names CHN
and RUS); leaders by full name, alias, or title + surname ("Presiden Xi", "Mr Putin",
"PM Albanese"); a surname alone counts when the article introduced that person before or the
surname names one person only. Organisations by acronym or full name in any language
("Dewan Keamanan PBB" is UNSC). A leader is resolved to a state through the post held on
the event date (:func:`state_of`), so "Prime Minister Putin" in 2010 is RUS like "President
Putin" in 2020, and "President Widodo" in 2019 is IDN.

>>> from diplograph.graph.extract.token import tokenize
>>> import datetime as dt
>>> tokens = tokenize("Presiden Xi bertemu Putin di Moskow.")
>>> [(m.kind, m.id, m.place) for m in find_mentions(tokens, "id", dt.date(2026, 2, 4))]
[('person', 'xi-jinping', False), ('person', 'vladimir-putin', False), ('state', 'RUS', True)]
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from diplograph.graph.extract.lexicon import Lexicon
from diplograph.graph.extract.namesake import short_names
from diplograph.graph.extract.phrase import PhraseIndex, PhraseMatch
from diplograph.graph.extract.token import Token, phrase_keys
from diplograph.graph.gazetteer import Entity, Gazetteer, SurfaceForm
from diplograph.graph.reference import ReferenceData

_ARTICLES = frozenset({"the"})
_PLACE_CHAIN = 8
_RANK = {"code": 0, "name": 1, "acronym": 2, "alias": 3, "surname": 4, "demonym": 5, "capital": 6, "city": 7}
_CONNECTORS = frozenset({",", "and", "dan", "serta", "&", "-", "or", "atau", "/", "the"})


@dataclass(frozen=True)
class ActorMention:
    """One actor named in the text.

    Attributes:
        kind: ``state``, ``person`` or ``organisation``.
        id: alpha-3 code, person id or organisation id.
        start, end: token span ``[start, end)``.
        via: how it was named (``name``, ``alias``, ``capital``, ``city`` (a place only),
            ``demonym``, ``acronym``, ``surname``, ``title``).
        post: the post a title before a person names (``head_of_state``...), if any.
        place: a state named after a place marker ("in Beijing").
        topic: a state named as a topic ("talks on Ukraine"), not a participant.
        listed: a state in a list opened by an inclusion cue ("leaders including Japan ...").
    """

    kind: str
    id: str
    start: int
    end: int
    via: str
    post: str | None = None
    place: bool = False
    topic: bool = False
    listed: bool = False


@functools.cache
def _form_index(lang: str) -> PhraseIndex[SurfaceForm]:
    index: PhraseIndex[SurfaceForm] = PhraseIndex()
    for form in Gazetteer.default().surface_forms():
        entity = form.entity
        if entity.via == "id" or (entity.kind == "state" and entity.via == "code"):
            continue
        if form.case_sensitive and len(form.text) <= 3 and entity.lang not in (None, lang, "en"):
            continue
        index.add(phrase_keys(form.text), form)
    lex = Lexicon.load(lang)
    for alias, code in lex.state_aliases.items():  # "the Soviet Union" -> RUS
        index.add(phrase_keys(alias), SurfaceForm(alias, Entity("state", code, "alias", lang), False))
    for alias, code in lex.organisation_aliases.items():  # "Group of 20" -> G20
        index.add(phrase_keys(alias), SurfaceForm(alias, Entity("organisation", code, "alias", lang), False))
    return index


def _case_ok(form: SurfaceForm, tokens: Sequence[Token]) -> bool:
    if form.case_sensitive:
        return "".join(t.text for t in tokens).replace(".", "") == form.text.replace(" ", "").replace(".", "")
    if form.text.startswith("The ") and len(tokens) > 1:  # "the Philippines", "the Netherlands"
        return tokens[1].text[:1].isupper()
    if form.text[:1].isupper():
        return tokens[0].text[:1].isupper()
    return True


def _best(forms: Sequence[SurfaceForm]) -> list[Entity]:
    if not forms:
        return []
    top = min(_RANK.get(f.entity.via, 9) for f in forms)
    kind = next(f.entity.kind for f in forms if _RANK.get(f.entity.via, 9) == top)
    return list(
        dict.fromkeys(f.entity for f in forms if f.entity.kind == kind and _RANK.get(f.entity.via, 9) == top)
    )


def find_mentions(
    tokens: Sequence[Token],
    lang: str,
    day: dt.date | None = None,
    lexicon_matches: Sequence[PhraseMatch[tuple[str, object]]] | None = None,
    sentence_starts: Sequence[int] = (),
) -> list[ActorMention]:
    """The actor mentions in ``tokens``, in text order.

    Args:
        tokens: the article's tokens.
        lang: its language (selects the lexicon: titles, place markers, topic cues).
        day: the reference day for telling apart leaders who share a surname.
        lexicon_matches: the article's lexicon scan, when already done (else it is scanned).
        sentence_starts: the first token of each sentence, ascending: a topic cue ("talks
            about") does not reach into the next sentence.

    >>> from diplograph.graph.extract.token import tokenize
    >>> [m.id for m in find_mentions(tokenize("Mr Albanese flew to Jakarta"), "en")]
    ['anthony-albanese', 'IDN']
    """
    lex = Lexicon.load(lang)
    ref = ReferenceData.load()
    if lexicon_matches is None:
        lexicon_matches = lex.index.scan(tokens)
    titles: dict[int, str] = {}
    title_spans: dict[int, int] = {}
    topics: set[int] = set()
    lists: set[int] = set()
    geography: set[int] = set()  # tokens inside "South China Sea": no state is named there
    for match in lexicon_matches:
        for category, payload in match.values:
            if category == "title":
                titles[match.end] = str(payload)
                title_spans[match.start] = match.end
            elif category == "topic":
                topics.add(match.end)
            elif category == "inclusion":
                lists.add(match.end)
            elif category == "geography":
                geography.update(range(match.start, match.end))
    introduced: set[str] = set()
    mentions: list[ActorMention] = []
    starts = {0, *sentence_starts}
    for found in _form_index(lang).scan(tokens):
        span = tokens[found.start : found.end]
        forms = [f for f in found.values if _case_ok(f, span)]
        entities = _best(forms)
        if not entities or (
            entities[0].kind == "state" and not geography.isdisjoint((found.start, found.end - 1))
        ):
            continue
        kind, via = entities[0].kind, entities[0].via
        if kind == "person":
            post = _title_before(found.start, titles, tokens, mentions)
            if (
                via == "surname"
                and post is None
                and _common_word(span[0].norm, lang)
                and not any(e.id in introduced for e in entities)
            ):
                continue
            person = _choose_person(entities, via, post, introduced, ref, day)
            if person is None:
                continue
            introduced.add(person)
            mentions.append(ActorMention("person", person, found.start, found.end, via, post))
            continue
        place = kind == "state" and (
            _is_place(found.start, tokens, lex)
            or (
                via in ("capital", "city")
                and (_after_acronym(found.start, tokens) or _dateline(found.start, found.end, tokens, starts))
            )
        )
        if via == "city" and not place:
            continue  # "Shanghai said": a city stands for no state; "in Shanghai" is a place
        topic = kind == "state" and (
            _is_topic(found.start, topics, mentions, tokens, sentence_starts)
            or _left_behind(found.start, found.end, tokens, lex)
        )
        listed = kind == "state" and _is_listed(found.start, lists, mentions, tokens)
        mentions.append(
            ActorMention(kind, entities[0].id, found.start, found.end, via, None, place, topic, listed)
        )
    later = short_names(tokens, mentions, title_spans, functools.partial(_ordinary, lang))
    if later:
        for who, actor, i in later:
            post = _title_before(i, titles, tokens, []) if who == "person" else None
            mentions.append(ActorMention(who, actor, i, i + 1, "short name", post))
        mentions.sort(key=lambda m: m.start)
    return mentions


@functools.lru_cache(maxsize=4096)
def _ordinary(lang: str, word: str) -> bool:
    """A word that is no short name: it names someone by itself, or is a common or title word."""
    return (word,) in _form_index(lang) or word in Lexicon.load(lang).title_words or _common_word(word, lang)


@functools.lru_cache(maxsize=4096)
def _common_word(norm: str, lang: str) -> bool:
    """A surname that is also a calendar word or lexicon phrase ("May") needs a title or introduction."""
    lex = Lexicon.load(lang)
    return norm in lex.months or norm in lex.weekdays or bool(lex.lookup(norm))


def _is_place(start: int, tokens: Sequence[Token], lex: Lexicon) -> bool:
    """After a place marker ("in Beijing"), or after "in <City>," ("in Busan, South Korea")."""
    for back in (1, 2):  # "in Beijing", "hosted by Malaysia", "tuan rumah Filipina"
        if start >= back and " ".join(t.norm for t in tokens[start - back : start]) in lex.place_markers:
            return True
    if start > 1 and tokens[start - 1].norm in _ARTICLES:
        return _is_place(start - 1, tokens, lex)  # "to the Netherlands", "hosted by the Philippines"
    if start >= 3 and tokens[start - 1].norm == ",":
        # "in Busan, South Korea", "di Pangkalan Udara Gimhae, Busan, Korea Selatan"
        i = start - 1
        while (
            i >= 0 and start - i <= _PLACE_CHAIN and (tokens[i].norm == "," or tokens[i].text[:1].isupper())
        ):
            i -= 1
        return i >= 0 and i < start - 2 and tokens[i].norm in lex.place_markers
    return False


_DATELINE_MARKS = frozenset({"-", "–", "—", "--", "("})


def _dateline(start: int, end: int, tokens: Sequence[Token], starts: set[int]) -> bool:
    """A city opening a sentence as its dateline ("Manila - ...", "JAKARTA, KOMPAS - ..."): a place."""
    if start not in starts or end >= len(tokens):
        return False
    after = tokens[end].text
    return after in _DATELINE_MARKS or (after == "," and tokens[start].text.isupper())


def _after_acronym(start: int, tokens: Sequence[Token]) -> bool:
    """A city right after an acronym names where that event is ("di Sela AMM Manila", "KTT Manila")."""
    if start == 0:
        return False
    before = tokens[start - 1].text
    return len(before) >= 2 and before.isalpha() and before.isupper()


def _title_before(
    start: int, titles: dict[int, str], tokens: Sequence[Token], mentions: list[ActorMention]
) -> str | None:
    """The post of a title right before ``start``, allowing a state name or a first name the
    gazetteer did not take ("President Ferdinand Marcos") in between."""
    if start in titles:
        return titles[start]
    if start - 1 in titles and tokens[start - 1].text[:1].isupper() and tokens[start - 1].text.isalpha():
        return titles[start - 1]
    if mentions and mentions[-1].end == start and mentions[-1].kind == "state":
        return titles.get(mentions[-1].start)
    return None


def _is_listed(start: int, lists: set[int], mentions: list[ActorMention], tokens: Sequence[Token]) -> bool:
    if any(start - k in lists for k in (0, 1)):
        return True
    if mentions and mentions[-1].listed and start - mentions[-1].end <= 2:
        return all(t.norm in _CONNECTORS for t in tokens[mentions[-1].end : start])
    return False


def _is_topic(
    start: int,
    topics: set[int],
    mentions: list[ActorMention],
    tokens: Sequence[Token],
    sentence_starts: Sequence[int] = (),
) -> bool:
    if any(start - k in topics and not _crosses(start - k, start, sentence_starts) for k in (0, 1, 2)):
        return True
    if (
        mentions
        and mentions[-1].topic
        and start - mentions[-1].end <= 2
        and not _crosses(mentions[-1].end, start, sentence_starts)
    ):
        between = tokens[mentions[-1].end : start]
        return all(t.norm in _CONNECTORS for t in between)
    return False


def _left_behind(start: int, end: int, tokens: Sequence[Token], lex: Lexicon) -> bool:
    """A state named as the stop before ("After London, Modi will travel on to ...", "From
    Jakarta, ...", "Usai dari Jakarta, ...") or as where a journey starts ("from Jakarta to
    Kuala Lumpur"): not a party."""
    if start == 0 or end >= len(tokens):
        return False
    before, after = tokens[start - 1].norm, tokens[end].norm
    if before in lex.origin_markers and after in lex.destination_markers:
        return True
    if after != ",":
        return False
    first = start - 1  # "After London,", "Usai dari Jakarta,": markers opening a clause
    while first >= 0 and (
        tokens[first].norm in lex.sequel_markers or tokens[first].norm in lex.origin_markers
    ):
        first -= 1
    first += 1
    opens = first == 0 or tokens[first - 1].norm in (",", ".") or tokens[first].text[:1].isupper()
    return first < start and opens


def _crosses(begin: int, end: int, sentence_starts: Sequence[int]) -> bool:
    """Whether a sentence starts at a token in ``[begin, end]`` (between a cue's end and a name)."""
    at = bisect.bisect_left(sentence_starts, begin)
    return at < len(sentence_starts) and sentence_starts[at] <= end


def _choose_person(
    entities: list[Entity],
    via: str,
    post: str | None,
    introduced: set[str],
    ref: ReferenceData,
    day: dt.date | None,
) -> str | None:
    ids = [e.id for e in entities]
    if via != "surname":
        return ids[0]
    known = [i for i in ids if i in introduced]
    if len(known) == 1:
        return known[0]
    if len(ids) == 1:
        return ids[0]
    if day is None:
        return None
    holding = [i for i in ids if any(post in (None, "any", t.post) for t in ref.people[i].posts_on(day))]
    return holding[0] if len(holding) == 1 else None


@functools.lru_cache(maxsize=65536)
def state_of(person: str, day: dt.date | None, post: str | None = None) -> str | None:
    """The state ``person`` served on ``day`` (the post named by a title preferred).

    Without a post on that day, the nearest post in time is used (a leader named years
    after leaving office still speaks for that state in most reports).

    >>> state_of("joko-widodo", dt.date(2019, 6, 1)), state_of("vladimir-putin", dt.date(2010, 1, 1))
    ('IDN', 'RUS')
    """
    record = ReferenceData.load().people.get(person)
    if record is None or not record.posts:
        return None
    if day is not None:
        held = record.posts_on(day)
        if held:
            preferred = [t for t in held if post in (None, "any", t.post)]
            return (preferred or held)[0].state
        return min(
            record.posts,
            key=lambda t: min(
                abs((day - (t.start.earliest if t.start else dt.date.min)).days),
                abs((day - (t.end.latest if t.end else dt.date.max)).days),
            ),
        ).state
    return record.posts[-1].state
