"""The analysed article: tokens, sentences, lexicon matches, actor mentions and dates.

Everything is computed once per article (one tokenisation, one lexicon scan, one gazetteer
scan) and then sliced per sentence, which keeps extraction fast.

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.date import PartialDate
>>> ctx = ArticleContext.build(Article.from_text("Xi met Putin.", published=PartialDate(2026, 2, 5)), "en")
>>> [s.text for s in ctx.sentences], [m.id for m in ctx.units[0].mentions]
(['Xi met Putin.'], ['xi-jinping', 'vladimir-putin'])
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from diplograph.graph.extract.lexicon import Entry, Lexicon
from diplograph.graph.extract.mention import ActorMention, find_mentions, state_of
from diplograph.graph.extract.phrase import PhraseMatch
from diplograph.graph.extract.sentence import Sentence, split_sentences
from diplograph.graph.extract.temporal import DateExpr, find_dates
from diplograph.graph.extract.token import Token, tokenize
from diplograph.graph.model import Article


@dataclass
class SentenceUnit:
    """One sentence with its slice of the article's analyses (token indexes are article-wide)."""

    index: int
    sentence: Sentence
    first: int
    last: int
    matches: list[PhraseMatch[Entry]] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)

    def entries(self, category: str) -> list[tuple[PhraseMatch[Entry], object]]:
        """The lexicon matches of ``category`` in this sentence, with their payloads."""
        return [(m, p) for m in self.matches for c, p in m.values if c == category]


@dataclass
class ArticleContext:
    """An article analysed once: what every rule reads."""

    article: Article
    lang: str
    lexicon: Lexicon
    tokens: list[Token]
    sentences: list[Sentence]
    units: list[SentenceUnit]
    published: dt.date | None

    @classmethod
    def build(cls, article: Article, lang: str) -> ArticleContext:
        """Tokenise, segment, scan lexicon and gazetteer, find dates."""
        lexicon = Lexicon.load(lang)
        text = article.text
        published = article.published.earliest if article.published is not None else None
        sentences = split_sentences(text, lexicon.abbreviations)
        tokens: list[Token] = []
        units: list[SentenceUnit] = []
        for index, sentence in enumerate(sentences):
            first = len(tokens)
            tokens.extend(tokenize(sentence.text, sentence.start))
            units.append(SentenceUnit(index, sentence, first, len(tokens)))
        matches = lexicon.index.scan(tokens)
        mentions = find_mentions(tokens, lang, published, matches)
        dates = find_dates(tokens, lexicon, matches)
        firsts = [u.first for u in units]
        for match in matches:
            units[bisect.bisect_right(firsts, match.start) - 1].matches.append(match)
        for mention in mentions:
            units[bisect.bisect_right(firsts, mention.start) - 1].mentions.append(mention)
        for date in dates:
            unit = units[bisect.bisect_right(firsts, date.start) - 1]
            if date.end <= unit.last:
                unit.dates.append(date)
        return cls(article, lang, lexicon, tokens, sentences, units, published)

    def main_states(self) -> tuple[str, ...]:
        """The two states the article is most about (by mentions of states and leaders)."""
        counts: Counter[str] = Counter()
        for unit in self.units:
            for mention in unit.mentions:
                if mention.topic:
                    continue
                if mention.kind == "state":
                    counts[mention.id] += 1
                elif mention.kind == "person":
                    state = state_of(mention.id, self.published)
                    if state:
                        counts[state] += 1
        return tuple(sorted(s for s, _ in counts.most_common(2)))
