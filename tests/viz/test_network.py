"""The HTML graph page without a browser: structure, escaping, aggregation, CLI."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.graph.cli import app
from diplograph.graph.store import KnowledgeGraph
from diplograph.viz.network import GraphPage, graph_html, graph_page, write_graph_html


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    return parser


def page_data(page: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert match is not None
    data = json.loads(match.group(1))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("level", ["states", "actors", "events"])
def test_hostile_text_stays_data(hostile_kg: KnowledgeGraph, level: str) -> None:
    page = graph_html(hostile_kg, level=level)  # type: ignore[arg-type]
    tags = parse(page)
    scripts = [attrs for tag, attrs in tags.tags if tag == "script"]
    assert len(scripts) == 3  # the JSON data, vis-network, the page's own script
    assert not [tag for tag, _ in tags.tags if tag in {"img", "a", "iframe", "object", "embed"}]
    assert "window.__pwned" not in page.split('id="graph-data">')[0]
    for raw in ("<script>window.__pwned", "<img src=x", "</script><script>"):
        assert raw not in page
    data = page_data(page)
    text = json.dumps(data)
    assert "window.__pwned = 1" in text  # still there, as data, to be shown as text


def test_page_is_self_contained(hostile_kg: KnowledgeGraph) -> None:
    page = graph_html(hostile_kg)
    tags = parse(page)
    nonce = None
    for tag, attrs in tags.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            policy = attrs["content"] or ""
            assert "default-src 'none'" in policy
            nonce = re.search(r"'nonce-([^']+)'", policy).group(1)  # type: ignore[union-attr]
    assert nonce
    executable = [a for t, a in tags.tags if t == "script" and a.get("type") != "application/json"]
    assert executable and all(a.get("nonce") == nonce for a in executable)
    assert not re.search(r"<link\b", page)


def test_nodes_edges_and_tooltip_data(hostile_kg: KnowledgeGraph) -> None:
    page = graph_page(hostile_kg, level="states")
    data = page_data(page.html)
    nodes = {n["id"]: n for n in data["nodes"]}  # type: ignore[attr-defined]
    assert set(nodes) == {"state/CHN", "state/RUS", "state/IDN", "state/IND", "state/AUS"}
    assert nodes["state/CHN"]["label"] == "China"
    assert len(nodes["state/CHN"]["ev"]) == 3
    events = data["events"]
    meeting = next(e for e in events if e["t"] == "meeting")  # type: ignore[attr-defined]
    assert meeting["n"] == 2
    urls = [u for evidence in meeting["e"] for u in evidence[2]]
    assert urls == ["https://mfa.example/a"]  # javascript: sources are never links
    assert (page.nodes, page.edges, page.events) == (5, 5, 4)
    assert data["years"] == [2020, 2023]


def test_focus_depth_and_window(hostile_kg: KnowledgeGraph) -> None:
    one = graph_page(hostile_kg, focus="AUS", depth=1)
    assert one.nodes == 2
    two = graph_page(hostile_kg, focus="Australia", depth=2)
    assert two.nodes == 3
    events = graph_page(hostile_kg, focus="xi-jinping", level="events")
    assert "Xi Jinping" in events.html and events.level == "events"
    windowed = graph_page(hostile_kg, start=2022, end=2022, types=["forum_summit"])
    assert windowed.nodes == 3 and windowed.events == 1
    with pytest.raises(ValueError, match="no actor"):
        graph_page(hostile_kg, focus="Atlantis")
    with pytest.raises(ValueError, match="level"):
        graph_page(hostile_kg, level="planets")  # type: ignore[arg-type]


def test_budget_aggregates_and_says_so(hostile_kg: KnowledgeGraph) -> None:
    events = graph_page(hostile_kg, level="events", node_budget=6)
    assert events.level == "states" and "aggregated to states" in events.notice
    top = graph_page(hostile_kg, level="states", node_budget=2)
    assert top.nodes == 2 and "2 most active of 5" in top.notice
    assert page_data(top.html)["notice"] == top.notice


def test_notebook_display_and_write(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    page = write_graph_html(hostile_kg, tmp_path / "sub" / "g.html")
    assert isinstance(page, GraphPage)
    assert (tmp_path / "sub" / "g.html").read_text(encoding="utf-8") == page.html
    frame = page._repr_html_()
    assert frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert "<script" not in frame


def test_graph_verb(hostile_store: Path, tmp_path: Path) -> None:
    store = hostile_store
    out = tmp_path / "g.html"
    runner = CliRunner()
    options = ["--focus", "CHN", "--level", "actors", "--from", "2020", "--to", "2022"]
    options += ["--type", "meeting,forum_summit"]
    result = runner.invoke(app, ["graph", "--store", str(store), *options, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "actors level" in result.output and out.exists()
    assert page_data(out.read_text(encoding="utf-8"))["level"] == "actors"
    bad = runner.invoke(app, ["graph", "--store", str(store), "--level", "planets", "-o", str(out)])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["graph", "--store", str(store), "--focus", "Atlantis", "-o", str(out)])
    assert missing.exit_code == 2 and "no actor" in missing.output
