"""Materialized pair timelines: a two-state lookup's rows, kept on disk beside the store.

A pair's timeline does not change until the store does, and a researcher asks for the same
pairs again and again ("every China-Russia milestone"). So the first lookup of a pair of states
(with no period: types and derived rows are filtered afterwards) writes its finished rows, in
the lookup's language, to ``<store>/views/<generation>/<A>~<B>.<lang>.json``; later lookups
read that one file instead of querying and merging hundreds of events. The file is filed under
the store's generation (:mod:`diplograph.graph.generation`): any write through diplograph
starts a new generation, so a view is never older than the store it describes. Views are a
cache, never a source: removing the directory loses nothing. Only on-disk embedded stores
have them; a view that cannot be written (a read-only file system) is simply not kept.

The file is JSON (never pickle: a store directory may come from elsewhere), written in a
compact form: every participant and source once, rows pointing to them.

>>> from diplograph.graph.date import PartialDate
>>> from diplograph.graph.timeline.milestone import Milestone, Participant, Source
>>> china = Participant("state", "CHN", "China", "https://w3id.org/diplograph/id/state/CHN")
>>> row = Milestone(PartialDate(2001, 7, 16), "treaty_signing", "Treaty", (china,),
...                 sources=(Source("curated", "china-russia"),), events=("urn:e",))
>>> decode(encode([row])) == [row]
True
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import uuid
from pathlib import Path
from typing import Any

from diplograph.graph import generation
from diplograph.graph._version import __version__
from diplograph.graph.backends.embedded import EmbeddedBackend
from diplograph.graph.date import PartialDate
from diplograph.graph.store import KnowledgeGraph
from diplograph.graph.timeline.milestone import Commemorated, Milestone, Participant, Source

#: Bumped when the file layout changes (files of another layout are ignored).
LAYOUT = 1
_SAFE = re.compile(r"[A-Za-z0-9_-]+")
_SOURCE_FIELDS = (
    "kind",
    "source",
    "published",
    "evidence",
    "start",
    "end",
    "confidence",
    "citation",
    "title",
    "language",
    "date",
    "event",
    "via",
    "mention",
)
_DATED = frozenset({"published", "date"})


def _directory(kg: KnowledgeGraph) -> Path | None:
    backend = kg.backend
    if not isinstance(backend, EmbeddedBackend) or backend.location == ":memory:":
        return None
    return Path(backend.location)


def _file(directory: Path, token: str, a: str, b: str, lang: str) -> Path | None:
    first, second = sorted((a, b))
    if not all(_SAFE.fullmatch(x) for x in (first, second, lang)):
        return None  # codes and language tags only: nothing else names a file
    return directory / generation.VIEWS_DIR / token / f"{first}~{second}.{lang}.json"


def load(kg: KnowledgeGraph, a: str, b: str, lang: str) -> list[Milestone] | None:
    """The kept rows of the pair ``a``, ``b`` (alpha-3 codes) in ``lang``, or None."""
    directory = _directory(kg)
    token = generation.current(directory) if directory is not None else None
    if directory is None or token is None:
        return None
    path = _file(directory, token, a, b, lang)
    if path is None:
        return None
    try:
        return decode(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None  # absent, or not a view of this layout: compute the rows again


def save(kg: KnowledgeGraph, a: str, b: str, lang: str, rows: list[Milestone], token: str | None) -> None:
    """Keep ``rows`` as the view of the pair in ``lang``, computed in generation ``token``.

    ``token`` is the generation read *before* the rows were computed: when a write happened
    meanwhile, the rows land in a generation nobody reads any more (and are removed with it).
    """
    directory = _directory(kg)
    if directory is None or token is None:
        return
    path = _file(directory, token, a, b, lang)
    if path is None:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        staged.write_text(encode(rows), encoding="utf-8")
        staged.replace(path)  # readers see the whole file or none


def token_of(kg: KnowledgeGraph) -> str | None:
    """The store's current generation (None: no views for this store)."""
    directory = _directory(kg)
    return generation.current(directory) if directory is not None else None


def encode(rows: list[Milestone]) -> str:
    """Rows as compact JSON: each distinct participant and source once, rows pointing to them."""
    people: dict[Participant, int] = {}
    sources: dict[Source, int] = {}

    def person(p: Participant) -> int:
        return people.setdefault(p, len(people))

    def source(s: Source) -> int:
        return sources.setdefault(s, len(sources))

    out_rows = [
        [
            str(m.date),
            m.type,
            m.label,
            [person(p) for p in m.participants],
            m.place,
            None if m.forum is None else person(m.forum),
            m.derived,
            m.status,
            [source(s) for s in m.sources],
            [str(d) for d in m.conflicts],
            m.ordinal,
            None
            if m.commemorates is None
            else [
                m.commemorates.type,
                None if m.commemorates.date is None else str(m.commemorates.date),
                m.commemorates.label,
                m.commemorates.event,
            ],
            list(m.events),
            m.lang,
        ]
        for m in rows
    ]
    document = {
        "layout": LAYOUT,
        "version": __version__,
        "participants": [[p.kind, p.id, p.name, p.iri] for p in people],
        "sources": [
            [
                str(v) if k in _DATED and v is not None else v
                for k, v in ((k, getattr(s, k)) for k in _SOURCE_FIELDS)
            ]
            for s in sources
        ],
        "rows": out_rows,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> list[Milestone]:
    """The rows :func:`encode` wrote (ValueError for another layout or version)."""
    document: dict[str, Any] = json.loads(text)
    if document.get("layout") != LAYOUT or document.get("version") != __version__:
        raise ValueError("a view of another layout or diplograph version")
    date = _parse_date
    people = [Participant(*p) for p in document["participants"]]
    sources = [_source(s) for s in document["sources"]]
    rows = []
    for r in document["rows"]:
        c = r[11]
        commemorated = (
            None if c is None else Commemorated(c[0], None if c[1] is None else date(c[1]), c[2], c[3])
        )
        rows.append(
            Milestone(
                date=date(r[0]),
                type=r[1],
                label=r[2],
                participants=tuple(people[i] for i in r[3]),
                place=r[4],
                forum=None if r[5] is None else people[r[5]],
                derived=r[6],
                status=r[7],
                sources=tuple(sources[i] for i in r[8]),
                conflicts=tuple(date(d) for d in r[9]),
                ordinal=r[10],
                commemorates=commemorated,
                events=tuple(r[12]),
                lang=r[13],
            )
        )
    return rows


def _source(cells: list[Any]) -> Source:
    fields: dict[str, Any] = dict(zip(_SOURCE_FIELDS, cells, strict=True))
    for name in _DATED:
        if fields[name] is not None:
            fields[name] = _parse_date(fields[name])
    return Source(**fields)


@functools.lru_cache(maxsize=1 << 16)
def _parse_date(text: str) -> PartialDate:
    return PartialDate.parse(text)  # ValueError for anything else


__all__ = ["LAYOUT", "decode", "encode", "load", "save", "token_of"]
