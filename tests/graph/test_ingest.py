"""Ingest: provenance, merging of events across articles, idempotency, skipping, interruption."""

from __future__ import annotations

import hashlib
import json
import os
import signal
from pathlib import Path

import pytest
from rdflib import URIRef

from diplograph.graph import ingest as ingest_module
from diplograph.graph.builder import build_demo, sample_articles
from diplograph.graph.date import PartialDate
from diplograph.graph.ingest import extract_file, ingest
from diplograph.graph.model import FactSet
from diplograph.graph.namespace import article_graph_iri
from diplograph.graph.reader import Read
from diplograph.graph.store import KnowledgeGraph

PUBLISHED = PartialDate(2026, 2, 5)
EN_CALL = "Xi and Putin spoke by video link on 4 February 2026, the Kremlin said."
ID_CALL = (
    "Pemimpin Tiongkok Xi Jinping berbicara dengan Vladimir Putin dari Rusia melalui konferensi video "
    "pada Rabu (4/2/2026)."
)
CALL_IRI = URIRef("https://w3id.org/diplograph/id/event/virtual_meeting/2026-02-04/CHN-RUS")


def meeting_article(day: int) -> str:
    """A small English article stating one CHN-RUS meeting on ``day`` March 2025."""
    return (
        f"Chinese President Xi Jinping held talks with Russian President Vladimir Putin in Moscow on "
        f"{day} March 2025.\n\nThe two leaders discussed trade and energy."
    )


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for day in range(1, count + 1):
        path = folder / f"a{day:02d}.txt"
        path.write_text(meeting_article(day), encoding="utf-8")
        paths.append(path)
    return paths


def graph_size(kg: KnowledgeGraph, graph: URIRef) -> int:
    return len(kg.export("nt", graph).splitlines())


def article_graphs(kg: KnowledgeGraph) -> list[URIRef]:
    return [g for g in kg.graphs() if "/graph/article/" in str(g)]


def test_same_event_from_two_articles_is_one_node_with_two_mentions(
    tmp_path: Path, memory_kg: KnowledgeGraph
) -> None:
    (tmp_path / "en.txt").write_text(EN_CALL)
    (tmp_path / "id.txt").write_text(ID_CALL)
    summary = ingest(memory_kg, [tmp_path], published=PUBLISHED)
    assert summary.exit_code == 0, summary.skipped
    assert (summary.ingested, summary.events_new, summary.events_merged) == (2, 1, 1)
    events = memory_kg.query(
        "PREFIX dip: <https://w3id.org/diplograph/ontology#>\n"
        "SELECT DISTINCT ?e WHERE { ?e a dip:VirtualMeeting }"
    )
    assert events.values("e") == [CALL_IRI]
    mentions = memory_kg.query(
        "PREFIX dip: <https://w3id.org/diplograph/ontology#>\n"
        "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
        "SELECT ?m ?a ?e WHERE { ?m dip:about ?e ; prov:wasDerivedFrom ?a . ?a dip:language ?lang }",
        {"e": CALL_IRI},
    )
    assert len(mentions.rows) == 2
    assert len({row[1] for row in mentions.rows}) == 2  # two different articles


def test_provenance_is_recorded_for_article_and_mentions(tmp_path: Path, memory_kg: KnowledgeGraph) -> None:
    path = tmp_path / "call.txt"
    path.write_text(EN_CALL)
    summary = ingest(memory_kg, [path], published=PUBLISHED, source="https://news.test/call")
    assert summary.ingested == 1
    graph = summary.graphs[0]
    assert graph == article_graph_iri(hashlib.sha256(EN_CALL.encode()).hexdigest())
    row = memory_kg.query(
        """PREFIX dip: <https://w3id.org/diplograph/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?g ?source ?published ?lang ?hash ?sentence ?start ?end ?version ?confidence WHERE {
          GRAPH ?g {
            ?a a dip:Article ; dip:source ?source ; dip:published ?published ; dip:language ?lang ;
               dip:sha256 ?hash .
            ?m a dip:Mention ; prov:wasDerivedFrom ?a ; dip:sentence ?sentence ; dip:startOffset ?start ;
               dip:endOffset ?end ; dip:extractorVersion ?version ; dip:confidence ?confidence .
          }
        }""",
        {"g": graph},
    ).rows
    assert len(row) == 1
    _, source, published, lang, digest, sentence, start, end, version, confidence = row[0]
    assert str(source) == "https://news.test/call"
    assert str(published) == "2026-02-05"
    assert str(lang) == "en"  # detected
    assert str(digest) in str(graph)
    assert EN_CALL[int(start) : int(end)] == str(sentence)
    assert str(version)
    assert 0 < float(confidence) <= 1


def test_ingest_twice_is_idempotent(tmp_path: Path, memory_kg: KnowledgeGraph) -> None:
    write_articles(tmp_path, 4)
    first = ingest(memory_kg, [tmp_path], published=PartialDate(2025, 3, 20))
    size = len(memory_kg)
    second = ingest(memory_kg, [tmp_path], published=PartialDate(2025, 3, 20))
    assert (first.ingested, first.unchanged) == (4, 0)
    assert (second.ingested, second.unchanged, second.read) == (0, 4, 4)
    assert len(memory_kg) == size
    forced = ingest(memory_kg, [tmp_path], published=PartialDate(2025, 3, 20), force=True)
    assert forced.ingested == 4
    assert (forced.events_new, forced.events_merged) == (4, 0)  # an article's own graph does not count
    assert len(memory_kg) == size


def test_articles_that_cannot_be_extracted_are_skipped_with_reasons(
    tmp_path: Path, memory_kg: KnowledgeGraph
) -> None:
    (tmp_path / "a-no-date.txt").write_text(EN_CALL)
    (tmp_path / "b-french.jsonl").write_text(
        '{"text": "Le président Xi a rencontré le président Poutine à Moscou.", "published": "2026-02-05"}\n'
        '{"text": "ok", "published": "2026-02-05"}\n'
    )
    (tmp_path / "c-good.jsonl").write_text(json.dumps({"text": EN_CALL, "published": "2026-02-05"}) + "\n")
    summary = ingest(memory_kg, [tmp_path])
    reasons = {item.where.rsplit("/", 1)[1]: item.reason for item in summary.skipped}
    assert "no publication date" in reasons["a-no-date.txt"]
    assert reasons["b-french.jsonl:1"].startswith("no lexicon for language fr")
    assert "not detected reliably" in reasons["b-french.jsonl:2"]
    assert (summary.read, summary.ingested, summary.exit_code) == (4, 1, 3)


def test_extraction_failure_skips_only_that_article(
    tmp_path: Path, memory_kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_articles(tmp_path, 3)
    real = ingest_module.extract

    def flaky(article):  # type: ignore[no-untyped-def]
        if "2 March" in article.text:
            raise RuntimeError("boom")
        return real(article)

    monkeypatch.setattr(ingest_module, "extract", flaky)
    summary = ingest(memory_kg, paths, published=PartialDate(2025, 3, 20))
    assert summary.ingested == 2
    assert [(Path(s.file).name, s.reason) for s in summary.skipped] == [
        ("a02.txt", "extraction failed: RuntimeError: boom")
    ]


def test_ctrl_c_during_a_write_finishes_that_article_then_stops(
    tmp_path: Path, memory_kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_articles(tmp_path, 6)
    clean = {}
    for path in paths:
        with KnowledgeGraph(":memory:") as single:
            done = ingest(single, [path], published=PartialDate(2025, 3, 20))
            clean[done.graphs[0]] = graph_size(single, done.graphs[0])
    real_add = memory_kg.add_facts
    calls = []

    def add_then_interrupt(facts: FactSet, graph: URIRef) -> None:
        calls.append(graph)
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C in the middle of the third write
        real_add(facts, graph)

    monkeypatch.setattr(memory_kg, "add_facts", add_then_interrupt)
    summary = ingest(memory_kg, paths, published=PartialDate(2025, 3, 20))
    assert summary.interrupted and summary.exit_code == 130
    assert summary.ingested == 3 and len(summary.graphs) == 3
    present = article_graphs(memory_kg)
    assert sorted(present) == sorted(summary.graphs)
    for graph in present:
        assert graph_size(memory_kg, graph) == clean[graph]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    monkeypatch.setattr(memory_kg, "add_facts", real_add)
    rerun = ingest(memory_kg, paths, published=PartialDate(2025, 3, 20))
    assert (rerun.unchanged, rerun.ingested, rerun.exit_code) == (3, 3, 0)
    assert sorted(article_graphs(memory_kg)) == sorted(clean)


def test_keyboard_interrupt_during_extraction_writes_nothing_of_that_article(
    tmp_path: Path, memory_kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_articles(tmp_path, 5)
    real = ingest_module.extract

    def interrupted(article):  # type: ignore[no-untyped-def]
        if "4 March" in article.text:
            raise KeyboardInterrupt
        return real(article)

    monkeypatch.setattr(ingest_module, "extract", interrupted)
    summary = ingest(memory_kg, paths, published=PartialDate(2025, 3, 20))
    assert summary.interrupted and summary.ingested == 3
    assert len(article_graphs(memory_kg)) == 3
    assert not memory_kg.query("ASK { ?e ?p ?o FILTER(CONTAINS(STR(?e), '2025-03-04')) }").boolean


def test_extract_file_needs_no_store(tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_text(EN_CALL)
    result = extract_file(path, published=PUBLISHED, lang="en")
    assert not result.skipped
    assert [e.iri for e in result.facts[0].events] == [CALL_IRI]


def test_demo_ingests_the_sample_articles_idempotently() -> None:
    samples = list(sample_articles())
    assert samples and all(isinstance(s, Read) and s.article.published for s in samples)
    with KnowledgeGraph(":memory:") as kg:
        first = build_demo(kg)
        second = build_demo(kg)
        assert first.articles == len({s.article.sha256 for s in samples})
        assert first.article_events > 0
        assert (second.articles, second.article_events, second.triples) == (
            first.articles,
            first.article_events,
            first.triples,
        )
        sources = kg.query(
            "PREFIX dip: <https://w3id.org/diplograph/ontology#>\n"
            "SELECT DISTINCT ?s WHERE { ?a a dip:Article ; dip:source ?s }"
        ).values("s")
        assert len(sources) == first.articles
