"""Projections of a small store with known answers, and GraphML/GEXF round trips."""

from __future__ import annotations

import io
from collections.abc import Iterator

import networkx as nx
import pytest

from diplograph.graph.builder import load_reference
from diplograph.graph.date import PartialDate
from diplograph.graph.model import Article, Event, FactSet, Mention
from diplograph.graph.namespace import article_graph_iri, curated_graph_iri
from diplograph.graph.projection import (
    LEVELS,
    memberships_graph,
    network_bytes,
    project,
    read_projection,
    scalar_graph,
)
from diplograph.graph.store import KnowledgeGraph

LEADERS = ("xi-jinping", "vladimir-putin")
MEET_2020 = Event(
    "meeting",
    PartialDate(2020, 5, 1),
    states=("CHN", "RUS"),
    people=LEADERS,
    label=(("en", "Xi and Putin meet"),),
)
CALL_2021 = Event("phone_call", PartialDate(2021, 3), states=("CHN", "RUS"), people=LEADERS)
VISIT_2021 = Event(
    "state_visit", PartialDate(2021, 7, 9), states=("CHN", "IDN"), people=("xi-jinping",), place="Jakarta"
)
SUMMIT_2022 = Event(
    "forum_summit", PartialDate(2022, 6, 23), states=("CHN", "RUS", "IND"), organisations=("BRICS",)
)
SENTENCE = "Xi and Putin met in Moscow on 1 May 2020."
ARTICLE = Article.from_text(
    SENTENCE, source="https://news.example/xi-putin", published=PartialDate(2020, 5, 2), lang="en"
)


def small_store(kg: KnowledgeGraph) -> None:
    """Reference data, one curated file (four events) and one article restating the 2020 meeting."""
    load_reference(kg)
    curated = FactSet(
        [
            Mention(e, f"curated {e.type}", citation="Ministry record, https://mfa.example/record")
            for e in (MEET_2020, CALL_2021, VISIT_2021, SUMMIT_2022)
        ],
        curated_name="test",
    )
    kg.add_facts(curated, curated_graph_iri("test"))
    article = FactSet([Mention(MEET_2020, SENTENCE, 0, 41, 0.9)], article=ARTICLE)
    kg.add_facts(article, article_graph_iri(ARTICLE.sha256))


@pytest.fixture(scope="module")
def kg() -> Iterator[KnowledgeGraph]:
    with KnowledgeGraph(":memory:") as store:
        small_store(store)
        yield store


def test_states_graph_weights_types_and_labels(kg: KnowledgeGraph) -> None:
    graph = read_projection(kg).states_graph()
    assert set(graph) == {"state/CHN", "state/RUS", "state/IDN", "state/IND"}
    chn_rus = graph.edges["state/CHN", "state/RUS"]
    assert chn_rus["weight"] == 3
    assert (chn_rus["n_meeting"], chn_rus["n_phone_call"], chn_rus["n_forum_summit"]) == (1, 1, 1)
    assert chn_rus["n_state_visit"] == 0
    assert (chn_rus["first"], chn_rus["last"]) == ("2020-05-01", "2022-06-23")
    assert graph.edges["state/CHN", "state/IDN"]["weight"] == 1
    assert graph.nodes["state/CHN"]["label"] == "China"
    assert graph.nodes["state/CHN"]["events"] == 4
    # the 2020 meeting has two sources (curated file and article), counted once as an event
    assert graph.nodes["state/RUS"]["sources"] == 4
    assert chn_rus["sources"] == 4


def test_time_window_and_type_filter(kg: KnowledgeGraph) -> None:
    window = read_projection(kg, start=2021, end="2021-12").states_graph()
    assert window.edges["state/CHN", "state/RUS"]["weight"] == 1
    assert "state/IND" not in window
    calls = read_projection(kg, types=["phone_call"]).states_graph()
    assert {frozenset(e) for e in calls.edges} == {frozenset({"state/CHN", "state/RUS"})}
    with pytest.raises(ValueError, match="unknown event type"):
        read_projection(kg, types=["picnic"])


def test_leaders_and_actors_graphs(kg: KnowledgeGraph) -> None:
    leaders = read_projection(kg).leaders_graph()
    assert leaders.edges["person/xi-jinping", "person/vladimir-putin"]["weight"] == 2
    assert leaders.nodes["person/xi-jinping"]["state"] == "CHN"
    assert leaders.nodes["person/xi-jinping"]["label"] == "Xi Jinping"
    actors = read_projection(kg).actors_graph()
    assert actors.nodes["org/BRICS"]["kind"] == "organisation"
    assert actors.edges["org/BRICS", "state/IND"]["weight"] == 1


def test_events_graph_is_bipartite_with_evidence(kg: KnowledgeGraph) -> None:
    graph = read_projection(kg).events_graph()
    events = [n for n, d in graph.nodes(data=True) if d["bipartite"] == 1]
    assert len(events) == 4
    assert nx.is_bipartite(graph)
    meeting = graph.nodes["event/" + MEET_2020.key]
    assert meeting["sources"] == 2
    assert "Xi and Putin met in Moscow" in meeting["evidence"]
    assert "https://news.example/xi-putin" in meeting["urls"].split()
    assert "https://mfa.example/record" in meeting["urls"].split()
    assert meeting["label"] == "Xi and Putin meet"
    assert graph.degree["event/" + SUMMIT_2022.key] == 4  # three states and BRICS


def test_memberships_graph_is_dated(kg: KnowledgeGraph) -> None:
    before = memberships_graph(kg, start=2020, end=2020)
    after = memberships_graph(kg, start=2025, end=2025)
    assert not before.has_edge("state/IDN", "org/BRICS")
    assert after.has_edge("state/IDN", "org/BRICS")
    assert after.edges["state/IDN", "org/BRICS"]["since"] == "2025-01-06"
    assert after.edges["state/IDN", "org/BRICS"]["until"] == ""
    assert after.nodes["org/BRICS"]["kind"] == "organisation"


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_round_trip(kg: KnowledgeGraph, level: str, fmt: str) -> None:
    graph = project(kg, level, start=2020, end=2025)
    data = network_bytes(graph, fmt)
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    back = reader(io.BytesIO(data))
    assert set(back.nodes) == set(graph.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
    if level == "states":
        assert int(back.edges["state/CHN", "state/RUS"]["weight"]) == 3
        assert back.nodes["state/CHN"]["label"] == "China"


def test_scalar_graph_and_bad_level(kg: KnowledgeGraph) -> None:
    graph = nx.Graph()
    graph.add_node("a", values=[1, 2], missing=None, when=PartialDate(2020))
    clean = scalar_graph(graph)
    assert clean.nodes["a"] == {"values": "1 2", "missing": "", "when": "2020"}
    with pytest.raises(ValueError, match="level"):
        project(kg, "galaxies")
    with pytest.raises(ValueError, match="network format"):
        network_bytes(graph, "dot")
