"""The ``diplograph extract`` JSON contract (DESIGN.md): one object per article.

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.date import PartialDate
>>> from diplograph.graph.extract.extraction import extract_article
>>> text = "Xi met Putin in Moscow on 8 May 2025."
>>> article = Article.from_text(text, published=PartialDate(2025, 5, 9), lang="en")
>>> doc = to_contract(extract_article(article))
>>> doc["events"][0]["type"], doc["events"][0]["date"], doc["events"][0]["people"]
('meeting', '2025-05-08', ['Xi Jinping', 'Vladimir Putin'])
"""

from __future__ import annotations

from typing import Any

from diplograph.graph.extract.anniversary import historical_year
from diplograph.graph.model import Event, FactSet, Mention
from diplograph.graph.reference import ReferenceData


def refers_to_year(event: Event, evidence: str | None = None, lang: str | None = None) -> int | None:
    """The year an anniversary looks back to.

    Its milestone's year; else the fixed year of a historical event named in the evidence
    ("80 years of the victory in World War II" is 1945 whatever the year of writing); else its
    year minus N.

    >>> from diplograph.graph.date import PartialDate
    >>> refers_to_year(Event("anniversary", PartialDate(2026), ordinal=80))
    1946
    """
    if event.type != "anniversary":
        return None
    if event.refers_to_year is not None:
        return event.refers_to_year
    if event.commemorates is not None:
        return event.commemorates.date.year
    if event.ordinal is None:
        return None
    if evidence and lang:
        year = historical_year(evidence, lang, event.ordinal)
        if year is not None:
            return year
    return event.date.year - event.ordinal


def to_contract(facts: FactSet) -> dict[str, Any]:
    """The JSON object ``diplograph extract --format json`` prints for an article's facts."""
    article = facts.article
    people = ReferenceData.load().people
    best: dict[str, Mention] = {}
    for mention in facts.mentions:
        for event in (mention.event, mention.event.commemorates):
            if event is None:
                continue
            current: Mention | None = best.get(event.key)
            if current is None or (event is mention.event and mention.confidence > current.confidence):
                best[event.key] = mention
    events = []
    for event in facts.events:
        chosen = best.get(event.key)
        events.append(
            {
                "id": str(event.iri),
                "type": event.type,
                "date": str(event.date),
                "states": list(event.states),
                "people": [people[p].name if p in people else p for p in event.people],
                "organisations": list(event.organisations),
                "place": event.place,
                "refers_to_year": refers_to_year(
                    event, chosen.sentence if chosen else None, article.lang if article else None
                ),
                "ordinal": event.ordinal,
                "status": event.status,
                "evidence": chosen.sentence if chosen else None,
                "confidence": _confidence(event, chosen),
            }
        )
    return {
        "article": {
            "source": article.source if article else None,
            "published": str(article.published) if article and article.published else None,
            "lang": article.lang if article else None,
            "sha256": article.sha256 if article else None,
        },
        "events": events,
    }


def _confidence(event: Event, mention: Mention | None) -> float:
    if mention is None:
        return 0.5
    if mention.event is not event:  # a milestone known from an anniversary
        return 0.6
    return mention.confidence
