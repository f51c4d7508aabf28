from __future__ import annotations

import pytest

from diplograph.graph.gazetteer import Gazetteer


@pytest.mark.parametrize(
    ("name", "kind", "ident"),
    [
        ("Tiongkok", "state", "CHN"),
        ("RRT", "state", "CHN"),
        ("Moskow", "state", "RUS"),
        ("Amerika Serikat", "state", "USA"),
        ("U.S.", "state", "USA"),
        ("Russie", None, None),
        ("PBB", "organisation", "UN"),
        ("Organisasi Kerja Sama Shanghai", "organisation", "SCO"),
        ("Shanghai Cooperation Organization", "organisation", "SCO"),
        ("Xi Jinping", "person", "xi-jinping"),
        ("Jokowi", "person", "joko-widodo"),
        ("IDN", "state", "IDN"),
    ],
)
def test_resolve(name: str, kind: str | None, ident: str | None) -> None:
    entity = Gazetteer.default().resolve(name)
    if ident is None:
        assert entity is None
    else:
        assert entity is not None and (entity.kind, entity.id) == (kind, ident)


def test_other_cldr_language_on_request() -> None:
    gazetteer = Gazetteer(Gazetteer.default().ref, ("fr",))
    entity = gazetteer.resolve("Russie")
    assert entity is not None and entity.id == "RUS"


def test_acronyms_are_case_sensitive_forms() -> None:
    forms = {f.text: f.case_sensitive for f in Gazetteer.default().surface_forms()}
    assert forms["AS"] is True
    assert forms["Tiongkok"] is False
