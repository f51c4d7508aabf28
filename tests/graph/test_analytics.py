"""Network analytics on graphs with known answers, and the `stats` and `export` verbs."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from diplograph.graph.analytics import (
    PairActivity,
    active_pairs_by_year,
    centrality,
    communities,
    eigenvector,
    network_stats,
    pair_intensity,
)
from diplograph.graph.builder import load_reference
from diplograph.graph.cli import app
from diplograph.graph.date import PartialDate
from diplograph.graph.model import Event, FactSet, Mention
from diplograph.graph.namespace import curated_graph_iri
from diplograph.graph.projection import read_projection
from diplograph.graph.store import KnowledgeGraph

EVENTS = [
    Event("meeting", PartialDate(2020, 1, 10), states=("CHN", "RUS")),
    Event("phone_call", PartialDate(2020, 2, 10), states=("CHN", "RUS")),
    Event("phone_call", PartialDate(2020, 3, 10), states=("CHN", "IDN")),
    Event("meeting", PartialDate(2021, 1, 10), states=("CHN", "IDN")),
    Event("state_visit", PartialDate(2021, 5), states=("CHN", "IDN")),
    Event("state_visit", PartialDate(2021, 6), states=("CHN", "RUS")),
    Event("meeting", PartialDate(2021, 7, 1), states=("AUS", "IDN")),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analytics") / "store"
    with KnowledgeGraph(path) as kg:
        load_reference(kg)
        kg.add_facts(FactSet([Mention(e, "s") for e in EVENTS], curated_name="a"), curated_graph_iri("a"))
    return path


@pytest.fixture()
def kg(store: Path) -> Iterator[KnowledgeGraph]:
    with KnowledgeGraph(store, read_only=True) as opened:
        yield opened


def test_star_centralities() -> None:
    star = nx.Graph([("CHN", s) for s in ("RUS", "IDN", "USA", "IND")])
    rows = {r.key: r for r in centrality(star)}
    assert rows["CHN"].degree == 4
    assert rows["CHN"].betweenness == pytest.approx(1.0)
    assert all(rows[s].betweenness == 0 and rows[s].degree == 1 for s in ("RUS", "IDN", "USA", "IND"))
    assert rows["CHN"].eigenvector > rows["RUS"].eigenvector > 0
    assert next(iter(centrality(star))).key == "CHN"


def test_weighted_betweenness_prefers_strong_ties() -> None:
    # A-B-D is one path of weight-5 ties, A-C-D one of weight-1 ties: C lies on no shortest path.
    graph = nx.Graph()
    graph.add_edge("A", "B", weight=5)
    graph.add_edge("B", "D", weight=5)
    graph.add_edge("A", "C", weight=1)
    graph.add_edge("C", "D", weight=1)
    rows = {r.key: r for r in centrality(graph)}
    assert rows["B"].betweenness > 0
    assert rows["C"].betweenness == 0
    assert rows["B"].weighted_degree == 10
    assert "distance" not in graph.edges["A", "B"]  # the caller's graph is not changed


def test_two_cliques_make_two_communities() -> None:
    left = nx.complete_graph(["CHN", "RUS", "IND", "IRN", "BRA"])
    right = nx.complete_graph(["USA", "GBR", "AUS", "CAN", "NZL"])
    graph = nx.union(left, right)
    graph.add_edge("BRA", "USA")
    found = communities(graph, seed=1)
    assert found == [["AUS", "CAN", "GBR", "NZL", "USA"], ["BRA", "CHN", "IND", "IRN", "RUS"]]
    assert communities(graph, seed=1) == found  # the same with the same seed
    rows = {r.key: r for r in centrality(graph)}
    assert rows["CHN"].community == rows["RUS"].community != rows["USA"].community


def test_eigenvector_on_disconnected_graph() -> None:
    graph = nx.Graph([("a", "b"), ("c", "d"), ("d", "e"), ("d", "f")])
    graph.add_node("lonely")
    values = eigenvector(graph)
    assert values["lonely"] == 0
    assert values["d"] > values["c"] > 0
    assert values["a"] == pytest.approx(values["b"])
    assert values["d"] > values["a"]  # the bigger component weighs more


def test_active_pairs_by_year(kg: KnowledgeGraph) -> None:
    pairs = active_pairs_by_year(read_projection(kg), top=2)
    assert pairs == [
        PairActivity(2020, "CHN", "RUS", 2),
        PairActivity(2020, "CHN", "IDN", 1),
        PairActivity(2021, "CHN", "IDN", 2),
        PairActivity(2021, "AUS", "IDN", 1),
    ]


def test_pair_intensity(kg: KnowledgeGraph) -> None:
    intensity = pair_intensity(kg, "rus", "CHN")
    assert (intensity.a, intensity.b) == ("CHN", "RUS")
    assert intensity.counts == {2020: {"meeting": 1, "phone_call": 1}, 2021: {"state_visit": 1}}
    assert intensity.per_year() == {2020: 2, 2021: 1}
    assert intensity.total == 3
    assert pair_intensity(kg, "CHN", "RUS", start=2021).total == 1
    assert pair_intensity(kg, "CHN", "RUS", types=["meeting"]).total == 1
    with pytest.raises(ValueError, match="pair"):
        pair_intensity(kg, "CHN", "CHN")


def test_network_stats(kg: KnowledgeGraph) -> None:
    stats = network_stats(kg)
    assert (stats.events, stats.states, stats.edges) == (7, 4, 3)
    top = stats.centrality[0]
    assert (top.code, top.label, top.degree, top.weighted_degree) == ("CHN", "China", 2, 6.0)
    by_code = {r.code: r for r in stats.centrality}
    assert by_code["IDN"].betweenness == pytest.approx(2 / 3)  # IDN bridges AUS to CHN and RUS
    windowed = network_stats(kg, start=2021, types=["state_visit"])
    assert (windowed.events, windowed.edges) == (2, 2)
    json.dumps(stats.to_dict())


def test_stats_verb(store: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["stats", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["triples"] > 0 and document["classes"]["Event"] == 7
    assert document["network"]["centrality"][0]["code"] == "CHN"
    csv_out = runner.invoke(app, ["stats", "-s", str(store), "-F", "csv", "--type", "meeting,phone_call"])
    lines = csv_out.output.strip().splitlines()
    assert lines[0].startswith("code,label,events,degree")
    assert lines[1].startswith("CHN,China,4,2,4.0")
    pair = runner.invoke(app, ["stats", "--store", str(store), "--pair", "CHN,RUS", "--format", "csv"])
    assert pair.output.strip().splitlines()[1].startswith("CHN,RUS,2020,2,1,0,1,")
    table = runner.invoke(app, ["stats", "--store", str(store), "--from", "2021", "--top", "2"])
    assert table.exit_code == 0 and "Instances by class" in table.output and "Communities" in table.output
    bad = runner.invoke(app, ["stats", "--store", str(store), "--type", "picnic"])
    assert bad.exit_code == 2


def test_export_network_verb(store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "states.graphml"
    result = runner.invoke(
        app,
        [
            "export",
            "--store",
            str(store),
            "--format",
            "graphml",
            "--level",
            "states",
            "--from",
            "2021",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    assert int(graph.edges["state/CHN", "state/IDN"]["weight"]) == 2
    gexf = runner.invoke(app, ["export", "--store", str(store), "--format", "gexf", "--level", "memberships"])
    assert gexf.exit_code == 0
    memberships = nx.read_gexf(io.BytesIO(gexf.stdout_bytes))
    assert memberships.has_edge("state/IDN", "org/ASEAN")
    bad = runner.invoke(app, ["export", "--store", str(store), "--format", "graphml", "--level", "x"])
    assert bad.exit_code == 2
    rdf = runner.invoke(app, ["export", "--store", str(store), "--format", "nt", "--graph", "curated/a"])
    assert rdf.exit_code == 0 and "<https://w3id.org/diplograph/id/event/" in rdf.output
