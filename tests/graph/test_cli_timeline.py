"""The timeline, anniversaries, whois and forums verbs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from diplograph.graph.cli import app
from diplograph.graph.store import KnowledgeGraph
from diplograph.graph.timeline import timeline

runner = CliRunner()


def _run(*args: str) -> object:
    return runner.invoke(app, list(args))


def test_json_gives_the_library_rows(demo_store: Path) -> None:
    result = _run("timeline", "CHN", "RUS", "--format", "json", "--store", str(demo_store))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    with KnowledgeGraph(demo_store, read_only=True) as kg:
        rows = timeline(kg, "CHN", "RUS")
    assert data == [r.to_dict() for r in rows]
    dates = [(r["date"], r["type"]) for r in data]
    assert ("1996-04", "partnership") in dates and ("2001-07-16", "treaty_signing") in dates
    treaty = data[dates.index(("2001-07-16", "treaty_signing"))]
    assert treaty["sources"] and treaty["precision"] == "day"


def test_table_and_filters(demo_store: Path) -> None:
    result = _run(
        "timeline",
        "Tiongkok",
        "Rusia",
        "--from",
        "2001",
        "--to",
        "2001",
        "--type",
        "treaty_signing",
        "--lang",
        "id",
        "--store",
        str(demo_store),
    )
    assert result.exit_code == 0, result.output
    assert "2001-07-16" in result.stdout and "Bertetangga" in result.stdout
    assert "1996" not in result.stdout


def test_csv_ics_md_html(demo_store: Path, tmp_path: Path) -> None:
    base = ["timeline", "CHN", "RUS", "--from", "1996", "--to", "2001", "--store", str(demo_store)]
    out = _run(*base, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {"1996-04", "2001-07-16"} <= {r["date"] for r in rows}
    ics = _run(*base, "--format", "ics").stdout
    assert ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VEVENT") == len(rows)
    assert "DTSTART;VALUE=DATE:19960401" in ics and "month known" in ics.replace("\r\n ", "")
    md = _run(*base, "--format", "md").stdout
    assert md.count("\n| 19") + md.count("\n| 20") == len(rows)
    page = tmp_path / "t.html"
    result = _run(*base, "--format", "html", "-o", str(page))
    assert result.exit_code == 0 and page.read_text(encoding="utf-8").count('class="milestone"') == len(rows)


def test_anniversaries_verb(demo_store: Path) -> None:
    result = _run(
        "anniversaries", "--year", "2026", "CHN", "RUS", "--format", "json", "--store", str(demo_store)
    )
    assert result.exit_code == 0, result.output
    found = {(a["years"], a["milestone"]["type"], a["date"]) for a in json.loads(result.stdout)}
    assert (25, "treaty_signing", "2026-07-16") in found and (30, "partnership", "2026-04") in found
    table = _run("anniversaries", "--year", "2026", "CHN", "RUS", "--store", str(demo_store))
    assert "25 years" in table.stdout


def test_whois_and_forums(demo_store: Path) -> None:
    result = _run(
        "whois", "--post", "head_of_state", "--state", "IDN", "--on", "2019-05-01", "--store", str(demo_store)
    )
    assert result.exit_code == 0 and "Joko Widodo" in result.stdout
    forums = _run(
        "forums", "CHN", "RUS", "--on", "2026-01-01", "--format", "json", "--store", str(demo_store)
    )
    assert "SCO" in {f["organisation"]["id"] for f in json.loads(forums.stdout)}


def test_unknown_ambiguous_and_bad_options(demo_store: Path) -> None:
    unknown = _run("timeline", "} UNION { ?s ?p ?o }", "RUS", "--format", "json", "--store", str(demo_store))
    assert unknown.exit_code == 0 and json.loads(unknown.stdout) == []
    assert "no state, leader or organisation" in unknown.stderr
    ambiguous = _run("timeline", "Bush", "--store", str(demo_store))
    assert (
        ambiguous.exit_code == 2 and "ambiguous" in ambiguous.stderr and "George W. Bush" in ambiguous.stderr
    )
    assert _run("timeline", "CHN", "--format", "pdf", "--store", str(demo_store)).exit_code == 2
    assert _run("timeline", "CHN", "--type", "picnic", "--store", str(demo_store)).exit_code == 2
    assert _run("whois", "--post", "king", "--state", "IDN", "--store", str(demo_store)).exit_code == 2
