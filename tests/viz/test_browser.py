"""The graph page in real headless Chromium, opened from disk with the network cut off.

Chromium is driven over the DevTools protocol (:mod:`diplograph.viz.browser`, no extra
packages). Skipped, with the reason, when no Chromium is installed.
"""

from __future__ import annotations

import struct
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.graph.store import KnowledgeGraph
from diplograph.viz.browser import Browser, Page, find_chromium
from diplograph.viz.network import write_graph_html

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None, reason="no Chromium on PATH (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser(offline=True) as running:
        yield running


def open_page(browser: Browser, path: Path) -> Page:
    page = browser.page
    page.drain()
    page.requests.clear()
    page.console_errors.clear()
    page.open(path)
    page.wait_for("window.diplograph !== undefined && window.diplograph.stable === true", timeout=60)
    return page


def external_requests(page: Page) -> list[str]:
    page.drain()
    return [url for url in page.requests if not url.startswith(("file:", "data:", "about:"))]


def inked_pixels(page: Page) -> int:
    """Pixels of the network canvas that are not blank (transparent or white)."""
    return int(
        page.evaluate("""(() => {
        const canvas = document.querySelector('#network canvas');
        const ctx = canvas.getContext('2d');
        const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 0; i < px.length; i += 4) {
            if (px[i + 3] > 0 && (px[i] < 240 || px[i + 1] < 240 || px[i + 2] < 240)) inked++;
        }
        return inked;
    })()""")
    )


def drawn(page: Page, at_least: int, within: float = 15.0) -> int:
    """Inked pixels once the canvas shows more than ``at_least`` (or ``within`` seconds passed):
    on a loaded machine the first frame may come after the page reports it is ready."""
    deadline = time.monotonic() + within
    while True:
        inked = inked_pixels(page)
        if inked > at_least or time.monotonic() > deadline:
            return inked
        time.sleep(0.1)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def states_page(hostile_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "states.html"
    with KnowledgeGraph(hostile_store, read_only=True) as kg:
        write_graph_html(kg, path, level="states")
    return path


def test_graph_draws_offline_without_errors(browser: Browser, states_page: Path) -> None:
    page = open_page(browser, states_page)
    assert page.evaluate("window.network.body.data.nodes.getIds().length") == 5
    assert page.evaluate("window.network.body.data.edges.getIds().length") == 5
    assert drawn(page, 2000) > 2000
    assert page.evaluate("performance.getEntriesByType('resource').length") == 0
    assert external_requests(page) == []
    assert page.console_errors == []
    legend = page.evaluate("[...document.querySelectorAll('#legend-types input')].map(b => b.dataset.filter)")
    assert legend == ["type:meeting", "type:phone_call", "type:state_visit", "type:forum_summit"]


def test_search_focuses_and_highlights(browser: Browser, states_page: Path) -> None:
    page = open_page(browser, states_page)
    page.evaluate("""(() => { const box = document.getElementById('search'); box.value = 'russ';
        box.dispatchEvent(new Event('change')); })()""")
    assert page.evaluate("window.network.getSelectedNodes()") == ["state/RUS"]
    assert page.evaluate("document.getElementById('search-status').textContent") == "Found Russia"
    assert page.evaluate("window.diplograph.nodes.get('state/AUS').opacity") < 0.5  # not a neighbour: dimmed
    assert page.evaluate("window.diplograph.nodes.get('state/CHN').opacity") == 1
    assert "Russia" in page.evaluate("document.getElementById('details').textContent")
    assert page.evaluate("window.diplograph.search('Atlantis')") is None
    assert page.evaluate("document.getElementById('search-status').textContent").startswith("No match")
    assert page.console_errors == []


def test_filters_change_what_is_shown(browser: Browser, states_page: Path) -> None:
    page = open_page(browser, states_page)
    count = "[window.network.body.data.nodes.getIds().length, window.network.body.data.edges.getIds().length]"
    assert page.evaluate(count) == [5, 5]
    page.evaluate("document.querySelector('input[data-filter=\"type:forum_summit\"]').click()")
    assert page.evaluate(count) == [4, 3]  # IND took part in the summit only; CHN-RUS also met
    assert page.evaluate("window.network.body.data.nodes.getIds()").count("state/IND") == 0
    page.evaluate("document.querySelector('input[data-filter=\"type:forum_summit\"]').click()")
    assert page.evaluate(count) == [5, 5]
    page.evaluate("""(() => {
        const a = document.getElementById('year-from'), b = document.getElementById('year-to');
        a.value = 2021; b.value = 2021;
        a.dispatchEvent(new Event('input')); b.dispatchEvent(new Event('input'));
    })()""")
    assert page.evaluate(count) == [2, 1]  # the 2021 phone call, CHN-IDN
    assert "2 of 5 nodes" in page.evaluate("document.getElementById('counts').textContent")
    page.evaluate("document.querySelector('input[data-filter=\"kind:state\"]').click()")
    assert page.evaluate(count) == [0, 0]
    assert page.console_errors == []


def test_tooltips_on_hover_and_edges(browser: Browser, states_page: Path) -> None:
    page = open_page(browser, states_page)
    x, y = page.evaluate("""(() => {
        const p = window.network.canvasToDOM(window.network.getPositions(['state/CHN'])['state/CHN']);
        const box = document.getElementById('network').getBoundingClientRect();
        return [p.x + box.left, p.y + box.top];
    })()""")
    page.mouse("move", x - 40, y - 40)
    page.mouse("move", x, y)
    page.wait_for("document.getElementById('tip').style.display === 'block'", timeout=5)
    tip = page.evaluate("document.getElementById('tip').textContent")
    assert "China" in tip and "events" in tip
    page.evaluate("""(() => { const id = window.diplograph.data.edges[0].id;
        window.network.emit('hoverEdge', {edge: id, pointer: {DOM: {x: 40, y: 40}}}); })()""")
    assert "shared event" in page.evaluate("document.getElementById('tip').textContent")
    page.click(x, y)
    assert "China" in page.evaluate("document.getElementById('details').textContent")
    assert page.console_errors == []


def test_hostile_text_runs_no_script(browser: Browser, hostile_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.html"
    with KnowledgeGraph(hostile_store, read_only=True) as kg:
        write_graph_html(kg, path, level="events")
    page = open_page(browser, path)
    title = page.evaluate("document.title")
    # render every card, as tooltip and as details, for every node and edge
    rendered = page.evaluate("""(() => {
        const api = window.diplograph, details = document.getElementById('details');
        let text = '';
        for (const n of api.data.nodes) {
            details.replaceChildren(api.nodeCard(n.id, true)); text += details.textContent;
            window.network.emit('hoverNode', {node: n.id, pointer: {DOM: {x: 30, y: 30}}});
        }
        for (const e of api.data.edges) {
            details.replaceChildren(api.edgeCard(e.id, true)); text += details.textContent;
            window.network.emit('hoverEdge', {edge: e.id, pointer: {DOM: {x: 30, y: 30}}});
        }
        const meeting = api.data.nodes.find(n => n.kind === 'event' && n.type === 'meeting');
        details.replaceChildren(api.nodeCard(meeting.id, true));
        return text;
    })()""")
    page.wait_for("true")
    assert "<script>window.__pwned = 1</script>" in rendered  # shown as text
    assert '<img src=x onerror="window.__pwned = 6">' in rendered
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.title") == title
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    hrefs = page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "javascript:window.__pwned=7" in page.evaluate("document.getElementById('details').textContent")
    assert external_requests(page) == []
    assert page.console_errors == []


def test_aggregation_notice_is_shown(browser: Browser, hostile_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "budget.html"
    with KnowledgeGraph(hostile_store, read_only=True) as kg:
        write_graph_html(kg, path, level="events", node_budget=4)
    page = open_page(browser, path)
    notice = page.evaluate("document.getElementById('notice').textContent")
    assert "aggregated to states" in notice and "most active" in notice
    assert page.evaluate("getComputedStyle(document.getElementById('notice')).display") != "none"
    assert page.evaluate("window.network.body.data.nodes.getIds().length") == 4


def test_demo_page_screenshot(browser: Browser, demo_store: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "graph-demo.html"
    with KnowledgeGraph(demo_store, read_only=True) as kg:
        write_graph_html(
            kg,
            path,
            focus=["CHN", "RUS"],
            level="actors",
            title="diplograph demo · China, Russia and their neighbourhood",
        )
    page = open_page(browser, path)
    assert page.evaluate("window.network.body.data.nodes.getIds().length") > 10
    assert drawn(page, 20000) > 20000
    shot = page.screenshot(ARTIFACTS / "graph-demo.png")
    assert png_size(shot) == (1400, 900)
    assert external_requests(page) == []
    assert page.console_errors == []
