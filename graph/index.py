"""The timeline index: dyads and digests, written beside an event's facts in the same named graph.

A timeline question ("every China-Russia milestone, with its sources") touches a few hundred
events but, read triple by triple, thousands of terms: the participants of both actors joined,
then every property, mention and article of each event. The store keeps two kinds of derived
triples so that it reads one index entry and one literal per event instead:

- ``?event dip:dyad <id/dyad/state/CHN~state/RUS>``: one IRI per unordered pair of the event's
  participants (:func:`dyad_iri`), so the events of a pair are one index lookup;
- ``?event dip:digest "{...}"``: what the named graph states about the event, its mentions and
  their sources, packed as one JSON string (:func:`digest`), in the shape the timeline reads
  (``diplograph.graph.timeline.record.fold_events``).

Both are computed from a named graph's own triples by :func:`index_triples` and written with
them (:meth:`KnowledgeGraph.replace_graphs`), so a graph and its index come and go together and
the union of the graphs' digests says what the union of their triples says about each event.
Data written by other tools is indexed by :meth:`KnowledgeGraph.reindex`.

>>> from rdflib import Graph, Literal, RDF
>>> from diplograph.graph.namespace import DIP, state_iri
>>> g = Graph(); e = URIRef("https://w3id.org/diplograph/id/event/x")
>>> _ = g.add((e, RDF.type, DIP.PhoneCall))
>>> for state in ("RUS", "FRA"):
...     _ = g.add((e, DIP.participant, state_iri(state)))
>>> sorted(str(o) for _, p, o in index_triples(g) if p == DIP.dyad)
['https://w3id.org/diplograph/id/dyad/state/FRA~state/RUS']
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from itertools import combinations

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from diplograph.graph.model import EVENT_CLASSES
from diplograph.graph.namespace import DIP, ID_BASE

__all__ = [
    "INDEX_PREDICATES",
    "MENTION_COLUMNS",
    "ORIGIN_COLUMNS",
    "Elsewhere",
    "digest",
    "dyad_iri",
    "index_triples",
    "needs_index",
    "with_index",
    "without_index",
]

Triple = tuple[Node, Node, Node]

#: The predicates of the derived index triples.
INDEX_PREDICATES = frozenset({DIP.dyad, DIP.digest})

# IRIs as plain strings: rdflib terms compare in Python, plain strings in C.
_DIP = str(DIP)
_RDF_TYPE, _RDFS_LABEL = str(RDF.type), str(RDFS.label)
_PROV_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
_ABOUT, _DERIVED_FROM, _PARTICIPANT = _DIP + "about", _DIP + "derivedFrom", _DIP + "participant"
_COMMEMORATES, _PLACE, _STATUS, _ARTICLE = (
    _DIP + "commemorates",
    _DIP + "place",
    _DIP + "status",
    _DIP + "Article",
)
_EVENT = _DIP + "Event"
_INDEX = frozenset(str(p) for p in INDEX_PREDICATES)
_EVENT_CLASSES = frozenset({*(str(c) for c in EVENT_CLASSES.values()), _EVENT})
_SAFE_PATH = re.compile(r"[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]+)*")
#: Properties packed as ``name=value`` tokens (values without spaces: IRIs, dates, numbers, codes).
_FACTS = {_RDF_TYPE: "type"} | {
    _DIP + name: name
    for name in ("date", "status", "derived", "ordinal", "forum", "participant", "commemorates")
}
_STATUSES = frozenset({"occurred", "planned"})
#: Columns of a digest's source row (besides ``mention``, ``from``, ``via``, ``otype``): the mention's
#: properties ...
MENTION_COLUMNS = {
    "sentence": _DIP + "sentence",
    "start": _DIP + "startOffset",
    "end": _DIP + "endOffset",
    "confidence": _DIP + "confidence",
    "citation": _DIP + "citation",
}
#: ... and those of its origin (an article, or a curated source).
ORIGIN_COLUMNS = {
    "source": _DIP + "source",
    "published": _DIP + "published",
    "title": _DIP + "title",
    "language": _DIP + "language",
    "olabel": _RDFS_LABEL,
}
_TARGET_PREDICATES = (_RDF_TYPE, _DIP + "date", _RDFS_LABEL)


def _path(iri: str) -> str:
    """The part of an actor IRI a dyad IRI is written from (a hash for foreign or odd IRIs)."""
    if iri.startswith(ID_BASE):
        path = iri[len(ID_BASE) :]
        if _SAFE_PATH.fullmatch(path):
            return path
    return "hash/" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:24]


def dyad_iri(a: str, b: str) -> URIRef:
    """The IRI of the unordered pair of actors ``a`` and ``b``: the same whatever their order.

    >>> from diplograph.graph.namespace import state_iri
    >>> str(dyad_iri(state_iri("RUS"), state_iri("CHN")))
    'https://w3id.org/diplograph/id/dyad/state/CHN~state/RUS'
    >>> dyad_iri(state_iri("RUS"), state_iri("CHN")) == dyad_iri(state_iri("CHN"), state_iri("RUS"))
    True
    """
    first, second = sorted((_path(str(a)), _path(str(b))))
    return URIRef(f"{ID_BASE}dyad/{first}~{second}")


#: A literal's text and language ("" for none), or an IRI's text and None.
_Value = tuple[str, str | None]


def _packed(values: list[_Value]) -> str:
    """Literals written ``"<length> <language> <text>"`` one after another (never split on text)."""
    return "".join(f"{len(text)} {lang} {text}" for text, lang in sorted(values) if lang is not None)


class _Triples:
    """A graph's triples as plain strings, by subject and predicate, and mentions by what they
    are about."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.by_subject: dict[str, dict[str, list[_Value]]] = {}
        self.about: dict[str, list[str]] = {}
        self.events: set[str] = set()
        for s, p, o in triples:
            subject, predicate, text = str(s), str(p), str(o)
            if predicate in _INDEX:
                continue
            value: _Value = (text, (o.language or "") if isinstance(o, Literal) else None)
            self.by_subject.setdefault(subject, {}).setdefault(predicate, []).append(value)
            if predicate == _ABOUT:
                self.about.setdefault(text, []).append(subject)
            elif predicate == _RDF_TYPE and text in _EVENT_CLASSES:
                self.events.add(subject)

    def values(self, subject: str, predicate: str) -> list[_Value]:
        found = self.by_subject.get(subject, {}).get(predicate, [])
        return sorted(found) if len(found) > 1 else found

    def objects(self, subject: str, predicate: str) -> list[str]:
        return [text for text, _ in self.values(subject, predicate)]


def _source_rows(graph: _Triples, event: str) -> list[dict[str, str]]:
    """One row per mention of ``event`` (or of the anniversary it is derived from) and origin."""
    about: list[tuple[str, str | None]] = [(event, None)]
    about += [(via, via) for via in graph.objects(event, _DERIVED_FROM)]
    rows: list[dict[str, str]] = []
    for node, via in about:
        for mention in sorted(graph.about.get(node, ())):
            for origin in graph.objects(mention, _PROV_FROM):
                row = {"mention": mention, "from": origin}
                if via is not None:
                    row["via"] = via
                for column, predicate in MENTION_COLUMNS.items():
                    found = graph.objects(mention, predicate)
                    if found and found[0]:
                        row[column] = found[0]
                if _ARTICLE in graph.objects(origin, _RDF_TYPE):
                    row["otype"] = _ARTICLE
                for column, predicate in ORIGIN_COLUMNS.items():
                    found = graph.objects(origin, predicate)
                    if found and found[0]:
                        row[column] = found[0]
                rows.append(row)
    for target in graph.objects(event, _COMMEMORATES):
        for predicate in _TARGET_PREDICATES:
            for text, lang in graph.values(target, predicate):
                row = {"tp": predicate, "tv": text}
                if lang:
                    row["tl"] = lang
                rows.append(row)
    return rows


def _digest(graph: _Triples, event: str) -> str:
    facts: set[str] = set()
    labels: list[_Value] = []
    places: list[_Value] = []
    for predicate, values in graph.by_subject.get(event, {}).items():
        name = _FACTS.get(predicate)
        if name is not None:
            for text, _ in values:
                if (predicate == _RDF_TYPE and text == _EVENT) or (
                    predicate == _STATUS and text not in _STATUSES
                ):
                    continue
                facts.add(f"{name}={text}")
        elif predicate == _RDFS_LABEL:
            labels += values
        elif predicate == _PLACE:
            places += values
    packed: dict[str, object] = {
        "facts": " ".join(sorted(facts)),
        "labels": _packed(labels),
        "places": _packed(places),
        "sources": _source_rows(graph, event),
    }
    return json.dumps({k: v for k, v in packed.items() if v}, ensure_ascii=False, separators=(",", ":"))


def digest(graph: Iterable[Triple], event: Node) -> str:
    """What ``graph`` (a named graph's triples) states about ``event``, packed as JSON: the value
    of its ``dip:digest``.

    Keys (empty ones left out): ``facts`` (``name=value`` tokens for type, date, status,
    derived, ordinal, forum, participant, commemorates), ``labels`` and ``places`` (packed
    literals), ``sources`` (one object per mention and origin, and per property of a
    commemorated milestone).

    >>> from rdflib import Graph, Literal, RDF
    >>> g = Graph(); e = URIRef("urn:x:e")
    >>> _ = g.add((e, RDF.type, DIP.PhoneCall)); _ = g.add((e, RDFS.label, Literal("Call", lang="en")))
    >>> digest(g, e)
    '{"facts":"type=https://w3id.org/diplograph/ontology#PhoneCall","labels":"4 en Call"}'
    """
    return _digest(_Triples(graph), str(event))


#: Given the IRIs of a graph's events, the participants other named graphs state for each (by
#: event IRI), for :func:`index_triples`.
Elsewhere = Callable[[list[str]], Mapping[str, Iterable[str]]]


def index_triples(graph: Iterable[Triple], elsewhere: Elsewhere | None = None) -> list[Triple]:
    """The index triples of a named graph's content: dyads and a digest for each event in it.

    Events are the subjects typed ``dip:Event`` or one of its classes; index triples already in
    ``graph`` are ignored. ``elsewhere`` gives the participants other graphs state for an event:
    the dyads then also pair this graph's participants with those (an event whose participants
    are reported by different articles is found under every pair). Dyads left by a graph that is
    later removed may over-state a pair; lookups check the pair against the digests.
    """
    triples = _Triples(graph)
    events = sorted(triples.events)
    known = elsewhere(events) if elsewhere is not None and events else {}
    out: list[Triple] = []
    for event in events:
        node = URIRef(event)
        own = set(triples.objects(event, _PARTICIPANT))
        others = set(known.get(event, ())) - own if own else set()
        actors = sorted(own | others)
        dyads = {dyad_iri(a, b) for a, b in combinations(actors, 2) if a in own or b in own}
        out.extend((node, DIP.dyad, dyad) for dyad in sorted(dyads))
        out.append((node, DIP.digest, Literal(_digest(triples, event))))
    return out


def needs_index(graph: Graph) -> bool:
    """Whether ``graph`` states events or holds index triples (what :meth:`KnowledgeGraph.reindex`
    rewrites).

    >>> from rdflib import RDF
    >>> needs_index(Graph()), needs_index(Graph().add((URIRef("urn:x:e"), RDF.type, DIP.Meeting)))
    (False, True)
    """
    classes = (URIRef(c) for c in _EVENT_CLASSES)
    if any(True for c in classes for _ in graph.triples((None, RDF.type, c))):
        return True
    return any(True for p in INDEX_PREDICATES for _ in graph.triples((None, p, None)))


def without_index(graph: Graph) -> Graph:
    """``graph`` without index triples (itself when it holds none).

    >>> g = Graph(); _ = g.add((URIRef("urn:x:e"), DIP.dyad, URIRef("urn:x:d")))
    >>> len(without_index(g))
    0
    """
    if not any(True for p in INDEX_PREDICATES for _ in graph.triples((None, p, None))):
        return graph
    kept = Graph()
    for triple in graph:
        if triple[1] not in INDEX_PREDICATES:
            kept.add(triple)
    return kept


def with_index(graph: Graph, elsewhere: Elsewhere | None = None, *, in_place: bool = False) -> Graph:
    """``graph``'s own triples with fresh index triples (``graph`` itself when it has no events).

    A copy, unless ``in_place`` (for a graph the caller built and will not use again).

    >>> from rdflib import Literal, RDF
    >>> g = Graph(); e = URIRef("urn:x:e"); _ = g.add((e, RDF.type, DIP.Meeting))
    >>> len(with_index(g)) - len(g)
    1
    """
    content = without_index(graph)
    extra = index_triples(content, elsewhere)
    if not extra:
        return content
    indexed = content if in_place else Graph()
    if not in_place:
        indexed += content
    for triple in extra:
        indexed.add(triple)
    return indexed
