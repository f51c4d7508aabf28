"""Event records: what the store says about one event node, folded from the query's rows.

The timeline queries return each event's digests (``graph/queries/timeline_pair.rq``: one JSON
literal per named graph stating the event, see :mod:`diplograph.graph.index`): :func:`fold_digests`
reads them, the membership rows of ``timeline_memberships.rq`` with :func:`fold_events`. Other
queries return one row per triple (``?event ?p ?o``): :func:`fold_rows` reads those. Either way the
result is one :class:`EventRecord` per event node, before merging.

>>> e, dip = "https://w3id.org/diplograph/id/event/x", "https://w3id.org/diplograph/ontology#"
>>> rows = [{"event": e, "p": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "o": dip + "PhoneCall"},
...         {"event": e, "p": dip + "date", "o": "2022-02-25"},
...         {"event": e, "p": dip + "participant", "o": "https://w3id.org/diplograph/id/state/RUS"}]
>>> [(r.type, str(r.date), r.states) for r in fold_rows(rows)]
[('phone_call', '2022-02-25', ('RUS',))]
"""

from __future__ import annotations

import contextlib
import functools
import json
from dataclasses import dataclass, field

from diplograph.graph.date import PartialDate
from diplograph.graph.index import MENTION_COLUMNS, ORIGIN_COLUMNS
from diplograph.graph.model import EVENT_CLASSES
from diplograph.graph.namespace import ID_BASE, REFERENCE_GRAPH
from diplograph.graph.timeline.milestone import Source

_TYPE_OF_LOCAL = {str(iri).rsplit("#", 1)[-1]: kind for kind, iri in EVENT_CLASSES.items()}
_STATE = ID_BASE + "state/"
_PERSON = ID_BASE + "person/"
_ORG = ID_BASE + "org/"
_CURATED = ID_BASE + "curated/"


def _date(text: str | None) -> PartialDate | None:
    return _parsed_date(text[:10]) if text else None


@functools.lru_cache(maxsize=1 << 16)
def _parsed_date(text: str) -> PartialDate | None:
    """A date read once per distinct text (timelines read the same few thousand dates often)."""
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return None


_DIP = "https://w3id.org/diplograph/ontology#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_PROV_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"


def _pick(labels: dict[str, set[str]], lang: str) -> str | None:
    for key, texts in sorted(labels.items()):
        if key == lang or key.startswith(lang + "-"):
            return min(texts)
    return None


@dataclass
class EventRecord:
    """One event node (or membership) with its attributes and sources."""

    iri: str
    type: str = ""
    date: PartialDate | None = None
    statuses: set[str] = field(default_factory=set)
    place: str | None = None
    derived: bool = False
    ordinal: int | None = None
    forum: str | None = None
    actors: tuple[str, ...] = ()
    labels: dict[str, set[str]] = field(default_factory=dict)
    target: str | None = None
    target_type: str | None = None
    target_date: PartialDate | None = None
    target_labels: dict[str, set[str]] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    member: str | None = None
    organisation: str | None = None
    end: PartialDate | None = None

    @property
    def states(self) -> tuple[str, ...]:
        """Alpha-3 codes of the participating states, sorted."""
        return tuple(sorted(a[len(_STATE) :] for a in self.actors if a.startswith(_STATE)))

    @property
    def people(self) -> tuple[str, ...]:
        """Ids of the participating persons."""
        return tuple(a[len(_PERSON) :] for a in self.actors if a.startswith(_PERSON))

    @property
    def status(self) -> str:
        """``occurred`` if any source says so, else ``planned``."""
        return "planned" if self.statuses == {"planned"} else "occurred"

    @property
    def curated(self) -> bool:
        """Whether a curated record states it."""
        return any(s.kind == "curated" for s in self.sources)

    def label_in(self, lang: str) -> str | None:
        """The event's own label in ``lang`` (English labels count for English only)."""
        return _pick(self.labels, lang)

    def target_label_in(self, lang: str) -> str | None:
        """The label of what an anniversary commemorates, in ``lang``."""
        return _pick(self.target_labels, lang)

    def all_labels(self) -> set[str]:
        """Every label text, in any language."""
        return {text for texts in self.labels.values() for text in texts}


class _Mention:
    """What the rows say about one mention, before it becomes a :class:`Source`."""

    def __init__(self, event: str, iri: str) -> None:
        self.event = event
        self.iri = iri
        self.values: dict[str, str] = {}
        self.origin: dict[str, str] = {}
        self.via: str | None = None

    def source(self, date: PartialDate | None) -> Source:
        """The source these rows describe, built from the same columns as a digest's."""
        row = {c: self.values[p] for p, c in _MENTION_COLUMN_OF.items() if p in self.values}
        row |= {c: self.origin[p] for p, c in _ORIGIN_COLUMN_OF.items() if p in self.origin}
        row["mention"] = self.iri
        if self.via:
            row["via"] = self.via
        return _source_of(row, self.event, date)


#: Digest source-row columns by the predicate they come from (see diplograph.graph.index).
_MENTION_COLUMN_OF = {_PROV_FROM: "from"} | {str(p): c for c, p in MENTION_COLUMNS.items()}
_ORIGIN_COLUMN_OF = {_RDF_TYPE: "otype"} | {str(p): c for c, p in ORIGIN_COLUMNS.items()}


def _attribute(record: EventRecord, p: str, o: str, lang: str | None) -> None:
    if p == _RDF_TYPE:
        local = o[len(_DIP) :] if o.startswith(_DIP) else ""
        if local == "Membership":
            record.type = "membership"
        elif local in _TYPE_OF_LOCAL and record.type != "membership":
            record.type = _TYPE_OF_LOCAL[local]
    elif p == _RDFS_LABEL:
        record.labels.setdefault(lang or "", set()).add(o)
    elif p.startswith(_DIP):
        name = p[len(_DIP) :]
        if name == "date":
            record.date = _date(o)
        elif name == "participant":
            record.actors = (*record.actors, o) if o not in record.actors else record.actors
        elif name == "status":
            record.statuses.add(o)
        elif name == "place":
            record.place = o if record.place is None else min(record.place, o)
        elif name == "derived":
            record.derived = o == "true"
        elif name == "ordinal":
            record.ordinal = _int(o)
        elif name == "forum":
            record.forum = o
        elif name == "commemorates":
            record.target = o
        elif name == "member":
            record.member = o
        elif name == "organisation":
            record.organisation = o
        elif name == "startDate":
            record.date = _date(o)
        elif name == "endDate":
            record.end = _date(o)


def _target_attribute(record: EventRecord, p: str, o: str, lang: str | None) -> None:
    if p == _RDF_TYPE and o.startswith(_DIP) and o[len(_DIP) :] in _TYPE_OF_LOCAL:
        record.target_type = _TYPE_OF_LOCAL[o[len(_DIP) :]]
    elif p == _DIP + "date":
        record.target_date = _date(o)
    elif p == _RDFS_LABEL:
        record.target_labels.setdefault(lang or "", set()).add(o)


def _record_of(records: dict[str, EventRecord], iri: str) -> EventRecord:
    """The record of ``iri`` in ``records``, added when first seen."""
    record = records.get(iri)
    if record is None:
        record = records[iri] = EventRecord(iri)
    return record


def fold_rows(rows: list[dict[str, str]]) -> list[EventRecord]:
    """Event records from the rows of a timeline query (one row per triple), in first-seen order.

    Membership rows become records of type ``membership`` with ``member``, ``organisation``,
    ``date`` (start) and ``end``; events without a type or date are dropped.
    """
    records: dict[str, EventRecord] = {}
    mentions: dict[tuple[str, str], _Mention] = {}
    for row in rows:
        iri = row.get("event")
        if not iri:
            continue
        record = _record_of(records, iri)
        mention = row.get("mention")
        if mention:
            found = mentions.get((iri, mention))
            if found is None:
                found = mentions[(iri, mention)] = _Mention(iri, mention)
            if "mp" in row:
                found.values[row["mp"]] = row.get("mo", "")
            if "op" in row:
                found.origin[row["op"]] = row.get("oo", "")
            if "via" in row:
                found.via = row["via"]
        elif "tp" in row:
            _target_attribute(record, row["tp"], row.get("tv", ""), row.get("tl"))
        elif "p" in row:
            _attribute(record, row["p"], row.get("o", ""), row.get("ol"))
    for (iri, _), found in mentions.items():
        records[iri].sources.append(found.source(records[iri].date))
    return [r for r in records.values() if r.type and r.date is not None]


def _texts(packed: str | None) -> list[tuple[str, str]]:
    """(language, text) items of a cell written ``"<length> <language> <text>"`` repeatedly.

    >>> _texts("5 en Hello3  a b")
    [('en', 'Hello'), ('', 'a b')]
    """
    items: list[tuple[str, str]] = []
    i, size = 0, len(packed or "")
    while packed and i < size:
        j = packed.find(" ", i)
        k = packed.find(" ", j + 1)
        if j < 0 or k < 0 or not packed[i:j].isdigit():
            break  # not what the query writes: keep what was read
        n = int(packed[i:j])
        items.append((packed[j + 1 : k], packed[k + 1 : k + 1 + n]))
        i = k + 1 + n
    return items


def fold_events(events: list[dict[str, str]], sources: list[dict[str, str]]) -> list[EventRecord]:
    """Event records from rows of cells, one or more per event (``facts``, ``labels``, ``places``:
    a digest's cells, see :mod:`diplograph.graph.index`, or ``timeline_memberships.rq``'s rows),
    and source rows (one per mention, or per triple of a commemorated milestone).

    Events without a type or date are dropped, as by :func:`fold_rows`.

    >>> e, dip = "https://w3id.org/diplograph/id/event/x", "https://w3id.org/diplograph/ontology#"
    >>> row = {"event": e, "facts": f"type={dip}PhoneCall date=2022-02-25 participant=urn:x:RUS",
    ...        "labels": "10 en Phone call"}
    >>> [(r.type, str(r.date), r.actors, r.labels) for r in fold_events([row], [])]
    [('phone_call', '2022-02-25', ('urn:x:RUS',), {'en': {'Phone call'}})]
    """
    records: dict[str, EventRecord] = {}
    for row in events:
        iri = row.get("event")
        if not iri:
            continue
        record = _record_of(records, iri)
        for token in row.get("facts", "").split():
            name, _, value = token.partition("=")
            _attribute(record, _RDF_TYPE if name == "type" else _DIP + name, value, None)
        for lang, text in _texts(row.get("labels")):
            record.labels.setdefault(lang, set()).add(text)
        for _, text in _texts(row.get("places")):
            record.place = text if record.place is None else min(record.place, text)
    seen: set[tuple[str, str]] = set()
    for row in sources:
        known = records.get(row.get("event", ""))
        if known is None:
            continue
        mention = row.get("mention")
        if mention:
            if (known.iri, mention) not in seen:  # a mention is one source, however many rows
                seen.add((known.iri, mention))
                known.sources.append(_source_of(row, known.iri, known.date))
        elif "tp" in row:
            _target_attribute(known, row["tp"], row.get("tv", ""), row.get("tl"))
    return [r for r in records.values() if r.type and r.date is not None]


def reference_source(record: EventRecord) -> Source:
    """The source of a membership row: the reference graph."""
    return Source(
        kind="reference",
        source=str(REFERENCE_GRAPH),
        citation="data/organisations.yaml",
        date=record.date,
        event=record.iri,
    )


def _strings(value: object) -> dict[str, str]:
    """The string cells of a digest's source object (anything else in it is ignored)."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if v.__class__ is str and v}  # JSON keys are strings


def _fold_facts(record: EventRecord, facts: str) -> None:
    """Apply a digest's ``name=value`` tokens (as :func:`_attribute` would, without building IRIs)."""
    for token in facts.split(" "):
        name, _, value = token.partition("=")
        if name == "participant":
            if value not in record.actors:
                record.actors = (*record.actors, value)
        elif name == "date":
            record.date = _date(value)
        elif name == "status":
            record.statuses.add(value)
        elif name == "type" or name in _DIGEST_OTHER_FACTS:
            _attribute(record, _RDF_TYPE if name == "type" else _DIP + name, value, None)


#: Digest fact names other than those :func:`_fold_facts` handles inline.
_DIGEST_OTHER_FACTS = frozenset({"derived", "ordinal", "forum", "commemorates"})


def _source_of(row: dict[str, str], event: str, date: PartialDate | None) -> Source:
    """The :class:`Source` of one source row (a digest's, see :mod:`diplograph.graph.index`)."""
    origin = row.get("from", "")
    article = row.get("otype") == _DIP + "Article"
    if article:
        where = row.get("source") or origin
    else:
        where = origin[len(ID_BASE) :] if origin.startswith(_CURATED) else origin
    confidence = None
    if "confidence" in row:
        with contextlib.suppress(ValueError):
            confidence = float(row["confidence"])
    return Source(
        kind="article" if article else "curated",
        source=where,
        published=_date(row.get("published")),
        evidence=row.get("sentence"),
        start=_int(row.get("start")),
        end=_int(row.get("end")),
        confidence=confidence,
        citation=row.get("citation"),
        title=row.get("title") or row.get("olabel"),
        language=row.get("language"),
        date=date,
        event=event,
        via=row.get("via"),
        mention=row.get("mention"),
    )


def fold_digests(
    rows: list[dict[str, str]], memberships: list[dict[str, str]] | None = None
) -> list[EventRecord]:
    """Event records from ``?event ?digest`` rows (``timeline_pair.rq``, ``timeline_actor.rq``)
    and membership rows (``timeline_memberships.rq``): see :mod:`diplograph.graph.index`.

    An event stated by several named graphs has several digests: they fold into one record, as
    the graphs' triples would (the same result as :func:`fold_events` over the digests' cells).
    A digest that is not a JSON object is skipped.

    >>> e, dip = "https://w3id.org/diplograph/id/event/x", "https://w3id.org/diplograph/ontology#"
    >>> facts = f"type={dip}PhoneCall date=2022-02-25"
    >>> digest = json.dumps({"facts": facts, "sources": [{"mention": "urn:m", "from": "urn:a"}]})
    >>> [(r.type, str(r.date), len(r.sources)) for r in fold_digests([{"event": e, "digest": digest}])]
    [('phone_call', '2022-02-25', 1)]
    """
    records: dict[str, EventRecord] = {}
    pending: list[tuple[EventRecord, list[object]]] = []
    for row in rows:
        iri, text = row.get("event"), row.get("digest")
        if not iri or not text:
            continue
        try:
            packed = json.loads(text)
        except ValueError:
            continue
        if not isinstance(packed, dict):
            continue
        record = _record_of(records, iri)
        facts, labels, places = packed.get("facts"), packed.get("labels"), packed.get("places")
        if isinstance(facts, str) and facts:
            _fold_facts(record, facts)
        if isinstance(labels, str):
            for lang, label in _texts(labels):
                record.labels.setdefault(lang, set()).add(label)
        if isinstance(places, str):
            for _, place in _texts(places):
                record.place = place if record.place is None else min(record.place, place)
        sources = packed.get("sources")
        if isinstance(sources, list) and sources:
            pending.append((record, sources))
    seen: set[tuple[str, str]] = set()
    for record, sources in pending:  # after all digests: a source carries the event's date
        for item in sources:
            row = _strings(item)
            mention = row.get("mention")
            if mention:
                if (record.iri, mention) not in seen:
                    seen.add((record.iri, mention))
                    record.sources.append(_source_of(row, record.iri, record.date))
            elif "tp" in row:
                _target_attribute(record, row["tp"], row.get("tv", ""), row.get("tl"))
    folded = [r for r in records.values() if r.type and r.date is not None]
    return folded + (fold_events(memberships, []) if memberships else [])
