"""Graph page benchmark: projection read, page size and time to a stable layout in headless Chromium.

For each size (synthetic events from :mod:`benchmarks.generator`, seed 7, loaded into an on-disk
store with ``bulk_load``) it measures

- **projection read** (the events and evidence queries of :func:`read_projection`): ours
  (Oxigraph through ``KnowledgeGraph.query``) against the naive baseline (the same ``.rq`` text
  on an in-memory rdflib ``Dataset`` with rdflib's Python SPARQL engine), and their ratio;
- for the ``states`` page and the ``actors`` page: generation time (projection, layout, HTML),
  HTML size, nodes and links, and in headless Chromium (offline, opened from disk) the time from
  navigation start to a stable layout (``window.diplograph.stableAt``: physics stopped after
  stabilisation, or the first frame with positions fixed by networkx), plus wall-clock time from
  asking Chromium to open the file to that moment.

Target: the 10^4-event page is interactive (stable) within 3 s.

    python -m benchmarks.viz_bench --sizes 100,1000,10000 [--append-readme]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.store_bench import chunks

REPO = Path(__file__).resolve().parent.parent
TARGET_STABLE_S = 3.0
BASELINE_BUDGET_S = 300.0
BASELINE_MEMORY = 4 << 30


def generate(events: int, seed: int, workdir: Path) -> Path:
    """Synthetic N-Quads for ``events`` events (reference graph included)."""
    from benchmarks.generator import ensure

    out = workdir / f"events-{events}-{seed}.nq"
    ensure(out, events, seed)
    return out


def time_ours(kg: Any, runs: int = 3) -> tuple[float, int]:
    """Median seconds of the two projection queries on Oxigraph, and rows returned."""
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(kg.query_named("projection_events")) + len(kg.query_named("projection_evidence"))
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def baseline_worker(data: Path) -> None:
    """Run the two queries on rdflib's in-memory Dataset and print seconds and rows as JSON."""
    from rdflib import Dataset

    from diplograph.graph.store import read_query

    dataset = Dataset(default_union=True)
    dataset.parse(str(data), format="nquads")
    started = time.perf_counter()
    rows = sum(len(list(dataset.query(read_query(n)))) for n in ("projection_events", "projection_evidence"))
    print(json.dumps({"seconds": time.perf_counter() - started, "rows": rows}))


def time_baseline(data: Path) -> tuple[float | None, int, str]:
    """The baseline in a child process capped at BASELINE_MEMORY bytes and BASELINE_BUDGET_S seconds."""
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (BASELINE_MEMORY, BASELINE_MEMORY))

    try:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.viz_bench", "--baseline-worker", str(data)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=BASELINE_BUDGET_S,
            preexec_fn=cap,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, 0, f"> {BASELINE_BUDGET_S:.0f} s"
    if done.returncode != 0:
        return None, 0, "out of memory" if "MemoryError" in done.stderr else f"failed ({done.returncode})"
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return float(answer["seconds"]), int(answer["rows"]), ""


def bench(events: int, seed: int, workdir: Path, baseline: bool) -> dict[str, Any]:
    from diplograph.graph.store import KnowledgeGraph
    from diplograph.viz.browser import Browser
    from diplograph.viz.network import graph_page

    data = generate(events, seed, workdir)
    record: dict[str, Any] = {"events": events, "pages": []}
    store = workdir / f"store-{events}"
    with KnowledgeGraph(store) as kg:
        kg.backend.bulk_load(chunks(data), "nq", None)  # type: ignore[attr-defined]
    with KnowledgeGraph(store, read_only=True) as kg:
        record["ours_s"], record["rows"] = time_ours(kg)
        if baseline:
            record["baseline_s"], baseline_rows, record["baseline_note"] = time_baseline(data)
            if record["baseline_s"] is not None:
                assert baseline_rows == record["rows"], (baseline_rows, record["rows"])
        for level in ("states", "actors"):
            started = time.perf_counter()
            page = graph_page(kg, level=level)  # type: ignore[arg-type]
            generation = time.perf_counter() - started
            path = workdir / f"{level}-{events}.html"
            page.save(path)
            record["pages"].append(
                {
                    "level": page.level,
                    "nodes": page.nodes,
                    "edges": page.edges,
                    "bytes": len(page.html.encode()),
                    "generate_s": generation,
                    "path": str(path),
                    "notice": page.notice,
                }
            )
    with Browser(offline=True) as browser:
        for entry in record["pages"]:
            stable, wall = [], []
            for _ in range(3):
                started = time.perf_counter()
                browser.page.open(entry["path"], timeout=120)
                ready = "window.diplograph && window.diplograph.stable"
                browser.page.wait_for(ready, timeout=120, interval=0.02)
                wall.append(time.perf_counter() - started)
                stable.append(browser.page.evaluate("window.diplograph.stableAt") / 1000)
            browser.page.drain()
            entry["stable_s"] = statistics.median(stable)
            entry["wall_s"] = statistics.median(wall)
            entry["requests"] = [u for u in browser.page.requests if not u.startswith(("file:", "data:"))]
            entry["console_errors"] = list(browser.page.console_errors)
            browser.page.console_errors.clear()
    return record


def markdown(records: list[dict[str, Any]]) -> str:
    lines = [
        "| events | page | nodes | links | HTML | generate | stable in Chromium | open→stable (wall) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for record in records:
        for page in record["pages"]:
            lines.append(
                f"| {record['events']:,} | {page['level']} | {page['nodes']:,} | {page['edges']:,} | "
                f"{page['bytes'] / 1e6:.2f} MB | {page['generate_s']:.2f} s | {page['stable_s']:.2f} s | "
                f"{page['wall_s']:.2f} s |"
            )
    lines += [
        "",
        "| events | projection read, ours (Oxigraph) | baseline (rdflib Memory + Python SPARQL) | ratio |",
        "|---:|---:|---:|---:|",
    ]
    for record in records:
        base = record.get("baseline_s")
        ratio = f"{base / record['ours_s']:.0f}x" if base else "n/a"
        shown = f"{base:.2f} s" if base else (record.get("baseline_note") or "not run")
        lines.append(f"| {record['events']:,} | {record['ours_s']:.3f} s | {shown} | {ratio} |")
    return "\n".join(lines)


def verdict(records: list[dict[str, Any]]) -> list[str]:
    out = []
    for record in records:
        if record["events"] == 10_000:
            worst = max(p["stable_s"] for p in record["pages"])
            ok = "met" if worst <= TARGET_STABLE_S else "MISSED"
            out.append(
                f"Target (10^4-event page interactive within {TARGET_STABLE_S:.0f} s): {ok}, "
                f"slowest page stable at {worst:.2f} s."
            )
        for page in record["pages"]:
            if page["requests"] or page["console_errors"]:
                out.append(
                    f"{record['events']} {page['level']}: requests {page['requests']}, "
                    f"errors {page['console_errors']}"
                )
    return out


def append_readme(records: list[dict[str, Any]], sizes: str) -> None:
    """Append the results as a section of benchmarks/README.md (owned by the store benchmark: append only)."""
    table = markdown(records)
    notes = verdict(records)
    cpu = platform.processor() or platform.machine()
    section = (
        "\n\n## Graph pages (viz_bench)\n\n"
        f"`python -m benchmarks.viz_bench --sizes {sizes}` on {cpu}, Python "
        f"{platform.python_version()}, headless Chromium offline, viewport 1400x900, "
        f"{time.strftime('%Y-%m-%d')}. Synthetic events (seed 7) from `benchmarks/generator.py`. "
        "*Stable* is the time from navigation start until the layout has settled (physics stopped, or "
        "the first frame when positions are fixed by networkx above 250 nodes), median of 3 loads; "
        "*generate* is projection + layout + HTML in "
        "Python. The projection read is the two queries behind every page.\n\n"
        + table
        + "\n\n"
        + "\n".join(f"- {n}" for n in notes)
        + "\n"
    )
    with (REPO / "benchmarks" / "README.md").open("a", encoding="utf-8") as handle:
        handle.write(section)


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--append-readme", action="store_true", help="append results to benchmarks/README.md")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    parser.add_argument("--baseline-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.baseline_worker:
        baseline_worker(args.baseline_worker)
        return 0
    records = []
    with tempfile.TemporaryDirectory(prefix="viz-bench-") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"{size} events...", file=sys.stderr, flush=True)
            records.append(bench(size, args.seed, Path(tmp), not args.no_baseline))
    table = markdown(records)
    notes = verdict(records)
    print(table)
    print("\n".join(notes))
    if args.json:
        args.json.write_text(json.dumps(records, indent=2), encoding="utf-8")
    if args.append_readme:
        append_readme(records, args.sizes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
