"""Shared fixtures: a demo store built once per session, on disk, in a temp dir."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.graph.store import KnowledgeGraph

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _no_user_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's real default store from a test."""
    if "DIPLOGRAPH_STORE" not in os.environ:
        monkeypatch.setenv("DIPLOGRAPH_STORE", str(tmp_path_factory.getbasetemp() / "default-store"))


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store directory built by ``build_demo`` (read-only use in tests)."""
    from diplograph.graph.builder import build_demo

    path = tmp_path_factory.mktemp("demo") / "store"
    with KnowledgeGraph(path) as kg:
        build_demo(kg)
    return path


@pytest.fixture()
def demo_kg(demo_store: Path) -> Iterator[KnowledgeGraph]:
    """The demo store opened read-only."""
    with KnowledgeGraph(demo_store, read_only=True) as kg:
        yield kg


@pytest.fixture()
def memory_kg() -> Iterator[KnowledgeGraph]:
    """An empty in-memory knowledge graph."""
    with KnowledgeGraph(":memory:") as kg:
        yield kg
