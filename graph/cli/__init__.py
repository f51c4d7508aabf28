"""The ``diplograph`` command: one verb, one library call, then rendering.

This package is the application shell (DESIGN.md): the only part of ``graph/`` allowed to
call into ``viz/``, lazily, inside the verbs that draw. Each module registers its verbs on the
one typer ``app``, in the order ``--help`` lists them.
"""

# ruff: noqa: I001  (import order is the order of the verbs in --help)
from __future__ import annotations

from diplograph.graph.cli import storage, articles, timelines, network, server
from diplograph.graph.cli.shell import app, main

__all__ = ["app", "articles", "main", "network", "server", "storage", "timelines"]
