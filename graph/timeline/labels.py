"""Words of the timeline in the user's language: actor names, type names, generated labels.

Templates live in ``data/timeline.yaml`` (one section per language; English is the fallback);
actor names come from the reference data (CLDR state names through babel, leaders' and
organisations' names).

>>> book = LabelBook.get("id")
>>> book.actor("https://w3id.org/diplograph/id/state/CHN").name
'Tiongkok'
>>> book.ordinal_word(25), LabelBook.get("en").ordinal_word(22)
('ke-25', '22nd')
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import yaml

from diplograph.graph.error import DataError
from diplograph.graph.namespace import ID_BASE
from diplograph.graph.reference import ReferenceData
from diplograph.graph.timeline.milestone import Participant

_STATE = ID_BASE + "state/"
_PERSON = ID_BASE + "person/"
_ORG = ID_BASE + "org/"


@functools.cache
def _words() -> dict[str, Any]:
    try:
        text = resources.files("diplograph.data").joinpath("timeline.yaml").read_text(encoding="utf-8")
        document = yaml.safe_load(text)
    except (FileNotFoundError, yaml.YAMLError) as error:
        raise DataError(f"data/timeline.yaml cannot be read: {error}") from error
    if not isinstance(document, dict) or not isinstance(document.get("en"), dict):
        raise DataError("data/timeline.yaml: expected a mapping of languages with an `en` section")
    return document


def _merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


class LabelBook:
    """Names and label templates for one language (English fills what a language lacks)."""

    def __init__(self, lang: str, ref: ReferenceData | None = None) -> None:
        words = _words()
        self.lang = lang
        self.words: dict[str, Any] = _merged(words["en"], words.get(lang) or {})
        self.ref = ref or ReferenceData.load()
        self._actors: dict[str, Participant] = {}

    @classmethod
    @functools.cache
    def get(cls, lang: str = "en") -> LabelBook:
        """The book for ``lang`` over the bundled reference data (cached)."""
        return cls(lang)

    # Names
    def actor(self, iri: str) -> Participant:
        """The participant an IRI names, with its display name in this language.

        >>> LabelBook.get("en").actor("https://w3id.org/diplograph/id/org/SCO").name
        'Shanghai Cooperation Organisation'
        """
        known = self._actors.get(iri)
        if known is not None:
            return known
        tail = iri.rsplit("/", 1)[-1]
        if iri.startswith(_STATE):
            state = self.ref.states.get(tail)
            participant = Participant("state", tail, state.name(self.lang) if state else tail, iri)
        elif iri.startswith(_PERSON):
            person = self.ref.people.get(tail)
            name = (person.names.get(self.lang) or person.name) if person else tail
            participant = Participant("person", tail, name, iri)
        elif iri.startswith(_ORG):
            org = self.ref.organisations.get(tail)
            participant = Participant("organisation", tail, org.name(self.lang) if org else tail, iri)
        else:
            participant = Participant("other", tail, tail, iri)
        self._actors[iri] = participant
        return participant

    def type_name(self, kind: str) -> str:
        """The display name of a row type.

        >>> LabelBook.get("id").type_name("treaty_signing")
        'Penandatanganan perjanjian'
        """
        return str(self.words.get("types", {}).get(kind, kind.replace("_", " ")))

    def mode_name(self, mode: str | None) -> str:
        """The display name of an attendance mode ("" for none)."""
        return "" if mode is None else str(self.words.get("modes", {}).get(mode, mode))

    def word(self, key: str) -> str:
        """A word or phrase from the ``words`` section."""
        return str(self.words.get("words", {}).get(key, key))

    def precision_note(self, precision: str) -> str:
        """How a date of this precision is shown on a calendar ("" for a day)."""
        return str(self.words.get("precision", {}).get(precision, ""))

    def ordinal_word(self, n: int) -> str:
        """25 -> ``25th`` (English) or ``ke-25`` (Indonesian)."""
        suffix = "th"
        if n % 100 not in (11, 12, 13):
            suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return str(self.words.get("ordinal_word", "{n}{suffix}")).format(n=n, suffix=suffix)

    def join(self, names: Sequence[str]) -> str:
        """``A and B``, ``A, B and C`` in this language."""
        names = [n for n in names if n]
        if len(names) <= 1:
            return "".join(names)
        return str(self.words["list"]).join(names[:-1]) + str(self.words["and"]) + names[-1]

    # Labels
    def generate(
        self,
        kind: str,
        participants: Sequence[Participant],
        *,
        forum: Participant | None = None,
        place: str | None = None,
        ordinal: int | None = None,
        target: str | None = None,
    ) -> str:
        """A label from the template of ``kind`` and the participants' names.

        >>> chn = LabelBook.get("id").actor("https://w3id.org/diplograph/id/state/CHN")
        >>> rus = LabelBook.get("id").actor("https://w3id.org/diplograph/id/state/RUS")
        >>> LabelBook.get("id").generate("phone_call", [chn, rus])
        'Percakapan telepon Tiongkok dan Rusia'
        """
        templates = self.words.get("templates", {})
        states = [p.name for p in participants if p.kind == "state"]
        people = [p.name for p in participants if p.kind == "person"]
        orgs = [p for p in participants if p.kind == "organisation"]
        forum = forum or (orgs[0] if orgs else None)
        template_key = kind
        if kind == "forum_summit" and place:
            template_key = "forum_summit_at"
        template = str(templates.get(template_key) or templates.get(kind) or "{actors}")
        fields = {
            "actors": self.join(people or states or [p.name for p in orgs]),
            "states": self.join(states or people),
            "people": self.join(people),
            "forum": forum.name if forum else "",
            "forum_short": forum.id if forum else "",
            "place": place or "",
            "ordinal": "" if ordinal is None else str(ordinal),
            "ordinal_word": "" if ordinal is None else self.ordinal_word(ordinal),
            "target": target or "",
            "member": self.join(states or people),
            "organisation": forum.name if forum else "",
            "organisation_short": forum.id if forum else "",
        }
        return template.format(**fields).strip()

    def membership(self, kind: str, member: Participant, organisation: Participant, *, founding: bool) -> str:
        """``Russia joins Shanghai Cooperation Organisation`` and the like."""
        templates = self.words.get("templates", {})
        key = "founding_member" if founding and kind == "accession" else kind
        return str(templates.get(key, "{member} {organisation}")).format(
            member=member.name, organisation=organisation.name
        )

    def planned(self, label: str) -> str:
        """A label marked as planned."""
        return str(self.words.get("planned", "{label}")).format(label=label)

    def round_anniversary(self, n: int, label: str) -> str:
        """``25 years: Treaty ...`` in this language."""
        template = str(self.words.get("templates", {}).get("round_anniversary", "{n}: {label}"))
        return template.format(n=n, label=label)
