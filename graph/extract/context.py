"""The analysed article: tokens, sentences, lexicon matches, actor mentions and dates.

Everything is computed once per article (one tokenisation, one lexicon scan, one gazetteer
scan) and then sliced per sentence, which keeps extraction fast.

The lexicon scan keeps every overlapping match; each category is then read as its own layer
(leftmost-longest within the category), so a back-reference "the signing" does not hide the
trigger "signing". Event triggers that overlap are resolved by length, then by specificity
(:data:`TRIGGER_PRIORITY`): "melakukan pembicaraan telepon" is a phone call, not a meeting.

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.date import PartialDate
>>> ctx = ArticleContext.build(Article.from_text("Xi met Putin.", published=PartialDate(2026, 2, 5)), "en")
>>> [s.text for s in ctx.sentences], [m.id for m in ctx.units[0].mentions]
(['Xi met Putin.'], ['xi-jinping', 'vladimir-putin'])
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from diplograph.graph.date import PartialDate
from diplograph.graph.extract.lexicon import Entry, Lexicon
from diplograph.graph.extract.mention import ActorMention, find_mentions, state_of
from diplograph.graph.extract.phrase import PhraseMatch, new_match
from diplograph.graph.extract.sentence import Sentence, split_sentences
from diplograph.graph.extract.temporal import DateExpr, find_dates
from diplograph.graph.extract.token import TokenTable
from diplograph.graph.model import Article

#: Overlapping triggers of equal length: the more specific type wins.
TRIGGER_PRIORITY = {
    "phone_call": 6,
    "virtual_meeting": 6,
    "relations_established": 5,
    "treaty_signing": 4,
    "partnership": 4,
    "state_visit": 3,
    "forum_summit": 2,
    "meeting": 1,
}


#: The share of sentences naming a blocker topic that makes it the article's topic.
#: How many opening units may be heading lines (a title, a release's subject line): such a line
#: without final punctuation only repeats an event the body reports.
HEADING_REACH = 6
TOPIC_SHARE = 0.3
TOPIC_MIN = 3


@dataclass(slots=True)
class SentenceUnit:
    """One sentence with its slice of the article's analyses (token indexes are article-wide).

    ``role`` is ``body``, ``headline`` (the article's first line, or an unpunctuated line of
    its own among the first :data:`HEADING_REACH` units: a release's subject line), ``subheading``
    (such a line further on: the heading of a briefing's next story, which has its own subject),
    ``aside`` (a photo caption: it repeats an event, never reports a new one) or ``skip`` ("Read
    more:", tags, share lines).
    """

    index: int
    sentence: Sentence
    first: int
    last: int
    matches: list[PhraseMatch[Entry]] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)
    role: str = "body"
    layers: dict[str, list[tuple[PhraseMatch[Entry], object]]] = field(default_factory=dict)

    def entries(self, category: str) -> list[tuple[PhraseMatch[Entry], object]]:
        """The lexicon matches of ``category`` in this sentence, with their payloads."""
        return self.layers.get(category, [])


@dataclass(slots=True)
class ArticleContext:
    """An article analysed once: what every rule reads.

    ``anchor`` is the date of the event most recently reported (set while the article is read):
    anaphoric dates ("the same day", "sehari sebelumnya") count from it. ``opening`` is the first
    day of the summit being reported: "on the opening day" ("pada hari pembukaan") counts from it.
    """

    article: Article
    lang: str
    lexicon: Lexicon
    tokens: TokenTable
    sentences: list[Sentence]
    units: list[SentenceUnit]
    published: dt.date | None
    anchor: PartialDate | None = None
    opening: PartialDate | None = None
    _main: tuple[str, ...] | None = None
    _lead: str | None = None
    _topic: tuple[str | None] | None = None

    def topic(self) -> str | None:
        """The non-diplomatic topic the article is about, if any (sports, markets, weather...).

        A blocker topic named in at least :data:`TOPIC_SHARE` of the body sentences (and in at
        least :data:`TOPIC_MIN` of them) is the article's topic, unless the headline or the first
        body sentence reports a diplomatic event without naming the topic: its sentences report no
        event unless a leader is named in them.
        """
        if self._topic is None:
            body = [u for u in self.units if u.role in ("body", "headline", "subheading")]
            counts: Counter[str] = Counter()
            for unit in body:
                if "blocker" in unit.layers:
                    counts.update({str(topic) for _, topic in unit.layers["blocker"]})
            top = counts.most_common(1)
            dominant = top and top[0][1] >= max(TOPIC_MIN, TOPIC_SHARE * len(body))
            lead = [u for u in body if u.role != "body"][:1] + [u for u in body if u.role == "body"][:1]
            if any("trigger" in u.layers and "blocker" not in u.layers for u in lead):
                dominant = False  # "Milei meets Trump at White House" leads: diplomacy, whatever follows
            self._topic = (top[0][0] if dominant else None,)
        return self._topic[0]

    @classmethod
    def build(cls, article: Article, lang: str) -> ArticleContext:
        """Tokenise, segment, scan lexicon and gazetteer, find dates."""
        lexicon = Lexicon.load(lang)
        text = article.text
        published = article.published.earliest if article.published is not None else None
        sentences = split_sentences(text, lexicon.abbreviations, lexicon.title_words)
        units: list[SentenceUnit] = []
        every = TokenTable.of(text)  # once: tokens outside sentences (datelines) are dropped
        starts = every.starts  # tokens do not overlap: starts and ends both ascend
        ends = every.ends
        ranges: list[tuple[int, int]] = []
        i = 0
        first = 0
        for index, sentence in enumerate(sentences):
            i = bisect.bisect_left(starts, sentence.start, i)
            j = bisect.bisect_right(ends, sentence.end, i)
            ranges.append((i, j))
            units.append(SentenceUnit(index, sentence, first, first + j - i))
            first += j - i
            i = j
        tokens = every if first == len(every) else every.select(ranges)
        layered = layer_matches(lexicon.index.scan(tokens, greedy=False))
        firsts = [u.first for u in units]
        mentions = find_mentions(tokens, lang, published, layered, firsts)
        dates = find_dates(tokens, lexicon, layered)
        for match in layered:
            unit = units[bisect.bisect_right(firsts, match.start) - 1]
            unit.matches.append(match)
            for category, payload in match.values:
                unit.layers.setdefault(category, []).append((match, payload))
        for mention in mentions:
            units[bisect.bisect_right(firsts, mention.start) - 1].mentions.append(mention)
        for date in dates:
            unit = units[bisect.bisect_right(firsts, date.start) - 1]
            if date.end <= unit.last:
                unit.dates.append(date)
        for unit in units:
            unit.role = _role(unit, tokens, lexicon, text)
        return cls(article, lang, lexicon, tokens, sentences, units, published)

    def main_states(self) -> tuple[str, ...]:
        """The two states the article is most about (by mentions of states and leaders)."""
        if self._main is not None:
            return self._main
        counts: Counter[str] = Counter()
        for unit in self.units:
            if unit.role == "skip":
                continue
            for mention in unit.mentions:
                if mention.topic:
                    continue
                if mention.kind == "state":
                    counts[mention.id] += 1
                elif mention.kind == "person":
                    state = state_of(mention.id, self.published)
                    if state:
                        counts[state] += 1
        self._main = tuple(sorted(s for s, _ in counts.most_common(2)))
        self._lead = counts.most_common(1)[0][0] if counts else None
        return self._main

    def author(self) -> str | None:
        """The person a first-person release is by: the one person named alone on a heading line
        of the opening ("Senator the Hon Penny Wong"), with no event trigger; else None."""
        for unit in self.units[:HEADING_REACH]:
            alone = len(unit.mentions) == 1 and unit.mentions[0].kind == "person"
            if unit.role == "headline" and alone and "trigger" not in unit.layers:
                return unit.mentions[0].id
        return None

    def lead_state(self) -> str | None:
        """The state the article names most (with its leaders): whose news it reports."""
        self.main_states()
        return self._lead


def layer_matches(matches: Sequence[PhraseMatch[Entry]]) -> list[PhraseMatch[Entry]]:
    """One layer per category: leftmost-longest within it; triggers by length, then priority
    (a phrase that triggers two types gives both, in priority order: the reader takes the first
    whose required words are there).

    ``matches`` are all (overlapping) matches; each returned match has one value. Negation
    cues inside a negation exception ("not only") are dropped.
    """
    by_category: dict[str, list[tuple[int, int, object]]] = {}
    for match in matches:
        for category, payload in match.values:
            by_category.setdefault(category, []).append((match.start, match.end, payload))
    out: list[PhraseMatch[Entry]] = []
    for category, spans in by_category.items():
        if category == "trigger":
            ranked = sorted(spans, key=lambda s: (-(s[1] - s[0]), -TRIGGER_PRIORITY.get(str(s[2]), 0), s[0]))
            taken: list[tuple[int, int]] = []
            for start, end, payload in ranked:
                if all(end <= a or start >= b for a, b in taken) or (start, end) in taken:
                    taken.append((start, end))  # the same span twice: alternatives ("disepakati")
                    out.append(new_match((start, end, ((category, payload),))))
            continue
        spans.sort(key=_SECOND, reverse=True)  # longest first at each start (two stable sorts,
        spans.sort(key=_FIRST)  # keys read in C)
        position = -1
        for start, end, payload in spans:
            if start >= position:
                out.append(new_match((start, end, ((category, payload),))))
                position = end
    exceptions = [(m.start, m.end) for m in out if m.values[0][0] == "negation_exception"]
    if exceptions:
        out = [
            m for m in out if m.values[0][0] != "negation" or not any(a <= m.start < b for a, b in exceptions)
        ]
    out.sort(key=_SECOND, reverse=True)
    out.sort(key=_FIRST)
    return out


_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)


def _whole_line(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is a line by itself (a heading, not a sentence of a paragraph)."""
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return not before.strip() and text[end : end + 40].lstrip(" \t")[:1] in ("", "\n", "\r")


@functools.lru_cache(maxsize=8)
def _line_openers(*lines: frozenset[str]) -> frozenset[str]:
    """The first words of the skip and aside lines: a line opening otherwise is neither."""
    return frozenset(line.split(" ")[0] for group in lines for line in group)


def _role(unit: SentenceUnit, tokens: TokenTable, lex: Lexicon, text: str) -> str:
    norms = tokens.norms[unit.first : min(unit.last, unit.first + 4)]
    while norms and norms[0] in ("-", "*", "|", ">", "•"):
        norms.pop(0)
    if not norms or norms[0] in _line_openers(lex.skip_lines, lex.aside_lines):
        for size in (3, 2, 1):
            if " ".join(norms[:size]) in lex.skip_lines:
                return "skip"
        for size in (3, 2, 1):
            if " ".join(norms[:size]) in lex.aside_lines:
                return "aside"
    start = unit.sentence.start
    if unit.sentence.text[-1:] not in ".!?\"'”" and (
        (unit.index == 0 and not text[:start].strip())
        or (unit.index < HEADING_REACH and _whole_line(text, start, unit.sentence.end))
    ):
        return "headline"  # the title, or a heading line of the opening ("Visit to Viet Nam")
    if unit.sentence.text[-1:] not in ".!?\"'”:" and _whole_line(text, start, unit.sentence.end):
        return "subheading"  # a story's heading inside a briefing ("Seoul, Tokyo ministers talk")
    return "body"
