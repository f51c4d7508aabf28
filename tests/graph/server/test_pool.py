"""The worker pool on a real store: demotion of long jobs and a spare worker for cheap ones."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from diplograph.graph.server.pool import OverrunError, WorkerPool
from diplograph.graph.server.worker import Job

RUNAWAY = Job("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
CHEAP = Job("query", "ASK { ?s ?p ?o }")


@pytest.mark.server
def test_a_cheap_query_gets_a_spare_worker_while_the_only_one_runs_long(demo_store: Path) -> None:
    async def scenario() -> tuple[float, float, WorkerPool]:
        pool = WorkerPool(str(demo_store / "oxigraph"), 1, isolate=False, demote_after=0.1)
        await pool.start()
        try:
            started = time.perf_counter()
            runaway = asyncio.create_task(pool.run(RUNAWAY, 4))
            await asyncio.sleep(0.3)  # past demote_after: the only worker holds a long job
            answer = await pool.run(CHEAP, 4)
            assert answer.status == 200 and b"true" in answer.body
            cheap_done = time.perf_counter() - started
            with pytest.raises(OverrunError):
                await runaway
            return cheap_done, time.perf_counter() - started, pool
        finally:
            await pool.close()

    cheap_done, runaway_done, pool = asyncio.run(scenario())
    assert pool.demoted >= 1 and pool.spares == 1
    assert cheap_done < runaway_done  # answered by the spare, not after the time limit
