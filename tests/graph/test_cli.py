"""The core verbs, in-process with CliRunner: demo, add, query, export, validate, stats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from diplograph.graph.cli import app
from diplograph.graph.store import KnowledgeGraph

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_the_verbs() -> None:
    code, out, _ = invoke("--help")
    assert code == 0
    for verb in ("demo", "add", "query", "export", "validate", "stats", "reindex"):
        assert verb in out


@pytest.mark.parametrize("verb", ["demo", "add", "query", "export", "validate", "stats", "reindex"])
def test_every_verb_has_help_with_an_example(verb: str) -> None:
    code, out, _ = invoke(verb, "--help")
    assert code == 0
    assert "Example" in out
    assert "--store" in out


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and out.startswith("diplograph ")


def test_demo_is_idempotent(tmp_path: Path) -> None:
    store = str(tmp_path / "kg")
    code, out, _ = invoke("demo", "--store", store)
    assert code == 0, out
    assert "Demo store ready" in out and "Next, try" in out
    first = next(line for line in out.splitlines() if "total:" in line)
    code, out, _ = invoke("demo", "--store", store)
    second = next(line for line in out.splitlines() if "total:" in line)
    assert code == 0 and first == second


def test_store_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPLOGRAPH_STORE", str(tmp_path / "env-kg"))
    code, _, _ = invoke("demo")
    assert code == 0
    assert (tmp_path / "env-kg" / "diplograph-store.json").exists()


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml", "table"])
def test_query_formats(demo_store: Path, fmt: str) -> None:
    sparql = "SELECT ?code WHERE { ?s dip:alpha3 ?code } ORDER BY ?code LIMIT 3"
    code, out, err = invoke("query", sparql, "--format", fmt, "--store", str(demo_store))
    assert code == 0, err
    assert "AFG" in out
    if fmt == "json":
        assert json.loads(out)["head"]["vars"] == ["code"]
    if fmt == "csv":
        assert out.splitlines()[0] == "code"
    if fmt == "tsv":
        assert out.splitlines()[0] == "?code"


def test_query_from_file_with_bindings(demo_store: Path) -> None:
    code, out, err = invoke(
        "query",
        "-f",
        "graph/queries/head_of_state_on_date.rq",
        "-b",
        "state=id:state/IDN",
        "-b",
        "day=2019-05-01",
        "-b",
        "post=dip:HeadOfState",
        "--format",
        "csv",
        "--store",
        str(demo_store),
    )
    assert code == 0, err
    assert "Joko Widodo" in out


def test_construct_as_turtle(demo_store: Path) -> None:
    sparql = "CONSTRUCT { ?s dip:alpha3 ?c } WHERE { ?s dip:alpha3 ?c } LIMIT 2"
    code, out, _ = invoke("query", sparql, "--format", "turtle", "--store", str(demo_store))
    assert code == 0
    assert len(Graph().parse(data=out, format="turtle")) == 2


def test_ask(demo_store: Path) -> None:
    code, out, _ = invoke(
        "query", "ASK { ?e a dip:TreatySigning }", "--format", "json", "--store", str(demo_store)
    )
    assert code == 0 and json.loads(out)["boolean"] is True


def test_malformed_query_exits_non_zero_with_parser_message(demo_store: Path) -> None:
    code, out, err = invoke("query", "SELEC ?x WHERE {", "--store", str(demo_store))
    assert code == 1
    assert "SPARQL syntax error" in err
    assert "Traceback" not in out + err


def test_query_needs_exactly_one_source(demo_store: Path) -> None:
    code, _, err = invoke("query", "--store", str(demo_store))
    assert code == 2 and "argument or with --file" in err


def test_query_on_missing_store(tmp_path: Path) -> None:
    code, _, err = invoke("query", "ASK {}", "--store", str(tmp_path / "none"))
    assert code == 1 and "no diplograph store" in err


@pytest.mark.parametrize(
    ("fmt", "parse_as"),
    [("ttl", "turtle"), ("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld"), ("nt", "nt")],
)
def test_export_whole_store(demo_store: Path, tmp_path: Path, fmt: str, parse_as: str) -> None:
    target = tmp_path / f"out.{fmt}"
    code, _, err = invoke("export", "--format", fmt, "-o", str(target), "--store", str(demo_store))
    assert code == 0, err
    data = Dataset()
    data.parse(target, format=parse_as)
    assert len(list(data.quads((None, None, None, None)))) > 10_000


def test_export_one_graph(demo_store: Path) -> None:
    code, out, _ = invoke(
        "export", "--format", "ttl", "--graph", "curated/chn-rus", "--store", str(demo_store)
    )
    assert code == 0
    graph = Graph().parse(data=out, format="turtle")
    assert 100 < len(graph) < 2000


def test_export_unknown_graph(demo_store: Path) -> None:
    code, _, err = invoke("export", "--graph", "curated/nope", "--store", str(demo_store))
    assert code == 1 and "no named graph" in err


def test_add_curated_and_errors(tmp_path: Path) -> None:
    store = str(tmp_path / "kg")
    good = tmp_path / "mine.yaml"
    good.write_text(
        "facts:\n  - type: phone_call\n    date: '2024-03-01'\n    states: [IDN, AUS]\n"
        "    label: {en: Call}\n    citation: my notes\n"
    )
    code, out, _ = invoke("add", str(good), "--store", store)
    assert code == 0 and "added 1 facts" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text().replace("IDN", "XYZ"))
    code, _, err = invoke("add", str(good), str(bad), "--store", store)
    assert code == 1
    assert "bad.yaml: fact 1: field states" in err


def test_validate_conforms(demo_store: Path) -> None:
    code, out, _ = invoke("validate", "--store", str(demo_store))
    assert code == 0, out
    assert out.startswith("Conforms")


def test_reindex_rewrites_the_graphs_with_events_and_changes_nothing_else(tmp_path: Path) -> None:
    store = str(tmp_path / "kg")
    assert invoke("demo", "--store", store)[0] == 0
    with KnowledgeGraph(store, read_only=True) as kg:
        before = len(kg)
        graphs = len(kg.graphs())
    code, _, err = invoke("reindex", "--store", store)
    assert code == 0 and "reindexed" in err
    rewritten = int(err.split("reindexed ")[1].split()[0])
    assert 0 < rewritten < graphs  # not the ontology or reference graphs
    with KnowledgeGraph(store, read_only=True) as kg:
        assert len(kg) == before


def test_stats(demo_store: Path) -> None:
    code, out, _ = invoke("stats", "--store", str(demo_store))
    assert code == 0
    assert "State" in out and "triples" in out


def test_export_events_as_csv(demo_store: Path) -> None:
    import csv
    import io

    code, out, err = invoke("export", "--format", "csv", "--store", str(demo_store))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    treaty = [r for r in rows if r["type"] == "treaty_signing" and r["date"] == "2001-07-16"]
    assert treaty and set(treaty[0]["states"].split()) == {"CHN", "RUS"}
    assert int(treaty[0]["sources"]) >= 1
    assert {r["type"] for r in rows} >= {"meeting", "virtual_meeting", "anniversary", "partnership"}
    code, _, err = invoke(
        "export", "--format", "csv", "--graph", "curated/chn-rus", "--store", str(demo_store)
    )
    assert code == 2 and "takes no --graph" in err
