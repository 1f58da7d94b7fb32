"""Asking the teacher to join, on the wire (Starlette's TestClient): approval by PIN or by the room itself,
refusals, a taken seat, a tab that leaves before the answer, and the timer the teacher controls."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import anyio
import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect, WebSocketState

from game.engine import CompiledScenario
from game.net import guard
from game.net.room import Room
from game.net.server import Hub, create_app
from tests.net.conftest import PIN, FakeClock, Socket, connect

pytestmark = pytest.mark.timeout(30)


def teacher_sees(ws: Socket, check: object, limit: int = 10) -> dict:
    """The first facilitator ``seats`` message that passes ``check``."""
    assert callable(check)
    for _ in range(limit):
        message = ws.until("seats")
        if check(message):
            return message
    raise AssertionError("the facilitator never saw it")


def test_a_student_asks_the_teacher_approves_with_the_pin_and_the_student_plays(client: TestClient, room: Room) -> None:
    with connect(client) as student_raw, connect(client) as teacher_raw:
        student, teacher = Socket(student_raw), Socket(teacher_raw)
        student.send(type="lobby")
        lobby = student.until("lobby")["seats"]
        assert [s["id"] for s in lobby] == ["upland", "lowland"] and "code" not in json.dumps(lobby)
        student.send(type="request", seat="upland", name="Blue team")
        asked = student.until("asked")
        assert "request 1" in asked["message"]
        student.send(type="request", seat="upland", name="again")
        assert student.until("refused")["code"] == "already_asked"
        student.send(type="decide", id="x", version=1, decision={"kind": "move", "move": "pass"})
        assert student.until("refused")["code"] == "not_joined"  # asking is not joining

        teacher.send(type="facilitate", pin=PIN, action="seats")
        seen = teacher_sees(teacher, lambda m: m["requests"])
        assert seen["requests"] == [{"id": asked["id"], "number": 1, "actor": "upland", "seat": "Upland",
                                     "name": "Blue team"}]  # fmt: skip
        teacher.send(type="facilitate", pin="0000", action="approve", request=asked["id"])
        assert teacher.until("refused")["code"] == "bad_pin"
        teacher.send(type="facilitate", pin=PIN, action="approve", request=asked["id"])

        welcome = student.until("welcome")
        assert welcome["seat"] == "upland" and len(welcome["token"]) >= 40
        assert room.seats["upland"].token_digest == guard.token_digest(welcome["token"])
        state = student.until("state")
        assert state["board"]["me"]["id"] == "upland" and state["board"]["awaiting"]
        student.send(type="decide", id="d1", version=state["version"], decision={"kind": "move", "move": "pass"})
        assert student.until("ack")["code"] == "accepted"
        after = teacher_sees(teacher, lambda m: not m["requests"])
        assert welcome["token"] not in json.dumps(after)  # the token goes to its device only


def test_the_projectors_console_approves_through_the_room_and_the_device_is_told(
    client: TestClient, room: Room
) -> None:
    with connect(client) as raw:
        student = Socket(raw)
        student.send(type="request", name="Greens")
        asked = student.until("asked")
        assert "join a seat" in asked["message"]
        time.sleep(0.3)  # the broadcaster is idle again: only the room's own wake-up can deliver the answer
        room.approve(asked["id"], "lowland")  # what the projector window's console calls, from its own thread
        deadline = time.monotonic() + 5
        while room.desk.answers and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not room.desk.answers, "the server never took the teacher's answer to the device"
        welcome = student.until("welcome")
        assert welcome["seat"] == "lowland" and welcome["token"]
        assert student.until("state")["board"]["me"]["id"] == "lowland"


def test_a_refused_request_is_told_clearly_and_the_device_may_ask_again(client: TestClient, room: Room) -> None:
    with connect(client) as raw:
        student = Socket(raw)
        student.send(type="request", seat="lowland", name="Reds")
        asked = student.until("asked")
        room.refuse(asked["id"])
        refused = student.until("refused")
        assert refused["code"] == "request_refused" and "did not let this device join" in refused["message"]
        student.send(type="request", seat="lowland", name="Reds")
        assert student.until("asked")["number"] == 2


def test_an_approval_for_a_taken_seat_replaces_the_tab_playing_it(client: TestClient, room: Room) -> None:
    with connect(client) as old_raw, connect(client) as new_raw:
        old, new = Socket(old_raw), Socket(new_raw)
        old.claim(room.seats["upland"].code)
        new.send(type="request", seat="upland", name="Blue")
        room.approve(new.until("asked")["id"])
        assert new.until("welcome")["seat"] == "upland"
        assert "another tab" in old.until("replaced")["message"]
        with pytest.raises(WebSocketDisconnect) as closed:
            old.recv()
        assert closed.value.code == 4001
        new.until("state")
        assert room.statuses()["upland"] == "deciding"


def test_a_tab_that_leaves_withdraws_its_request(client: TestClient, room: Room) -> None:
    with connect(client) as raw:
        student = Socket(raw)
        student.send(type="request", seat="upland", name="Blue")
        asked = student.until("asked")
        assert room.pending_requests()
    deadline = time.monotonic() + 10
    while room.pending_requests() and time.monotonic() < deadline:
        time.sleep(0.02)  # the server notices the close on its own thread
    assert room.pending_requests() == []
    assert room.take_answer(asked["id"]) is None


class _LeavingTab:
    """Just enough of a Starlette WebSocket for Hub.serve: it asks for a seat, then waits until cancelled."""

    def __init__(self) -> None:
        self.headers = {"host": "testserver", "origin": "http://testserver"}
        self.client = None
        self.application_state = WebSocketState.CONNECTED
        self.asked = asyncio.Event()
        self.inbox = [{"type": "websocket.receive", "text": json.dumps({"type": "request", "seat": "upland"})}]

    async def accept(self) -> None:
        return None

    async def receive(self) -> dict[str, Any]:
        if self.inbox:
            return self.inbox.pop()
        await asyncio.Event().wait()  # the tab stays until its task is cancelled
        raise AssertionError("unreachable")

    async def send_text(self, text: str) -> None:
        if json.loads(text)["type"] == "asked":
            self.asked.set()


def test_a_tab_cancelled_while_every_worker_thread_is_busy_still_withdraws_its_request(room: Room) -> None:
    """The tab's task is cancelled (Starlette's TestClient leaving, a server stopping) while the clean-up's
    room call must wait for a thread: the clean-up still runs to the end (it once did not, one run in ten)."""
    hub = Hub(room, {"testserver"})

    async def leave_while_the_one_worker_is_busy() -> None:
        loop = asyncio.get_running_loop()
        loop.set_default_executor(ThreadPoolExecutor(1))
        tab = _LeavingTab()
        busy = threading.Event()
        async with anyio.create_task_group() as group:
            group.start_soon(hub.serve, tab)
            await tab.asked.wait()
            assert room.pending_requests()
            loop.run_in_executor(None, busy.wait)  # the clean-up's withdraw queues behind this
            threading.Timer(0.2, busy.set).start()
            group.cancel_scope.cancel()

    asyncio.run(leave_while_the_one_worker_is_busy())
    assert room.pending_requests() == [] and not hub.asking


def test_bad_requests_are_refused_in_one_line(client: TestClient) -> None:
    with connect(client) as raw:
        student = Socket(raw)
        student.send(type="request", seat="atlantis", name="Blue")
        assert student.until("refused")["code"] == "bad_seat"
        student.send(type="request", seat="", name="")
        assert student.until("refused")["code"] == "no_seat"
        student.send(type="request", seat=["upland"], name={"x": 1})
        assert student.until("asked")  # odd types are read as no seat and a name


def test_the_teacher_pauses_and_extends_the_timer_and_every_tab_is_told(tutorial: CompiledScenario) -> None:
    clock = FakeClock()
    room = Room.new(tutorial, 1, {}, None, clock=clock, phase_seconds=90, pin_digest=guard.token_digest(PIN))
    with TestClient(create_app(room, {"testserver"})) as client, connect(client) as raw, connect(client) as t_raw:
        seat, teacher = Socket(raw), Socket(t_raw)
        _, state = seat.claim(room.seats["upland"].code)
        assert state["timer"] == 90.0 and state["paused"] is False
        teacher.send(type="facilitate", pin=PIN, action="pause")
        timer = seat.until("timer")
        assert timer == {"type": "timer", "timer": 90.0, "paused": True}
        teacher.send(type="facilitate", pin=PIN, action="extend")
        assert seat.until("timer")["timer"] == 150.0
        teacher.send(type="facilitate", pin=PIN, action="resume")
        assert seat.until("timer")["paused"] is False
        seen = teacher_sees(teacher, lambda m: m["paused"] is False)
        assert seen["timer"] == 150.0
        teacher.send(type="facilitate", pin=PIN, action="resume")
        assert teacher.until("refused")["code"] == "not_paused"
    room.close()


def test_the_teacher_ends_the_game_from_the_page_and_every_seat_gets_the_debrief(
    client: TestClient, room: Room
) -> None:
    with connect(client) as raw, connect(client) as t_raw:
        seat, teacher = Socket(raw), Socket(t_raw)
        seat.claim(room.seats["lowland"].code)
        teacher.send(type="facilitate", pin="0000", action="end_game")
        assert teacher.until("refused")["code"] == "bad_pin"
        teacher.send(type="facilitate", pin=PIN, action="end_game")
        assert seat.state_where(lambda b: b["over"])["board"]["debrief"]["ending"] == "Ended by the facilitator"
