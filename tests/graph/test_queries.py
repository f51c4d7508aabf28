"""Every bundled example query runs on the demo store and answers what it promises."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from diplograph.graph.error import QueryError
from diplograph.graph.index import dyad_iri
from diplograph.graph.namespace import DIP, person_iri, state_iri
from diplograph.graph.query import describe_query, example_queries, run_query
from diplograph.graph.store import KnowledgeGraph

ALL = example_queries()


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_example_runs_and_is_documented(demo_kg: KnowledgeGraph, name: str) -> None:
    assert describe_query(ALL[name]), f"{name}.rq needs a first comment line saying what it answers"
    result = run_query(demo_kg, ALL[name])
    assert result.kind == "select"


def test_meetings_between_leaders(demo_kg: KnowledgeGraph) -> None:
    rows = run_query(
        demo_kg,
        ALL["meetings_between_leaders"],
        {"a": person_iri("vladimir-putin"), "b": person_iri("xi-jinping")},
    ).dicts()
    assert len(rows) >= 3
    months = [str(r["date"])[:7] for r in rows]
    assert months == sorted(months)


def test_pair_events_with_range(demo_kg: KnowledgeGraph) -> None:
    bindings = {
        "a": state_iri("CHN"),
        "b": state_iri("RUS"),
        "from": Literal("2000-01-01", datatype=XSD.date),
        "to": Literal("2002-12-31", datatype=XSD.date),
    }
    rows = run_query(demo_kg, ALL["pair_events"], bindings).dicts()
    assert rows
    assert all("2000" <= str(r["date"])[:4] <= "2002" for r in rows)
    assert any(str(r["date"]) == "2001-07-16" and r["type"] == Literal("TreatySigning") for r in rows)


def test_dyad_events_are_the_pair_events(demo_kg: KnowledgeGraph) -> None:
    period = {
        "from": Literal("1990-01-01", datatype=XSD.date),
        "to": Literal("2026-12-31", datatype=XSD.date),
    }
    pair = run_query(demo_kg, ALL["pair_events"], {"a": state_iri("RUS"), "b": state_iri("CHN"), **period})
    dyad = run_query(
        demo_kg, ALL["dyad_events"], {"dyad": dyad_iri(state_iri("CHN"), state_iri("RUS")), **period}
    )
    keys = ("event", "date", "type", "sources")
    assert len(dyad.dicts()) >= 10
    assert sorted(tuple(str(r[k]) for k in keys) for r in dyad.dicts()) == sorted(
        tuple(str(r[k]) for k in keys) for r in pair.dicts()
    )


def test_head_of_state_on_date(demo_kg: KnowledgeGraph) -> None:
    rows = run_query(
        demo_kg,
        ALL["head_of_state_on_date"],
        {"state": state_iri("IDN"), "day": Literal("2019-05-01", datatype=XSD.date), "post": DIP.HeadOfState},
    ).dicts()
    assert [str(r["name"]) for r in rows] == ["Joko Widodo"]


def test_forums_of_state_in_year(demo_kg: KnowledgeGraph) -> None:
    rows = run_query(
        demo_kg,
        ALL["forums_of_state_in_year"],
        {"state": state_iri("IDN"), "year": Literal(2022, datatype=XSD.integer)},
    ).dicts()
    assert any(str(r["forum"]).endswith("/org/G20") for r in rows)


def test_shared_memberships(demo_kg: KnowledgeGraph) -> None:
    rows = run_query(demo_kg, ALL["shared_memberships"]).dicts()
    assert len(rows) == 25
    counts = [int(r["shared"]) for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 5


def test_members_on_date(demo_kg: KnowledgeGraph) -> None:
    rows = run_query(
        demo_kg,
        ALL["organisation_members_on_date"],
        {
            "org": URIRef("https://w3id.org/diplograph/id/org/BRICS"),
            "day": Literal("2024-06-01", datatype=XSD.date),
        },
    ).dicts()
    members = {str(r["member"]).rsplit("/", 1)[1] for r in rows}
    assert {"BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "IRN"} <= members and "IDN" not in members


def test_hostile_binding_returns_nothing(demo_kg: KnowledgeGraph) -> None:
    before = len(demo_kg)
    hostile = URIRef("https://w3id.org/diplograph/id/state/CHN> } UNION { ?s ?p ?o } #")
    with pytest.raises(QueryError, match="invalid value bound"):
        run_query(demo_kg, ALL["pair_events"], {"a": hostile, "b": state_iri("RUS")})
    text = Literal('CHN" } UNION { ?s ?p ?o } #')
    rows = run_query(demo_kg, ALL["forums_of_state_in_year"], {"state": text}).rows
    assert rows == [] and len(demo_kg) == before
