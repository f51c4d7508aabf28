"""The `ingest` and `extract` verbs: exit codes, bad input, the contract, killed batches."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from rdflib import Graph, URIRef
from typer.testing import CliRunner

from diplograph.graph.cli import app
from diplograph.graph.error import StoreError
from diplograph.graph.ingest import DELAY_ENV_VAR, ingest
from diplograph.graph.namespace import DIP
from diplograph.graph.reader import parse_published
from diplograph.graph.store import KnowledgeGraph

runner = CliRunner()

EN_CALL = "Xi and Putin spoke by video link on 4 February 2026, the Kremlin said."


def meeting_article(day: int) -> str:
    return (
        f"Chinese President Xi Jinping held talks with Russian President Vladimir Putin in Moscow on "
        f"{day} March 2025.\n\nThe two leaders discussed trade and energy."
    )


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for day in range(1, count + 1):
        path = folder / f"a{day:02d}.txt"
        path.write_text(meeting_article(day), encoding="utf-8")
        paths.append(path)
    return paths


def article_graphs(kg: KnowledgeGraph) -> list[URIRef]:
    return [g for g in kg.graphs() if "/graph/article/" in str(g)]


def test_ingest_verb_reports_a_summary_and_exit_0_then_unchanged(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    store = str(tmp_path / "kg")
    args = ["ingest", str(tmp_path / "in"), "--published", "2025-03-20", "--store", store]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "ingested" in first.stdout and "│ 3" in first.stdout
    second = runner.invoke(app, args)
    assert second.exit_code == 0
    assert "unchanged (already in the store) │ 3" in second.stdout
    with KnowledgeGraph(store, read_only=True) as kg:
        assert len(article_graphs(kg)) == 3


def test_bad_inputs_are_listed_and_exit_3_while_the_good_article_is_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "01-good.txt").write_text(EN_CALL)
    (folder / "02-empty.txt").write_bytes(b"")
    (folder / "03-binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 20)
    (folder / "04-latin1.txt").write_bytes("Menlu RI bertemu di Pékin.".encode("latin-1"))
    (folder / "05-truncated.html").write_bytes(b"<html><head><title>T</title></head><body><p>")
    with (folder / "06-huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (folder / "07-batch.jsonl").write_text(
        json.dumps({"text": meeting_article(9), "published": "2025-03-20"}) + "\n{oops\n"
    )
    result = runner.invoke(
        app, ["ingest", str(folder), "--published", "2026-02-05", "--store", str(tmp_path / "kg")]
    )
    assert result.exit_code == 3, result.output
    stderr = " ".join(result.stderr.split())  # rich may wrap long lines
    for name, reason in [
        ("02-empty.txt", "empty"),
        ("03-binary.txt", "binary"),
        ("04-latin1.txt", "not UTF-8"),
        ("05-truncated.html", "no article text"),
        ("06-huge.txt", "too large"),
        ("07-batch.jsonl:2", "not JSON"),
    ]:
        assert f"{name}: {reason}" in stderr, (name, stderr)
    assert "01-good.txt" not in stderr
    with KnowledgeGraph(tmp_path / "kg", read_only=True) as kg:
        assert len(article_graphs(kg)) == 2


def test_ingest_verb_options_are_checked(tmp_path: Path) -> None:
    store = str(tmp_path / "kg")
    bad_date = runner.invoke(app, ["ingest", str(tmp_path), "--published", "yesterday", "--store", store])
    assert bad_date.exit_code == 2 and "--published" in bad_date.stderr
    bad_size = runner.invoke(app, ["ingest", str(tmp_path), "--max-size", "0", "--store", store])
    assert bad_size.exit_code == 2


def test_ingest_verb_exits_1_when_the_store_cannot_be_opened(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(EN_CALL)
    not_a_store = tmp_path / "file"
    not_a_store.write_text("x")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--store", str(not_a_store)])
    assert result.exit_code == 1
    assert "not a diplograph store" in " ".join(result.stderr.split())


def test_extract_prints_the_contract_json(tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_text(EN_CALL)
    result = runner.invoke(
        app, ["extract", str(path), "--published", "2026-02-05", "--source", "https://news.test/1"]
    )
    assert result.exit_code == 0, result.output
    contract = json.loads(result.stdout)
    assert contract["article"] == {
        "source": "https://news.test/1",
        "published": "2026-02-05",
        "lang": "en",
        "sha256": hashlib.sha256(EN_CALL.encode()).hexdigest(),
    }
    [event] = contract["events"]
    assert (event["type"], event["date"], event["states"]) == (
        "virtual_meeting",
        "2026-02-04",
        ["CHN", "RUS"],
    )
    assert set(event) >= {"id", "people", "organisations", "place", "refers_to_year", "ordinal", "status",
                          "evidence", "confidence"}  # fmt: skip


def test_extract_turtle_and_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"text": EN_CALL, "published": "2026-02-05"})
        + "\n"
        + json.dumps({"text": meeting_article(3), "published": "2025-03-20", "lang": "en"})
        + "\n"
    )
    as_json = runner.invoke(app, ["extract", str(path)])
    assert as_json.exit_code == 0, as_json.output
    lines = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [c["events"][0]["type"] for c in lines] == ["virtual_meeting", "meeting"]
    as_turtle = runner.invoke(app, ["extract", str(path), "--format", "turtle"])
    assert as_turtle.exit_code == 0
    graph = Graph().parse(data=as_turtle.stdout, format="turtle")
    assert len(set(graph.subjects(predicate=None, object=DIP.Article))) == 2


def test_extract_without_a_date_explains_and_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_text(EN_CALL)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 3
    assert "no publication date" in result.stderr
    assert result.stdout.strip() == ""


def _count_article_graphs(store: Path) -> int:
    try:
        with KnowledgeGraph(store, read_only=True) as kg:
            return len(article_graphs(kg))
    except StoreError:
        return 0


def _start_ingest(folder: Path, store: Path, delay: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, **{DELAY_ENV_VAR: delay})
    command = [sys.executable, "-m", "diplograph", "ingest", str(folder), "--published", "2025-03-20"]
    return subprocess.Popen(
        [*command, "--store", str(store)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _wait_for_graphs(process: subprocess.Popen[bytes], store: Path, count: int) -> None:
    deadline = time.monotonic() + 60
    while _count_article_graphs(store) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "ingest wrote too few articles in 60 s"
        time.sleep(0.1)


def test_a_killed_batch_leaves_whole_articles_and_a_rerun_completes_it(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "in", 30)
    clean: dict[URIRef, int] = {}
    for path in paths:  # a clean single-article ingest of each file, for comparison
        with KnowledgeGraph(":memory:") as single:
            graph = ingest(single, [path], published=parse_published("2025-03-20")).graphs[0]
            clean[graph] = len(single.export("nt", graph).splitlines())
    store = tmp_path / "kg"
    process = _start_ingest(tmp_path / "in", store, "0.3")
    try:
        _wait_for_graphs(process, store, 3)
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate()
    assert process.returncode == -signal.SIGKILL
    with KnowledgeGraph(store) as kg:  # opening for writing also drops any staging graph
        present = article_graphs(kg)
        assert 3 <= len(present) < 30
        for graph in present:
            assert len(kg.export("nt", graph).splitlines()) == clean[graph]
        assert not [g for g in kg.graphs() if "/staging/" in str(g)]
    rerun = runner.invoke(
        app, ["ingest", str(tmp_path / "in"), "--published", "2025-03-20", "--store", str(store)]
    )
    assert rerun.exit_code == 0, rerun.output
    with KnowledgeGraph(store, read_only=True) as kg:
        assert sorted(article_graphs(kg)) == sorted(clean)
        for graph in clean:
            assert len(kg.export("nt", graph).splitlines()) == clean[graph]


def test_ctrl_c_stops_between_articles_with_exit_130(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 30)
    store = tmp_path / "kg"
    process = _start_ingest(tmp_path / "in", store, "0.3")
    try:
        _wait_for_graphs(process, store, 2)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    assert b"interrupted" in stderr and b"run the same command again" in stderr
    with KnowledgeGraph(store, read_only=True) as kg:
        assert 2 <= len(article_graphs(kg)) < 30
