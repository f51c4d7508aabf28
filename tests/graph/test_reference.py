from __future__ import annotations

import datetime as dt

import pytest

from diplograph.graph.error import DataError
from diplograph.graph.namespace import DIP, person_iri, state_iri
from diplograph.graph.reference import ReferenceData, reference_graph


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return ReferenceData.load()


def test_every_un_member_and_observer(ref: ReferenceData) -> None:
    members = [s for s in ref.states.values() if s.status == "member"]
    observers = {s.alpha3 for s in ref.states.values() if s.status == "observer"}
    assert len(members) == 193
    assert observers == {"VAT", "PSE"}


def test_names_in_english_indonesian_and_any_cldr_locale(ref: ReferenceData) -> None:
    assert ref.states["CHN"].name("en") == "China"
    assert ref.states["CHN"].name("id") == "Tiongkok"
    assert ref.states["DEU"].name("fr") == "Allemagne"
    assert ref.states["CHN"].capital == "Beijing"


@pytest.mark.parametrize(
    ("state", "post", "day", "name"),
    [
        ("IDN", "head_of_state", dt.date(2019, 5, 1), "Joko Widodo"),
        ("IDN", "head_of_state", dt.date(2025, 1, 1), "Prabowo Subianto"),
        ("RUS", "head_of_state", dt.date(2010, 1, 1), "Dmitry Medvedev"),
        ("RUS", "head_of_government", dt.date(2010, 1, 1), "Vladimir Putin"),
        ("CHN", "head_of_state", dt.date(2026, 2, 4), "Xi Jinping"),
        ("USA", "head_of_state", dt.date(2022, 6, 1), "Joe Biden"),
        ("AUS", "head_of_government", dt.date(2024, 1, 1), "Anthony Albanese"),
        ("RUS", "foreign_minister", dt.date(2020, 1, 1), "Sergey Lavrov"),
    ],
)
def test_dated_posts(ref: ReferenceData, state: str, post: str, day: dt.date, name: str) -> None:
    assert [p.name for p in ref.holders(state, post, day)] == [name]


def test_leaders_cover_g20_asean_brics_p5(ref: ReferenceData) -> None:
    groups = {
        "G20": "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA",
        "ASEAN": "BRN KHM IDN LAO MYS MMR PHL SGP THA VNM TLS",
        "BRICS": "BRA RUS IND CHN ZAF EGY ETH IRN ARE IDN",
    }
    covered = {t.state for t in ref.tenures() if t.post == "head_of_state"}
    for group, codes in groups.items():
        missing = set(codes.split()) - covered
        assert not missing, f"{group} states without a head of state: {missing}"
    foreign = {t.state for t in ref.tenures() if t.post == "foreign_minister"}
    assert {"CHN", "RUS", "USA", "IDN", "AUS", "GBR", "FRA"} <= foreign


def test_memberships_are_dated(ref: ReferenceData) -> None:
    brics_2023 = ref.members_on("BRICS", dt.date(2023, 6, 1))
    brics_2025 = ref.members_on("BRICS", dt.date(2025, 6, 1))
    assert {"BRA", "RUS", "IND", "CHN", "ZAF"} <= brics_2023
    assert "IDN" not in brics_2023 and "IDN" in brics_2025
    assert "GBR" in ref.members_on("EU", dt.date(2010, 1, 1))
    assert "GBR" not in ref.members_on("EU", dt.date(2021, 1, 1))
    assert {"CHN", "RUS"} <= ref.members_on("SCO", dt.date(2026, 2, 4))


def test_reference_graph_shape(ref: ReferenceData) -> None:
    graph = reference_graph(ref, ["en", "id"])
    assert (state_iri("IDN"), DIP.alpha3, None) in graph
    assert (person_iri("xi-jinping"), None, None) in graph
    tenures = set(graph.subjects(predicate=DIP.holder))
    assert len(tenures) == sum(len(p.posts) for p in ref.people.values())


def test_bad_reference_entries_name_file_entry_and_field() -> None:
    with pytest.raises(DataError, match=r"states.yaml entry 1 .*alpha2"):
        ReferenceData.from_documents([{"alpha3": "XXX", "alpha2": "X1X"}], [], [])
    with pytest.raises(DataError, match=r"leaders.yaml entry 1 \(a-b\): posts\[0\]: field state"):
        ReferenceData.from_documents(
            [{"alpha3": "IDN", "alpha2": "ID"}],
            [{"id": "a-b", "name": "A B", "posts": [{"post": "head_of_state", "state": "ZZZ"}]}],
            [],
        )
    with pytest.raises(DataError, match=r"organisations.yaml entry 1 \(X\): members\[0\]: field member"):
        ReferenceData.from_documents([], [], [{"id": "X", "members": [{"member": "NOPE"}]}])
