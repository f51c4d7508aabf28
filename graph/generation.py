"""The store's generation: a token that every write through diplograph renews.

Derived data kept beside an on-disk store (the materialized pair timelines of
:mod:`diplograph.graph.timeline.view`) is filed under the generation it was computed in, in
``<store>/views/<generation>/``. A write renews the token *after* it is committed and removes
the views of earlier generations, so a reader that finds its generation's views finds what the
store held when they were computed, never older. Writes made by other tools (the Oxigraph CLI
on the database directory) bypass this, as they bypass the timeline index: run
``diplograph reindex``-style rewrites through diplograph after them.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     first = renew(d)
...     (current(d) == first, renew(d) != first)
(True, True)
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from pathlib import Path

#: The file holding the token, in the store directory.
GENERATION_FILE = "generation"
#: The directory of derived data, one subdirectory per generation.
VIEWS_DIR = "views"


def current(directory: str | Path) -> str | None:
    """The store's generation token, or None when it has none (or cannot be read)."""
    try:
        token = (Path(directory) / GENERATION_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return token if token.isalnum() else None


def renew(directory: str | Path) -> str:
    """Start a new generation (after a committed write): a new token, the old views removed.

    Returns:
        The new token.
    """
    path = Path(directory)
    token = uuid.uuid4().hex
    staged = path / f".{GENERATION_FILE}.{token}"
    staged.write_text(token, encoding="ascii")
    staged.replace(path / GENERATION_FILE)  # atomic: readers see the old token or the new
    views = path / VIEWS_DIR
    if views.is_dir():
        for old in views.iterdir():
            if old.name != token:
                with contextlib.suppress(OSError):
                    shutil.rmtree(old) if old.is_dir() else old.unlink()
    return token


__all__ = ["GENERATION_FILE", "VIEWS_DIR", "current", "renew"]
