"""The synthetic generator (benchmarks/generator.py) and a tiny end-to-end store benchmark."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import generator, store_bench  # noqa: E402
from diplograph.graph.model import EVENT_TYPES  # noqa: E402
from diplograph.graph.namespace import DIP, REFERENCE_GRAPH  # noqa: E402

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _quads(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def test_deterministic_for_a_seed(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.nq", tmp_path / "b.nq", tmp_path / "c.nq"
    generator.generate(a, 300, seed=3)
    generator.generate(b, 300, seed=3)
    generator.generate(c, 300, seed=4)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


@pytest.mark.parametrize("events", [1, 250, 1200])
def test_requested_number_of_events(tmp_path: Path, events: int) -> None:
    path = tmp_path / "ev.nq"
    meta = generator.generate(path, events, seed=7)
    quads = _quads(path)
    event_nodes = {
        q.subject for q in quads if q.predicate == RDF_TYPE and q.object == ox.NamedNode(str(DIP.Event))
    }
    assert meta["events"] == len(event_nodes) == events
    assert meta["quads"] == len(quads) == len(set(quads))
    assert any(q.graph_name == ox.NamedNode(str(REFERENCE_GRAPH)) for q in quads)


def test_shape_of_the_data(tmp_path: Path) -> None:
    gen = generator.EventGenerator(3000, seed=7)
    sets = list(gen.fact_sets())
    events = {m.event.key: m.event for fs in sets for m in fs.mentions}
    assert {e.type for e in events.values()} == set(EVENT_TYPES)
    chn_rus = [e for e in events.values() if e.states == ("CHN", "RUS")]
    assert len(chn_rus) > 60  # ~4% of events: hundreds from 10^4 events up
    assert any(e.people for e in events.values())
    assert any(e.commemorates is not None and e.commemorates.derived for e in events.values())
    assert {e.date.precision for e in events.values()} == {"day", "month", "year"}
    assert 2.5 < gen.counts.events / gen.counts.articles < 3.5  # ~3 events per article graph


def test_direct_writer_matches_facts_to_graph() -> None:
    gen = generator.EventGenerator(1500, seed=11)
    for facts in gen.fact_sets():
        direct = {
            str(q) for q in ox.parse("".join(generator.direct_quads(facts)), format=ox.RdfFormat.N_QUADS)
        }
        via_rdflib = {
            str(q) for q in ox.parse("".join(generator.rdflib_quads(facts)), format=ox.RdfFormat.N_QUADS)
        }
        assert direct == via_rdflib
        assert len(generator.direct_quads(facts)) == len(direct)  # no duplicate lines


def test_store_bench_end_to_end(tmp_path: Path) -> None:
    started = time.perf_counter()
    records = store_bench.bench([200], runs=1, workdir=tmp_path, log=False)
    elapsed = time.perf_counter() - started
    (record,) = records
    ours, baseline = record["ours"], record["baseline"]
    for q in store_bench.QUERIES:
        assert ours[q]["rows"] == baseline[q]["rows"] > 0
        assert record["same_rows"][q]
    assert ours["quads"] == baseline["quads"] == record["meta"]["quads"]
    assert ours["peak_rss_mb"] > 0 and baseline["peak_rss_mb"] > 0
    assert "| 200 |" in store_bench.markdown(records)
    assert elapsed < 60  # ~5 s here; generous for slow CI
