"""The teacher steers a room's game: an event brought in, a number or a track set, undo to a turn's start;
bad ids and values refused with a code; secrets kept; every action journaled and replayed on a restart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.engine import CompiledScenario, facilitator
from game.engine.replay import replay
from game.net.journal import JournalError
from game.net.room import Refused, Room
from tests.net.conftest import FakeClock
from tests.net.test_secrecy import secrets_hidden_from


def board(room: Room, viewer: str | None) -> dict[str, Any]:
    seen: dict[str, Any] = json.loads(room.message(viewer)[1])["board"]
    return seen


def both_pass(room: Room, tag: str) -> None:
    for actor in ("upland", "lowland"):
        outcome = room.decide(actor, {"kind": "move", "move": "pass"}, f"{actor}-{tag}", room.versions[actor])
        assert outcome.status == "accepted", outcome


def upland_plays_to_the_next_turn(room: Room, tag: str) -> None:
    """Upland (the bot plays Lowland) opens talks, then refuses whatever it is offered, until the turn is over."""
    turn, count = room.game.turn, 0
    while room.game.turn == turn and not room.game.is_over():
        count += 1
        if room.game.phase.value == "responses":
            offer = board(room, "upland")["offers"][0]["id"]
            decision = {"kind": "answer", "proposal": offer, "accept": False}
        else:
            decision = {"kind": "move", "move": "open_talks" if count == 1 else "pass"}
        outcome = room.decide("upland", decision, f"{tag}-{count}", room.versions["upland"])
        assert outcome.status == "accepted", outcome


def test_an_injected_event_is_news_on_every_device(room: Room) -> None:
    before = dict(room.versions)
    assert room.inject_event("drought") == "Drought declared"
    for viewer in ("upland", "lowland", None):
        assert any(n.startswith("Drought declared") for n in board(room, viewer)["news"])
        assert room.versions[viewer] > before[viewer]
    assert room.game.decisions[-1]["action"] == "inject" and room.game.decisions[-1]["event"] == "drought"
    assert room.updates.get_nowait()  # the projector is handed the new public board


def test_a_number_and_a_track_set_reach_every_device(room: Room) -> None:
    room.set_variable("lowland.water", 12)
    room.set_track("relations", "treaty")
    for viewer in ("upland", "lowland", None):
        seen = board(room, viewer)
        assert next(v["value"] for v in seen["variables"] if v["ref"] == "lowland.water") == 12
        assert [t["state"] for t in seen["tracks"]] == ["River treaty"]
    assert [d["action"] for d in room.game.decisions] == ["set_variable", "set_track"]


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda r: r.inject_event("nope"), "bad_event"),
        (lambda r: r.inject_event(["drought"]), "bad_event"),
        (lambda r: r.set_variable("upland.nothing", 5), "bad_variable"),
        (lambda r: r.set_variable(None, 5), "bad_variable"),
        (lambda r: r.set_variable("upland.money", 101), "bad_value"),
        (lambda r: r.set_variable("upland.money", -1), "bad_value"),
        (lambda r: r.set_variable("upland.money", 2.5), "bad_value"),
        (lambda r: r.set_variable("upland.money", "5"), "bad_value"),
        (lambda r: r.set_variable("upland.money", True), "bad_value"),
        (lambda r: r.set_variable("upland.money", float("nan")), "bad_value"),
        (lambda r: r.set_track("weather", "sunny"), "bad_track"),
        (lambda r: r.set_track("relations", "married"), "bad_state"),
        (lambda r: r.undo(2), "bad_turn"),
        (lambda r: r.undo(0), "bad_turn"),
        (lambda r: r.undo("1"), "bad_turn"),
    ],
)
def test_bad_ids_and_values_are_refused_in_one_line_and_change_nothing(room: Room, call: Any, code: str) -> None:
    state, versions = room.game.state_hash(), dict(room.versions)
    with pytest.raises(Refused) as refused:
        call(room)
    assert refused.value.code == code and "\n" not in str(refused.value)
    assert room.game.state_hash() == state and room.versions == versions and room.game.decisions == []


def test_nothing_is_steered_once_the_game_is_over(room: Room) -> None:
    room.end_game()
    for call in (lambda: room.inject_event("drought"), lambda: room.set_variable("upland.money", 5),
                 lambda: room.set_track("relations", "tense"), lambda: room.undo(1)):  # fmt: skip
        with pytest.raises(Refused) as refused:
            call()
        assert refused.value.code == "over"


def test_a_private_number_the_teacher_sets_reaches_its_owner_and_the_facilitator_only(room: Room) -> None:
    room.set_variable("upland.reservoir", 77)
    mine = next(v for v in board(room, "upland")["variables"] if v["ref"] == "upland.reservoir")
    assert mine["value"] == 77 and "Reservoir of Upland set to 77" in json.dumps(board(room, "upland"))
    for viewer in ("lowland", None):
        text = room.message(viewer)[1]
        assert "reservoir" not in text.lower() and "set to 77" not in text
        leaked = [s for s in secrets_hidden_from(room.game, viewer) if s in text]
        assert not leaked, leaked
    assert "reservoir" not in json.dumps(room.updates.get_nowait()).lower()  # the projector's snapshot
    panel = room.steering_panel()
    assert next(v["value"] for v in panel["variables"] if v["ref"] == "upland.reservoir") == 77


def test_the_panel_lists_what_the_teacher_may_choose(room: Room) -> None:
    panel = room.steering_panel()
    assert [e["id"] for e in panel["events"]] == ["spring_floods", "drought", "bank_loan"]
    money = next(v for v in panel["variables"] if v["ref"] == "upland.money")
    assert (money["low"], money["high"], money["owner"], money["private"]) == (0, 100, "Upland", False)
    assert panel["tracks"][0]["id"] == "relations" and "treaty" in [s["id"] for s in panel["tracks"][0]["states"]]
    assert panel["undo"] == [1] and panel["turn"] == 1


def test_undo_goes_back_to_a_turns_start_and_versions_only_go_up(room: Room) -> None:
    _, token = room.claim(room.seats["upland"].code, "pc1")
    room.set_player("lowland", "heuristic")
    upland_plays_to_the_next_turn(room, "t1")
    assert room.game.turn == 2 and room.steering_panel()["undo"] == [2, 1]
    room.inject_event("bank_loan")
    start_of_2 = facilitator.decisions_before(room.game, 2)
    versions = dict(room.versions)
    room.undo(2)
    assert room.game.turn == 2 and room.game.is_awaiting("upland")
    assert room.game.decisions[: len(start_of_2)] == start_of_2
    assert room.game.decisions[len(start_of_2)]["action"] == "undo"
    assert all(room.versions[v] > versions[v] for v in versions)
    assert room.rejoin(token, "pc1") == "upland" and room.seats["lowland"].bot == "heuristic"  # seats stay
    versions = dict(room.versions)
    room.undo(1)
    assert room.game.turn == 1 and room.game.is_awaiting("upland") and not room.game.state["orders"]["upland"]
    assert all(room.versions[v] > versions[v] for v in versions)
    again = replay(room.compiled, room.seed, room.game.decisions, allow_unfinished=True)
    assert again.state_hash() == room.game.state_hash()  # still scenario + seed + decisions
    # a decision made on the new board is taken; one made on a board before the undo is stale
    assert room.decide("upland", {"kind": "move", "move": "pass"}, "u3", versions["upland"]).status == "stale"
    assert room.decide("upland", {"kind": "move", "move": "pass"}, "u3", room.versions["upland"]).status == "accepted"


def test_undo_starts_the_phase_timer_again(tutorial: CompiledScenario) -> None:
    clock = FakeClock()
    room = Room.new(tutorial, 1, {}, None, clock=clock, phase_seconds=90)
    clock.now += 60
    assert room.timer() == (30.0, False)
    room.undo(1)
    assert room.timer() == (90.0, False)
    room.close()


def test_every_steering_action_survives_a_restart(tutorial: CompiledScenario, tmp_path: Path) -> None:
    path = tmp_path / "room.jsonl"
    room = Room.new(tutorial, 3, {}, path, scenario_sha256="abc")
    _, up = room.claim(room.seats["upland"].code, "pc1")
    room.inject_event("drought")
    room.set_variable("upland.reservoir", 40)
    room.set_track("relations", "friendly")
    both_pass(room, "t1")
    room.set_variable("lowland.money", 3)
    room.undo(2)  # the money set on turn 2 is undone; turn 1's actions stay
    room.set_player("lowland", "random")
    room.decide("upland", {"kind": "move", "move": "pass"}, "u-t2", room.versions["upland"])
    state, decisions = room.game.state_hash(), list(room.game.decisions)
    room.close()
    records = [json.loads(line) for line in path.read_text().splitlines()[1:]]
    assert [r["type"] for r in records].count("facilitator") == 4 and {"type": "undo", "to_turn": 2} in records
    again = Room.resume(tutorial, path, "abc")
    assert again.game.state_hash() == state and again.game.decisions == decisions
    assert again.game.state["vars"]["upland.reservoir"] == 40 and again.game.state["vars"]["lowland.money"] != 3
    assert again.rejoin(up, "pc1") == "upland"
    again.undo(again.game.turn)  # and undo again after the restart: the journal goes on
    state = again.game.state_hash()
    again.close()
    assert Room.resume(tutorial, path, "abc").game.state_hash() == state


def test_a_journaled_undo_to_an_impossible_turn_is_a_one_line_error(tutorial: CompiledScenario, tmp_path: Path) -> None:
    path = tmp_path / "room.jsonl"
    Room.new(tutorial, 3, {}, path).close()
    with path.open("a") as f:
        f.write('{"type":"undo","to_turn":5}\n')
    with pytest.raises(JournalError, match=r"room.jsonl:2: cannot replay: cannot undo to turn 5") as error:
        Room.resume(tutorial, path, "")
    assert "\n" not in str(error.value)


def test_an_undo_with_a_bot_at_a_seat_survives_a_restart(tutorial: CompiledScenario, tmp_path: Path) -> None:
    path = tmp_path / "room.jsonl"
    room = Room.new(tutorial, 2, {"lowland": "heuristic"}, path)
    upland_plays_to_the_next_turn(room, "t1")
    room.undo(2)  # the bot decides again at once, journaled after the undo
    room.undo(1)
    upland_plays_to_the_next_turn(room, "t1-again")
    state = room.game.state_hash()
    room.close()
    again = Room.resume(tutorial, path, "")
    assert again.game.state_hash() == state and again.game.turn == 2
    again.close()
