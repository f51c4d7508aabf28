"""Store benchmark: diplograph's on-disk Oxigraph store against a naive rdflib baseline.

For each size (number of synthetic events, see :mod:`benchmarks.generator`) it measures, for

- **ours**: :class:`diplograph.graph.store.KnowledgeGraph` on a temporary directory (pyoxigraph /
  RocksDB on disk), loaded with ``EmbeddedBackend.bulk_load``, queried with
  ``KnowledgeGraph.query(sparql, bindings)`` (bindings become a VALUES block);
- **loader** (reference, not a side of the comparison): Oxigraph's own bulk loader alone, one call
  over the file, into the named graphs only: what our load (named graphs plus the union) is
  measured against;
- **baseline**: an rdflib ``Dataset`` on the in-memory ``Memory`` store (``default_union=True``),
  loaded with ``Dataset.parse(format="nquads")``, queried by rdflib's own Python SPARQL engine
  with ``initBindings``;

bulk load time and triples/s, store size on disk, peak memory, and the median time of three
queries (identical SPARQL text for both sides, in ``benchmarks/queries/``):

(a) ``pair_date_range.rq``: events of CHN and RUS from 2000-01-01 to 2020-12-31, by date;
(b) ``events_per_type_year.rq``: a GROUP BY, events per type per year;
(c) ``event_provenance.rq``: the provenance of one event across the article named graphs;
(d) ``pair_date_range_dyad.rq``: the rows of (a), the events found through the pair's dyad
    (``diplograph.graph.index``: the index the store keeps beside each event) instead of a join.

Each side runs in its own worker process, started by a small measuring process whose only child
it is, which reads ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` after it exits: the peak
memory of each side is its own. Both sides must return the same number of rows (asserted), and
the same rows (compared by a digest).

    python -m benchmarks.store_bench --sizes 1000,10000,100000 [--with-1e6 [--baseline-at-1e6]]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

QUERY_DIR = Path(__file__).resolve().parent / "queries"
REPO = Path(__file__).resolve().parent.parent
QUERIES = {
    "a": ("pair_date_range", "pair + date range"),
    "b": ("events_per_type_year", "GROUP BY type, year"),
    "c": ("event_provenance", "provenance across graphs"),
    "d": ("pair_date_range_dyad", "pair + date range, dyad index"),
}
DEFAULT_SIZES = (1_000, 10_000, 100_000)
MILLION = 1_000_000
CHUNK = 64 << 20  # bytes of N-Quads handed to bulk_load at a time (default of chunks())
TARGET_LOAD_TPS = 200_000
TARGET_PAIR_RATIO = 50


def bindings(query: str, meta: dict[str, Any]) -> dict[str, Any]:
    """The variable bindings of a benchmark query, as rdflib terms."""
    from rdflib import XSD, Literal, URIRef

    from diplograph.graph.namespace import state_iri

    if query == "a":
        return {
            "a": state_iri("CHN"),
            "b": state_iri("RUS"),
            "from": Literal("2000-01-01", datatype=XSD.date),
            "to": Literal("2020-12-31", datatype=XSD.date),
        }
    if query == "c":
        return {"event": URIRef(str(meta["famous_event"]))}
    if query == "d":
        from diplograph.graph.index import dyad_iri

        return {**bindings("a", meta), "dyad": dyad_iri(state_iri("CHN"), state_iri("RUS"))}
    return {}


def read_query(query: str) -> str:
    """The SPARQL text of a benchmark query."""
    return (QUERY_DIR / f"{QUERIES[query][0]}.rq").read_text(encoding="utf-8")


def digest(rows: list[tuple[Any, ...]]) -> str:
    """An order-independent digest of result rows (lexical forms of the terms)."""
    lines = sorted("\t".join("" if v is None else str(v) for v in row) for row in rows)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def disk_usage(path: Path) -> int:
    """Bytes allocated on disk under ``path`` (like ``du``)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(FileNotFoundError):
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
    return total


def chunks(path: Path, size: int = CHUNK):
    """The file in pieces of about ``size`` bytes, each ending at a line end."""
    with path.open("rb") as handle:
        rest = b""
        while True:
            block = handle.read(size)
            if not block:
                break
            block = rest + block
            cut = block.rfind(b"\n") + 1
            if cut == 0:
                rest = block
                continue
            rest = block[cut:]
            yield block[:cut]
        if rest.strip():
            yield rest


def _time_query(run, runs: int, budget: float) -> tuple[list[float], list[tuple[Any, ...]]]:
    """Run ``run()`` up to ``runs`` times (at least once, fewer once ``budget`` seconds are spent)."""
    times: list[float] = []
    rows: list[tuple[Any, ...]] = []
    spent = 0.0
    while len(times) < runs and (not times or spent < budget):
        started = time.perf_counter()
        rows = run()
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        spent += elapsed
    return times, rows


def worker(
    side: str, data: Path, meta: dict[str, Any], runs: int, budget: float, workdir: Path
) -> dict[str, Any]:
    """Load ``data`` into one side and time the queries (runs inside the worker process)."""
    result: dict[str, Any] = {"side": side}
    if side == "ours":
        from diplograph.graph.store import KnowledgeGraph

        tmp = Path(tempfile.mkdtemp(prefix="ours-", dir=workdir))
        location = tmp / "store"
        try:
            kg = KnowledgeGraph(location)
            result["loadavg_before"] = os.getloadavg()
            started, cpu = time.perf_counter(), time.process_time()
            kg.backend.bulk_load(chunks(data), "nq", None)  # flushes at the end
            result["load_s"] = time.perf_counter() - started
            result["load_cpu_s"] = time.process_time() - cpu
            result["loadavg_after"] = os.getloadavg()
            # Each input quad is stored twice: in its named graph and in the union (default graph).
            result["union"] = len(kg)
            # Quads in the named graphs (len(kg) counts the union's distinct triples).
            counted = kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
            result["quads"] = int(counted.rows[0][0])  # type: ignore[arg-type]

            def make(q: str):
                text, binds = read_query(q), bindings(q, meta)
                return lambda: list(kg.query(text, binds).rows)

            for q in QUERIES:
                times, rows = _time_query(make(q), runs, budget)
                result[q] = {
                    "times": times,
                    "median": statistics.median(times),
                    "rows": len(rows),
                    "digest": digest(rows),
                }
            kg.close()
            result["disk_bytes"] = disk_usage(location)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    elif side == "loader":
        # Reference: Oxigraph's own loader, one call over the file (parsed in parallel), into the
        # named graphs only: no union, no diplograph code. What "Oxigraph's bulk loader reaches".
        import pyoxigraph as ox

        tmp = Path(tempfile.mkdtemp(prefix="loader-", dir=workdir))
        try:
            store = ox.Store(str(tmp / "store"))
            started, cpu = time.perf_counter(), time.process_time()
            store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
            store.flush()
            result["load_s"] = time.perf_counter() - started
            result["load_cpu_s"] = time.process_time() - cpu
            result["quads"] = meta["quads"]
            del store
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    elif side == "baseline":
        from rdflib import Dataset

        dataset = Dataset(store="Memory", default_union=True)
        started = time.perf_counter()
        dataset.parse(str(data), format="nquads")
        result["load_s"] = time.perf_counter() - started
        result["quads"] = sum(1 for _ in dataset.quads((None, None, None, None)))
        result["union"] = 0  # rdflib's default_union is a view, nothing stored
        result["disk_bytes"] = None  # in memory only

        def make(q: str):
            text, binds = read_query(q), bindings(q, meta)
            return lambda: [tuple(row) for row in dataset.query(text, initBindings=binds)]

        for q in QUERIES:
            times, rows = _time_query(make(q), runs, budget)
            result[q] = {
                "times": times,
                "median": statistics.median(times),
                "rows": len(rows),
                "digest": digest(rows),
            }
    else:
        raise ValueError(f"unknown side {side!r}")
    result["self_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return result


def measure(cmd: list[str], out: Path, timeout: float | None) -> None:
    """Run ``cmd`` as this process's only child; record its peak RSS and exit status in ``out``."""
    status: dict[str, Any] = {}
    try:
        proc = subprocess.run(cmd, timeout=timeout, check=False)
        status["returncode"] = proc.returncode
    except subprocess.TimeoutExpired:
        status["returncode"] = None
        status["timeout"] = True
    status["maxrss_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out.write_text(json.dumps(status))


def run_side(
    side: str, data: Path, runs: int, budget: float, workdir: Path, timeout: float | None
) -> dict[str, Any]:
    """Run one side in a fresh worker under a fresh measuring process; its results with peak RSS."""
    tag = f"{side}-{os.getpid()}-{time.monotonic_ns()}"
    result_file = workdir / f"{tag}.result.json"
    status_file = workdir / f"{tag}.status.json"
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.store_bench",
        "--worker",
        side,
        "--data",
        str(data),
        "--runs",
        str(runs),
        "--budget",
        str(budget),
        "--workdir",
        str(workdir),
        "--out",
        str(result_file),
    ]
    measurer = [sys.executable, "-m", "benchmarks.store_bench", "--measure", str(status_file)]
    if timeout is not None:
        measurer += ["--timeout", str(timeout)]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    subprocess.run([*measurer, "--", *cmd], check=True, cwd=REPO, env=env)
    status = json.loads(status_file.read_text())
    status_file.unlink()
    if status.get("timeout"):
        return {"side": side, "timeout": timeout, "peak_rss_mb": status["maxrss_kb"] / 1024}
    if status["returncode"] != 0 or not result_file.exists():
        raise RuntimeError(f"the {side} worker failed (exit status {status['returncode']})")
    result = json.loads(result_file.read_text())
    result_file.unlink()
    result["peak_rss_mb"] = status["maxrss_kb"] / 1024
    result["load_tps"] = result["quads"] / result["load_s"] if result["load_s"] else None
    stored = result["quads"] + result.get("union", 0)
    result["stored_qps"] = stored / result["load_s"] if result["load_s"] else None
    return result


def ensure_data(events: int, seed: int, workdir: Path, log: bool = True) -> tuple[Path, dict[str, Any]]:
    """The N-Quads file for ``events`` events, generated unless a matching one is in ``workdir``."""
    from benchmarks.generator import ensure, is_current

    path = workdir / f"ev-{events}-s{seed}.nq"
    if log and not is_current(path):
        print(f"generating {events:,} events -> {path}", file=sys.stderr)
    return path, ensure(path, events, seed)


def bench(
    sizes: list[int],
    *,
    seed: int = 7,
    runs: int = 5,
    budget: float = 60.0,
    workdir: Path | None = None,
    baseline_at_1e6: bool = False,
    baseline_timeout: float | None = None,
    loader_reference: bool = True,
    log: bool = True,
) -> list[dict[str, Any]]:
    """Benchmark both sides at each size; returns one record per size."""
    workdir = Path(workdir or Path(tempfile.gettempdir()) / "dgbench")
    workdir.mkdir(parents=True, exist_ok=True)
    records = []
    for events in sizes:
        data, meta = ensure_data(events, seed, workdir, log)
        if log:
            print(f"[{events:,} events, {meta['quads']:,} quads] ours ...", file=sys.stderr)
        ours = run_side("ours", data, runs, budget, workdir, None)
        if loader_reference:
            if log:
                print(f"[{events:,} events] Oxigraph's loader alone ...", file=sys.stderr)
            ours["loader"] = run_side("loader", data, runs, budget, workdir, None)
        baseline: dict[str, Any] | None = None
        if events < MILLION or baseline_at_1e6:
            if log:
                print(f"[{events:,} events] baseline (rdflib) ...", file=sys.stderr)
            baseline = run_side("baseline", data, runs, budget, workdir, baseline_timeout)
        record = {"events": events, "meta": meta, "ours": ours, "baseline": baseline}
        if baseline is not None and not baseline.get("timeout"):
            for q in QUERIES:
                assert ours[q]["rows"] == baseline[q]["rows"], (
                    f"query {q} at {events} events: ours {ours[q]['rows']} rows, "
                    f"baseline {baseline[q]['rows']}"
                )
                record.setdefault("same_rows", {})[q] = ours[q]["digest"] == baseline[q]["digest"]
            assert ours["quads"] == baseline["quads"] == meta["quads"], "quad counts differ"
        records.append(record)
        if log:
            print(markdown([record]), file=sys.stderr)
    return records


def _fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def _ratio(base: float | None, ours: float | None) -> str:
    if base is None or not ours:
        return "n/a"
    return f"{base / ours:,.1f}x"


def markdown(records: list[dict[str, Any]]) -> str:
    """The results as a markdown table: ours, baseline and the ratio baseline / ours."""
    lines = [
        "| events | quads | measure | ours (Oxigraph on disk) | baseline (rdflib Memory) | baseline / ours |",
        "|---:|---:|---|---:|---:|---:|",
    ]
    for record in records:
        ours, base = record["ours"], record["baseline"]
        missing = "n/a" if base is None else ("timeout" if base.get("timeout") else None)
        head = f"| {record['events']:,} | {record['meta']['quads']:,} "
        rows: list[tuple[str, str, str, str]] = []

        def get(key: str, base: dict[str, Any] | None = base, missing: str | None = missing) -> Any:
            return None if missing or base is None else base.get(key)

        rows.append(
            (
                "bulk load",
                _fmt_s(ours["load_s"]),
                missing or _fmt_s(get("load_s")),
                _ratio(get("load_s"), ours["load_s"]),
            )
        )
        rows.append(
            (
                "load: input quads/s",
                f"{ours['load_tps']:,.0f}",
                missing or f"{get('load_tps'):,.0f}",
                _ratio(ours["load_tps"], get("load_tps")),
            )
        )
        if ours.get("stored_qps"):
            rows.append(
                (
                    "load: stored quads/s (ours: named graphs + union)",
                    f"{ours['stored_qps']:,.0f}",
                    missing or f"{get('stored_qps'):,.0f}",
                    _ratio(ours["stored_qps"], get("stored_qps")),
                )
            )
        loader = ours.get("loader")
        if loader:
            rows.append(
                (
                    "load: Oxigraph's loader alone, named graphs only, one call (reference)",
                    f"{loader['load_tps']:,.0f} quads/s ({_fmt_s(loader['load_s'])})",
                    "",
                    f"ours = {ours['load_tps'] / loader['load_tps']:.2f} of it",
                )
            )
        rows.append(("size on disk", f"{ours['disk_bytes'] / 2**20:,.1f} MB", missing or "(in memory)", ""))
        peak = base.get("peak_rss_mb") if base else None
        rows.append(
            (
                "peak RSS",
                f"{ours['peak_rss_mb']:,.0f} MB",
                "n/a" if peak is None else f"{peak:,.0f} MB" + (" (killed)" if missing else ""),
                "n/a" if peak is None or missing else _ratio(peak, ours["peak_rss_mb"]),
            )
        )
        for q, (_name, title) in QUERIES.items():
            o = ours[q]
            b = get(q)
            same = record.get("same_rows", {}).get(q)
            rows_note = f"{o['rows']:,} rows" + (
                "" if b is None else (", same rows" if same else ", ROWS DIFFER")
            )
            rows.append(
                (
                    f"({q}) {title}: median ({rows_note})",
                    f"{_fmt_s(o['median'])} ×{len(o['times'])}",
                    missing or f"{_fmt_s(b['median'])} ×{len(b['times'])}",
                    _ratio(b["median"] if b else None, o["median"]),
                )
            )
        for i, (measure_name, o_text, b_text, ratio) in enumerate(rows):
            lead = head if i == 0 else "| | "
            lines.append(f"{lead}| {measure_name} | {o_text} | {b_text} | {ratio} |")
    return "\n".join(lines)


def targets(records: list[dict[str, Any]]) -> list[str]:
    """The two targets, met or missed, with the numbers."""
    out = []
    by_size = {r["events"]: r for r in records}
    if MILLION in by_size:
        ours = by_size[MILLION]["ours"]
        tps = ours["load_tps"]
        verdict = "met" if tps >= TARGET_LOAD_TPS else "MISSED"
        out.append(
            f"- bulk load at 10^6 events: {tps:,.0f} input quads/s, {ours.get('stored_qps') or 0:,.0f} "
            f"stored quads/s (target >= {TARGET_LOAD_TPS:,} triples/s): {verdict}"
        )
        if ours.get("loader"):
            out.append(
                f"  (Oxigraph's loader alone on the same quads, named graphs only: "
                f"{ours['loader']['load_tps']:,.0f} quads/s)"
            )
    else:
        out.append("- bulk load at 10^6 events: not measured (run with --with-1e6)")
    record = by_size.get(100_000)
    if record and record["baseline"] and not record["baseline"].get("timeout"):
        for q in ("a", "d"):
            ratio = record["baseline"][q]["median"] / record["ours"][q]["median"]
            verdict = "met" if ratio >= TARGET_PAIR_RATIO else "MISSED"
            out.append(
                f"- {QUERIES[q][1]} at 10^5 events: {ratio:,.1f}x faster than the baseline running the "
                f"same query (ours {record['ours'][q]['median'] * 1000:.1f} ms; target >= "
                f"{TARGET_PAIR_RATIO}x): {verdict}"
            )
    else:
        out.append("- pair + date range at 10^5 events: not measured (needs 100000 in --sizes)")
    return out


def machine() -> str:
    """One line about the machine and library versions."""
    import platform

    import pyoxigraph
    import rdflib

    return (
        f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), Python {platform.python_version()}, "
        f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}, {platform.platform()}"
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--measure":
        # python -m benchmarks.store_bench --measure STATUS [--timeout S] -- CMD...
        split = argv.index("--")
        opts, cmd = argv[1:split], argv[split + 1 :]
        timeout = float(opts[opts.index("--timeout") + 1]) if "--timeout" in opts else None
        measure(cmd, Path(opts[0]), timeout)
        return 0
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.store_bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated numbers of events (default 1000,10000,100000)",
    )
    parser.add_argument("--with-1e6", action="store_true", help="also run at 1,000,000 events")
    parser.add_argument(
        "--baseline-at-1e6",
        action="store_true",
        help="run the rdflib baseline at 10^6 events too (minutes, tens of GB)",
    )
    parser.add_argument(
        "--baseline-timeout",
        type=float,
        default=None,
        help="kill a baseline worker after this many seconds (reported as timeout)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5, help="query runs per median (default 5)")
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        help="stop repeating a query once it has taken this many seconds (default 60)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "dgbench",
        help="where generated data (kept for reuse) and temporary stores go",
    )
    parser.add_argument(
        "--no-loader-reference",
        action="store_true",
        help="skip timing Oxigraph's own loader alone on the same file (the reference row)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    # Internal: one side in a worker process.
    parser.add_argument("--worker", choices=("ours", "loader", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        meta = json.loads(Path(f"{args.data}.json").read_text())
        result = worker(args.worker, args.data, meta, args.runs, args.budget, args.workdir)
        args.out.write_text(json.dumps(result))
        return 0
    sizes = [int(float(s)) for s in args.sizes.split(",") if s.strip()]
    if args.with_1e6 and MILLION not in sizes:
        sizes.append(MILLION)
    records = bench(
        sizes,
        seed=args.seed,
        runs=args.runs,
        budget=args.budget,
        workdir=args.workdir,
        baseline_at_1e6=args.baseline_at_1e6,
        baseline_timeout=args.baseline_timeout,
        loader_reference=not args.no_loader_reference,
    )
    print(f"## Store benchmark, {dt.date.today().isoformat()}\n\n{machine()}\n")
    for record in records:
        ours = record["ours"]
        if "loadavg_before" in ours:
            before, after = ours["loadavg_before"][0], ours["loadavg_after"][0]
            print(
                f"- {record['events']:,} events: load average {before:.1f} before / {after:.1f} after "
                f"our bulk load; its CPU time {ours['load_cpu_s']:.1f} s for {ours['load_s']:.1f} s wall"
            )
    print()
    print(markdown(records))
    print("\nTargets:\n" + "\n".join(targets(records)))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"machine": machine(), "date": dt.date.today().isoformat(), "records": records}, indent=2
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
