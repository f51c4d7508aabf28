"""The timeline index (dyads and digests): written with every graph, merged across graphs, rebuilt."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from diplograph.graph.backends.embedded import MARKER
from diplograph.graph.builder import add_bundled_curated, load_reference
from diplograph.graph.date import PartialDate
from diplograph.graph.index import dyad_iri, index_triples, with_index, without_index
from diplograph.graph.model import Article, Event, FactSet, Mention
from diplograph.graph.namespace import DIP, article_graph_iri, state_iri
from diplograph.graph.rdf import facts_to_graph
from diplograph.graph.store import KnowledgeGraph
from diplograph.graph.timeline import timeline
from diplograph.graph.timeline.record import fold_digests

PERIOD = {
    "from": Literal("0001-01-01", datatype=XSD.date),
    "to": Literal("9999-12-31", datatype=XSD.date),
}
HOSTILE = 'He said "}" UNION { ?s ?p ?o } <script>alert(1)</script> \\ \n next'


def article_facts(sha: str, sentence: str, *, published: str = "2026-02-05", title: str = "T") -> FactSet:
    event = Event(
        type="virtual_meeting",
        date=PartialDate.parse("2026-02-04"),
        states=("CHN", "RUS"),
        people=("xi-jinping", "vladimir-putin"),
        label=(("en", sentence[:40]),),
    )
    article = Article(
        text=sentence,
        sha256=sha * 64,
        published=PartialDate.parse(published),
        lang="en",
        source=f"https://x/{sha}",
        title=title,
    )
    return FactSet(
        article=article, mentions=[Mention(event=event, sentence=sentence, start=3, end=9, confidence=0.9)]
    )


@pytest.fixture()
def kg() -> KnowledgeGraph:
    store = KnowledgeGraph(":memory:")
    load_reference(store)
    return store


def test_dyad_iri_is_symmetric_readable_and_safe_for_foreign_iris() -> None:
    a, b = state_iri("RUS"), state_iri("CHN")
    assert (
        dyad_iri(a, b) == dyad_iri(b, a) == URIRef("https://w3id.org/diplograph/id/dyad/state/CHN~state/RUS")
    )
    odd = dyad_iri("http://example.org/a b>", a)
    assert " " not in odd and ">" not in odd and "/hash/" in odd


def test_every_event_gets_a_digest_and_one_dyad_per_pair_of_participants() -> None:
    graph = facts_to_graph(article_facts("a", "Xi and Putin met by video."))
    extra = index_triples(graph)
    events = set(graph.subjects(RDF.type, DIP.Event))
    assert events and {s for s, p, _ in extra if p == DIP.digest} == events
    for event in events:
        actors = sorted(str(o) for o in graph.objects(event, DIP.participant))
        expected = {dyad_iri(x, y) for x, y in combinations(actors, 2)}
        assert {o for s, p, o in extra if s == event and p == DIP.dyad} == expected
        assert len(expected) == 6  # two states, two leaders


def test_a_digest_holds_what_the_graph_states_and_folds_back_exactly() -> None:
    graph = facts_to_graph(article_facts("b", HOSTILE, title=HOSTILE))
    ((event, digest),) = [(s, o) for s, p, o in index_triples(graph) if p == DIP.digest]
    (record,) = fold_digests([{"event": str(event), "digest": str(digest)}])
    assert record.type == "virtual_meeting" and str(record.date) == "2026-02-04"
    assert record.states == ("CHN", "RUS") and set(record.people) == {"xi-jinping", "vladimir-putin"}
    (source,) = record.sources
    assert source.evidence == HOSTILE and source.title == HOSTILE  # text survives untouched
    assert (source.start, source.end, source.confidence) == (3, 9, 0.9)
    assert (
        source.kind == "article" and source.source == "https://x/b" and str(source.published) == "2026-02-05"
    )
    labels = {str(o) for o in graph.objects(event, RDFS.label)}
    assert record.all_labels() == labels


def test_the_store_writes_the_index_with_each_graph_and_removes_it_with_the_graph(kg: KnowledgeGraph) -> None:
    first, second = (
        article_facts("c", "Xi and Putin met by video."),
        article_facts("d", "They held a video call."),
    )
    kg.add_facts(first, article_graph_iri("c" * 64))
    kg.add_facts(second, article_graph_iri("d" * 64))
    rows = timeline(kg, "CHN", "RUS")
    assert len(rows) == 1 and len(rows[0].sources) == 2  # one event, two articles
    kg.remove_graph(article_graph_iri("c" * 64))
    rows = timeline(kg, "CHN", "RUS")
    assert len(rows) == 1 and [s.evidence for s in rows[0].sources] == ["They held a video call."]
    kg.remove_graph(article_graph_iri("d" * 64))
    assert timeline(kg, "CHN", "RUS") == []
    count = "PREFIX dip: <https://w3id.org/diplograph/ontology#> SELECT (COUNT(*) AS ?n) { ?e dip:digest ?d }"
    assert int(kg.query(count).rows[0][0]) == 0


def test_stale_index_triples_in_content_are_replaced(kg: KnowledgeGraph) -> None:
    graph = facts_to_graph(article_facts("e", "Xi and Putin met by video."))
    event = next(iter(graph.subjects(RDF.type, DIP.Event)))
    graph.add((event, DIP.digest, Literal('{"facts": "type=stale"}')))
    graph.add((event, DIP.dyad, URIRef("https://w3id.org/diplograph/id/dyad/state/AAA~state/BBB")))
    assert len(without_index(graph)) == len(graph) - 2
    fresh = with_index(graph)
    assert not any("stale" in str(o) or "AAA" in str(o) for o in fresh.objects(event, None))
    kg.replace_graph(article_graph_iri("e" * 64), graph)
    digests = [str(o) for o in kg.to_rdflib().objects(event, DIP.digest)]
    assert len(digests) == 1 and "stale" not in digests[0]


def test_a_graph_without_events_is_written_as_it_is() -> None:
    g = Graph()
    g.add((URIRef("urn:x:a"), RDFS.label, Literal("a")))
    assert with_index(g) is g


def test_reindex_indexes_data_written_by_another_tool(kg: KnowledgeGraph) -> None:
    name = article_graph_iri("f" * 64)
    kg.backend.replace_graphs({name: facts_to_graph(article_facts("f", "Xi and Putin met by video."))})
    assert timeline(kg, "CHN", "RUS") == []  # no index: not found by the lookup
    assert kg.reindex() == 1
    assert [r.type for r in timeline(kg, "CHN", "RUS")] == ["virtual_meeting"]
    assert kg.reindex() == 1  # the article graph again; reference and ontology are left alone


def test_a_store_of_format_1_is_indexed_on_its_first_writable_open(tmp_path: Path) -> None:
    location = tmp_path / "kg"
    with KnowledgeGraph(location) as kg:
        load_reference(kg)
        add_bundled_curated(kg)
        expected = [(str(r.date), r.type) for r in timeline(kg, "CHN", "RUS")]
        count = len(kg)
    with KnowledgeGraph(location) as kg:  # strip the index, as a format-1 store lacks it
        for pattern in ("GRAPH ?g { ?e dip:digest ?d }", "?e dip:digest ?d"):
            kg.backend.update(f"PREFIX dip: <{DIP}> DELETE WHERE {{ {pattern} }}")
    (location / MARKER).write_text(json.dumps({"format": "diplograph-store", "version": 1}))
    with KnowledgeGraph(location, read_only=True) as kg:
        assert kg.backend.needs_index and timeline(kg, "CHN", "RUS") == []
    with KnowledgeGraph(location) as kg:
        assert not kg.backend.needs_index
        assert [(str(r.date), r.type) for r in timeline(kg, "CHN", "RUS")] == expected
        assert len(kg) == count
    assert json.loads((location / MARKER).read_text())["version"] == 2


def test_a_digest_that_is_not_ours_is_skipped() -> None:
    e = "https://w3id.org/diplograph/id/event/x"
    assert fold_digests([{"event": e, "digest": "not json"}, {"event": e, "digest": "[1, 2]"}]) == []


def test_folding_digests_directly_equals_folding_their_cells(demo_store: Path) -> None:
    from diplograph.graph.timeline.record import fold_events
    from diplograph.graph.timeline.selection import select

    with KnowledgeGraph(demo_store, read_only=True) as kg:
        rows = select(kg, "timeline_actor", constants=PERIOD, values={"actor": [str(state_iri("CHN"))]})
    assert len(rows) > 50
    events, sources = [], []
    for row in rows:
        packed = json.loads(row["digest"])
        events.append(
            {"event": row["event"], **{k: packed[k] for k in ("facts", "labels", "places") if k in packed}}
        )
        sources += [{**source, "event": row["event"]} for source in packed.get("sources", [])]
    assert fold_digests(rows) == fold_events(events, sources)


def test_an_event_whose_participants_come_from_different_articles_is_found_under_the_pair(
    kg: KnowledgeGraph,
) -> None:
    def summit(sha: str, state: str) -> FactSet:
        event = Event(
            type="forum_summit", date=PartialDate.parse("2022-11-15"), states=(state,), organisations=("G20",)
        )
        article = Article(text=sha, sha256=sha * 64, published=PartialDate.parse("2022-11-16"), lang="en")
        return FactSet(
            article=article, mentions=[Mention(event=event, sentence=f"{state} attended the G20 summit.")]
        )

    kg.add_facts(summit("1", "CHN"), article_graph_iri("1" * 64))
    kg.add_facts(summit("2", "RUS"), article_graph_iri("2" * 64))
    (row,) = timeline(kg, "CHN", "RUS")
    assert row.type == "forum_summit" and len(row.sources) == 2
    kg.remove_graph(article_graph_iri("1" * 64))  # the dyad stays (written with RUS) but CHN is gone
    assert timeline(kg, "CHN", "RUS") == []
    kg.add_facts(summit("1", "CHN"), article_graph_iri("1" * 64))  # the other order
    assert len(timeline(kg, "RUS", "CHN")) == 1
