"""Helpers for the host tests: rooms on the tutorial, and a JSON WebSocket client on Starlette's TestClient."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from game.engine import CompiledScenario
from game.net import guard
from game.net.room import Room
from game.net.server import create_app
from tests.conftest import ROOT, compiled

ORIGIN = {"origin": "http://testserver"}
PIN = "2468"
ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Socket:
    """A WebSocket of the TestClient that speaks JSON."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.last_state: dict[str, Any] | None = None
        """The newest state seen, even while waiting for another kind of message."""

    def send(self, **message: Any) -> None:
        self.ws.send_text(json.dumps(message))

    def recv(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.ws.receive_text())
        if data["type"] == "state":
            self.last_state = data
        return data

    def state_where(self, check: Callable[[dict[str, Any]], bool], limit: int = 20) -> dict[str, Any]:
        """The first state (the newest seen so far included) whose board passes ``check``."""
        if self.last_state is not None and check(self.last_state["board"]):
            return self.last_state
        for _ in range(limit):
            message = self.until("state")
            if check(message["board"]):
                return message
        raise AssertionError("no such state")

    def until(self, kind: str, limit: int = 20) -> dict[str, Any]:
        """The next message of ``kind`` (skipping others)."""
        for _ in range(limit):
            message = self.recv()
            if message["type"] == kind:
                return message
        raise AssertionError(f"no {kind!r} message in {limit}")

    def claim(self, code: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """Claim a seat: (welcome, first state)."""
        self.send(type="claim", code=code)
        return self.until("welcome"), self.until("state")


@pytest.fixture
def article() -> CompiledScenario:
    """The compiled article scenario (four actors)."""
    return compiled(ARTICLE)


@pytest.fixture
def room(tutorial: CompiledScenario) -> Iterator[Room]:
    """A tutorial room with both seats for people, a fake clock and no journal."""
    made = Room.new(tutorial, 1, {}, None, clock=FakeClock(), pin_digest=guard.token_digest(PIN))
    yield made
    made.close()


@pytest.fixture
def client(room: Room) -> Iterator[TestClient]:
    """A TestClient on the room's app (the lifespan runs, so the broadcaster does)."""
    with TestClient(create_app(room, {"testserver"})) as test_client:
        yield test_client


def connect(client: TestClient, headers: dict[str, str] | None = None) -> Any:
    """A WebSocket context manager on /ws with our Origin."""
    return client.websocket_connect("/ws", headers=ORIGIN if headers is None else headers)
