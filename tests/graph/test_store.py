from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from diplograph.graph.error import (
    CorruptStoreError,
    MissingStoreError,
    NotAStoreError,
    QueryError,
    StoreError,
    StoreLockedError,
)
from diplograph.graph.store import KnowledgeGraph, default_location

G = URIRef("urn:test:g")


def one_triple(value: str) -> Graph:
    graph = Graph()
    graph.add((URIRef("urn:test:s"), URIRef("urn:test:p"), Literal(value)))
    return graph


def test_default_location_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DIPLOGRAPH_STORE", str(tmp_path / "kg"))
    assert default_location() == str(tmp_path / "kg")
    monkeypatch.delenv("DIPLOGRAPH_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_location() == str(tmp_path / "xdg" / "diplograph" / "store")


def test_disk_store_persists_and_replaces_atomically(tmp_path: Path) -> None:
    path = tmp_path / "kg"
    with KnowledgeGraph(path) as kg:
        kg.replace_graph(G, one_triple("a"))
        kg.replace_graph(G, one_triple("b"))
        assert kg.has_graph(G)
        assert len(kg) == 1
    with KnowledgeGraph(path, read_only=True) as kg:
        assert kg.query("SELECT ?o WHERE { ?s ?p ?o }").values("o") == [Literal("b")]
        assert kg.graphs() == [G]


def test_bindings_are_substituted_not_spliced(memory_kg: KnowledgeGraph) -> None:
    memory_kg.replace_graph(G, one_triple("x"))
    hostile = Literal('x" } UNION { ?s ?p ?o } #')
    result = memory_kg.query("SELECT ?s ?o WHERE { ?s ?p ?o }", {"o": hostile})
    assert result.rows == []
    result = memory_kg.query("SELECT ?s ?o WHERE { ?s ?p ?o }", {"o": Literal("x")})
    assert result.values("s") == [URIRef("urn:test:s")]


def test_open_twice_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "kg"
    with KnowledgeGraph(path), pytest.raises(StoreLockedError, match="open for writing elsewhere"):
        KnowledgeGraph(path)


def test_locked_by_another_process_but_readable(tmp_path: Path) -> None:
    path = tmp_path / "kg"
    with KnowledgeGraph(path) as kg:
        kg.replace_graph(G, one_triple("a"))
    code = (
        "import sys, time\n"
        "from diplograph.graph.store import KnowledgeGraph\n"
        f"kg = KnowledgeGraph({str(path)!r})\n"
        "print('ready', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError):
            KnowledgeGraph(path)
        with KnowledgeGraph(path, read_only=True) as reader:
            assert len(reader) == 1
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)


def test_foreign_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(NotAStoreError, match="not a diplograph store"):
        KnowledgeGraph(tmp_path / "photos")
    assert sorted(p.name for p in (tmp_path / "photos").iterdir()) == ["cat.jpg"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotAStoreError):
        KnowledgeGraph(tmp_path / "file")


def test_corrupt_store_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "kg"
    with KnowledgeGraph(path) as kg:
        kg.replace_graph(G, one_triple("a"))
    for item in (path / "oxigraph").iterdir():
        if item.name.startswith(("CURRENT", "MANIFEST")):
            item.write_bytes(b"garbage")
    with pytest.raises(CorruptStoreError):
        KnowledgeGraph(path)
    (path / "diplograph-store.json").write_text("{not json")
    with pytest.raises(CorruptStoreError):
        KnowledgeGraph(path)


def test_other_format_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kg"
    KnowledgeGraph(path).close()
    (path / "diplograph-store.json").write_text(json.dumps({"format": "diplograph-store", "version": 99}))
    with pytest.raises(StoreError, match="format 99"):
        KnowledgeGraph(path)


def test_missing_store_read_only(tmp_path: Path) -> None:
    with pytest.raises(MissingStoreError, match="diplograph demo"):
        KnowledgeGraph(tmp_path / "nothing", read_only=True)
    assert not (tmp_path / "nothing").exists()


def test_read_only_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "kg"
    KnowledgeGraph(path).close()
    with KnowledgeGraph(path, read_only=True) as kg, pytest.raises(StoreError, match="read-only"):
        kg.replace_graph(G, one_triple("a"))


def test_malformed_query_gives_parser_message(memory_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        memory_kg.query("SELEC ?x WHERE {}")


def test_union_is_a_set_and_survives_removal(tmp_path: Path) -> None:
    """Triples held by several graphs count once; removing one graph keeps what others hold."""
    path = tmp_path / "kg"
    with KnowledgeGraph(path) as kg:
        kg.replace_graph(G, one_triple("a"))
        both = one_triple("a") + one_triple("b")
        kg.replace_graph(URIRef("urn:test:h"), both)
        rows = kg.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o").values("o")
        assert rows == [Literal("a"), Literal("b")]
    code = (
        "import os\n"
        "from rdflib import URIRef\n"
        "from diplograph.graph.store import KnowledgeGraph\n"
        f"kg = KnowledgeGraph({str(path)!r})\n"
        "kg.remove_graph(URIRef('urn:test:h'))\n"
        "os._exit(1)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    with KnowledgeGraph(path) as kg:
        assert kg.graphs() == [G]
        assert kg.query("SELECT ?o WHERE { ?s ?p ?o }").values("o") == [Literal("a")]
        assert len(kg) == 1


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "nt", "jsonld"])
def test_export_round_trips(memory_kg: KnowledgeGraph, fmt: str) -> None:
    memory_kg.replace_graph(G, one_triple("é"))
    data = memory_kg.export(fmt)
    parsed = Dataset()
    parsed.parse(
        data=data,
        format={"ttl": "turtle", "trig": "trig", "nq": "nquads", "nt": "nt", "jsonld": "json-ld"}[fmt],
    )
    assert any(q[2] == Literal("é") for q in parsed.quads((None, None, None, None)))
    assert memory_kg.export(fmt, G)


def test_rdflib_dataset_view(tmp_path: Path) -> None:
    with KnowledgeGraph(tmp_path / "kg") as kg:
        kg.replace_graph(G, one_triple("a"))
        dataset = kg.dataset()
        rows = list(dataset.query("SELECT ?o WHERE { ?s ?p ?o }"))
        assert [str(r[0]) for r in rows] == ["a"]
