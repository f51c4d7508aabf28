"""The store's generation token (graph/generation.py)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef

from diplograph.graph import generation
from diplograph.graph.store import KnowledgeGraph


def test_every_write_renews_the_generation(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    with KnowledgeGraph(store) as kg:
        seen = {generation.current(store)}
        content = Graph()
        content.add((URIRef("urn:x:s"), URIRef("urn:x:p"), URIRef("urn:x:o")))
        kg.replace_graph(URIRef("urn:x:g"), content)
        seen.add(generation.current(store))
        kg.backend.update("INSERT DATA { GRAPH <urn:x:h> { <urn:x:s> <urn:x:p> <urn:x:o> } }")
        seen.add(generation.current(store))
        kg.remove_graph(URIRef("urn:x:g"))
        seen.add(generation.current(store))
        kg.backend.bulk_load([b"<urn:x:a> <urn:x:p> <urn:x:o> <urn:x:k> .\n"], "nq", None)
        seen.add(generation.current(store))
    assert None not in seen and len(seen) == 5


def test_renewing_removes_the_views_of_other_generations(tmp_path: Path) -> None:
    old = generation.renew(tmp_path)
    (tmp_path / generation.VIEWS_DIR / old).mkdir(parents=True)
    (tmp_path / generation.VIEWS_DIR / old / "x.json").write_text("{}")
    new = generation.renew(tmp_path)
    assert generation.current(tmp_path) == new != old
    assert not (tmp_path / generation.VIEWS_DIR / old).exists()


def test_an_unreadable_token_is_no_generation(tmp_path: Path) -> None:
    assert generation.current(tmp_path) is None
    (tmp_path / generation.GENERATION_FILE).write_text("../../etc")
    assert generation.current(tmp_path) is None
