"""Headless Chromium driven over the Chrome DevTools Protocol, with no extra packages.

Chromium is started with ``--remote-debugging-pipe``: it reads protocol commands from file
descriptor 3 and writes answers and events to descriptor 4, as JSON messages ended by a NUL
byte, so the standard library is enough (no websocket client, no driver binary). Used to
check and time the pages diplograph writes (tests, benchmarks) and to take screenshots.

The browser can be cut off from the network (``offline=True``, the default): a proxy that
refuses connections, a host resolver that resolves nothing, and the protocol's own offline
emulation; every request the page attempts is still recorded in :attr:`Page.requests`.

>>> find_chromium() is None or find_chromium().endswith(("chromium", "chrome", "chromium-browser"))
True
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
OFFLINE_FLAGS = (
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)


class BrowserError(RuntimeError):
    """Chromium could not be started, or a protocol command failed."""


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) executable on ``PATH``, or None.

    ``$DIPLOGRAPH_CHROMIUM`` overrides the search.

    >>> isinstance(find_chromium(), str | None)
    True
    """
    override = os.environ.get("DIPLOGRAPH_CHROMIUM")
    if override:
        return override if Path(override).exists() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class _Connection:
    """Framing and dispatch of protocol messages over the two pipes."""

    writer: Any
    reader: Any
    timeout: float
    next_id: int = 0
    pending: dict[int, queue.Queue[dict[str, Any]]] = field(default_factory=dict)
    events: queue.Queue[dict[str, Any]] = field(default_factory=queue.Queue)
    lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False

    def start(self) -> None:
        threading.Thread(target=self._read, name="cdp-reader", daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = self.reader.read1(1 << 16) if hasattr(self.reader, "read1") else self.reader.read(1 << 16)
            if not chunk:
                break
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self.lock:
                        waiter = self.pending.pop(message["id"], None)
                    if waiter is not None:
                        waiter.put(message)
                else:
                    self.events.put(message)
        self.closed = True
        with self.lock:
            for waiter in self.pending.values():
                waiter.put({"error": {"message": "browser closed the connection"}})
            self.pending.clear()

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        with self.lock:
            if self.closed:
                raise BrowserError("browser closed the connection")
            self.next_id += 1
            ident = self.next_id
            waiter: queue.Queue[dict[str, Any]] = queue.Queue()
            self.pending[ident] = waiter
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            self.writer.write(json.dumps(message).encode() + b"\0")
            self.writer.flush()
        except (BrokenPipeError, OSError) as error:
            raise BrowserError(f"browser is gone: {error}") from error
        try:
            answer = waiter.get(timeout=self.timeout)
        except queue.Empty:
            raise BrowserError(f"no answer to {method} within {self.timeout:.0f} s") from None
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error'].get('message')}")
        return answer.get("result", {})


@dataclass
class Page:
    """One tab: navigate, evaluate JavaScript, take screenshots, see what happened.

    Attributes:
        requests: URLs of every request the page attempted (documents, scripts, images...).
        console_errors: console errors, uncaught exceptions and error log entries, as text.
    """

    connection: _Connection
    session: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    loaded: int = 0

    def send(self, method: str, params: dict[str, Any] | None = None) -> Any:
        """Send a protocol command to this tab and return its result."""
        result = self.connection.send(method, params, self.session)
        self.drain()
        return result

    def drain(self) -> None:
        """Take the events received so far into :attr:`requests` and :attr:`console_errors`."""
        while True:
            try:
                event = self.connection.events.get_nowait()
            except queue.Empty:
                return
            self._note(event)

    def _note(self, event: dict[str, Any]) -> None:
        if event.get("sessionId") not in (None, self.session):
            return
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
            text = " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
            self.console_errors.append(text)
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            described = details.get("exception", {}).get("description")
            self.console_errors.append(str(described or details.get("text")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            self.console_errors.append(str(params["entry"].get("text")))
        elif method == "Page.loadEventFired":
            self.loaded += 1

    def goto(self, url: str, *, timeout: float = 30.0) -> None:
        """Open a URL (``file://...`` for a page on disk) and wait for its load event."""
        before = self.loaded
        self.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while self.loaded == before:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError(f"{url} did not load within {timeout:.0f} s")
            try:
                event = self.connection.events.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                continue
            self._note(event)

    def open(self, path: str | Path, *, timeout: float = 30.0) -> None:
        """Open a file from disk."""
        self.goto(Path(path).resolve().as_uri(), timeout=timeout)

    def evaluate(self, expression: str, *, await_promise: bool = True) -> Any:
        """Evaluate a JavaScript expression in the page and return its value (JSON-able)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": await_promise},
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(str(details.get("exception", {}).get("description") or details.get("text")))
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, *, timeout: float = 30.0, interval: float = 0.05) -> Any:
        """Evaluate ``expression`` until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {expression}")
            time.sleep(interval)

    def mouse(self, kind: str, x: float, y: float) -> None:
        """A real mouse event at viewport coordinates: ``move``, ``press`` or ``release``."""
        event = {"move": "mouseMoved", "press": "mousePressed", "release": "mouseReleased"}[kind]
        params: dict[str, Any] = {"type": event, "x": x, "y": y}
        if kind != "move":
            params |= {"button": "left", "clickCount": 1}
        self.send("Input.dispatchMouseEvent", params)

    def click(self, x: float, y: float) -> None:
        """Move the mouse to a point and click there."""
        for kind in ("move", "press", "release"):
            self.mouse(kind, x, y)

    def screenshot(self, path: str | Path | None = None) -> bytes:
        """A PNG of the viewport; also written to ``path`` when given."""
        data = base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_bytes(data)
        return data


class Browser:
    """A headless Chromium process with one tab.

    Args:
        executable: the Chromium binary (found on ``PATH`` by default).
        offline: cut the browser off from the network (requests are still recorded).
        width, height: viewport size in CSS pixels.
        timeout: seconds to wait for any one protocol answer.
        extra_flags: more command-line switches.

    Example (needs Chromium)::

        with Browser() as browser:
            browser.page.open("graph.html")
            browser.page.evaluate("document.title")
    """

    def __init__(
        self,
        executable: str | None = None,
        *,
        offline: bool = True,
        width: int = 1400,
        height: int = 900,
        timeout: float = 60.0,
        extra_flags: Sequence[str] = (),
    ) -> None:
        binary = executable or find_chromium()
        if binary is None:
            raise BrowserError("no Chromium: install the `chromium` package or set $DIPLOGRAPH_CHROMIUM")
        self.profile = tempfile.mkdtemp(prefix="diplograph-chromium-")
        flags = [*BASE_FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},{height}"]
        if offline:
            flags += OFFLINE_FLAGS
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()

        def wire() -> None:  # runs in the child between fork and exec
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        self.process = subprocess.Popen(
            [binary, *flags, *extra_flags, "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4, to_child_r, from_child_w),  # 3 and 4 must survive close_fds
            preexec_fn=wire,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.connection = _Connection(os.fdopen(to_child_w, "wb"), os.fdopen(from_child_r, "rb"), timeout)
        self.connection.start()
        try:
            self.page = self._open_tab(width, height, offline)
        except BaseException:
            self.close()
            raise

    def _open_tab(self, width: int, height: int, offline: bool) -> Page:
        target = self.connection.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.connection.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        session = attached["sessionId"]
        page = Page(self.connection, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        page.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        if offline:
            page.send(
                "Network.emulateNetworkConditions",
                {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
            )
        return page

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the browser and remove its temporary profile."""
        if self.process.poll() is None:
            with contextlib.suppress(BrowserError):
                self.connection.send("Browser.close")
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        for stream in (self.connection.writer, self.connection.reader):
            with contextlib.suppress(OSError):
                stream.close()
        shutil.rmtree(self.profile, ignore_errors=True)
