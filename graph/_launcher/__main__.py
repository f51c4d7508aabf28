"""``python -m diplograph``: the same as the ``diplograph`` console script."""

from __future__ import annotations

from diplograph.graph.cli import main

main()
