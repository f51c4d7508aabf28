"""The worker pool: query processes, a per-query time limit, and replacement of overrunning workers.

pyoxigraph cannot cancel a running query from Python, so each query runs in a worker
*process* (:mod:`diplograph.graph.server.worker`). The supervisor, in the server's event loop,
hands a job to an idle worker and waits for its answer up to the time limit; past it, the
worker is killed (the store is open read-only, nothing is lost) and a fresh one is started in
the background, while the other workers keep answering other clients.

A job that has used ``demote_after`` seconds of CPU has its worker moved to a low CPU
priority (nice 10) until it answers: on a machine with few cores, a runaway or analytic query
then takes only the CPU time that cheap queries leave, instead of a whole core for the full
time limit (measured in benchmarks/README.md, "Endpoint load test"). The worker is put back
to normal priority afterwards, or replaced when the system does not allow raising it again.
When every worker holds such a long job, a spare worker is started (up to ``size`` spares) so
that cheap queries are not queued behind analytics; spares are retired once no long job is left.

>>> import asyncio
>>> asyncio.run(WorkerPool.probe_spawn_method())
'spawn'
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from diplograph.graph.server.worker import Answer, Job, WorkerState, serve_jobs

log = logging.getLogger("diplograph.serve")
_CONTEXT = multiprocessing.get_context("spawn")  # no fork of a threaded server process
STARTUP_SECONDS = 60.0
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
DEMOTED_NICE = 10  # CPU weight 110 against 1024 at nice 0 (19 would be 15: starved)


class PoolError(RuntimeError):
    """The workers cannot start (the store cannot be opened)."""


class OverrunError(Exception):
    """A job went past the time limit; its worker was ended."""


class BusyError(Exception):
    """Every worker stayed busy for the whole time limit."""


@dataclass(eq=False)
class Worker:
    """One worker process and the parent's end of its pipe."""

    process: BaseProcess
    conn: Connection
    state: WorkerState
    demoted: bool = False

    def cpu_seconds(self) -> float | None:
        """CPU time the worker has used so far (Linux ``/proc``), or ``None`` when unknown."""
        try:
            stat = Path(f"/proc/{self.process.pid}/stat").read_text(encoding="ascii")
            fields = stat.rpartition(")")[2].split()
            return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
        except (OSError, ValueError, IndexError):
            return None

    def renice(self, value: int) -> bool:
        """Set the worker's nice value; whether the system allowed it."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid or 0, value)
        except OSError:
            return False
        return True

    def stop(self) -> None:
        """End the process now (SIGKILL) and close the pipe."""
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A fixed number of worker processes over one store database.

    Args:
        database: the Oxigraph database directory (``<store>/oxigraph``).
        size: number of worker processes (queries running at once).
        writable: open the store read-write (then ``size`` must be 1: one writer).
        isolate: cut the workers off the network (no SERVICE, no LOAD from URLs).
        demote_after: CPU seconds after which a running job's worker drops to nice 10
            (``None``: never).
    """

    def __init__(
        self,
        database: str,
        size: int,
        *,
        writable: bool = False,
        isolate: bool = True,
        demote_after: float | None = None,
    ) -> None:
        if writable and size != 1:
            raise ValueError("a writable store is served by exactly one worker")
        self.database = database
        self.size = size
        self.demote_after = demote_after
        self.demoted = 0
        self.spares = 0
        self._growing = False
        self.writable = writable
        self.isolate = isolate
        self.isolated = False
        self.notes: list[str] = []
        self.replaced = 0
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: set[Worker] = set()
        self._pending: set[asyncio.Task[None]] = set()
        self._closed = False

    @staticmethod
    async def probe_spawn_method() -> str:
        """The multiprocessing start method the workers use."""
        return _CONTEXT.get_start_method()

    def _spawn(self) -> Worker:
        parent, child = _CONTEXT.Pipe(duplex=True)
        process = _CONTEXT.Process(
            target=serve_jobs,
            args=(child, self.database, self.writable, self.isolate),
            name="diplograph-query-worker",
            daemon=True,
        )
        process.start()
        child.close()
        if not parent.poll(STARTUP_SECONDS):
            process.kill()
            raise PoolError(f"a query worker did not start within {STARTUP_SECONDS:.0f} s")
        try:
            status, detail = parent.recv()
        except EOFError as error:
            raise PoolError("a query worker died while opening the store") from error
        if status != "ready":
            process.join(5)
            raise PoolError(f"a query worker cannot open the store: {detail}")
        return Worker(process, parent, detail)

    async def start(self) -> None:
        """Start every worker (in parallel) and wait until all have opened the store."""
        workers = await asyncio.gather(
            *(asyncio.to_thread(self._spawn) for _ in range(self.size)), return_exceptions=True
        )
        failures = [w for w in workers if isinstance(w, BaseException)]
        for worker in workers:
            if isinstance(worker, Worker):
                self._all.add(worker)
                self._idle.put_nowait(worker)
        if failures:
            await self.close()
            raise PoolError(str(failures[0])) from failures[0]
        first = next(iter(self._all))
        self.isolated = all(w.state.isolated for w in self._all)
        self.notes = first.state.notes

    async def run(self, job: Job, timeout: float) -> Answer:
        """Run a job on an idle worker within ``timeout`` seconds.

        Raises:
            BusyError: no worker became free within ``timeout``.
            OverrunError: the job ran past ``timeout``; its worker was ended and is being replaced.
        """
        try:
            if self._idle.empty():
                self._grow()
            worker = await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError as error:
            raise BusyError from error
        loop = asyncio.get_running_loop()
        readable: asyncio.Future[None] = loop.create_future()

        def wake() -> None:
            if not readable.done():
                readable.set_result(None)

        fd = worker.conn.fileno()
        healthy = False
        try:
            worker.conn.send(job)
            loop.add_reader(fd, wake)
            try:
                await self._wait(worker, readable, timeout)
            finally:
                loop.remove_reader(fd)
            answer: Answer = worker.conn.recv()
            healthy = not worker.demoted or worker.renice(0)
            worker.demoted = not healthy
            return answer
        except TimeoutError as error:
            raise OverrunError from error
        except (EOFError, OSError) as error:
            log.warning("a query worker died: %s", error)
            return Answer(500, b"the query worker died (out of memory?); try a smaller query")
        finally:
            if healthy and len(self._all) > self.size and not any(w.demoted for w in self._all):
                self._retire(worker)  # the long jobs are over: back to the usual pool size
            elif healthy:
                self._idle.put_nowait(worker)
            else:  # overrun, crash, the client went away mid-query, or stuck at low priority: replace it
                self._replace(worker)

    async def _wait(self, worker: Worker, readable: asyncio.Future[None], timeout: float) -> None:
        """Wait for the answer; once the job has used ``demote_after`` seconds of CPU, lower the
        worker's priority meanwhile.

        CPU time, not wall time: on a busy machine a cheap query waits for the CPU longer than it
        computes, and demoting it would only make it wait longer.
        """
        if self.demote_after is None:
            await asyncio.wait_for(readable, timeout)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        cpu_at_start = worker.cpu_seconds()
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError
            try:
                await asyncio.wait_for(asyncio.shield(readable), min(self.demote_after, remaining))
                return
            except TimeoutError:
                pass
            if worker.demoted:
                continue
            used = worker.cpu_seconds()
            if used is not None and cpu_at_start is not None and used - cpu_at_start < self.demote_after:
                continue
            worker.demoted = worker.renice(DEMOTED_NICE)
            self.demoted += worker.demoted
            if self._idle.empty():
                self._grow()

    def _grow(self) -> None:
        """Start one spare worker when every worker is held by a demoted (long) job.

        Cheap queries then still find a worker instead of waiting, possibly past the time limit,
        behind analytics. At most ``size`` spares; a spare is retired when no long job is left.
        """
        if self.writable or self._closed or self._growing or len(self._all) >= 2 * self.size:
            return
        if not self._all or not all(w.demoted for w in self._all):
            return
        self._growing = True
        self._in_background(self._spare())

    async def _spare(self) -> None:
        try:
            worker = await asyncio.to_thread(self._spawn)
        except PoolError as error:
            log.error("cannot start a spare query worker: %s", error)
            return
        finally:
            self._growing = False
        if self._closed:
            worker.stop()
            return
        self.spares += 1
        self._all.add(worker)
        self._idle.put_nowait(worker)

    def _retire(self, worker: Worker) -> None:
        self._all.discard(worker)
        self._in_background(asyncio.to_thread(worker.stop))

    def _replace(self, worker: Worker) -> None:
        self._all.discard(worker)
        self._in_background(self._respawn(worker))

    def _in_background(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` as a task the pool keeps until it is done (``close`` waits for them)."""
        task = asyncio.get_running_loop().create_task(work)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _respawn(self, old: Worker) -> None:
        started = time.perf_counter()
        await asyncio.to_thread(old.stop)
        if self._closed:
            return
        try:
            worker = await asyncio.to_thread(self._spawn)
        except PoolError as error:
            log.error("cannot replace a query worker: %s", error)
            return
        if self._closed:
            worker.stop()
            return
        self.replaced += 1
        self._all.add(worker)
        self._idle.put_nowait(worker)
        log.info("replaced a query worker in %.2f s", time.perf_counter() - started)

    async def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        for task in list(self._pending):
            with contextlib.suppress(Exception):
                await task
        for worker in list(self._all):
            if self.writable:  # let the writer flush: close its pipe, it exits its loop
                worker.conn.close()
                worker.process.join(10)
            await asyncio.to_thread(worker.stop)
        self._all.clear()
