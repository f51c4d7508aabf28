"""The load test's query mix (benchmarks/load_test.py): examples sent with their parameters bound."""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.load_test import (  # noqa: E402
    example_bindings,
    parameters,
    run_load,
    start,
    stop,
    weighted,
)
from diplograph.graph.index import dyad_iri  # noqa: E402
from diplograph.graph.namespace import person_iri, state_iri  # noqa: E402
from diplograph.graph.query import example_queries, with_prefixes  # noqa: E402
from diplograph.graph.querytext import inject_values  # noqa: E402
from diplograph.graph.store import KnowledgeGraph  # noqa: E402

PAIR = (state_iri("CHN"), state_iri("RUS"))


def test_parameters_are_the_variables_the_header_names() -> None:
    text = "# Bind ?a and ?b (states); optionally ?from.\nSELECT ?event ?a WHERE { ?event ?p ?a }"
    assert parameters(text) == ["a", "b", "from"]


def test_every_documented_parameter_of_a_pair_example_is_bound() -> None:
    queries = example_queries()
    bound = example_bindings("pair_events", queries["pair_events"], PAIR, None)
    assert (bound["a"], bound["b"]) == PAIR and {"from", "to"} <= set(bound)
    assert example_bindings("dyad_events", queries["dyad_events"], PAIR, None)["dyad"] == dyad_iri(*PAIR)
    leaders = example_bindings("meetings_between_leaders", queries["meetings_between_leaders"], PAIR, None)
    assert leaders == {"a": person_iri("xi-jinping"), "b": person_iri("vladimir-putin")}
    assert "event" not in example_bindings("event_sources", queries["event_sources"], PAIR, None)


def test_bound_examples_answer_the_pair(demo_kg: KnowledgeGraph) -> None:
    text = example_queries()["pair_events"]
    query = inject_values(with_prefixes(text), example_bindings("pair_events", text, PAIR, None))
    rows = demo_kg.query(query).dicts()
    assert rows and all("2000" <= str(r["date"])[:4] <= "2020" for r in rows)


def test_weighted_mix_draws_examples_at_their_share() -> None:
    mix = weighted([("timeline", "t")] * 4, [("examples", f"e{i}") for i in range(40)], 0.1)
    rng = random.Random(3)
    kinds = [mix.draw(rng)[0] for _ in range(5000)]
    assert 0.08 < kinds.count("examples") / len(kinds) < 0.12
    assert {k for k, _ in weighted([("timeline", "t")], [], 0.1).entries} == {"timeline"}


@pytest.mark.server
def test_clients_and_the_runaway_query_against_a_real_endpoint(demo_store: Path) -> None:
    """A short run: the clients' answers are tallied by class, a failing example by its name,
    and the runaway query comes back 504 at the server's limit."""
    server = start("diplograph", demo_store, 1.0, 4, 10_000)
    try:
        mix = weighted([("timeline", "ASK { ?s ?p ?o }")], [("examples", "SELECT * WHERE { ?s ?p }")], 0.5)
        mix.names["SELECT * WHERE { ?s ?p }"] = "broken"
        tally, elapsed = asyncio.run(run_load(server.query_url, mix, 2, 2.5))
    finally:
        stop(server)
    assert elapsed >= 2.5 and tally.latencies["timeline"] and not tally.latencies["examples"]
    # each failed example is counted by its name (a busy server may add 503s: counted too)
    assert tally.errors["examples 400"] == tally.failed_examples["broken 400"] > 0
    examples = sum(n for kind, n in tally.errors.items() if kind.startswith("examples "))
    assert examples == sum(tally.failed_examples.values())
    assert tally.expensive and {status for status, _ in tally.expensive} == {504}
