"""Per-language lexicons: event triggers, cues, relative dates and anniversary patterns.

A lexicon is one YAML file, ``data/lexicons/<lang>.yaml`` (keys documented in ``en.yaml``).
Month and weekday names come from babel/CLDR for the same language. Everything is compiled
once into a :class:`~diplograph.graph.extract.phrase.PhraseIndex` and cached.

>>> lex = Lexicon.load("id")
>>> lex.months["februari"], lex.weekdays["rabu"]
(2, 2)
>>> sorted({v for c, v in lex.lookup("pertemuan virtual") if c == "trigger"})
['virtual_meeting']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from babel.dates import get_day_names, get_month_names

from diplograph.graph.error import DataError
from diplograph.graph.extract.phrase import PhraseIndex
from diplograph.graph.extract.token import normalise_token, phrase_keys, tokenize

#: A value in the lexicon's phrase index: (category, payload).
Entry = tuple[str, Any]

_POSTS = ("head_of_state", "head_of_government", "foreign_minister", "any")


@dataclass
class Lexicon:
    """A compiled lexicon for one language.

    Attributes:
        lang: language code.
        index: every phrase, mapped to ``(category, payload)`` entries. Categories: ``trigger``
            (event type), ``title`` (post kind), ``negation``,
            ``negation_exception``, ``cancellation``, ``planned``, ``backref``, ``actorref``,
            ``topic``, ``relative`` ((unit, offset)), ``anniversary`` (``standalone`` or
            ``linked``), ``closing`` ("the final day of": a summit's date there is not its
            first day), ``milestone`` (event type or ``none``), ``historical`` (year of a
            commemorated event with a fixed date), ``blocker`` (topic name), ``witness``
            (an onlooker cue), ``mediation`` (a cue before a broker: "under the auspices of"),
            ``first_person`` ("I": the author of a release), ``geography``
            (a sea or peninsula naming no state) and
            ``inclusion`` (a cue opening a list of members: "including") and ``series`` ("a
            series of" talks: no one event unless a counterpart is named).
        title_words: the casefolded first words of the titles ("president", "prime"): after an
            initialism ("U.S. President") such a word does not open a new sentence.
        windows: per event type, how near a ``requires`` phrase must be to the trigger.
        requires: per event type whose triggers need one, the companion phrases (token tuples).
        unless: per such type, words that, between a trigger and its companion, say the thing
            exists already ("agreed to *deepen* their strategic partnership"): no event.
        months, weekdays: normalised CLDR names to month number (1-12) / weekday (Monday=0).
        day_prefixes, ordinal_day_prefixes: words before a day of the month named alone ("tanggal
            27"; "the 27th": an ordinal only): the month is the one just stated, else the
            publication's.
        short_months: abbreviated month names (valid only next to a day or year number): CLDR's
            and the lexicon's ``month_abbreviations`` ("Sept").
        numbers: number and ordinal words to their value.
        demonstratives: words after a trigger making it a back-reference ("KTT tersebut").
        bilateral_markers: words after a summit trigger making it a meeting ("summit with").
        clause_breaks: words opening a subordinate clause after a comma (", shortly after"): the
            actors named there take part in another event.
        relative_pronouns: words opening a relative clause after a comma (", who met Xi on
            Thursday,"): the date of an event told there dates nothing else.
        precedence_markers: words saying an event comes before what follows ("ahead of the 70th
            anniversary", "menjelang peringatan"): a date after that anniversary is its own.
        deputies: words saying an absent leader sent someone ("diwakili", "represented by",
            "sending his vice-president"): the state still takes part in the summit.
        pairwise: words saying talks are two-sided ("bilateral meetings with Carney and Lula"):
            each state listed after the counterpart marker is a meeting of its own.
        envoys: words naming unnamed travellers who are no head of state or government
            ("the foreign ministers will travel to Tokyo", "delegasi"): their trip is a meeting.
        leader_heads: words before an envoy word that make it a leader's title ("prime minister").
        meeting_nouns: nouns naming a meeting of an organisation after an attendance verb
            ("attended a meeting of the PIF", "menghadiri pertemuan Forum Kepulauan Pasifik").
        onward_links: words joining a later step to a trip or talks ("before flying on to Tokyo",
            "sebelum bertolak ke"): a planned cue anywhere before it in the clause plans that step too.
        personal_relatives: relative pronouns that open a clause about a person ("who", "whom").
        sites: places inside a country a visitor goes to ("visit the Embraer plant", "mengunjungi
            pabrik"): a visit to one is a stop on a trip, not a visit to a state.
        sequel_markers: words just before a summit saying a trip came after it ("after the
            BRICS summit", "usai KTT"): the trip is a visit, not travel to attend.
        counterpart_markers: words introducing a counterpart ("with"): repeated, one event each.
        member_groups: an organisation's members named as a group ("BRICS foreign ministers",
            "para pemimpin G20"): their meeting is the forum's meeting.
        purpose_markers: words right before talks that are a trip's purpose ("fly to Kuala Lumpur
            to meet Anwar on Wednesday", "untuk bertemu"): the undated trip takes the talks' date.
        origin_markers, destination_markers: a journey's ends ("from Jakarta to Kuala Lumpur",
            "From Jakarta, ... will travel to"): the state a trip starts from is no party to it.
        speech_cues: words opening reported speech ("that", "bahwa"): actors after them are
            talked about, not taking part in a summit.
        state_aliases, organisation_aliases: extra names (historical: "Soviet Union").
        skip_lines, aside_lines: normalised openings of lines to ignore ("read more") and of
            captions, which repeat events but never report new ones ("photo").
    """

    lang: str
    numeric_date_order: str = "dmy"
    index: PhraseIndex[Entry] = field(default_factory=PhraseIndex)
    windows: dict[str, int] = field(default_factory=dict)
    unless: dict[str, frozenset[str]] = field(default_factory=dict)
    requires: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)
    short_months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    weekday_past: frozenset[str] = frozenset()
    weekday_future: frozenset[str] = frozenset()
    month_prefixes: frozenset[str] = frozenset()
    day_prefixes: frozenset[str] = frozenset()
    ordinal_day_prefixes: frozenset[str] = frozenset()
    ordinal_nouns: frozenset[str] = frozenset()
    year_prefixes: frozenset[str] = frozenset()
    place_markers: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    numbers: dict[str, int] = field(default_factory=dict)
    anniversary_window: int = 6
    skip_lines: frozenset[str] = frozenset()
    since_markers: frozenset[str] = frozenset()
    range_connectors: frozenset[str] = frozenset()
    bilateral_markers: frozenset[str] = frozenset()
    demonstratives: frozenset[str] = frozenset()
    sideline_cues: frozenset[str] = frozenset()
    speech_cues: frozenset[str] = frozenset()
    counterpart_markers: frozenset[str] = frozenset()
    clause_breaks: frozenset[str] = frozenset()
    sequel_markers: frozenset[str] = frozenset()
    origin_markers: frozenset[str] = frozenset()
    purpose_markers: frozenset[str] = frozenset()
    member_groups: frozenset[str] = frozenset()
    destination_markers: frozenset[str] = frozenset()
    relative_pronouns: frozenset[str] = frozenset()
    sites: frozenset[str] = frozenset()
    personal_relatives: frozenset[str] = frozenset()
    onward_links: frozenset[str] = frozenset()
    meeting_nouns: frozenset[str] = frozenset()
    envoys: frozenset[str] = frozenset()
    pairwise: frozenset[str] = frozenset()
    deputies: frozenset[str] = frozenset()
    precedence_markers: frozenset[str] = frozenset()
    leader_heads: frozenset[str] = frozenset()
    organisation_aliases: dict[str, str] = field(default_factory=dict)
    aside_lines: frozenset[str] = frozenset()
    state_aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    @functools.cache
    def load(cls, lang: str) -> Lexicon:
        """The compiled lexicon of ``lang`` (cached); raises DataError when there is none."""
        try:
            text = resources.files("diplograph.data").joinpath(f"lexicons/{lang}.yaml").read_text("utf-8")
        except (FileNotFoundError, ModuleNotFoundError) as error:
            raise DataError(f"no lexicon for language {lang!r} (data/lexicons/{lang}.yaml)") from error
        document = yaml.safe_load(text)
        if not isinstance(document, dict):
            raise DataError(f"data/lexicons/{lang}.yaml: expected a mapping")
        return cls.from_document(lang, document)

    @classmethod
    def from_document(cls, lang: str, doc: dict[str, Any]) -> Lexicon:
        """Compile a parsed lexicon document."""
        lex = cls(lang=lang, numeric_date_order=str(doc.get("numeric_date_order", "dmy")))
        lex.numbers = {normalise_token(str(k)): int(v) for k, v in (doc.get("numbers") or {}).items()}
        lex.numbers |= {normalise_token(str(k)): int(v) for k, v in (doc.get("ordinals") or {}).items()}
        lex.numbers = {k: v for k, v in lex.numbers.items() if " " not in k and "-" not in k}
        lex.index.numbers = lex.numbers
        for etype, spec in (doc.get("triggers") or {}).items():
            lex._add_all(spec.get("phrases"), ("trigger", etype))
            if spec.get("requires"):
                lex.requires[etype] = tuple(phrase_keys(str(p)) for p in spec["requires"])
            lex.windows[etype] = int(spec.get("window", 10))
            lex.unless[etype] = frozenset(normalise_token(str(w)) for w in _checked(spec.get("unless")))
        for post in _POSTS:
            lex._add_all((doc.get("titles") or {}).get(post), ("title", post))
            words = (str(t).split()[:1] for t in _checked((doc.get("titles") or {}).get(post)))
            lex.title_words |= {w[0].casefold() for w in words if w and w[0][:1].isupper()}
        for key, category in (
            ("negation", "negation"),
            ("negation_exceptions", "negation_exception"),
            ("cancellation", "cancellation"),
            ("planned", "planned"),
            ("call_verbs", "call_verb"),
            ("host_verbs", "host_verb"),
            ("attend_verbs", "attend_verb"),
            ("then_markers", "then"),
            ("back_references", "backref"),
            ("actor_references", "actorref"),
            ("topic_cues", "topic"),
            ("pronouns", "pronoun"),
            ("first_person", "first_person"),
            ("absence", "absence"),
            ("witness", "witness"),
            ("mediation", "mediation"),
            ("geographic_names", "geography"),
            ("inclusion_cues", "inclusion"),
            ("series_cues", "series"),
        ):
            lex._add_all(doc.get(key), (category, None))
        for row in doc.get("relative_dates") or []:
            phrase, unit, offset = row
            lex._add_all([phrase], ("relative", (str(unit), int(offset))))
        for row in doc.get("anaphoric_dates") or []:
            phrase, offset = row
            lex._add_all([phrase], ("anaphoric", int(offset)))
        for row in doc.get("summit_dates") or []:
            phrase, offset = row
            lex._add_all([phrase], ("opening", int(offset)))
        anniversary = doc.get("anniversary") or {}
        lex._add_all(anniversary.get("standalone"), ("anniversary", "standalone"))
        lex._add_all(anniversary.get("linked"), ("anniversary", "linked"))
        lex.anniversary_window = int(anniversary.get("window", 6))
        for etype, phrases in (doc.get("milestones") or {}).items():
            lex._add_all(phrases, ("milestone", etype))
        for item in doc.get("historical_events") or []:
            lex._add_all(item.get("phrases"), ("historical", int(item["year"])))
        for topic, phrases in (doc.get("blockers") or {}).items():
            lex._add_all(phrases, ("blocker", topic))
        for name, number in (doc.get("month_abbreviations") or {}).items():
            lex.short_months[normalise_token(str(name))] = int(number)
        modifiers = doc.get("weekday_modifiers") or {}
        lex.weekday_past = _norms(modifiers.get("past"))
        lex.weekday_future = _norms(modifiers.get("future"))
        lex.day_prefixes = _norms(doc.get("day_prefixes"))
        lex.ordinal_day_prefixes = _norms(doc.get("ordinal_day_prefixes"))
        lex.ordinal_nouns = _norms(doc.get("ordinal_nouns"))
        lex.month_prefixes = _norms(doc.get("month_prefixes")) | _norms(doc.get("qualifiers"))
        lex.year_prefixes = _norms(doc.get("year_prefixes")) | _norms(doc.get("qualifiers"))
        lex.place_markers = _norms(doc.get("place_markers"))
        lex.skip_lines = _norms(doc.get("skip_lines"))
        lex.since_markers = _norms(doc.get("since_markers"))
        lex.range_connectors = _norms(doc.get("range_connectors")) | {"-"}
        lex.bilateral_markers = _norms(doc.get("bilateral_markers"))
        lex.demonstratives = _norms(doc.get("demonstratives_after"))
        lex.speech_cues = _norms(doc.get("speech_cues"))
        lex.counterpart_markers = _norms(doc.get("counterpart_markers"))
        lex.clause_breaks = _norms(doc.get("clause_breaks"))
        lex.sequel_markers = _norms(doc.get("sequel_markers"))
        lex.origin_markers = _norms(doc.get("origin_markers"))
        lex.purpose_markers = _norms(doc.get("purpose_markers"))
        lex.member_groups = _norms(doc.get("member_groups"))
        lex.destination_markers = _norms(doc.get("destination_markers"))
        lex.relative_pronouns = _norms(doc.get("relative_pronouns"))
        lex.sites = _norms(doc.get("sites"))
        lex.personal_relatives = _norms(doc.get("personal_relatives"))
        lex.onward_links = _norms(doc.get("onward_links"))
        lex.meeting_nouns = _norms(doc.get("meeting_nouns"))
        lex.envoys = _norms(doc.get("envoys"))
        lex.pairwise = _norms(doc.get("pairwise"))
        lex.deputies = _norms(doc.get("deputies"))
        lex.precedence_markers = _norms(doc.get("precedence_markers"))
        lex.leader_heads = _norms(doc.get("leader_heads"))
        lex._add_all(doc.get("closing_days"), ("closing", None))
        lex._add_all(doc.get("sideline_cues"), ("sideline", None))
        lex.organisation_aliases = {
            str(k): str(v) for k, v in (doc.get("organisation_aliases") or {}).items()
        }
        lex.aside_lines = _norms(doc.get("aside_lines"))
        lex.state_aliases = {str(k): str(v) for k, v in (doc.get("state_aliases") or {}).items()}
        lex.abbreviations = frozenset(str(a).casefold() for a in _checked(doc.get("abbreviations")))
        lex._add_calendar()
        return lex

    def _add_all(self, phrases: Iterable[Any] | None, entry: Entry) -> None:
        for phrase in _checked(phrases):
            self.index.add(phrase_keys(str(phrase)), entry)

    def _add_calendar(self) -> None:
        try:
            names = [
                (get_month_names("wide", context="format", locale=self.lang), self.months),
                (get_month_names("wide", context="stand-alone", locale=self.lang), self.months),
                (get_month_names("abbreviated", context="format", locale=self.lang), self.short_months),
                (get_month_names("abbreviated", context="stand-alone", locale=self.lang), self.short_months),
                (get_day_names("wide", context="format", locale=self.lang), self.weekdays),
                (get_day_names("wide", context="stand-alone", locale=self.lang), self.weekdays),
            ]
            for table, target in names:
                for number, name in table.items():
                    target[normalise_token(str(name).rstrip("."))] = int(number)
        except Exception as error:  # babel raises several kinds for unknown locales
            raise DataError(f"babel/CLDR has no calendar names for {self.lang!r}: {error}") from error
        for name in list(self.weekdays):  # "Jum'at" and "Jumat" both occur in the press
            if "'" in name:
                self.weekdays[name.replace("'", "")] = self.weekdays[name]
        for name in list(self.short_months):
            if name in self.months:
                del self.short_months[name]

    @functools.cached_property
    def calendar_words(self) -> frozenset[str]:
        """Month and weekday names (full and abbreviated): tokens a date can start from."""
        return frozenset(self.months) | frozenset(self.short_months) | frozenset(self.weekdays)

    def lookup(self, phrase: str) -> list[Entry]:
        """The entries a whole phrase has in this lexicon (for tests and debugging)."""
        tokens = tokenize(phrase)
        for match in self.index.scan(tokens):
            if match.start == 0 and match.end == len(tokens):
                return list(match.values)
        return []


def _checked(values: Iterable[Any] | None) -> list[Any]:
    """The phrases of a list, refusing YAML 1.1 booleans (an unquoted ``no`` or ``on``)."""
    out = list(values or ())
    for value in out:
        if isinstance(value, bool) or value is None:
            raise DataError(f"lexicon phrase {value!r}: quote words YAML reads as booleans ('no', 'on')")
    return out


def _norms(values: Iterable[Any] | None) -> frozenset[str]:
    return frozenset(" ".join(phrase_keys(str(v))) for v in _checked(values))
