"""Load test of ``diplograph serve``: concurrent clients, a timeline-style query mix, and one
deliberately expensive query running the whole time.

    python -m benchmarks.load_test --events 100000 --clients 8,32 --duration 30
    python -m benchmarks.load_test --against oxigraph      # same load on `oxigraph serve-read-only`
    python -m benchmarks.load_test --baseline              # + rdflib in-memory engine, one client

What it does (loopback only, bounded in time and request count):

1. generates ``--events`` synthetic events with ``benchmarks.generator`` (seed ``--seed``) and
   bulk-loads them into a store directory (both cached in ``--workdir``);
2. starts the endpoint on a free 127.0.0.1 port (``diplograph serve --timeout T``, or with
   ``--against oxigraph`` the Oxigraph server with ``--timeout-s T --union-default-graph``);
3. for each client count, runs that many closed-loop clients (asyncio + aiohttp) for
   ``--duration`` seconds: 90% timeline queries for one of ``--pairs`` (40) state pairs drawn at random
   (by default ``graph/queries/timeline_pair.rq`` with the pair's dyad IRI: the query
   ``diplograph timeline A B --store URL`` sends; ``--timeline-query dyad`` sends
   ``dyad_events.rq``, ``--timeline-query pair`` ``pair_events.rq`` with both states, the
   state with fewer events first unless ``--pair-order alphabetical``), 10% bundled
   example queries (those that answer within the limits on this store); meanwhile ONE extra
   client sends the expensive cross join over and over, each stopped at the time limit;
4. reports throughput, p50/p99 latency per class, and errors (any status but 200 for the mix).

``--baseline`` also times the same pair queries with rdflib's in-memory store and its Python
SPARQL engine (one client, no server): the naive baseline; the report gives the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import httpx

from benchmarks.generator import ensure, is_current
from diplograph.graph.index import dyad_iri
from diplograph.graph.query import example_queries, with_prefixes
from diplograph.graph.querytext import inject_values
from diplograph.graph.store import KnowledgeGraph, read_query
from diplograph.graph.timeline.selection import inline, with_values

STATE = "https://w3id.org/diplograph/id/state/"
STATES = "SELECT ?s WHERE { ?s a <https://w3id.org/diplograph/ontology#State> }"
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
MAX_REQUESTS = 2_000_000  # hard stop per run, whatever the duration
CHUNK = 64 << 20
#: The timeline query of the mix, by --timeline-query.
TIMELINE_QUERY = {"lookup": "timeline_pair", "dyad": "dyad_events", "pair": "pair_events"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def chunks(path: Path) -> Iterator[bytes]:
    """N-Quads in line-aligned chunks of about CHUNK bytes."""
    with path.open("rb") as handle:
        while True:
            block = handle.read(CHUNK)
            if not block:
                return
            block += handle.readline()
            yield block


def prepare_store(workdir: Path, events: int, seed: int) -> tuple[Path, Path]:
    """Generate the N-Quads (cached) and bulk-load them into a store directory (cached)."""
    workdir.mkdir(parents=True, exist_ok=True)
    data = workdir / f"events-{events}-seed{seed}.nq"
    if not is_current(data):
        print(f"generating {events} events ...", flush=True)
    ensure(data, events, seed)
    store = workdir / f"store-{events}-seed{seed}"
    if not (store / "loaded").exists() or (store / "loaded").stat().st_mtime < data.stat().st_mtime:
        shutil.rmtree(store, ignore_errors=True)
        started = time.perf_counter()
        with KnowledgeGraph(store) as kg:
            kg.backend.bulk_load(chunks(data), "nq", None)
            quads = len(kg)
        print(f"loaded {quads} quads in {time.perf_counter() - started:.1f} s", flush=True)
        (store / "loaded").write_text(f"{time.perf_counter() - started:.1f}")
    return data, store


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    query_url: str


def start(
    kind: str,
    store: Path,
    timeout: float,
    workers: int | None,
    max_results: int,
    extra: tuple[str, ...] = (),
) -> Server:
    port = free_port()
    if kind == "diplograph":
        command = [
            sys.executable,
            "-m",
            "diplograph",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
            "--timeout",
            str(timeout),
            "--max-results",
            str(max_results),
        ]
        if workers:
            command += ["--workers", str(workers)]
        command += list(extra)
        url = f"http://127.0.0.1:{port}/sparql"
    else:
        binary = shutil.which("oxigraph")
        if binary is None:
            raise SystemExit("the oxigraph server (PyPI package `oxigraph`) is not installed")
        command = [
            binary,
            "serve-read-only",
            "--location",
            str(store / "oxigraph"),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            str(int(timeout)),
            "--union-default-graph",
        ]
        url = f"http://127.0.0.1:{port}/query"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.post(url, data={"query": "ASK {}"}, timeout=5).status_code == 200:
                return Server(process, url)
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{kind} server did not start")


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(15)
    except subprocess.TimeoutExpired:
        server.process.kill()


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"timeline": [], "examples": []})
    errors: dict[str, int] = field(default_factory=dict)
    #: Failed example queries by name and status ("shared_memberships 504").
    failed_examples: dict[str, int] = field(default_factory=dict)
    expensive: list[tuple[int, float]] = field(default_factory=list)
    requests: int = 0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class Mix:
    """The queries the clients send, each drawn with its weight (``cum``: cumulative weights)."""

    entries: list[tuple[str, str]]
    cum: list[float]
    #: The example's name for each example query text (to say which ones failed).
    names: dict[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)

    def draw(self, rng: random.Random) -> tuple[str, str]:
        return rng.choices(self.entries, cum_weights=self.cum)[0]


def weighted(timeline: list[tuple[str, str]], examples: list[tuple[str, str]], share: float) -> Mix:
    """``share`` of the draws among ``examples``, the rest among ``timeline`` (uniform within each)."""
    if share <= 0 or not examples:
        examples, share = [], 0.0
    weights = [(1 - share) / len(timeline)] * len(timeline) + [share / max(1, len(examples))] * len(examples)
    return Mix([*timeline, *examples], list(itertools.accumulate(weights)))


async def client(url: str, mix: Mix, until: float, tally: Tally, seed: int) -> None:
    """One closed-loop client: draw a query, POST it, wait for the whole answer, repeat.

    aiohttp, not httpx, sends the load: its client spends ~0.5-0.8 ms of CPU per request here
    where httpx's async client spent 1.3-3 ms, and the clients share the server's two cores.
    """
    rng = random.Random(seed)
    headers = {"Accept": "application/sparql-results+json"}
    async with aiohttp.ClientSession(headers=headers, timeout=aiohttp.ClientTimeout(total=60)) as http:
        while time.perf_counter() < until and tally.requests < MAX_REQUESTS:
            kind, text = mix.draw(rng)
            started = time.perf_counter()
            try:
                async with http.post(url, data={"query": text}) as response:
                    await response.read()
                    status = str(response.status)
            except (TimeoutError, aiohttp.ClientError) as error:
                status = type(error).__name__
            elapsed = time.perf_counter() - started
            tally.requests += 1
            if status == "200":
                tally.latencies[kind].append(elapsed)
            else:
                tally.errors[f"{kind} {status}"] = tally.errors.get(f"{kind} {status}", 0) + 1
                if text in mix.names:
                    failed = f"{mix.names[text]} {status}"
                    tally.failed_examples[failed] = tally.failed_examples.get(failed, 0) + 1


async def expensive_client(url: str, until: float, tally: Tally) -> None:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as http:
        while time.perf_counter() < until:
            started = time.perf_counter()
            try:
                async with http.post(url, data={"query": EXPENSIVE}) as response:
                    body = await response.read()
                    status = response.status
                if status == 200 and b"cancelled" in body:
                    status = -200  # Oxigraph: 200 with a body cut by "operation has been cancelled"
            except (TimeoutError, aiohttp.ClientError):
                status = -1
            tally.expensive.append((status, time.perf_counter() - started))


async def run_load(url: str, mix: Mix, clients: int, duration: float) -> tuple[Tally, float]:
    tally = Tally()
    started = time.perf_counter()
    until = started + duration
    tasks = [client(url, mix, until, tally, seed) for seed in range(clients)]
    await asyncio.gather(expensive_client(url, until, tally), *tasks)
    return tally, time.perf_counter() - started


ACTIVITY = (
    "SELECT ?s (COUNT(?e) AS ?n) WHERE { ?e <https://w3id.org/diplograph/ontology#participant> ?s } "
    "GROUP BY ?s"
)


def rarer_first(store: Path, pairs: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Each pair with the state that has fewer events first, as a timeline client that knows
    the states' activity (one count per state, fetched once) binds it: ``pair_events.rq``
    walks the events of ``?a`` and checks ``?b`` on each (Oxigraph keeps no statistics to
    choose the order itself)."""
    with KnowledgeGraph(store, read_only=True) as kg:
        answer = kg.query(ACTIVITY)
        events = {str(s): int(str(n)) for s, n in zip(answer.values("s"), answer.values("n"), strict=True)}
    return [(a, b) if events.get(str(a), 0) <= events.get(str(b), 0) else (b, a) for a, b in pairs]


def sample_pairs(store: Path, count: int, seed: int) -> list[tuple[Any, Any]]:
    """``count`` state pairs drawn at random (seeded): what users of a timeline page ask for.

    The generator skews activity: a handful of pairs (CHN-RUS, CHN-USA, ...) hold thousands of
    events each; those are timed on their own (``--heavy-pairs``), not in the mix.
    """
    from rdflib import URIRef

    with KnowledgeGraph(store, read_only=True) as kg:
        states = sorted(str(s) for s in kg.query(STATES).values("s"))
    rng = random.Random(seed)
    pairs = set()
    while len(pairs) < count:
        a, b = sorted(rng.sample(states, 2))
        pairs.add((a, b))
    return [(URIRef(a), URIRef(b)) for a, b in sorted(pairs)]


def timeline_text(form: str, a: Any, b: Any) -> str:
    """The query a timeline client sends for the pair ``a``, ``b`` (IRIs), written out in full:

    - ``lookup``: ``timeline_pair.rq``, what ``diplograph timeline A B --store URL`` sends to a
      remote store (the pair's dyad, each event's digests; the client folds them into rows);
    - ``dyad``: ``dyad_events.rq`` with the pair's dyad IRI (one row per event, from the store's
      triples);
    - ``pair``: ``pair_events.rq`` with both states (a join of their participant lists).
    """
    if form == "lookup":
        return with_values(inline(read_query("timeline_pair"), {}), "dyad", [dyad_iri(a, b)])
    bindings = {"dyad": dyad_iri(a, b)} if form == "dyad" else {"a": a, "b": b}
    return inject_values(read_query(TIMELINE_QUERY[form]), bindings)


def time_heavy_pairs(store: Path, codes: list[str], form: str = "dyad") -> dict[str, float]:
    """Seconds for the timeline query on the busiest pairs, embedded, one at a time."""
    from rdflib import URIRef

    out = {}
    with KnowledgeGraph(store, read_only=True) as kg:
        for pair in codes:
            a, b = sorted(pair.split("-"))
            started = time.perf_counter()
            rows = len(kg.query(timeline_text(form, URIRef(STATE + a), URIRef(STATE + b))))
            out[f"{a}-{b} ({rows} rows)"] = round(time.perf_counter() - started, 2)
    return out


def parameters(text: str) -> list[str]:
    """The variables a query's header comment names (its documented parameters: "Bind ?a ...")."""
    comments = " ".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    return list(dict.fromkeys(re.findall(r"\?([A-Za-z_]\w*)", comments)))


#: Leaders for the examples whose ?a/?b are people (the synthetic events name leaders in office).
LEADERS = ("xi-jinping", "vladimir-putin")


def example_bindings(name: str, text: str, pair: tuple[Any, Any], event: Any | None) -> dict[str, Any]:
    """Values for an example's documented parameters, the way a researcher runs it: a pair of
    states (or of leaders), one of them as "the state", a year and a day, a period, one event.
    A parameter without a value here stays unbound (as the query's comment allows)."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    from diplograph.graph.namespace import DIP, org_iri, person_iri

    a, b = pair
    if name == "meetings_between_leaders":
        a, b = person_iri(LEADERS[0]), person_iri(LEADERS[1])
    values: dict[str, Any] = {
        "a": a,
        "b": b,
        "state": pair[0],
        "year": Literal(2020, datatype=XSD.integer),
        "day": Literal("2020-06-01", datatype=XSD.date),
        "post": DIP.HeadOfState,
        "org": org_iri("ASEAN"),
        "dyad": dyad_iri(*pair),
        "from": Literal("2000-01-01", datatype=XSD.date),
        "to": Literal("2020-12-31", datatype=XSD.date),
        "lang": Literal("en"),
    }
    if event is not None:
        values["event"] = event
    return {k: values[k] for k in parameters(text) if k in values}


FIRST_EVENT = "SELECT ?e WHERE { ?e <https://w3id.org/diplograph/ontology#dyad> ?dyad } LIMIT 1"


def build_mix(
    url: str,
    store: Path,
    timeout: float,
    share: float = 0.1,
    order: str = "rarer-first",
    form: str = "dyad",
    bound: bool = True,
    pairs_count: int = 40,
) -> tuple[Mix, list[str], list[tuple[Any, Any]]]:
    """The timeline queries (one per sampled pair) and the example queries that answer in time.

    With ``bound`` (default), each example is sent once per pair with its documented parameters
    bound (:func:`example_bindings`, as a VALUES block); otherwise as written, unbound (most then
    read the whole store: "unbound, every pair").
    """
    pairs = sample_pairs(store, pairs_count, 7)
    if order == "rarer-first" and form == "pair":
        pairs = rarer_first(store, pairs)
    timeline = [("timeline", timeline_text(form, a, b)) for a, b in pairs]
    events: list[Any | None] = [None] * len(pairs)
    if bound and share > 0:  # an event of the pair, else any event: "the sources of one event"
        with KnowledgeGraph(store, read_only=True) as kg:
            anyone = kg.query(FIRST_EVENT).values("e")  # ?dyad unbound: any indexed event
            for i, pair in enumerate(pairs):
                found = kg.query(FIRST_EVENT, {"dyad": dyad_iri(*pair)}).values("e") or anyone
                events[i] = found[0] if found else None
    examples: list[tuple[str, str]] = []
    names: dict[str, str] = {}
    skipped: list[str] = []
    for name, text in example_queries().items() if share > 0 else ():
        variants = [
            inject_values(with_prefixes(text), example_bindings(name, text, pair, event))
            if bound
            else with_prefixes(text)
            for pair, event in (zip(pairs, events, strict=True) if bound else [(pairs[0], None)])
        ]
        try:
            answer = httpx.post(
                url,
                data={"query": variants[0]},
                headers={"Accept": "application/sparql-results+json"},
                timeout=timeout + 30,
            )
            ok = answer.status_code == 200 and b"cancelled" not in answer.content
        except httpx.HTTPError:
            ok = False
        if ok:
            examples.extend(("examples", v) for v in variants)
            names.update(dict.fromkeys(variants, name))
        else:
            skipped.append(name)
    mix = weighted(timeline, examples, share)
    mix.names = names
    return mix, skipped, pairs


def baseline(data: Path, pairs: list[tuple[Any, Any]], samples: int, form: str = "dyad") -> dict[str, float]:
    """rdflib in-memory store + its SPARQL engine: the same timeline query, one client."""
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(store="Memory", default_union=True)
    dataset.parse(str(data), format="nquads")
    load = time.perf_counter() - started
    times = []
    for a, b in pairs[:samples]:
        t0 = time.perf_counter()
        list(dataset.query(timeline_text(form, a, b)))
        times.append(time.perf_counter() - t0)
    return {"load_s": load, "p50": statistics.median(times), "max": max(times), "n": len(times)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--clients", default="8,32")
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's per-query time limit")
    parser.add_argument("--workers", type=int, default=None, help="diplograph serve --workers")
    parser.add_argument(
        "--demote-after", type=float, default=None, help="diplograph serve --demote-after (0: never)"
    )
    parser.add_argument(
        "--cache-mb", type=int, default=64, help="diplograph serve --cache-mb (its default, 64; 0: off)"
    )
    parser.add_argument("--max-results", type=int, default=10_000)
    parser.add_argument("--against", choices=["diplograph", "oxigraph"], default="diplograph")
    parser.add_argument(
        "--baseline", action="store_true", help="also time rdflib's engine (slow, ~1.2 GB/M triples)"
    )
    parser.add_argument(
        "--pairs",
        type=int,
        default=40,
        help="state pairs in the mix (each with its timeline and bound examples: more pairs, fewer repeats)",
    )
    parser.add_argument("--examples-share", type=float, default=0.1, help="0 for the timeline mix alone")
    parser.add_argument(
        "--examples",
        choices=("bound", "unbound"),
        default="bound",
        help="bound: each example with its documented parameters bound, once per pair (default); "
        "unbound: as written (whole-store answers)",
    )
    parser.add_argument(
        "--pair-order",
        choices=["rarer-first", "alphabetical"],
        default="rarer-first",
        help="how clients bind ?a/?b of pair_events.rq",
    )
    parser.add_argument(
        "--timeline-query",
        choices=sorted(TIMELINE_QUERY),
        default="lookup",
        help="lookup: timeline_pair.rq (what diplograph's timeline sends to a remote store); "
        "dyad: dyad_events.rq; pair: pair_events.rq (join of both states' events)",
    )
    parser.add_argument("--heavy-pairs", default="CHN-RUS,CHN-USA,IDN-JPN", help="timed alone, embedded")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dgload"))
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here too")
    args = parser.parse_args()

    data, store = prepare_store(args.workdir, args.events, args.seed)
    extra: tuple[str, ...] = ("--cache-mb", str(args.cache_mb))
    if args.demote_after is not None:
        extra += ("--demote-after", str(args.demote_after))
    server = start(
        args.against,
        store,
        args.timeout,
        args.workers,
        args.max_results,
        extra if args.against == "diplograph" else (),
    )
    report: dict[str, Any] = {
        "against": args.against,
        "events": args.events,
        "timeout": args.timeout,
        "cpus": os.cpu_count(),
        "demote_after": args.demote_after,
        "cache_mb": args.cache_mb,
        "pair_order": args.pair_order,
        "timeline_query": TIMELINE_QUERY[args.timeline_query],
        "examples": args.examples,
        "pairs": args.pairs,
        "runs": [],
    }
    try:
        mix, skipped, pairs = build_mix(
            server.query_url,
            store,
            args.timeout,
            args.examples_share,
            args.pair_order,
            args.timeline_query,
            bound=args.examples == "bound",
            pairs_count=args.pairs,
        )
        report["skipped_examples"] = skipped
        print(
            f"{args.against}: {len(pairs)} pairs, {len(mix)} mix entries; examples skipped (over limits): "
            f"{', '.join(skipped) or 'none'}",
            flush=True,
        )
        for clients in (int(c) for c in args.clients.split(",")):
            load_before = os.getloadavg()[0]
            tally, elapsed = asyncio.run(run_load(server.query_url, mix, clients, args.duration))
            done = sum(len(v) for v in tally.latencies.values())
            run = {
                "clients": clients,
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "seconds": round(elapsed, 1),
                "requests": tally.requests,
                "throughput_per_s": round(done / elapsed, 1),
                "errors": tally.errors,
                "failed_examples": tally.failed_examples,
                "expensive": {
                    "sent": len(tally.expensive),
                    "statuses": sorted({s for s, _ in tally.expensive}),
                    "max_s": round(max((t for _, t in tally.expensive), default=0.0), 2),
                },
            }
            for kind, values in tally.latencies.items():
                run[kind] = {
                    "n": len(values),
                    "p50_ms": round(percentile(values, 0.5) * 1000, 1),
                    "p99_ms": round(percentile(values, 0.99) * 1000, 1),
                }
            report["runs"].append(run)
            print(json.dumps(run), flush=True)
    finally:
        stop(server)
    if args.heavy_pairs:
        report["heavy_pairs_s"] = time_heavy_pairs(store, args.heavy_pairs.split(","), args.timeline_query)
        print("heavy pairs, embedded, one at a time:", report["heavy_pairs_s"], flush=True)
    if args.baseline:
        base = baseline(data, pairs, 10, args.timeline_query)
        report["baseline_rdflib"] = base
        ours = report["runs"][0]["timeline"]["p50_ms"] / 1000
        print(
            f"rdflib in-memory baseline: load {base['load_s']:.1f} s, "
            f"pair query p50 {base['p50'] * 1000:.0f} ms "
            f"(one client); endpoint p50 at {report['runs'][0]['clients']} clients: {ours * 1000:.1f} ms; "
            f"ratio {base['p50'] / ours:.1f}x",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
