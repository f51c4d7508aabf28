"""The graph and timeline pages of ``diplograph.viz``, served when those modules exist.

Each request opens the store read-only in a thread of the server process (the viz functions
take a :class:`~diplograph.graph.store.KnowledgeGraph`); the page is returned as HTML.

>>> try:
...     render("nothing", "/tmp", {})
... except ValueError as error:
...     print(error)
no page named 'nothing'
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from typing import Any

from diplograph.graph.store import KnowledgeGraph

_CODE = re.compile(r"^[A-Za-z]{3}$")


class UnavailableError(Exception):
    """The viz module for a page is not installed (or not written yet)."""


def render(which: str, store: str, params: Mapping[str, str]) -> str:
    """The HTML of the graph page (``which="graph"``) or a pair's timeline page (``"timeline"``).

    The graph page takes the optional ``focus``, ``start``, ``end`` and ``level`` parameters of
    ``viz.network.graph_html``.

    Raises:
        UnavailableError: the viz module is missing.
        ValueError: bad parameters (state codes are three letters).
    """
    if which == "graph":
        module = _load("diplograph.viz.network")
        options = {k: params[k] for k in ("focus", "start", "end", "level") if params.get(k)}
        with KnowledgeGraph(store, read_only=True) as kg:
            return str(module.graph_html(kg, **options))
    if which == "timeline":
        a, b = params.get("a", ""), params.get("b", "")
        if not (_CODE.match(a) and _CODE.match(b)):
            raise ValueError("give two states as ISO alpha-3 codes: /timeline?a=CHN&b=RUS")
        module = _load("diplograph.viz.timeline_page")
        with KnowledgeGraph(store, read_only=True) as kg:
            return str(module.timeline_html(kg, a.upper(), b.upper()))
    raise ValueError(f"no page named {which!r}")


def _load(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise UnavailableError(f"{name} is not available in this installation") from error
