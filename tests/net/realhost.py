"""Running the real `parley host --headless` in a subprocess on 127.0.0.1, and talking to it."""

from __future__ import annotations

import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

from tests.conftest import ROOT


@dataclass
class Host:
    """A running host process and what its banner said."""

    process: subprocess.Popen[str]
    url: str = ""
    codes: dict[str, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://") + "ws"

    @property
    def origin(self) -> str:
        return self.url.rstrip("/")

    def socket(self) -> ClientConnection:
        return connect(self.ws_url, origin=self.origin, open_timeout=10)  # type: ignore[arg-type]

    def stop(self) -> None:
        """Stop the process (SIGTERM, then SIGKILL) and close its pipe."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if self.reader is not None:
            self.reader.join(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def free_port() -> int:
    """A port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_host(*args: str, port: int = 0, timeout: float = 30.0, display: dict[str, str] | None = None) -> Host:
    """Start `python -m game host ARGS --headless --bind 127.0.0.1 --port PORT`; wait for its banner.

    With ``display`` (the environment of an X screen) the host opens its projector window there instead."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "SDL_VIDEODRIVER": "dummy"} if display is None else display
    env = {**env, "PYTHONUNBUFFERED": "1"}
    window = [] if display is not None else ["--headless"]
    command = [sys.executable, "-m", "game", "host", *args, *window, "--bind", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    host = Host(process)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))
            host.lines.append(line.rstrip("\n"))
        lines.put(None)

    host.reader = threading.Thread(target=pump, daemon=True)
    host.reader.start()
    deadline = time.monotonic() + timeout
    names: dict[str, str] = {}
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if line is None:
            host.stop()
            raise AssertionError("the host stopped: " + "\n".join(host.lines))
        if match := re.search(r"teams open: (http://\S+)", line):
            host.url = match.group(1)
        elif match := re.match(r"\s{4}(\S.*?)\s{2,}(\S+)$", line):
            names[match.group(1).strip()] = match.group(2)
        elif "Ctrl+C stops" in line:
            host.codes = names
            return host
    host.stop()
    raise AssertionError("no banner from the host: " + "\n".join(host.lines))


def send(ws: ClientConnection, **message: Any) -> None:
    ws.send(json.dumps(message))


_LAST_STATE: dict[int, dict[str, Any]] = {}
"""The newest state each connection received, even while a test waited for another kind of message."""


def until(ws: ClientConnection, kind: str, limit: int = 50, timeout: float = 10.0) -> dict[str, Any]:
    """The next message of ``kind``."""
    for _ in range(limit):
        data: dict[str, Any] = json.loads(ws.recv(timeout=timeout))
        if data["type"] == "state":
            _LAST_STATE[id(ws)] = data
        if data["type"] == kind:
            return data
    raise AssertionError(f"no {kind!r} message")


def state_where(ws: ClientConnection, check: Callable[[dict[str, Any]], bool], limit: int = 50) -> dict[str, Any]:
    """The first state (the newest already received included) whose board passes ``check``."""
    last = _LAST_STATE.get(id(ws))
    if last is not None and check(last["board"]):
        return last
    for _ in range(limit):
        message = until(ws, "state")
        if check(message["board"]):
            return message
    raise AssertionError("no such state")


def journal_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]
