"""Interactive HTML views of the knowledge graph: one self-contained page per graph.

The page is built from the projections of :mod:`diplograph.graph.projection` and our own
template (``viz/templates/network.html``); the vis-network library that the installed pyvis
package ships is inlined, so the page works offline from disk and requests nothing (its
Content-Security-Policy forbids any fetch, and only scripts carrying the page's nonce run).
All text from the store reaches the page as JSON data and is put into the document with
``textContent``: an article that contains markup shows it as text.

Levels: ``states`` (states joined by shared events), ``actors`` (states, leaders and
organisations joined by shared events) and ``events`` (actors and the events they took part
in). Above ``node_budget`` nodes the page is aggregated (to the states level, then to the most
active states) and says so.

>>> from diplograph.graph.builder import build_demo
>>> from diplograph.graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph(":memory:"); _ = build_demo(kg)
>>> page = graph_page(kg, focus="CHN", start=2020)
>>> page.nodes > 1 and "vis.Network" in page.html
True
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import json
import math
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from diplograph.graph._version import __version__
from diplograph.graph.model import EVENT_TYPES
from diplograph.graph.projection import DateLike, Projection, kind_of, read_projection
from diplograph.graph.store import KnowledgeGraph

ViewLevel = Literal["states", "actors", "events"]
VIEW_LEVELS: tuple[ViewLevel, ...] = ("states", "actors", "events")
DEFAULT_BUDGET = 2000
PHYSICS_MAX_NODES = 250
LAYOUT_CORE = 250
MAX_SENTENCE = 320

KIND_STYLES: dict[str, dict[str, str]] = {
    "state": {"label": "State", "color": "#3b82f6", "border": "#1d4ed8", "shape": "dot"},
    "person": {"label": "Leader", "color": "#f97316", "border": "#c2410c", "shape": "diamond"},
    "organisation": {"label": "Organisation", "color": "#10b981", "border": "#047857", "shape": "hexagon"},
    "event": {"label": "Event", "color": "#94a3b8", "border": "#475569", "shape": "square"},
}
EVENT_STYLES: dict[str, dict[str, str]] = {
    "meeting": {"label": "Meeting", "color": "#7c3aed"},
    "virtual_meeting": {"label": "Virtual meeting", "color": "#a78bfa"},
    "phone_call": {"label": "Phone call", "color": "#db2777"},
    "state_visit": {"label": "State visit", "color": "#dc2626"},
    "treaty_signing": {"label": "Treaty signing", "color": "#0891b2"},
    "forum_summit": {"label": "Forum summit", "color": "#65a30d"},
    "anniversary": {"label": "Anniversary", "color": "#a8a29e"},
    "relations_established": {"label": "Relations established", "color": "#ca8a04"},
    "partnership": {"label": "Partnership", "color": "#0f766e"},
}


@dataclass(frozen=True)
class GraphPage:
    """A generated page: its HTML, what it shows, and how to display it.

    In Jupyter, a ``GraphPage`` as the last expression of a cell draws itself (an iframe
    holding the page); :meth:`show` does the same explicitly, :meth:`save` writes the file.
    """

    html: str
    level: str
    nodes: int
    edges: int
    events: int
    notice: str = ""
    height: int = 720

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            f'style="width:100%;height:{self.height}px;border:1px solid #e2e8f0;border-radius:6px" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>'
        )

    def show(self) -> None:
        """Display the page in a Jupyter notebook."""
        try:
            display: Any = importlib.import_module("IPython.display")
        except ImportError as error:  # pragma: no cover - IPython is optional
            raise RuntimeError("show() needs IPython (a notebook); use save(path) instead") from error
        display.display(display.HTML(self._repr_html_()))

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (UTF-8) and return the path."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.html, encoding="utf-8")
        return target


def vis_network_js() -> str:
    """The vis-network script shipped inside the installed pyvis package (newest version).

    >>> "vis" in vis_network_js()[:2000]
    True
    """
    lib = resources.files("pyvis").joinpath("templates", "lib")
    candidates = sorted(
        (entry for entry in lib.iterdir() if entry.name.startswith("vis-")),
        key=lambda entry: tuple(int(p) for p in entry.name[4:].split(".") if p.isdigit()),
    )
    for entry in reversed(candidates):
        script = entry.joinpath("vis-network.min.js")
        if script.is_file():
            text = script.read_text(encoding="utf-8")
            if "</script" in text.lower():
                raise RuntimeError("the bundled vis-network script cannot be inlined (it contains </script)")
            return text
    raise RuntimeError("pyvis ships no vis-network.min.js; reinstall pyvis>=0.3.2")


def resolve_focus(graph: nx.Graph, focus: str) -> str:
    """The node of ``graph`` meant by ``focus``: a key, a code (CHN, SCO, xi-jinping) or a label.

    >>> g = nx.Graph(); g.add_node("state/CHN", code="CHN", label="China")
    >>> resolve_focus(g, "china"), resolve_focus(g, "chn")
    ('state/CHN', 'state/CHN')
    """
    wanted = focus.strip()
    if wanted in graph:
        return wanted
    lowered = wanted.lower()
    for key, data in graph.nodes(data=True):
        if str(data.get("code", "")).lower() == lowered or str(data.get("label", "")).lower() == lowered:
            return str(key)
    raise ValueError(f"no actor {focus!r} in this graph (try an alpha-3 code, a leader id or a name)")


def _level_graph(projection: Projection, level: ViewLevel) -> nx.Graph:
    return {
        "states": projection.states_graph,
        "actors": projection.actors_graph,
        "events": projection.events_graph,
    }[level]()


def _neighbourhood(
    graph: nx.Graph, focus: Sequence[str], depth: int, level: ViewLevel
) -> tuple[nx.Graph, list[str]]:
    keys = [resolve_focus(graph, f) for f in focus]
    radius = 2 * depth if level == "events" else depth
    keep: set[Any] = set()
    for key in keys:
        keep |= set(nx.single_source_shortest_path_length(graph, key, cutoff=radius))
    return graph.subgraph(keep).copy(), keys


def _layout(graph: nx.Graph, scale: float) -> dict[Any, tuple[float, float]]:
    """Positions: spring layout of the most active nodes, the rest placed around their anchors."""
    if graph.number_of_nodes() == 0:
        return {}
    activity = {n: int(d.get("events", 0)) for n, d in graph.nodes(data=True)}
    order = sorted(graph, key=lambda n: (-activity[n], str(n)))
    core = graph.subgraph(order[:LAYOUT_CORE])
    positions: dict[Any, tuple[float, float]] = {
        n: (float(p[0]) * scale, float(p[1]) * scale)
        for n, p in nx.spring_layout(core, seed=7, iterations=80, weight=None).items()
    }
    children: dict[Any, int] = {}
    golden = math.pi * (3 - math.sqrt(5))
    outer = 0
    for node in order[LAYOUT_CORE:]:
        placed = [(graph.edges[node, m].get("weight", 1), str(m), m) for m in graph[node] if m in positions]
        if placed:
            anchor = max(placed)[2]
            k = children.get(anchor, 0)
            children[anchor] = k + 1
            radius = scale * (0.06 + 0.012 * math.sqrt(k))
            x, y = positions[anchor]
            positions[node] = (x + radius * math.cos(k * golden), y + radius * math.sin(k * golden))
        else:
            outer += 1
            angle = outer * golden
            positions[node] = (1.25 * scale * math.cos(angle), 1.25 * scale * math.sin(angle))
    return positions


def _event_record(event: Any, labels: dict[str, str], with_actors: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "t": event.type,
        "y": event.year,
        "d": event.date,
        "l": event.title,
        "n": event.sources,
        "p": event.place,
        "s": event.status,
        "e": [[e.sentence[:MAX_SENTENCE], e.source, list(e.urls), e.published] for e in event.evidence[:2]],
    }
    if with_actors:
        record["a"] = [labels.get(a, a.rsplit("/", 1)[-1]) for a in event.actors]
    return record


def graph_page(
    kg: KnowledgeGraph,
    *,
    focus: str | Sequence[str] | None = None,
    depth: int = 1,
    start: DateLike | None = None,
    end: DateLike | None = None,
    types: Iterable[str] | None = None,
    level: ViewLevel = "states",
    node_budget: int = DEFAULT_BUDGET,
    title: str | None = None,
) -> GraphPage:
    """Build the interactive page of a projection of the store.

    Args:
        kg: the knowledge graph.
        focus: an actor (``CHN``, ``xi-jinping``, ``SCO``, ``China``) or several: show their
            neighbourhood only.
        depth: how many hops around the focus (on the events level, hops between actors).
        start, end: time window (years or dates); None leaves a side open.
        types: event types to include; None includes all.
        level: ``states``, ``actors`` or ``events``.
        node_budget: the most nodes to draw; above it the page is aggregated, and says so.
        title: the page title (made from the arguments by default).
    """
    if level not in VIEW_LEVELS:
        raise ValueError(f"level is one of {', '.join(VIEW_LEVELS)}, not {level!r}")
    if depth < 1:
        raise ValueError("depth is at least 1")
    focus_list = [focus] if isinstance(focus, str) else list(focus or [])
    projection = read_projection(kg, start=start, end=end, types=types, evidence=True)
    shown: ViewLevel = level
    graph = _level_graph(projection, level)
    keys: list[str] = []
    if focus_list:
        graph, keys = _neighbourhood(graph, focus_list, depth, level)
    notice = ""
    if graph.number_of_nodes() > node_budget and level != "states":
        before = graph.number_of_nodes()
        shown = "states"
        graph = _level_graph(projection, "states")
        if focus_list:
            graph, keys = _neighbourhood(graph, focus_list, depth, "states")
        notice = (
            f"The {level} view would have {before:,} nodes, more than the budget of "
            f"{node_budget:,}: aggregated to states."
        )
    if graph.number_of_nodes() > node_budget:
        before = graph.number_of_nodes()
        activity = sorted(graph, key=lambda n: (-graph.nodes[n].get("events", 0), str(n)))
        graph = graph.subgraph(activity[:node_budget]).copy()
        notice = (notice + " " if notice else "") + (
            f"Showing the {node_budget:,} most active of {before:,} nodes; "
            "narrow the time window, the event types or the focus to see the rest."
        )
    data = _page_data(projection, graph, shown, keys, notice, (start, end))
    names = [str(graph.nodes[k].get("label", k)) for k in keys if k in graph]
    page_title = title or _title(shown, names, start, end)
    data["subtitle"] = _subtitle(data, shown)
    return GraphPage(
        _render(data, page_title),
        shown,
        graph.number_of_nodes(),
        graph.number_of_edges(),
        len(data["events"]),
        notice,
    )


def _page_data(
    projection: Projection,
    graph: nx.Graph,
    level: ViewLevel,
    focus: list[str],
    notice: str,
    window: tuple[DateLike | None, DateLike | None],
) -> dict[str, Any]:
    labels = {str(n): str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    labels.update({k: a.label for k, a in projection.actors.items() if k not in labels})
    used: dict[str, int] = {}
    events: list[dict[str, Any]] = []

    def index(key: str) -> int:
        if key not in used:
            used[key] = len(events)
            events.append(_event_record(projection.events[key], labels, level == "events"))
        return used[key]

    kinds = {"state", "person", "organisation"} if level == "actors" else {"state"}
    if level == "events":
        kinds = {"state", "person", "organisation"}
    per_actor: dict[str, list[str]] = {}
    for event in projection.events.values():
        for actor in event.actors:
            if actor in graph:
                per_actor.setdefault(actor, []).append(event.key)
    nodes = []
    positions = _layout(graph, scale=60.0 * math.sqrt(max(graph.number_of_nodes(), 4)))
    physics = graph.number_of_nodes() <= PHYSICS_MAX_NODES
    for key, attrs in graph.nodes(data=True):
        kind = str(attrs.get("kind", kind_of(str(key))))
        if kind == "event":
            ev = [index(str(key))]
            node = {
                "id": key,
                "kind": "event",
                "type": attrs["type"],
                "label": str(attrs.get("date", "")),
                "value": 1,
                "ev": ev,
            }
        else:
            ev = [index(k) for k in per_actor.get(str(key), [])]
            node = {
                "id": key,
                "kind": kind,
                "label": labels[str(key)],
                "code": attrs.get("code", ""),
                "state": attrs.get("state", ""),
                "value": max(len(ev), 1),
                "ev": ev,
            }
        x, y = positions[key]
        node["x"], node["y"] = round(x, 1), round(y, 1)
        nodes.append(node)
    edges = []
    if level == "events":
        for number, (a, b) in enumerate(graph.edges()):
            event_key = a if kind_of(str(a)) == "event" else b
            edges.append({"id": number, "from": a, "to": b, "value": 1, "ev": [index(str(event_key))]})
    else:
        shared = projection.pair_events(kinds)
        for number, (a, b, attrs) in enumerate(graph.edges(data=True)):
            pair = (a, b) if str(a) < str(b) else (b, a)
            ev = [index(e.key) for e in shared.get(pair, [])]
            weight = int(attrs.get("weight", len(ev)))
            edges.append({"id": number, "from": a, "to": b, "value": weight, "ev": ev})
    years = [e["y"] for e in events] or [dt.date.today().year]
    present_kinds = {n["kind"] for n in nodes}
    event_types = [{"id": t, **EVENT_STYLES[t], "shape": "square", "border": "#334155"} for t in EVENT_TYPES]
    return {
        "level": level,
        "notice": notice,
        "focus": focus,
        "physics": physics,
        "years": [min(years), max(years)],
        "window": [str(w) if w is not None else "" for w in window],
        "kinds": [{"id": k, **s} for k, s in KIND_STYLES.items() if k in present_kinds],
        "eventTypes": event_types,
        "nodes": nodes,
        "edges": edges,
        "events": events,
    }


def _title(level: str, focus: list[str], start: DateLike | None, end: DateLike | None) -> str:
    what = {"states": "States", "actors": "Actors", "events": "Events"}[level]
    around = f" around {', '.join(focus)}" if focus else ""
    if start is not None or end is not None:
        around += f", {start if start is not None else '…'}–{end if end is not None else '…'}"
    return f"diplograph · {what}{around}"


def _subtitle(data: dict[str, Any], level: str) -> str:
    return (
        f"{len(data['nodes']):,} nodes · {len(data['edges']):,} links · {len(data['events']):,} events · "
        f"{data['years'][0]}–{data['years'][1]} · {level} level"
    )


def _script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``<``, ``>``, ``&`` or line separators)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _render(data: dict[str, Any], title: str) -> str:
    source = resources.files("diplograph.viz").joinpath("templates", "network.html")
    template = source.read_text(encoding="utf-8")
    nonce = secrets.token_urlsafe(18)
    page = (
        template.replace("__NONCE__", nonce)
        .replace("__VERSION__", html.escape(__version__))
        .replace("__TITLE__", html.escape(title))
    )
    before, after = page.split("__DATA__", 1)
    page = before + _script_json(data) + after
    marker = "/*__VIS_NETWORK__*/"
    head, tail = page.rsplit(marker, 1)
    return head + vis_network_js() + tail


def graph_html(
    kg: KnowledgeGraph,
    *,
    focus: str | Sequence[str] | None = None,
    depth: int = 1,
    start: DateLike | None = None,
    end: DateLike | None = None,
    types: Iterable[str] | None = None,
    level: ViewLevel = "states",
    node_budget: int = DEFAULT_BUDGET,
) -> str:
    """The interactive page as an HTML string (see :func:`graph_page` for the arguments).

    >>> from diplograph.graph.store import KnowledgeGraph
    >>> graph_html(KnowledgeGraph(":memory:")).startswith("<!DOCTYPE html>")
    True
    """
    return graph_page(
        kg, focus=focus, depth=depth, start=start, end=end, types=types, level=level, node_budget=node_budget
    ).html


def write_graph_html(
    kg: KnowledgeGraph,
    path: str | Path,
    *,
    focus: str | Sequence[str] | None = None,
    depth: int = 1,
    start: DateLike | None = None,
    end: DateLike | None = None,
    types: Iterable[str] | None = None,
    level: ViewLevel = "states",
    node_budget: int = DEFAULT_BUDGET,
    title: str | None = None,
) -> GraphPage:
    """Write the interactive page to ``path`` and return it.

    >>> import tempfile, pathlib
    >>> from diplograph.graph.store import KnowledgeGraph
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "g.html"
    >>> write_graph_html(KnowledgeGraph(":memory:"), out).nodes
    0
    """
    page = graph_page(
        kg,
        focus=focus,
        depth=depth,
        start=start,
        end=end,
        types=types,
        level=level,
        node_budget=node_budget,
        title=title,
    )
    page.save(path)
    return page
