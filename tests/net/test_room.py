"""The room without a network: seats, codes, tokens, lockouts, versions, duplicates, bots, timer, journal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine import CompiledScenario
from game.net import guard
from game.net.journal import JournalError
from game.net.room import Refused, Room
from tests.net.conftest import FakeClock


def board(room: Room, viewer: str | None) -> dict:
    return json.loads(room.message(viewer)[1])["board"]


def test_claim_gives_a_seat_and_a_long_token(room: Room) -> None:
    actor, token = room.claim(room.seats["upland"].code.lower(), "pc1")
    assert actor == "upland"
    assert len(token) >= 40
    assert room.rejoin(token, "pc1") == "upland"
    assert room.seats["upland"].token_digest == guard.token_digest(token)


def test_a_new_claim_replaces_the_old_token(room: Room) -> None:
    _, first = room.claim(room.seats["upland"].code, "pc1")
    _, second = room.claim(room.seats["upland"].code, "pc2")
    assert room.rejoin(second, "pc2") == "upland"
    with pytest.raises(Refused, match="no longer valid"):
        room.rejoin(first, "pc1")


def test_wrong_codes_are_refused_then_locked_out(room: Room) -> None:
    for _ in range(4):
        with pytest.raises(Refused, match="claim code is not right") as refused:
            room.claim("ZZZZZZ", "pc9")
        assert refused.value.code == "bad_code"
    with pytest.raises(Refused, match="too many wrong tries") as locked:
        room.claim("ZZZZZZ", "pc9")
    assert locked.value.code == "locked"
    # Even the right code waits while locked out; another device is not affected.
    with pytest.raises(Refused, match="too many wrong tries"):
        room.claim(room.seats["upland"].code, "pc9")
    assert room.claim(room.seats["upland"].code, "pc8")[0] == "upland"
    assert isinstance(room.clock, FakeClock)
    room.clock.now += 61
    assert room.claim(room.seats["upland"].code, "pc9")[0] == "upland"


def test_wrong_tokens_lock_out_too(room: Room) -> None:
    for _ in range(4):
        with pytest.raises(Refused, match="no longer valid"):
            room.rejoin("x" * 43, "pc9")
    with pytest.raises(Refused, match="too many wrong tries"):
        room.rejoin("x" * 43, "pc9")


def test_pin(room: Room) -> None:
    room.check_pin("2468", "t")
    with pytest.raises(Refused, match="wrong PIN"):
        room.check_pin("1111", "t")


def test_decisions_accepted_duplicate_stale_illegal(room: Room) -> None:
    version = room.versions["upland"]
    assert room.decide("upland", {"kind": "move", "move": "open_talks"}, "d1", version).status == "accepted"
    # The same id again (a resend after a reconnect, a replay): ignored, nothing applied twice.
    assert room.decide("upland", {"kind": "move", "move": "open_talks"}, "d1", version).status == "duplicate"
    assert len(room.game.decisions) == 1
    # Made on the board before the change: stale.
    assert room.decide("upland", {"kind": "move", "move": "pass"}, "d2", version).status == "stale"
    other = room.versions["lowland"]
    outcome = room.decide("lowland", {"kind": "move", "move": "no_such_move"}, "e1", other)
    assert outcome.status == "illegal" and "no move" in outcome.message
    assert room.decide("lowland", "pass", "e2", other).status == "illegal"
    assert room.decide("lowland", {"kind": "move", "move": "pass"}, "", other).status == "illegal"


def test_a_decision_names_its_own_seat_only(room: Room) -> None:
    # The actor a browser writes into a decision is ignored: the seat decides for itself.
    version = room.versions["lowland"]
    outcome = room.decide("lowland", {"kind": "move", "move": "open_talks", "actor": "upland"}, "d1", version)
    assert outcome.status == "accepted"
    assert room.game.state["orders"]["lowland"] and not room.game.state["orders"]["upland"]


def test_versions_go_up_only_when_a_viewers_board_changes(room: Room) -> None:
    before = dict(room.versions)
    room.decide("upland", {"kind": "move", "move": "open_talks"}, "d1", room.versions["upland"])
    assert room.versions["upland"] == before["upland"] + 1
    assert room.versions["lowland"] == before["lowland"]  # Upland's secret orders change nothing Lowland sees


def test_bots_play_their_seats(tutorial: CompiledScenario) -> None:
    room = Room.new(tutorial, 3, {"upland": "heuristic"}, None)
    assert room.game.is_awaiting("lowland") and not room.game.is_awaiting("upland")
    while not room.game.is_over():
        actor = room.game.awaiting()[0]
        assert actor == "lowland"
        legal = room.game.legal_decisions("lowland")
        room.decide("lowland", {k: v for k, v in legal[-1].to_json().items() if k != "actor"},
                    f"id{len(room.game.decisions)}", room.versions["lowland"])  # fmt: skip
    assert board(room, "lowland")["debrief"]["ending"]


def test_the_facilitator_hands_a_seat_to_a_bot_and_back(room: Room) -> None:
    room.set_player("upland", "heuristic")
    assert room.statuses()["upland"] == "bot"
    assert not room.game.is_awaiting("upland")  # the bot decided at once
    with pytest.raises(Refused, match="bot"):
        room.claim(room.seats["upland"].code, "pc1")
    room.set_player("upland", None)
    assert room.claim(room.seats["upland"].code, "pc1")[0] == "upland"
    with pytest.raises(Refused, match="unknown bot kind"):
        room.set_player("upland", "genius")


def test_the_timer_lets_bots_decide_for_the_late(tutorial: CompiledScenario) -> None:
    clock = FakeClock()
    room = Room.new(tutorial, 1, {}, None, clock=clock, phase_seconds=60)
    assert room.deadline == clock.now + 60
    assert not room.tick()
    clock.now += 61
    assert room.tick()
    assert room.game.turn == 2 or room.game.phase.value == "responses"
    reasons = [e.get("reason", "") for e in room.game.decisions]
    assert all(r.startswith("time was up") for r in reasons)


def test_end_phase_ends_only_the_current_phase(room: Room) -> None:
    room.decide("upland", {"kind": "move", "move": "sell_water", "target": "lowland"}, "d1", room.versions["upland"])
    assert room.end_phase() == 1  # Lowland's order, by a bot
    assert room.game.phase.value == "responses"  # Lowland must still answer the offer itself
    assert board(room, "lowland")["offers"]


def test_new_code_invalidates_the_token(room: Room) -> None:
    old_code = room.seats["lowland"].code
    _, token = room.claim(old_code, "pc1")
    code = room.new_code("lowland")
    assert code != old_code
    with pytest.raises(Refused):
        room.rejoin(token, "pc1")
    with pytest.raises(Refused):
        room.claim(old_code, "pc1")
    assert room.claim(code, "pc1")[0] == "lowland"


def test_statuses(room: Room) -> None:
    assert room.statuses() == {"upland": "empty", "lowland": "empty"}
    room.set_connected("upland", True)
    assert room.statuses()["upland"] == "deciding"
    room.decide("upland", {"kind": "move", "move": "pass"}, "d1", room.versions["upland"])
    assert room.statuses()["upland"] == "done"
    snapshot = room.updates.get_nowait()
    assert set(snapshot) == {"board", "statuses", "deadline", "paused_left", "timed", "requests", "playable", "events"}
    text = json.dumps(snapshot)
    assert all(seat.code not in text for seat in room.seats.values())  # the projector's snapshot: no claim code


def test_journal_resume_keeps_tokens_ids_and_the_game(tutorial: CompiledScenario, tmp_path: Path) -> None:
    path = tmp_path / "room.jsonl"
    room = Room.new(tutorial, 5, {}, path, scenario_sha256="abc")
    _, up = room.claim(room.seats["upland"].code, "pc1")
    _, low = room.claim(room.seats["lowland"].code, "pc2")
    room.decide("upland", {"kind": "move", "move": "sell_water", "target": "lowland"}, "u1", room.versions["upland"])
    room.decide("lowland", {"kind": "move", "move": "pass"}, "l1", room.versions["lowland"])
    state = room.game.state_hash()
    room.close()
    assert up not in path.read_text() and low not in path.read_text()  # only the tokens' digests are kept
    again = Room.resume(tutorial, path, "abc")
    assert again.game.state_hash() == state
    assert again.rejoin(up, "pc1") == "upland" and again.rejoin(low, "pc2") == "lowland"
    replayed = again.decide("upland", {"kind": "move", "move": "pass"}, "u1", again.versions["upland"])
    assert replayed.status == "duplicate"
    again.close()


def test_journal_resume_ignores_a_line_cut_short(tutorial: CompiledScenario, tmp_path: Path) -> None:
    path = tmp_path / "room.jsonl"
    room = Room.new(tutorial, 5, {}, path)
    room.decide("upland", {"kind": "move", "move": "open_talks"}, "u1", room.versions["upland"])
    room.close()
    with path.open("a") as f:
        f.write('{"type":"decision","actor":"low')
    again = Room.resume(tutorial, path, "")
    assert again.game.state["orders"]["upland"]
    again.decide("lowland", {"kind": "move", "move": "pass"}, "l1", again.versions["lowland"])
    again.close()
    assert Room.resume(tutorial, path, "").game.state["done"] == []  # both decided: the turn went on


def test_journal_errors_are_one_line(tutorial: CompiledScenario, tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="no such journal"):
        Room.resume(tutorial, tmp_path / "none.jsonl", "")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("hello\nworld\n")
    with pytest.raises(JournalError, match=r"bad.jsonl:1: not a room journal line"):
        Room.resume(tutorial, bad, "")
    path = tmp_path / "room.jsonl"
    Room.new(tutorial, 5, {}, path, scenario_sha256="abc").close()
    with pytest.raises(JournalError, match="scenario file changed"):
        Room.resume(tutorial, path, "def")
    with pytest.raises(JournalError, match="already exists"):
        Room.new(tutorial, 5, {}, path)
