"""Curated facts: hand-entered events and milestones from YAML, each with a citation.

The format is in ``data/README.md``. Errors name the file, the entry and the field.

>>> facts = load_curated_text('''
... title: Example
... facts:
...   - type: relations_established
...     date: "1950-04-13"
...     states: [CHN, IDN]
...     label: {en: Diplomatic relations established}
...     citation: "https://en.wikipedia.org/wiki/China%E2%80%93Indonesia_relations"
... ''', "example.yaml")
>>> facts.events[0].key
'relations_established/1950-04-13/CHN-IDN'
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, cast

import yaml

from diplograph.graph.date import PartialDate
from diplograph.graph.error import DataError
from diplograph.graph.model import EVENT_TYPES, Event, EventType, FactSet, Mention
from diplograph.graph.namespace import slugify
from diplograph.graph.reference import ReferenceData

_FIELDS = {
    "type",
    "date",
    "states",
    "people",
    "organisations",
    "place",
    "status",
    "label",
    "citation",
    "hosts",
    "guests",
    "ordinal",
    "commemorates",
    "note",
}


def _strings(value: Any, where: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{where}: field {field} must be a list of strings")
    return tuple(value)


def _event(entry: Any, where: str, ref: ReferenceData) -> Event:
    if not isinstance(entry, dict):
        raise DataError(f"{where}: expected a mapping with type, date, states, label, citation")
    unknown = set(entry) - _FIELDS
    if unknown:
        raise DataError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    kind = entry.get("type")
    if kind not in EVENT_TYPES:
        raise DataError(f"{where}: field type must be one of {', '.join(EVENT_TYPES)} (got {kind!r})")
    if entry.get("date") is None:
        raise DataError(f"{where}: field date is missing")
    try:
        date = PartialDate.parse(str(entry["date"]))
    except ValueError as error:
        raise DataError(f"{where}: field date: {error}") from error
    states = tuple(s.upper() for s in _strings(entry.get("states"), where, "states"))
    for code in states:
        if code not in ref.states:
            raise DataError(f"{where}: field states: {code!r} is not an ISO alpha-3 code of a known state")
    people = _strings(entry.get("people"), where, "people")
    for person in people:
        if person not in ref.people:
            raise DataError(f"{where}: field people: {person!r} is not a person id in data/leaders.yaml")
    orgs = _strings(entry.get("organisations"), where, "organisations")
    for org in orgs:
        if org not in ref.organisations:
            raise DataError(f"{where}: field organisations: {org!r} is not an organisation id")
    if not states and not orgs and not people:
        raise DataError(f"{where}: a fact needs at least one of states, people, organisations")
    if kind == "forum_summit" and not orgs:
        raise DataError(f"{where}: field organisations must name the forum of a forum_summit")
    status = entry.get("status", "occurred")
    if status not in ("occurred", "planned"):
        raise DataError(f"{where}: field status must be occurred or planned")
    label = entry.get("label")
    if not isinstance(label, dict) or not isinstance(label.get("en"), str) or not label["en"].strip():
        raise DataError(f"{where}: field label must be a mapping with at least an English (en) text")
    citation = entry.get("citation")
    if not isinstance(citation, str) or not citation.strip():
        raise DataError(f"{where}: field citation is missing: every curated fact cites its source")
    ordinal = entry.get("ordinal")
    if ordinal is not None and (not isinstance(ordinal, int) or ordinal < 1):
        raise DataError(f"{where}: field ordinal must be a positive integer")
    return Event(
        type=cast(EventType, kind),
        date=date,
        states=states,
        people=people,
        organisations=orgs,
        place=entry.get("place"),
        status=status,
        label=tuple(sorted((str(k), str(v)) for k, v in label.items())),
        hosts=_strings(entry.get("hosts"), where, "hosts"),
        guests=_strings(entry.get("guests"), where, "guests"),
        ordinal=ordinal,
    )


def load_curated_text(text: str, name: str, ref: ReferenceData | None = None) -> FactSet:
    """Parse and check curated YAML text; ``name`` is the file name used in errors and IRIs."""
    ref = ref or ReferenceData.load()
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DataError(f"{name}: not valid YAML: {error}") from error
    if not isinstance(document, dict) or not isinstance(document.get("facts"), list):
        raise DataError(f"{name}: expected a mapping with a `facts:` list")
    mentions = []
    for index, entry in enumerate(document["facts"]):
        event = _event(entry, f"{name}: fact {index + 1}", ref)
        citation = str(entry["citation"])
        mentions.append(Mention(event, event.label_in("en") or "", citation=citation))
    stem = slugify(Path(name).stem)
    return FactSet(mentions, curated_name=stem, curated_title=document.get("title"))


def load_curated(path: str | Path, ref: ReferenceData | None = None) -> FactSet:
    """Read and check one curated YAML file.

    Raises:
        DataError: naming the file, the fact (1-based) and the field at fault.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"{path}: cannot read: {error}") from error
    return load_curated_text(text, str(path), ref)


def bundled_curated() -> Iterator[tuple[str, str]]:
    """The curated files shipped in ``data/curated/``: (file name, text)."""
    folder = resources.files("diplograph.data").joinpath("curated")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".yaml", ".yml")):
            yield item.name, item.read_text(encoding="utf-8")
