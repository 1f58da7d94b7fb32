"""The teacher steers the game on the wire (Starlette's TestClient): PIN-checked actions, one-line refusals,
each device's new state (secrets kept), and devices that go on playing after an undo."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from game.net.room import Room
from tests.net.conftest import PIN, Socket, connect
from tests.net.test_server_requests import teacher_sees

pytestmark = pytest.mark.timeout(30)


def steer(teacher: Socket, **message: Any) -> dict[str, Any]:
    """Send a facilitate message; the answer (done or refused)."""
    teacher.send(type="facilitate", **message)
    for _ in range(20):
        answer = teacher.recv()
        if answer["type"] in ("done", "refused"):
            return answer
    raise AssertionError("no answer")


def test_the_teacher_injects_an_event_and_every_device_shows_its_news(client: TestClient, room: Room) -> None:
    with connect(client) as up_raw, connect(client) as watch_raw, connect(client) as teacher_raw:
        upland, watcher, teacher = Socket(up_raw), Socket(watch_raw), Socket(teacher_raw)
        upland.claim(room.seats["upland"].code)
        watcher.send(type="watch")
        watcher.until("state")
        teacher.send(type="facilitate", pin=PIN, action="seats")
        panel = teacher.until("seats")["steer"]
        assert "drought" in [e["id"] for e in panel["events"]] and panel["undo"] == [1]
        assert steer(teacher, pin=PIN, action="inject", event="drought") == {
            "type": "done", "action": "inject", "message": "Brought in: Drought declared."}  # fmt: skip
        for device in (upland, watcher):
            device.state_where(lambda b: any(n.startswith("Drought declared") for n in b["news"]))


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ({"action": "inject", "event": "meteor"}, "bad_event"),
        ({"action": "inject"}, "bad_event"),
        ({"action": "set_variable", "ref": "upland.money", "value": 1000}, "bad_value"),
        ({"action": "set_variable", "ref": "upland.money", "value": "lots"}, "bad_value"),
        ({"action": "set_variable", "ref": "mars.money", "value": 1}, "bad_variable"),
        ({"action": "set_track", "track": "relations", "state": "married"}, "bad_state"),
        ({"action": "set_track", "track": {"x": 1}, "state": "tense"}, "bad_track"),
        ({"action": "undo", "turn": 7}, "bad_turn"),
        ({"action": "undo"}, "bad_turn"),
    ],
)
def test_bad_ids_and_values_are_refused_in_one_line(client: TestClient, room: Room, message: dict, code: str) -> None:
    with connect(client) as raw:
        teacher = Socket(raw)
        answer = steer(teacher, pin=PIN, **message)
        assert answer["type"] == "refused" and answer["code"] == code and "\n" not in answer["message"]
    assert room.game.decisions == []


@pytest.mark.parametrize(
    "message",
    [
        {"action": "inject", "event": "drought"},
        {"action": "set_variable", "ref": "upland.money", "value": 1},
        {"action": "set_track", "track": "relations", "state": "treaty"},
        {"action": "undo", "turn": 1},
    ],
)
def test_every_steering_action_needs_the_pin(client: TestClient, room: Room, message: dict) -> None:
    versions = dict(room.versions)
    with connect(client) as raw:
        teacher = Socket(raw)
        assert steer(teacher, pin="0000", **message)["code"] == "bad_pin"
        assert steer(teacher, **message)["code"] == "bad_pin"
    assert room.game.decisions == [] and room.versions == versions


def test_a_private_number_set_reaches_only_its_owner_and_the_facilitator(client: TestClient, room: Room) -> None:
    with connect(client) as up_raw, connect(client) as low_raw, connect(client) as watch_raw, \
            connect(client) as teacher_raw:  # fmt: skip
        upland, lowland, watcher, teacher = Socket(up_raw), Socket(low_raw), Socket(watch_raw), Socket(teacher_raw)
        upland.claim(room.seats["upland"].code)
        lowland.claim(room.seats["lowland"].code)
        watcher.send(type="watch")
        watcher.until("state")
        said = steer(teacher, pin=PIN, action="set_variable", ref="upland.reservoir", value=77)
        assert said == {"type": "done", "action": "set_variable", "message": "Upland reservoir set to 77."}
        seats = teacher_sees(teacher, lambda m: any(v["value"] == 77 for v in m["steer"]["variables"]))
        assert next(v for v in seats["steer"]["variables"] if v["ref"] == "upland.reservoir")["value"] == 77
        upland.state_where(lambda b: any(v["ref"] == "upland.reservoir" and v["value"] == 77 for v in b["variables"]))
        # a public number set after it: once the other devices have that, they have had every state since
        assert steer(teacher, pin=PIN, action="set_variable", ref="lowland.water", value=11)["type"] == "done"
        for device in (lowland, watcher):
            seen: list[str] = []
            for _ in range(10):
                message = device.recv()
                seen.append(json.dumps(message))
                if message["type"] == "state" and "Water of Lowland set to 11" in json.dumps(message):
                    break
            else:
                raise AssertionError("the public number never arrived")
            text = "\n".join(seen)
            assert "reservoir" not in text.lower() and "set to 77" not in text


def test_devices_take_the_state_after_an_undo_and_play_on(client: TestClient, room: Room) -> None:
    with connect(client) as up_raw, connect(client) as low_raw, connect(client) as teacher_raw:
        upland, lowland, teacher = Socket(up_raw), Socket(low_raw), Socket(teacher_raw)
        _, state = upland.claim(room.seats["upland"].code)
        lowland.claim(room.seats["lowland"].code)
        first = state["version"]
        upland.send(type="decide", id="u1", version=first, decision={"kind": "move", "move": "pass"})
        assert upland.until("ack")["code"] == "accepted"
        before = upland.state_where(lambda b: not b["awaiting"])["version"]
        assert steer(teacher, pin=PIN, action="undo", turn=1)["message"] == "Back to the start of turn 1."
        after = upland.state_where(lambda b: b["awaiting"])
        assert after["version"] > before > first  # never back: the page and the server both take it
        assert any("taken back to the start of turn 1" in e["text"] for e in after["board"]["log"])
        upland.send(type="decide", id="u2", version=after["version"], decision={"kind": "move", "move": "pass"})
        assert upland.until("ack")["code"] == "accepted"
        low = lowland.state_where(lambda b: any("taken back" in e["text"] for e in b["log"]))
        lowland.send(type="decide", id="l1", version=low["version"], decision={"kind": "move", "move": "pass"})
        assert lowland.until("ack")["code"] == "accepted"
        upland.state_where(lambda b: b["turn"] == 2)
