"""Shared fixtures: a demo store built once per session, on disk, in a temp dir; an Oxigraph server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
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


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty ``oxigraph serve`` (PyPI package ``oxigraph``) on a free loopback port, per module."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"oxigraph serve did not start: {process.stderr.read() if process.stderr else ''}"
                )
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)
