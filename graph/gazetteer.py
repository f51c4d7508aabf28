"""Names to actors: every way a state, leader or organisation is named, in several languages.

Built from the reference data (CLDR names through babel, aliases, capitals, demonyms,
acronyms, leaders' names and surnames). Extraction scans text for its surface forms;
lookups resolve what a user typed ("Tiongkok", "RUS", "Xi Jinping", "PBB").

>>> gaz = Gazetteer.default()
>>> [e.id for e in gaz.lookup("Tiongkok")]
['CHN']
>>> gaz.resolve("Organisasi Kerja Sama Shanghai").id
'SCO'
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from diplograph.graph.reference import ReferenceData, cldr_territory_name

EntityKind = Literal["state", "person", "organisation"]
Via = Literal["code", "name", "alias", "capital", "city", "demonym", "acronym", "surname", "id"]

#: Priority of a kind of name when one surface form names several things.
_VIA_RANK: dict[str, int] = {
    "code": 0,
    "id": 0,
    "name": 1,
    "acronym": 2,
    "alias": 3,
    "surname": 4,
    "demonym": 5,
    "capital": 6,
    "city": 7,
}


def normalise(text: str) -> str:
    """Case- and accent-insensitive key of a name; dashes and dots unified.

    >>> normalise("Türkiye") == normalise("turkiye")
    True
    >>> normalise("U.S.") == normalise("US")
    True
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace(".", "")
    for dash in "‐‑‒–—―":
        text = text.replace(dash, "-")
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Entity:
    """An actor a name resolves to, and how it was named."""

    kind: EntityKind
    id: str
    via: Via = "name"
    lang: str | None = None


@dataclass(frozen=True)
class SurfaceForm:
    """One way of writing an actor's name, for text matching."""

    text: str
    entity: Entity
    case_sensitive: bool


def _is_acronym_like(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(c.isupper() for c in letters)


class Gazetteer:
    """An index from names to actors.

    Args:
        ref: reference records.
        langs: languages whose CLDR state names are indexed (aliases of every language are).
    """

    def __init__(self, ref: ReferenceData, langs: Iterable[str] = ("en", "id")) -> None:
        self.ref = ref
        self.langs = tuple(dict.fromkeys(langs))
        self._forms: list[SurfaceForm] = []
        self._index: dict[str, list[Entity]] = {}
        self._build()

    @classmethod
    @functools.cache
    def default(cls, langs: tuple[str, ...] = ("en", "id")) -> Gazetteer:
        """The gazetteer over the bundled reference data (cached per language set)."""
        return cls(ReferenceData.load(), langs)

    def _add(self, text: str | None, entity: Entity, *, lookup: bool = True) -> None:
        if not text or not text.strip():
            return
        text = text.strip()
        self._forms.append(SurfaceForm(text, entity, _is_acronym_like(text)))
        if not lookup:
            return  # matched in text, never the answer to a name a user typed
        bucket = self._index.setdefault(normalise(text), [])
        if all((e.kind, e.id) != (entity.kind, entity.id) for e in bucket):
            bucket.append(entity)

    def _build(self) -> None:
        for state in self.ref.states.values():
            self._add(state.alpha3, Entity("state", state.alpha3, "code"))
            for lang in self.langs:
                self._add(
                    cldr_territory_name(state.alpha2, lang), Entity("state", state.alpha3, "name", lang)
                )
            for lang, names in state.aliases.items():
                for name in names:
                    self._add(name, Entity("state", state.alpha3, "alias", lang))
            for lang, names in state.demonyms.items():
                for name in names:
                    self._add(name, Entity("state", state.alpha3, "demonym", lang))
            self._add(state.capital, Entity("state", state.alpha3, "capital", "en"))
            for lang, names in state.capital_aliases.items():
                for name in names:
                    self._add(name, Entity("state", state.alpha3, "capital", lang))
            for name in state.cities:  # places only ("in Tianjin"): see mention.find_mentions
                self._add(name, Entity("state", state.alpha3, "city"), lookup=False)
        for org in self.ref.organisations.values():
            self._add(org.id, Entity("organisation", org.id, "code"))
            for lang, names in org.names.items():
                for name in names:
                    self._add(name, Entity("organisation", org.id, "name", lang))
            for lang, names in org.acronyms.items():
                for name in names:
                    self._add(name, Entity("organisation", org.id, "acronym", lang))
        for person in self.ref.people.values():
            self._add(person.id, Entity("person", person.id, "id"))
            self._add(person.name, Entity("person", person.id, "name"))
            for lang, name in person.names.items():
                self._add(name, Entity("person", person.id, "name", lang))
            for alias in person.aliases:
                self._add(alias, Entity("person", person.id, "alias"))
            if person.surname:
                self._add(person.surname, Entity("person", person.id, "surname"))
        for bucket in self._index.values():
            bucket.sort(key=lambda e: _VIA_RANK[e.via])

    def surface_forms(self) -> Iterator[SurfaceForm]:
        """Every indexed surface form (for building a text matcher)."""
        return iter(self._forms)

    def lookup(self, name: str) -> list[Entity]:
        """Every actor ``name`` can denote, best reading first (exact codes, then names...).

        >>> [e.id for e in Gazetteer.default().lookup("Moskow")]
        ['RUS']
        """
        return list(self._index.get(normalise(name), ()))

    def resolve(self, name: str, kind: EntityKind | None = None) -> Entity | None:
        """The best reading of ``name`` (optionally of one kind), or None.

        >>> Gazetteer.default().resolve("PBB").id
        'UN'
        """
        for entity in self.lookup(name):
            if kind is None or entity.kind == kind:
                return entity
        return None
