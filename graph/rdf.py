"""Facts as RDF: events, mentions and articles become triples of the diplograph ontology.

>>> from diplograph.graph.model import Event, FactSet, Mention
>>> from diplograph.graph.date import PartialDate
>>> event = Event("phone_call", PartialDate(2026, 1, 5), states=("IDN", "AUS"))
>>> graph = facts_to_graph(FactSet([Mention(event, "They spoke.")], curated_name="demo"))
>>> (event.iri, RDF.type, DIP.PhoneCall) in graph
True
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO

from diplograph.graph._version import __version__
from diplograph.graph.date import PartialDate
from diplograph.graph.model import EVENT_CLASSES, Article, Event, FactSet, Mention
from diplograph.graph.namespace import (
    AGENT,
    DIP,
    ID_BASE,
    PREFIXES,
    article_iri,
    org_iri,
    person_iri,
    state_iri,
)


def date_literal(date: PartialDate) -> Literal:
    """The date as a typed literal at its precision (xsd:date, xsd:gYearMonth, xsd:gYear).

    >>> date_literal(PartialDate(1996, 4)).datatype == XSD.gYearMonth
    True
    """
    if date.precision == "day":
        return Literal(str(date), datatype=XSD.date)
    if date.precision == "month":
        return Literal(str(date), datatype=XSD.gYearMonth)
    return Literal(str(date), datatype=XSD.gYear)


def day_literal(day: dt.date) -> Literal:
    """An ``xsd:date`` literal.

    >>> str(day_literal(dt.date(2001, 7, 16)))
    '2001-07-16'
    """
    return Literal(day.isoformat(), datatype=XSD.date)


def new_graph() -> Graph:
    """An empty rdflib graph with the diplograph prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        if prefix != "id":
            graph.bind(prefix, namespace)
    return graph


def add_event(graph: Graph, event: Event) -> URIRef:
    """Add an event's own triples (type, date, participants, ...) and return its IRI."""
    node = event.iri
    graph.add((node, RDF.type, DIP.Event))
    graph.add((node, RDF.type, EVENT_CLASSES[event.type]))
    graph.add((node, DIP.date, date_literal(event.date)))
    graph.add((node, DIP.datePrecision, Literal(event.date.precision)))
    graph.add((node, DIP.earliestDay, day_literal(event.date.earliest)))
    graph.add((node, DIP.latestDay, day_literal(event.date.latest)))
    graph.add((node, DIP.status, Literal(event.status)))
    for lang, text in event.label:
        graph.add((node, RDFS.label, Literal(text, lang=lang)))
    actors: dict[str, URIRef] = {}
    for code in event.states:
        actors[code] = state_iri(code)
    for person in event.people:
        actors[person] = person_iri(person)
    for org in event.organisations:
        actors[org] = org_iri(org)
    for actor in actors.values():
        graph.add((node, DIP.participant, actor))
    for role, names in ((DIP.host, event.hosts), (DIP.guest, event.guests)):
        for name in names:
            if name in actors:
                graph.add((node, role, actors[name]))
    if event.type == "treaty_signing":
        for code in event.states:
            graph.add((node, DIP.signatory, actors[code]))
    if event.type == "forum_summit" and event.organisations:
        graph.add((node, DIP.forum, org_iri(event.organisations[0])))
    if event.type == "virtual_meeting":
        graph.add((node, SDO.eventAttendanceMode, SDO.OnlineEventAttendanceMode))
    elif event.type in {"meeting", "state_visit", "forum_summit", "treaty_signing"}:
        graph.add((node, SDO.eventAttendanceMode, SDO.OfflineEventAttendanceMode))
    if event.place:
        graph.add((node, DIP.place, Literal(event.place)))
    if event.derived:
        graph.add((node, DIP.derived, Literal(True)))
    if event.commemorates is not None:
        target = add_event(graph, event.commemorates)
        graph.add((node, DIP.commemorates, target))
        if event.commemorates.derived:
            graph.add((target, DIP.derivedFrom, node))
    if event.ordinal is not None:
        graph.add((node, DIP.ordinal, Literal(event.ordinal, datatype=XSD.integer)))
    if event.refers_to_year is not None:
        year = Literal(f"{event.refers_to_year:04d}", datatype=XSD.gYear)
        graph.add((node, DIP.commemoratedYear, year))
    return node


def add_article(graph: Graph, article: Article) -> URIRef:
    """Add an article's metadata and return its IRI."""
    node = article_iri(article.sha256)
    graph.add((node, RDF.type, DIP.Article))
    graph.add((node, DIP.sha256, Literal(article.sha256)))
    if article.source:
        graph.add((node, DIP.source, Literal(article.source)))
    if article.title:
        graph.add((node, DIP.title, Literal(article.title)))
    if article.published:
        graph.add((node, DIP.published, date_literal(article.published)))
    if article.lang:
        graph.add((node, DIP.language, Literal(article.lang)))
    return node


def mention_iri(source_key: str, index: int) -> URIRef:
    """IRI of the ``index``-th mention of a source (article hash or curated name)."""
    return URIRef(f"{ID_BASE}mention/{source_key}/{index}")


def add_mention(graph: Graph, mention: Mention, node: URIRef, source: URIRef) -> None:
    """Add one mention with its provenance."""
    event = add_event(graph, mention.event)
    graph.add((node, RDF.type, DIP.Mention))
    graph.add((node, DIP.about, event))
    graph.add((node, PROV.wasDerivedFrom, source))
    graph.add((node, PROV.wasAttributedTo, AGENT))
    graph.add((node, DIP.sentence, Literal(mention.sentence)))
    graph.add((node, DIP.extractorVersion, Literal(__version__)))
    confidence = Decimal(str(round(mention.confidence, 3)))
    graph.add((node, DIP.confidence, Literal(confidence, datatype=XSD.decimal)))
    if mention.start is not None and mention.end is not None:
        graph.add((node, DIP.startOffset, Literal(mention.start, datatype=XSD.integer)))
        graph.add((node, DIP.endOffset, Literal(mention.end, datatype=XSD.integer)))
    if mention.citation:
        graph.add((node, DIP.citation, Literal(mention.citation)))


def facts_to_graph(facts: FactSet) -> Graph:
    """All triples of one source: events, mentions with provenance, and the source itself."""
    graph = new_graph()
    if facts.article is not None:
        source = add_article(graph, facts.article)
        key = facts.article.sha256[:32]
    else:
        name = facts.curated_name or "curated"
        source = URIRef(f"{ID_BASE}curated/{name}")
        graph.add((source, RDF.type, DIP.CuratedSource))
        if facts.curated_title:
            graph.add((source, RDFS.label, Literal(facts.curated_title)))
        key = "curated-" + name
    for index, mention in enumerate(facts.mentions):
        add_mention(graph, mention, mention_iri(key, index), source)
    return graph
