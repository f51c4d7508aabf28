"""A seeded generator of synthetic diplograph data, written as N-Quads.

The data is in diplograph's own model: :class:`~diplograph.graph.model.Event`,
:class:`~diplograph.graph.model.Mention`, :class:`~diplograph.graph.model.Article` and
:class:`~diplograph.graph.model.FactSet`, one fact set per synthetic article, each article's
triples in its own named graph (``article_graph_iri(sha256)``) as the real ingest writes them,
plus the reference graph (states, leaders, organisations) in ``REFERENCE_GRAPH``.

What is generated:

- events of all nine types among the ~195 reference states, with a skewed activity
  distribution (a few states and pairs are very active: CHN-RUS gets ~4% of all events, so
  hundreds of milestones from 10^4 events up);
- leaders (heads of state or government holding office on the day, from ``data/leaders.yaml``)
  as participants, hosts and guests;
- forum summits of reference organisations with some of their members;
- anniversaries commemorating earlier milestones (sometimes a milestone known only from the
  anniversary: ``derived``);
- dates from 1950 to 2026 at day, month or year precision (skewed towards recent years);
- mentions with sentences, offsets and confidences; ~12% of mentions restate an event already
  stated by an earlier article, and one well-known event (the AUS-IDN Lombok Treaty of
  13 November 2006) is restated by ~2% of all articles, so provenance queries find it in many
  named graphs. It is deliberately not a CHN-RUS event: Oxigraph's union default graph repeats a
  triple once per graph holding it, so the five-pattern pair query over an event stated in k
  graphs builds ~k^5 rows, and with this event in the CHN-RUS pair the query did not finish
  (see benchmarks/README.md).

Two writers produce the same quads: ``rdflib`` (:func:`diplograph.graph.rdf.facts_to_graph`,
the code the real ingest runs) and ``direct`` (string formatting, ~10x faster, for 10^6 events);
``tests/benchmarks/test_generator.py`` checks they agree. Output is streamed: memory stays
small whatever the number of events (the set of event keys, ~150 MB at 10^6, is the largest part).

    python -m benchmarks.generator --events 100000 --seed 7 -o /tmp/ev.nq

A sidecar ``<output>.json`` records the counts (events, articles, mentions, quads) and the
IRI of the well-known event.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import functools
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import XSD, URIRef
from rdflib import Literal as RdfLiteral

from diplograph.graph._version import __version__
from diplograph.graph.date import PartialDate
from diplograph.graph.error import DataError
from diplograph.graph.index import index_triples, with_index
from diplograph.graph.model import EVENT_CLASSES, EVENT_TYPES, Article, Event, EventType, FactSet, Mention
from diplograph.graph.namespace import (
    AGENT,
    DIP,
    REFERENCE_GRAPH,
    article_graph_iri,
    article_iri,
    org_iri,
    person_iri,
    state_iri,
)
from diplograph.graph.rdf import facts_to_graph, mention_iri

FIRST_YEAR = 1950
LAST_YEAR = 2026

# How often each type is generated (all nine types appear).
TYPE_WEIGHTS: dict[EventType, float] = {
    "meeting": 0.24,
    "phone_call": 0.17,
    "virtual_meeting": 0.06,
    "state_visit": 0.15,
    "treaty_signing": 0.11,
    "forum_summit": 0.08,
    "anniversary": 0.06,
    "relations_established": 0.05,
    "partnership": 0.08,
}
assert set(TYPE_WEIGHTS) == set(EVENT_TYPES)

# Very active states (weights before the Zipf tail) and very active pairs.
MAJOR_STATES = {
    "CHN": 40,
    "RUS": 36,
    "USA": 40,
    "IDN": 25,
    "IND": 22,
    "GBR": 18,
    "FRA": 18,
    "DEU": 16,
    "JPN": 15,
    "TUR": 12,
    "BRA": 10,
    "AUS": 12,
    "KOR": 10,
    "SAU": 9,
    "IRN": 9,
    "MYS": 10,
}
HOT_PAIRS = (("CHN", "RUS"), ("CHN", "USA"), ("IDN", "AUS"), ("IDN", "MYS"), ("IND", "RUS"), ("GBR", "USA"))
CHN_RUS_SHARE = 0.04
HOT_PAIR_SHARE = 0.06
REMENTION_SHARE = 0.12
FAMOUS_SHARE = 0.02
MENTIONS_PER_ARTICLE = (2, 3, 3, 4, 4, 5)
ORDINALS = (5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 75)
MILESTONE_TYPES = {"relations_established", "treaty_signing", "partnership"}
RECENT_POOL = 4096
MILESTONE_POOL = 8192

TYPE_WORDS = {
    "meeting": "talks",
    "virtual_meeting": "a video call",
    "phone_call": "a phone call",
    "state_visit": "a state visit",
    "treaty_signing": "the signing of an agreement",
    "forum_summit": "a summit",
    "anniversary": "an anniversary",
    "relations_established": "the establishment of diplomatic relations",
    "partnership": "a strategic partnership",
}


def famous_event() -> Event:
    """The well-known event every generated dataset contains and restates often.

    >>> famous_event().iri.endswith("treaty_signing/2006-11-13/AUS-IDN")
    True
    """
    return Event(
        "treaty_signing",
        PartialDate(2006, 11, 13),
        states=("AUS", "IDN"),
        place="Mataram",
        label=(("en", "Lombok Treaty on security cooperation"),),
        hosts=("IDN",),
        guests=("AUS",),
    )


@dataclass
class Counts:
    """What a generation run produced."""

    events: int = 0
    articles: int = 0
    mentions: int = 0
    quads: int = 0
    reference_quads: int = 0


def load_reference(retries: int = 6, wait: float = 60.0):
    """``ReferenceData.load()``, retried while ``data/`` is being completed by someone else."""
    from diplograph.graph.reference import ReferenceData

    for attempt in range(retries):
        try:
            return ReferenceData.load()
        except DataError as error:
            if attempt == retries - 1:
                raise
            print(f"reference data not loadable yet ({error}); retrying in {wait:.0f} s", file=sys.stderr)
            ReferenceData.load.cache_clear()  # type: ignore[attr-defined]
            time.sleep(wait)
    raise AssertionError("unreachable")


class EventGenerator:
    """Yields one :class:`FactSet` per synthetic article until ``events`` distinct events exist.

    Deterministic for a seed (it uses its own ``random.Random``).
    """

    def __init__(self, events: int, seed: int = 7, ref=None) -> None:
        if events < 1:
            raise ValueError("need at least one event")
        self.target = events
        self.rng = random.Random(seed)
        self.seed = seed
        self.ref = ref or load_reference()
        self.counts = Counts()
        self._seen: set[str] = set()
        self._recent: list[Event] = []
        self._milestones: list[Event] = []
        self._famous = famous_event()
        self._setup()

    # Reference-derived tables
    def _setup(self) -> None:
        rng = random.Random(self.seed ^ 0x5EED)
        ref = self.ref
        states = sorted(ref.states)
        tail = [s for s in states if s not in MAJOR_STATES]
        rng.shuffle(tail)
        weights = {s: float(w) for s, w in MAJOR_STATES.items() if s in ref.states}
        for rank, code in enumerate(tail):
            weights[code] = 6.0 / (rank + 1) ** 0.8
        self.states = list(weights)
        self.cum_weights = []
        total = 0.0
        for code in self.states:
            total += weights[code]
            self.cum_weights.append(total)
        self.hot_pairs = [p for p in HOT_PAIRS if p[0] in ref.states and p[1] in ref.states]
        self.names = {code: rec.name("en") for code, rec in ref.states.items()}
        self.capitals = {code: rec.capital for code, rec in ref.states.items() if rec.capital}
        self.leaders: dict[str, list[tuple[dt.date, dt.date, str]]] = {}
        for tenure in ref.tenures():
            if tenure.post not in {"head_of_state", "head_of_government"}:
                continue
            start = tenure.start.earliest if tenure.start else dt.date.min
            end = tenure.end.latest if tenure.end else dt.date.max
            self.leaders.setdefault(tenure.state, []).append((start, end, tenure.person))
        self.person_names = {pid: p.name for pid, p in ref.people.items()}
        self.forums = []
        for org in sorted(ref.organisations.values(), key=lambda o: o.id):
            members = sorted({m.member for m in org.members if m.member in ref.states})
            self.forums.append((org.id, members or self.states[:20]))
        self.types = list(TYPE_WEIGHTS)
        self.type_cum = []
        total = 0.0
        for name in self.types:
            total += TYPE_WEIGHTS[name]
            self.type_cum.append(total)

    # Random pieces
    def _state(self) -> str:
        return self.rng.choices(self.states, cum_weights=self.cum_weights)[0]

    def _pair(self) -> tuple[str, str]:
        r = self.rng.random()
        if r < CHN_RUS_SHARE:
            return ("CHN", "RUS")
        if r < CHN_RUS_SHARE + HOT_PAIR_SHARE:
            return self.rng.choice(self.hot_pairs)
        a = self._state()
        b = self._state()
        while b == a:
            b = self._state()
        return (a, b)

    def _date(self, first: int = FIRST_YEAR) -> PartialDate:
        rng = self.rng
        year = min(LAST_YEAR, first + int((LAST_YEAR - first + 1) * rng.random() ** 0.55))
        month = rng.randint(1, 12)
        r = rng.random()
        if r < 0.08:
            return PartialDate(year)
        if r < 0.20:
            return PartialDate(year, month)
        return PartialDate(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))

    def _leader(self, state: str, day: dt.date) -> str | None:
        for start, end, person in self.leaders.get(state, ()):
            if start <= day <= end:
                return person
        return None

    def _label(
        self, kind: str, states: tuple[str, ...], orgs: tuple[str, ...]
    ) -> tuple[tuple[str, str], ...]:
        r = self.rng.random()
        if r > 0.4:
            return ()
        who = " and ".join(self.names.get(s, s) for s in states[:3]) or ", ".join(orgs)
        label = [("en", f"{TYPE_WORDS[kind].capitalize()}: {who}")]
        if r < 0.08:
            label.append(("id", f"Peristiwa {who}"))
        return tuple(label)

    # Events
    def _bilateral(self, kind: EventType) -> Event:
        rng = self.rng
        a, b = self._pair()
        first = 2000 if kind == "virtual_meeting" else FIRST_YEAR
        date = self._date(first)
        states: tuple[str, ...] = (a, b)
        if kind == "treaty_signing" and rng.random() < 0.15:
            third = self._state()
            if third not in states:
                states = (a, b, third)
        people: list[str] = []
        hosts: list[str] = []
        guests: list[str] = []
        if kind in {"meeting", "virtual_meeting", "phone_call", "state_visit", "treaty_signing"}:
            for code in (a, b):
                leader = self._leader(code, date.earliest)
                if leader is not None and rng.random() < 0.8:
                    people.append(leader)
        host, guest = (a, b) if rng.random() < 0.5 else (b, a)
        place = None
        if kind in {"meeting", "state_visit", "treaty_signing"}:
            hosts.append(host)
            guests.append(guest)
            if kind == "state_visit":
                leader_h = self._leader(host, date.earliest)
                leader_g = self._leader(guest, date.earliest)
                if leader_h in people:
                    hosts.append(leader_h)
                if leader_g in people:
                    guests.append(leader_g)
            if rng.random() < 0.6:
                place = self.capitals.get(host)
        status = "planned" if rng.random() < 0.03 else "occurred"
        return Event(
            kind,
            date,
            states=states,
            people=tuple(people),
            place=place,
            status=status,
            label=self._label(kind, states, ()),
            hosts=tuple(hosts),
            guests=tuple(guests),
        )

    def _summit(self) -> Event:
        rng = self.rng
        org, members = rng.choice(self.forums)
        k = min(len(members), rng.randint(2, 6))
        states = tuple(rng.sample(members, k))
        date = self._date(1990)
        people = []
        for code in states[:2]:
            leader = self._leader(code, date.earliest)
            if leader is not None:
                people.append(leader)
        host = states[0]
        return Event(
            "forum_summit",
            date,
            states=states,
            people=tuple(people),
            organisations=(org,),
            place=self.capitals.get(host) if rng.random() < 0.7 else None,
            label=self._label("forum_summit", (), (org,)),
            hosts=(host,),
        )

    def _anniversary(self) -> list[Event] | None:
        """An anniversary (and, sometimes, the derived milestone it commemorates)."""
        rng = self.rng
        derived = rng.random() < 0.2 or not self._milestones
        if derived:
            a, b = self._pair()
            ordinal = rng.choice(ORDINALS)
            year = rng.randint(FIRST_YEAR, LAST_YEAR - ordinal)
            target = Event("relations_established", PartialDate(year), states=(a, b), derived=True)
        else:
            target = rng.choice(self._milestones)
            choices = [n for n in ORDINALS if target.date.year + n <= LAST_YEAR]
            if not choices:
                return None
            ordinal = rng.choice(choices)
        d = target.date
        year = d.year + ordinal
        if d.day is not None and d.month is not None:
            day = min(d.day, calendar.monthrange(year, d.month)[1])
            date = PartialDate(year, d.month, day)
        elif rng.random() < 0.5:
            date = PartialDate(year, d.month or rng.randint(1, 12))
        else:
            date = PartialDate(year, d.month or rng.randint(1, 12), rng.randint(1, 28))
        event = Event(
            "anniversary",
            date,
            states=target.states,
            ordinal=ordinal,
            commemorates=target,
            label=self._label("anniversary", target.states, ()),
        )
        if derived:
            if target.key in self._seen:
                return None
            return [event, target]
        return [event]

    def _new_events(self) -> list[Event]:
        """New distinct events (one, or an anniversary and its derived milestone)."""
        remaining = self.target - self.counts.events
        for _ in range(50):
            kind = self.rng.choices(self.types, cum_weights=self.type_cum)[0]
            if kind == "anniversary":
                made = self._anniversary()
                if made is None or (len(made) > remaining):
                    continue
            elif kind == "forum_summit":
                made = [self._summit()]
            else:
                made = [self._bilateral(kind)]
            if made[0].key in self._seen:
                continue
            return made
        raise RuntimeError("could not draw a new distinct event in 50 tries")

    def _remember(self, event: Event) -> None:
        self._seen.add(event.key)
        self.counts.events += 1
        if len(self._recent) < RECENT_POOL:
            self._recent.append(event)
        else:
            self._recent[self.rng.randrange(RECENT_POOL)] = event
        if event.type in MILESTONE_TYPES and not event.derived:
            if len(self._milestones) < MILESTONE_POOL:
                self._milestones.append(event)
            else:
                self._milestones[self.rng.randrange(MILESTONE_POOL)] = event

    # Articles
    def _sentence(self, event: Event) -> str:
        who = [self.person_names.get(p, p) for p in event.people]
        who += [self.names.get(s, s) for s in event.states if len(who) < 3]
        if event.organisations:
            who.append(event.organisations[0])
        text = f"{' and '.join(who) or 'Officials'} marked {TYPE_WORDS[event.type]}"
        if event.place:
            text += f" in {event.place}"
        return f"{text} on {event.date}."

    def fact_sets(self) -> Iterator[FactSet]:
        """One fact set per article, until the requested number of distinct events exists."""
        rng = self.rng
        index = 0
        while self.counts.events < self.target:
            mentions_wanted = rng.choice(MENTIONS_PER_ARTICLE)
            events: list[Event] = []
            if index == 0:
                events.append(self._famous)
                self._remember(self._famous)
            elif rng.random() < FAMOUS_SHARE:
                events.append(self._famous)
            while len(events) < mentions_wanted and self.counts.events < self.target:
                if self._recent and rng.random() < REMENTION_SHARE:
                    events.append(rng.choice(self._recent))
                    continue
                made = self._new_events()
                for event in reversed(made):  # a derived milestone before its anniversary
                    self._remember(event)
                events.append(made[0])
            yield self._article(index, events)
            index += 1

    def _article(self, index: int, events: list[Event]) -> FactSet:
        rng = self.rng
        sentences = [self._sentence(e) for e in events]
        text = " ".join(sentences) + f" (Synthetic article {self.seed}-{index}.)"
        offsets = []
        pos = 0
        for sentence in sentences:
            offsets.append((pos, pos + len(sentence)))
            pos += len(sentence) + 1
        latest = max(e.date.latest for e in events)
        published = min(latest + dt.timedelta(days=rng.randint(0, 3)), dt.date(LAST_YEAR, 12, 31))
        article = Article.from_text(
            text,
            source=f"https://news.example.org/{self.seed}/{index}",
            title=sentences[0][:80],
            published=PartialDate.from_date(published),
            lang="en" if rng.random() < 0.7 else "id",
        )
        mentions = [
            Mention(
                event,
                sentence,
                start,
                end,
                confidence=rng.randint(400, 1000) / 1000,
            )
            for event, sentence, (start, end) in zip(events, sentences, offsets, strict=True)
        ]
        self.counts.articles += 1
        self.counts.mentions += len(mentions)
        return FactSet(mentions, article=article)


# The direct writer: the triples of diplograph.graph.rdf.facts_to_graph, as N-Quads text.
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
_PROV = "http://www.w3.org/ns/prov#"
_SDO = "https://schema.org/"
_XSD = str(XSD)
P = {
    name: f"<{getattr(DIP, name)}>"
    for name in [
        *("Event", "date", "datePrecision", "earliestDay", "latestDay", "status", "participant"),
        *("host", "guest", "signatory", "forum", "place", "derived", "commemorates", "derivedFrom"),
        *("ordinal", "Article", "sha256", "source", "title", "published", "language", "Mention"),
        *("about", "sentence", "extractorVersion", "confidence", "startOffset", "endOffset", "citation"),
        "commemoratedYear",
    ]
}
CLASS = {kind: f"<{iri}>" for kind, iri in EVENT_CLASSES.items()}
ATTENDANCE = f"<{_SDO}eventAttendanceMode>"
ONLINE = f"<{_SDO}OnlineEventAttendanceMode>"
OFFLINE = f"<{_SDO}OfflineEventAttendanceMode>"
WAS_DERIVED_FROM = f"<{_PROV}wasDerivedFrom>"
WAS_ATTRIBUTED_TO = f"<{_PROV}wasAttributedTo>"
AGENT_IRI = f"<{AGENT}>"
OFFLINE_TYPES = {"meeting", "state_visit", "forum_summit", "treaty_signing"}
DATATYPE = {"day": f"^^<{_XSD}date>", "month": f"^^<{_XSD}gYearMonth>", "year": f"^^<{_XSD}gYear>"}
XSD_DATE = f"^^<{_XSD}date>"
XSD_INTEGER = f"^^<{_XSD}integer>"
TRUE = f'"true"^^<{_XSD}boolean>'


def lit(text: str) -> str:
    """An N-Triples string literal (escapes as N-Triples requires).

    >>> lit('say "hi"')
    '"say \\\\"hi\\\\""'
    """
    return (
        '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    )


VERSION_LIT = lit(__version__)


@functools.cache
def _confidence(value: float) -> str:
    # The lexical form rdflib gives a float with datatype xsd:decimal, as add_mention writes it.
    return f'"{RdfLiteral(round(value, 3), datatype=XSD.decimal)}"^^<{_XSD}decimal>'


@functools.cache
def _state(code: str) -> str:
    return f"<{state_iri(code)}>"


@functools.cache
def _person(pid: str) -> str:
    return f"<{person_iri(pid)}>"


@functools.cache
def _org(oid: str) -> str:
    return f"<{org_iri(oid)}>"


def _event_triples(event: Event, out: list[str]) -> str:
    """Append the triples ``add_event`` writes for ``event``; return its IRI in N-Triples form."""
    node = f"<{event.iri}>"
    date = event.date
    out.append(f"{node} {_RDF_TYPE} {P['Event']}")
    out.append(f"{node} {_RDF_TYPE} {CLASS[event.type]}")
    out.append(f'{node} {P["date"]} "{date}"{DATATYPE[date.precision]}')
    out.append(f'{node} {P["datePrecision"]} "{date.precision}"')
    out.append(f'{node} {P["earliestDay"]} "{date.earliest.isoformat()}"{XSD_DATE}')
    out.append(f'{node} {P["latestDay"]} "{date.latest.isoformat()}"{XSD_DATE}')
    out.append(f'{node} {P["status"]} "{event.status}"')
    for lang, text in event.label:
        out.append(f"{node} {_RDFS_LABEL} {lit(text)}@{lang}")
    actors: dict[str, str] = {}
    for code in event.states:
        actors[code] = _state(code)
    for person in event.people:
        actors[person] = _person(person)
    for org in event.organisations:
        actors[org] = _org(org)
    participant = P["participant"]
    for actor in actors.values():
        out.append(f"{node} {participant} {actor}")
    for role, names in ((P["host"], event.hosts), (P["guest"], event.guests)):
        for name in names:
            if name in actors:
                out.append(f"{node} {role} {actors[name]}")
    if event.type == "treaty_signing":
        for code in event.states:
            out.append(f"{node} {P['signatory']} {actors[code]}")
    if event.type == "forum_summit" and event.organisations:
        out.append(f"{node} {P['forum']} {_org(event.organisations[0])}")
    if event.type == "virtual_meeting":
        out.append(f"{node} {ATTENDANCE} {ONLINE}")
    elif event.type in OFFLINE_TYPES:
        out.append(f"{node} {ATTENDANCE} {OFFLINE}")
    if event.place:
        out.append(f"{node} {P['place']} {lit(event.place)}")
    if event.derived:
        out.append(f"{node} {P['derived']} {TRUE}")
    if event.commemorates is not None:
        target = _event_triples(event.commemorates, out)
        out.append(f"{node} {P['commemorates']} {target}")
        if event.commemorates.derived:
            out.append(f"{target} {P['derivedFrom']} {node}")
    if event.ordinal is not None:
        out.append(f'{node} {P["ordinal"]} "{event.ordinal}"{XSD_INTEGER}')
    if event.refers_to_year is not None:
        out.append(f'{node} {P["commemoratedYear"]} "{event.refers_to_year:04d}"{DATATYPE["year"]}')
    return node


def fact_set_triples(facts: FactSet) -> list[str]:
    """The triples of ``facts_to_graph(facts)`` for an article fact set, as N-Triples lines
    without the final `` .``, duplicates removed, in a deterministic order."""
    article = facts.article
    if article is None:
        raise ValueError("the direct writer handles article fact sets only")
    out: list[str] = []
    source = f"<{article_iri(article.sha256)}>"
    out.append(f"{source} {_RDF_TYPE} {P['Article']}")
    out.append(f"{source} {P['sha256']} {lit(article.sha256)}")
    if article.source:
        out.append(f"{source} {P['source']} {lit(article.source)}")
    if article.title:
        out.append(f"{source} {P['title']} {lit(article.title)}")
    if article.published:
        pub = article.published
        out.append(f'{source} {P["published"]} "{pub}"{DATATYPE[pub.precision]}')
    if article.lang:
        out.append(f"{source} {P['language']} {lit(article.lang)}")
    key = article.sha256[:32]
    for index, mention in enumerate(facts.mentions):
        event = _event_triples(mention.event, out)
        node = f"<{mention_iri(key, index)}>"
        out.append(f"{node} {_RDF_TYPE} {P['Mention']}")
        out.append(f"{node} {P['about']} {event}")
        out.append(f"{node} {WAS_DERIVED_FROM} {source}")
        out.append(f"{node} {WAS_ATTRIBUTED_TO} {AGENT_IRI}")
        out.append(f"{node} {P['sentence']} {lit(mention.sentence)}")
        out.append(f"{node} {P['extractorVersion']} {VERSION_LIT}")
        out.append(f"{node} {P['confidence']} {_confidence(mention.confidence)}")
        if mention.start is not None and mention.end is not None:
            out.append(f'{node} {P["startOffset"]} "{mention.start}"{XSD_INTEGER}')
            out.append(f'{node} {P["endOffset"]} "{mention.end}"{XSD_INTEGER}')
        if mention.citation:
            out.append(f"{node} {P['citation']} {lit(mention.citation)}")
    return list(dict.fromkeys(out))


_UNESCAPE = re.compile(r"\\(.)")
_UNESCAPED = {"\\": "\\", '"': '"', "n": "\n", "r": "\r"}


def _term(text: str):
    """An rdflib term from one N-Triples term as the direct writer writes it."""
    if text.startswith("<"):
        return URIRef(text[1:-1])
    end = text.rindex('"')
    value = _UNESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], text[1:end])
    suffix = text[end + 1 :]
    if suffix.startswith("@"):
        return RdfLiteral(value, lang=suffix[1:])
    if suffix.startswith("^^<"):
        return RdfLiteral(value, datatype=URIRef(suffix[3:-1]), normalize=False)
    return RdfLiteral(value)


def _triple(line: str):
    subject, predicate, obj = line.split(" ", 2)
    return _term(subject), _term(predicate), _term(obj)


def index_lines(triples: list[str]) -> list[str]:
    """The index triples (``diplograph.graph.index``: dyads, digests) of an article's triples,
    as N-Triples lines without the final `` .``: what the store writes beside them. (The store
    also pairs an event's participants with those other graphs state for it; every article here
    states an event with the same participants, so the graph's own triples give the same dyads.)"""
    out = []
    for s, p, o in index_triples([_triple(line) for line in triples]):
        obj = f"<{o}>" if isinstance(o, URIRef) else lit(str(o))
        out.append(f"<{s}> <{p}> {obj}")
    return out


def direct_quads(facts: FactSet) -> list[str]:
    """N-Quads lines (with newline) of one article fact set in its article named graph, with
    its index triples."""
    assert facts.article is not None
    graph = f"<{article_graph_iri(facts.article.sha256)}>"
    triples = fact_set_triples(facts)
    return [f"{triple} {graph} .\n" for triple in [*triples, *index_lines(triples)]]


def rdflib_quads(facts: FactSet) -> list[str]:
    """N-Quads lines of one fact set through ``facts_to_graph`` and ``with_index`` (the code the
    ingest runs)."""
    assert facts.article is not None
    graph = f"<{article_graph_iri(facts.article.sha256)}>"
    content = with_index(facts_to_graph(facts))
    return _nt_to_nq(content.serialize(format="nt", encoding="utf-8").decode(), graph)


def _nt_to_nq(nt: str, graph: str) -> list[str]:
    lines = []
    for line in nt.splitlines():
        line = line.strip()
        if line:
            assert line.endswith(" .")
            lines.append(f"{line[:-2]} {graph} .\n")
    return lines


def reference_quads(ref=None) -> list[str]:
    """The reference graph (``reference_graph()``) as N-Quads lines in ``REFERENCE_GRAPH``."""
    from diplograph.graph.reference import reference_graph

    graph = reference_graph(ref or load_reference())
    return _nt_to_nq(graph.serialize(format="nt", encoding="utf-8").decode(), f"<{REFERENCE_GRAPH}>")


#: Version of what the generator writes: 2 adds the timeline index (dyads, digests). Cached files
#: of another version are regenerated by the benchmarks (see :func:`is_current`).
DATA_FORMAT = 2


def is_current(path: str | Path) -> bool:
    """Whether ``path`` (N-Quads) was written, completely, by this generator's data format."""
    meta = Path(f"{path}.json")
    if not Path(path).exists() or not meta.exists():
        return False
    info = json.loads(meta.read_text())
    return bool(info.get("format") == DATA_FORMAT and info.get("bytes") == Path(path).stat().st_size)


def ensure(path: str | Path, events: int, seed: int = 7) -> dict[str, object]:
    """The metadata of ``path``, generated first unless a complete file of this data format, with
    these ``events`` and ``seed``, is already there (the benchmarks cache their data this way)."""
    if is_current(path):
        meta = json.loads(Path(f"{path}.json").read_text())
        if meta.get("events") == events and meta.get("seed") == seed:
            return dict(meta)
    return generate(path, events, seed)


def generate(
    path: str | Path,
    events: int,
    seed: int = 7,
    *,
    writer: str = "direct",
    reference: bool = True,
    progress: bool = False,
) -> dict[str, object]:
    """Write ``events`` synthetic events (and the reference graph) to ``path`` as N-Quads.

    Returns the counts, also written to ``<path>.json``.
    """
    to_lines = {"direct": direct_quads, "rdflib": rdflib_quads}[writer]
    started = time.perf_counter()
    gen = EventGenerator(events, seed)
    path = Path(path)
    with path.open("w", encoding="utf-8", buffering=1 << 22) as out:
        if reference:
            lines = reference_quads(gen.ref)
            out.writelines(lines)
            gen.counts.reference_quads = len(lines)
            gen.counts.quads += len(lines)
        step = max(1, events // 10)
        next_report = step
        for facts in gen.fact_sets():
            lines = to_lines(facts)
            out.writelines(lines)
            gen.counts.quads += len(lines)
            if progress and gen.counts.events >= next_report:
                print(
                    f"  {gen.counts.events:,} events, {gen.counts.quads:,} quads, "
                    f"{time.perf_counter() - started:.1f} s",
                    file=sys.stderr,
                )
                next_report += step
    meta: dict[str, object] = {
        "format": DATA_FORMAT,
        "events": gen.counts.events,
        "articles": gen.counts.articles,
        "mentions": gen.counts.mentions,
        "quads": gen.counts.quads,
        "reference_quads": gen.counts.reference_quads,
        "seed": seed,
        "writer": writer,
        "famous_event": str(famous_event().iri),
        "bytes": path.stat().st_size,
        "seconds": round(time.perf_counter() - started, 3),
    }
    Path(f"{path}.json").write_text(json.dumps(meta, indent=2))
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generator", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--events", type=int, default=10_000, help="number of distinct events (default 10000)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", required=True, help="N-Quads file to write")
    parser.add_argument("--writer", choices=("direct", "rdflib"), default="direct")
    parser.add_argument("--no-reference", action="store_true", help="leave the reference graph out")
    args = parser.parse_args(argv)
    meta = generate(
        args.output,
        args.events,
        args.seed,
        writer=args.writer,
        reference=not args.no_reference,
        progress=True,
    )
    print(json.dumps(meta, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
