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


#: The plain formulations of the whole-store summaries, whose .rq texts are written for speed
#: (subqueries joined by hash, states compared by code): each must give the same answers.
PLAIN = {
    "shared_memberships": """
        SELECT ?a ?b ?day (COUNT(DISTINCT ?org) AS ?shared) WHERE {
          ?m1 a dip:Membership ; dip:member ?a ; dip:organisation ?org .
          ?m2 a dip:Membership ; dip:member ?b ; dip:organisation ?org .
          ?a a dip:State . ?b a dip:State . FILTER(STR(?a) < STR(?b))
          BIND(COALESCE(?day, xsd:date(NOW())) AS ?on)
          FILTER NOT EXISTS { ?m1 dip:endDay ?end1 . FILTER(?end1 < ?on) }
          FILTER NOT EXISTS { ?m2 dip:endDay ?end2 . FILTER(?end2 < ?on) }
          FILTER NOT EXISTS { ?m1 dip:startDay ?s1 . FILTER(?s1 > ?on) }
          FILTER NOT EXISTS { ?m2 dip:startDay ?s2 . FILTER(?s2 > ?on) }
          ?org dip:acronym ?acronym . FILTER(LANG(?acronym) = "")
        } GROUP BY ?a ?b ?day ORDER BY DESC(?shared) ?a ?b LIMIT 25""",
    "most_active_pairs": """
        SELECT ?a ?b ?from ?to (COUNT(DISTINCT ?event) AS ?events) WHERE {
          ?event a dip:Event ; dip:participant ?a, ?b ; dip:earliestDay ?day .
          ?a a dip:State . ?b a dip:State . FILTER(STR(?a) < STR(?b))
          FILTER(?day >= COALESCE(?from, "0001-01-01"^^xsd:date)
                 && ?day <= COALESCE(?to, "9999-12-31"^^xsd:date))
          FILTER NOT EXISTS { ?event a dip:Anniversary }
        } GROUP BY ?a ?b ?from ?to ORDER BY DESC(?events) ?a ?b LIMIT 25""",
    "events_per_year_by_type": """
        SELECT ?year ?type (COUNT(DISTINCT ?event) AS ?events) WHERE {
          ?event a ?class ; dip:earliestDay ?day .
          FILTER(?class != dip:Event && STRSTARTS(STR(?class), STR(dip:)))
          BIND(YEAR(?day) AS ?year) BIND(STRAFTER(STR(?class), "#") AS ?type)
        } GROUP BY ?year ?type ORDER BY ?year ?type""",
    "article_events": """
        SELECT (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?event) AS ?events) WHERE {
          ?article a dip:Article .
          OPTIONAL { ?mention prov:wasDerivedFrom ?article ; dip:about ?event . }
        }""",
    "count_by_class": """
        SELECT ?class (COUNT(DISTINCT ?x) AS ?count) WHERE {
          ?x a ?class . FILTER(STRSTARTS(STR(?class), STR(dip:)))
        } GROUP BY ?class ORDER BY DESC(?count)""",
}
DAY = {"day": Literal("2004-06-01", datatype=XSD.date)}
PERIOD = {"from": Literal("2000-01-01", datatype=XSD.date), "to": Literal("2019-12-31", datatype=XSD.date)}


@pytest.mark.parametrize(
    ("name", "bindings"),
    [
        ("shared_memberships", {}),
        ("shared_memberships", DAY),
        ("most_active_pairs", {}),
        ("most_active_pairs", PERIOD),
        ("events_per_year_by_type", {}),
        ("article_events", {}),
        ("count_by_class", {}),
    ],
)
def test_fast_summaries_answer_as_their_plain_formulation(
    demo_kg: KnowledgeGraph, name: str, bindings: dict[str, Literal]
) -> None:
    fast = run_query(demo_kg, ALL[name], bindings).dicts()
    plain = run_query(demo_kg, PLAIN[name], bindings).dicts()
    assert fast and len(fast) == len(plain)
    if name == "count_by_class":  # ties in count come in any order
        fast, plain = sorted(fast, key=str), sorted(plain, key=str)
    for got, want in zip(fast, plain, strict=True):
        assert {k: got[k] for k in want} == want
