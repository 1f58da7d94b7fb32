"""Joining by the teacher's approval (the room and its request desk, game/net/requests.py), the timer the teacher
controls and ending the game (no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine import CompiledScenario
from game.net import guard
from game.net.requests import MAX_REQUESTS, REQUEST_SECONDS
from game.net.room import Refused, Room
from tests.net.conftest import FakeClock


def test_a_request_approved_gives_that_device_a_seat_token(room: Room) -> None:
    request = room.ask("upland", "  Blue\tteam \x07", "pc1")
    assert request.name == "Blue team"  # spaces collapsed, control characters dropped
    assert room.pending_requests() == [
        {"id": request.id, "number": 1, "actor": "upland", "seat": "Upland", "name": "Blue team"}
    ]
    assert room.take_answer(request.id) is None  # not answered yet
    assert room.approve(request.id) == "upland"
    answer = room.take_answer(request.id)
    assert answer is not None and answer.approved and answer.actor == "upland"
    assert len(answer.token) >= 40
    assert room.rejoin(answer.token, "pc1") == "upland"
    assert room.take_answer(request.id) is None  # handed over once
    assert room.pending_requests() == []
    snapshots = []
    while not room.updates.empty():
        snapshots.append(room.updates.get_nowait())
    assert snapshots and answer.token not in json.dumps(snapshots)  # nothing the projector gets holds it


def test_a_refusal_is_clear_and_gives_nothing(room: Room) -> None:
    request = room.ask("lowland", "Reds", "pc1")
    room.refuse(request.id)
    answer = room.take_answer(request.id)
    assert answer is not None and not answer.approved and answer.token == ""
    assert "did not let this device join" in answer.message
    with pytest.raises(Refused, match="no longer waiting"):
        room.approve(request.id)
    assert room.seats["lowland"].token_digest == ""


def test_a_request_needs_a_seat_or_a_name_and_a_seat_before_approval(room: Room) -> None:
    with pytest.raises(Refused, match="pick a seat or type"):
        room.ask(None, "  ", "pc1")
    with pytest.raises(Refused, match="no such seat"):
        room.ask("atlantis", "Blue", "pc1")
    request = room.ask(None, "Greens", "pc1")
    with pytest.raises(Refused, match="choose a seat for request 1"):
        room.approve(request.id)
    assert room.approve(request.id, "lowland") == "lowland"


def test_requests_are_bounded_and_rate_limited(room: Room) -> None:
    clock = room.clock
    assert isinstance(clock, FakeClock)
    for number in range(4):
        room.ask("upland", f"T{number}", "pc1")
    with pytest.raises(Refused, match="too many requests from this device") as refused:
        room.ask("upland", "again", "pc1")
    assert refused.value.code == "rate"
    clock.now += 10.5  # one more every ten seconds
    room.ask("upland", "later", "pc1")
    for number in range(MAX_REQUESTS - 5):
        room.ask("lowland", "many", f"pc{number + 2}")
    with pytest.raises(Refused, match="too many requests waiting") as busy:
        room.ask("lowland", "one too many", "pc99")
    assert busy.value.code == "busy"
    room.refuse(room.pending_requests()[0]["id"])
    room.ask("lowland", "room again", "pc99")


def test_an_unanswered_request_lapses(room: Room) -> None:
    clock = room.clock
    assert isinstance(clock, FakeClock)
    request = room.ask("upland", "Blue", "pc1")
    clock.now += REQUEST_SECONDS + 1
    assert room.pending_requests() == []
    answer = room.take_answer(request.id)
    assert answer is not None and not answer.approved and "in time" in answer.message
    with pytest.raises(Refused, match="no longer waiting"):
        room.approve(request.id)


def test_approving_a_taken_seat_replaces_the_device_playing_it(room: Room) -> None:
    _, first = room.claim(room.seats["upland"].code, "pc1")
    request = room.ask("upland", "Blue", "pc2")
    room.approve(request.id)
    answer = room.take_answer(request.id)
    assert answer is not None
    assert room.rejoin(answer.token, "pc2") == "upland"
    with pytest.raises(Refused, match="no longer valid"):
        room.rejoin(first, "pc1")  # the newest device wins
    assert room.claim(room.seats["upland"].code, "pc1")[0] == "upland"  # the code still works for the team


def test_approving_a_seat_a_bot_stands_in_for_hands_it_back(room: Room) -> None:
    room.set_player("lowland", "heuristic")
    request = room.ask("lowland", "Reds", "pc1")
    room.approve(request.id)
    assert room.seats["lowland"].bot is None and room.statuses()["lowland"] != "bot"


def test_a_resumed_room_keeps_the_approved_seat(tutorial: CompiledScenario, tmp_path: Path) -> None:
    path = tmp_path / "room.jsonl"
    room = Room.new(tutorial, 3, {"lowland": "heuristic"}, path, clock=FakeClock())
    request = room.ask("lowland", "Reds", "pc1")
    room.approve(request.id)
    answer = room.take_answer(request.id)
    assert answer is not None
    assert room.decide("upland", {"kind": "move", "move": "pass"}, "d1", room.versions["upland"]).status == "accepted"
    room.close()
    text = path.read_text()
    assert answer.token not in text and guard.token_digest(answer.token) in text  # the digest, never the token
    resumed = Room.resume(tutorial, path, "")
    assert resumed.rejoin(answer.token, "pc1") == "lowland"
    assert resumed.seats["lowland"].bot is None
    assert "d1" in resumed.seats["upland"].seen_ids
    assert resumed.game.decisions == room.game.decisions
    resumed.close()


def test_the_teacher_pauses_resumes_and_extends_the_timer(tutorial: CompiledScenario) -> None:
    clock = FakeClock()
    room = Room.new(tutorial, 1, {}, None, clock=clock, phase_seconds=60)
    serial = room.timer_serial
    clock.now += 20
    room.pause()
    assert room.timer() == (40.0, True)
    assert json.loads(room.message("upland")[1])["paused"] is True
    clock.now += 500
    assert not room.tick()  # a paused timer never runs out
    room.extend()
    assert room.timer() == (100.0, True)
    room.resume_timer()
    assert room.timer() == (100.0, False)
    clock.now += 30
    room.extend(15)
    assert room.timer() == (85.0, False)
    assert room.timer_serial == serial + 4
    with pytest.raises(Refused, match="not paused"):
        room.resume_timer()
    clock.now += 86
    assert room.tick()  # then it runs out as before


def test_without_a_timer_there_is_nothing_to_pause(room: Room) -> None:
    with pytest.raises(Refused, match="no timer"):
        room.pause()
    with pytest.raises(Refused, match="no timer"):
        room.extend()


def test_the_teacher_ends_the_game_and_a_resumed_room_stays_ended(tutorial: CompiledScenario, tmp_path: Path) -> None:
    path = tmp_path / "room.jsonl"
    room = Room.new(tutorial, 2, {}, path, clock=FakeClock())
    room.end_game()
    assert room.game.is_over()
    assert json.loads(room.message("upland")[1])["board"]["debrief"]["ending"] == "Ended by the facilitator"
    with pytest.raises(Refused, match="already over"):
        room.end_game()
    room.close()
    resumed = Room.resume(tutorial, path, "")
    assert resumed.game.is_over() and resumed.game.decisions == room.game.decisions
    resumed.close()
