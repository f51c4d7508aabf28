"""Timeline benchmark: ``diplograph.graph.timeline.timeline`` latency against a naive rdflib baseline.

For each size (synthetic events from :mod:`benchmarks.generator`, seed 7) it measures the
median latency over repeated runs of

- **pair**: a bilateral timeline of the pair with about 500 events at that size (found by
  scanning the generated N-Quads once; cached beside the data), and of CHN-RUS (the hot pair);
- **actor**: the timeline of one actor (the less active member of that pair);

for **ours** (``timeline()`` on a :class:`KnowledgeGraph` over an on-disk Oxigraph store,
bulk-loaded then optimised: one query reading the events' dyad index and digests, see
``diplograph.graph.index``, then folding and merging in Python) and for the
**baseline** (rdflib's in-memory ``Dataset`` with ``default_union=True`` and its Python SPARQL
engine running ``benchmarks/queries/timeline_naive_*.rq``, a plain pattern with OPTIONALs that
returns the same events with their sources, folded into rows per event). "Ours" is timed with no
view kept (each run first removes ``<store>/views``: the query, folding, merging and writing the
view); for a pair of states the table also gives the later lookups, which read the view the
first one kept (:mod:`diplograph.graph.timeline.view`; asserted equal). The baseline also runs
our own indexed query (``timeline_pair.rq``/``timeline_actor.rq`` with the digests folded), so the
table shows what the engine brings apart from what the index brings. The baseline runs up to
10^5 events by default (10^6 would need ~40 GB of RAM); ``--baseline-at-1e6`` forces it.

Both sides must find the same events (asserted). Results print as a Markdown table with the
ratio baseline/ours; the target is a median <= 20 ms for the ~500-event pair at 10^6 events.

    python -m benchmarks.timeline_bench --sizes 10000,100000 [--with-1e6] [--runs 7] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
QUERY_DIR = Path(__file__).resolve().parent / "queries"
STATE = "https://w3id.org/diplograph/id/state/"
PARTICIPANT = re.compile(
    rb"^<(https://w3id.org/diplograph/id/event/[^>]+)> <https://w3id.org/diplograph/ontology#participant> "
    rb"<https://w3id.org/diplograph/id/state/([A-Z]{3})>"
)
TARGET_MS = 20.0
MILLION = 1_000_000
#: Why the baseline is not run at 10^6 events: rdflib holds ~5 GB per 10^5 events in memory.
NO_BASELINE = "needs ~34 GB of RAM"


def dataset(workdir: Path, events: int) -> Path:
    """The generated N-Quads for ``events`` (generated once, then reused)."""
    path = workdir / f"events-{events}.nq"
    from benchmarks.generator import ensure

    ensure(path, events, 7)
    return path


def pick_pair(data: Path, target: int = 500) -> dict[str, Any]:
    """The pair of states with the number of shared events nearest ``target`` (cached in a sidecar)."""
    cache = Path(f"{data}.pairs.json")
    if cache.exists():
        return dict(json.loads(cache.read_text()))
    states: dict[bytes, set[bytes]] = {}
    with data.open("rb") as handle:
        for line in handle:
            match = PARTICIPANT.match(line)
            if match:
                states.setdefault(match.group(1), set()).add(match.group(2))
    pairs: Counter[tuple[bytes, bytes]] = Counter()
    actors: Counter[bytes] = Counter()
    for codes in states.values():
        ordered = sorted(codes)
        actors.update(ordered)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs[(a, b)] += 1
    (a, b), n = min(pairs.items(), key=lambda item: (abs(item[1] - target), item[0]))
    rarer = a if actors[a] <= actors[b] else b
    info = {
        "a": a.decode(),
        "b": b.decode(),
        "pair_events": n,
        "actor": rarer.decode(),
        "actor_events": actors[rarer],
        "chn_rus_events": pairs[(b"CHN", b"RUS")],
    }
    cache.write_text(json.dumps(info))
    return info


def our_store(workdir: Path, data: Path, events: int) -> Path:
    """An on-disk store holding ``data`` (bulk-loaded and optimised once, then reused)."""
    from benchmarks.store_bench import chunks
    from diplograph.graph.store import KnowledgeGraph

    location = workdir / f"store-{events}"
    done = location / "loaded"
    if not done.exists():
        started = time.perf_counter()
        with KnowledgeGraph(location) as kg:
            kg.backend.bulk_load(chunks(data), "nq", None)  # type: ignore[attr-defined]
            kg.backend.oxigraph.optimize()  # type: ignore[attr-defined]
        done.write_text(f"{time.perf_counter() - started:.1f}")
    from diplograph.graph import generation

    if generation.current(location) is None:  # a store built before generations: give it one
        KnowledgeGraph(location).close()
    return location


def _median_ms(run, runs: int, budget: float) -> tuple[float, Any, float]:
    """Median wall-clock ms (first run dropped), the last result, and the median CPU ms of this process.

    On a shared machine the wall clock includes waiting for the CPU; the process CPU time
    (the engine evaluates in the calling thread) is the less noisy of the two.
    """
    times: list[float] = []
    cpu: list[float] = []
    result = None
    while len(times) < runs and (len(times) < 2 or sum(times) < budget):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = run()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    kept = slice(1, None) if len(times) > 2 else slice(None)
    return statistics.median(times[kept]) * 1000, result, statistics.median(cpu[kept]) * 1000


def measure_ours(
    location: Path, lookups: dict[str, tuple[str, ...]], runs: int, budget: float
) -> dict[str, Any]:
    """Median latency of ``timeline()`` per lookup, with its row and event counts."""
    from diplograph.graph.generation import VIEWS_DIR
    from diplograph.graph.store import KnowledgeGraph
    from diplograph.graph.timeline import timeline

    views = location / VIEWS_DIR

    def computed(actors: tuple[str, ...]) -> Any:  # no view kept: query, fold, merge, keep
        shutil.rmtree(views, ignore_errors=True)
        return timeline(kg, *actors)

    out: dict[str, Any] = {}
    with KnowledgeGraph(location, read_only=True) as kg:
        timeline(kg, "CHN")  # warm the reference data, gazetteer and label book
        for name, actors in lookups.items():
            ms, rows, cpu = _median_ms(lambda actors=actors: computed(actors), runs, budget)
            events = {e for r in rows for e in r.events if "/event/" in e}
            out[name] = {"ms": ms, "cpu_ms": cpu, "rows": len(rows), "events": events, "kept_ms": None}
            if len(actors) == 2:  # a pair of states: later lookups read the view the first one kept
                kept_ms, kept, _ = _median_ms(lambda actors=actors: timeline(kg, *actors), runs, budget)
                assert kept == rows, f"{name}: the kept view differs from the computed rows"
                out[name]["kept_ms"] = kept_ms
    return out


def measure_baseline(
    data: Path, lookups: dict[str, tuple[str, ...]], runs: int, budget: float
) -> dict[str, Any]:
    """Median latency of the naive rdflib queries (plus folding into rows per event)."""
    from rdflib import Dataset, Literal, URIRef

    started = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(data), format="nquads")
    load_s = time.perf_counter() - started
    out: dict[str, Any] = {"load_s": load_s}
    for name, actors in lookups.items():
        if len(actors) == 2:
            text = (QUERY_DIR / "timeline_naive_pair.rq").read_text()
            binds = {"a": URIRef(STATE + actors[0]), "b": URIRef(STATE + actors[1])}
        else:
            text = (QUERY_DIR / "timeline_naive_actor.rq").read_text()
            binds = {"a": URIRef(STATE + actors[0])}
        binds["lang"] = Literal("en")

        def run(text: str = text, binds: dict[str, Any] = binds) -> dict[str, list[Any]]:
            rows: dict[str, list[Any]] = {}
            for row in ds.query(text, initBindings=binds):
                rows.setdefault(str(row[0]), []).append(tuple(row))
            return rows

        ms, rows, cpu = _median_ms(run, max(1, runs // 2), budget)
        out[name] = {"ms": ms, "cpu_ms": cpu, "rows": len(rows), "events": set(rows)}
        indexed = indexed_query(actors)

        def run_indexed(text: str = indexed) -> list[Any]:
            from diplograph.graph.timeline.record import fold_digests

            return fold_digests([{"event": str(e), "digest": str(d)} for e, d in ds.query(text)])

        ms, records, cpu = _median_ms(run_indexed, max(1, runs // 2), budget)
        out[name].update(indexed_ms=ms, indexed_cpu_ms=cpu, indexed_events={r.iri for r in records})
    return out


def indexed_query(actors: tuple[str, ...]) -> str:
    """The query ``timeline()`` runs (``timeline_pair.rq``/``timeline_actor.rq``, no period),
    for the baseline to run on the same index."""
    from rdflib import XSD, Literal, URIRef

    from diplograph.graph.index import dyad_iri
    from diplograph.graph.store import read_query
    from diplograph.graph.timeline.selection import inline, with_values

    period = {
        "from": Literal("0001-01-01", datatype=XSD.date),
        "to": Literal("9999-12-31", datatype=XSD.date),
    }
    if len(actors) == 2:
        text = inline(read_query("timeline_pair"), period)
        return with_values(text, "dyad", [dyad_iri(STATE + actors[0], STATE + actors[1])])
    return with_values(inline(read_query("timeline_actor"), period), "actor", [URIRef(STATE + actors[0])])


def load() -> str:
    """The load average now (1, 5 and 15 minutes), to be noted next to the timings."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.timeline_bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated event counts")
    parser.add_argument("--with-1e6", action="store_true", help="add 10^6 events (ours only)")
    parser.add_argument("--baseline-at-1e6", action="store_true", help="also run the baseline at 10^6")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per lookup before fewer runs")
    parser.add_argument("--workdir", default="/tmp/diplograph-timeline-bench")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.with_1e6 and MILLION not in sizes:
        sizes.append(MILLION)
    lines = [
        "| events | lookup | events found | ours median (ms) | ours CPU (ms) | ours, view kept (ms) "
        "| baseline median (ms) | baseline CPU (ms) | ratio | baseline, indexed query (ms) | ratio |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    results = []
    print(f"load average {load()} (1, 5, 15 min) at the start", flush=True)
    for size in sizes:
        data = dataset(workdir, size)
        info = pick_pair(data)
        lookups = {
            f"pair {info['a']}-{info['b']}": (info["a"], info["b"]),
            "pair CHN-RUS": ("CHN", "RUS"),
            f"actor {info['actor']}": (info["actor"],),
        }
        ours = measure_ours(our_store(workdir, data, size), lookups, args.runs, args.budget)
        base = None
        if size < MILLION or args.baseline_at_1e6:
            base = measure_baseline(data, lookups, args.runs, args.budget)
        for name in lookups:
            mine = ours[name]
            theirs = base[name] if base else None
            if theirs is not None:
                assert mine["events"] >= theirs["events"] - {""}, f"{name}: ours misses events"
                assert mine["events"] == theirs["indexed_events"], f"{name}: the index queries differ"
            ratio = f"{theirs['ms'] / mine['ms']:.1f}x" if theirs else "n/a"
            kept = "n/a" if mine["kept_ms"] is None else f"{mine['kept_ms']:.1f}"
            found = f"| {size:,} | {name} | {len(mine['events'])} | {mine['ms']:.1f} | {mine['cpu_ms']:.1f} |"
            found += f" {kept} |"
            lines.append(
                f"{found} {theirs['ms']:.0f} | {theirs['cpu_ms']:.0f} | {ratio} | "
                f"{theirs['indexed_ms']:.0f} | {theirs['indexed_ms'] / mine['ms']:.1f}x |"
                if theirs
                else f"{found} not run ({NO_BASELINE}) | n/a | n/a | n/a | n/a |"
            )
            results.append(
                {
                    "events": size,
                    "lookup": name,
                    "found": len(mine["events"]),
                    "ours_ms": mine["ms"],
                    "ours_cpu_ms": mine["cpu_ms"],
                    "ours_kept_view_ms": mine["kept_ms"],
                    "baseline_ms": theirs["ms"] if theirs else None,
                    "baseline_cpu_ms": theirs["cpu_ms"] if theirs else None,
                    "baseline_indexed_ms": theirs["indexed_ms"] if theirs else None,
                }
            )
        print("\n".join(lines[-len(lookups) :]), flush=True)
    print()
    print("\n".join(lines))
    print(f"\nload average {load()} (1, 5, 15 min) at the end; target: ~500-event pair <= {TARGET_MS:.0f} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
