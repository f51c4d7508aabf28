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

_LANG = re.compile(r"^[a-z]{2,3}$")
MAX_NAME = 100


class UnavailableError(Exception):
    """The viz module for a page is not installed (or not written yet)."""


def render(which: str, store: str, params: Mapping[str, str]) -> str:
    """The HTML of the graph page (``which="graph"``) or a pair's timeline page (``"timeline"``:
    parameters ``a``, ``b`` (codes or names), optional ``from``, ``to``, ``lang``).

    The graph page takes the optional ``focus``, ``start``, ``end`` and ``level`` parameters of
    ``viz.network.graph_html``.

    Raises:
        UnavailableError: the viz module is missing.
        ValueError: bad parameters (an unknown actor, a malformed date).
    """
    if which == "graph":
        module = _load("diplograph.viz.network")
        options = {k: params[k] for k in ("focus", "start", "end", "level") if params.get(k)}
        with KnowledgeGraph(store, read_only=True) as kg:
            return str(module.graph_html(kg, **options))
    if which == "timeline":
        a, b = params.get("a", "").strip(), params.get("b", "").strip()
        lang = params.get("lang", "en")
        if not (0 < len(a) <= MAX_NAME and 0 < len(b) <= MAX_NAME):
            raise ValueError("give two actors: /timeline?a=CHN&b=RUS (codes or names)")
        if not _LANG.match(lang):
            raise ValueError("lang is a language code such as en or id")
        from diplograph.graph.timeline import timeline

        module = _load("diplograph.viz.timeline_page")
        with KnowledgeGraph(store, read_only=True) as kg:
            start, end = params.get("from") or None, params.get("to") or None
            rows = timeline(kg, a, b, start=start, end=end, lang=lang)
        return str(module.timeline_html(list(rows), f"{a} – {b}"))
    raise ValueError(f"no page named {which!r}")


def _load(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise UnavailableError(f"{name} is not available in this installation") from error
