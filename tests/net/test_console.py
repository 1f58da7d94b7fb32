"""The facilitator console of the projector window, driven by events through ``Projector.step`` (dummy video)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from game.engine import CompiledScenario
from game.net import console
from game.net.room import Room
from tests.net.conftest import FakeClock

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
pygame = pytest.importorskip("pygame")

from game.net.projector import Projector  # noqa: E402

URL = "http://192.0.2.10:8000/"


def key(code: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="")


def click(pos: tuple[int, int]) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string the projector draws."""
    from game.ui import drawing

    seen: list[str] = []
    real = drawing.text

    def spy(surface: object, words: str, *args: object, **kwargs: object) -> object:
        seen.append(words)
        return real(surface, words, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(drawing, "text", spy)
    return seen


@pytest.fixture
def timed(tutorial: CompiledScenario) -> Iterator[Room]:
    made = Room.new(tutorial, 1, {}, None, clock=FakeClock(), phase_seconds=90)
    yield made
    made.close()


def window(room: Room) -> tuple[Projector, pygame.Surface]:
    pygame.font.init()  # never pygame.quit() here: other tests keep fonts loaded for the whole session
    projector = Projector(URL, room.updates, room)
    surface = pygame.Surface((1280, 720))
    assert projector.step([], surface)
    return projector, surface


def button(projector: Projector, action_id: str) -> pygame.Rect:
    return next(rect for action, rect in projector.buttons if action.id == action_id)


def test_the_actions_follow_the_snapshot(timed: Room) -> None:
    projector, _ = window(timed)
    ids = [a.id for a in console.actions(projector.snapshot)]
    assert ids == ["pause", "extend", "end_phase", "end_game", "undo:1", "undo:0", "event", "inject:spring_floods",
                   "bot:upland", "bot:lowland"]  # fmt: skip
    assert [a.id for a in console.actions(projector.snapshot) if not a.enabled] == ["undo:0"]  # no turn before 1
    request = timed.ask(None, "Greens", "pc1")
    timed.set_player("lowland", "heuristic")
    projector.drain()
    ids = [a.id for a in console.actions(projector.snapshot)]
    assert ids[8:] == ["bot:upland", "person:lowland", f"approve:{request.id}:upland",
                       f"approve:{request.id}:lowland", f"refuse:{request.id}"]  # fmt: skip
    assert console.actions(None) == []


def test_keys_pause_extend_resume_and_end_the_phase(timed: Room) -> None:
    projector, surface = window(timed)
    projector.step([key(pygame.K_p)], surface)
    assert timed.timer() == (90.0, True) and projector.said == "Timer paused."
    projector.step([key(pygame.K_PLUS)], surface)
    assert timed.timer() == (150.0, True)
    projector.step([key(pygame.K_p)], surface)
    assert timed.timer() == (150.0, False)
    assert timed.game.is_awaiting("upland")
    projector.step([key(pygame.K_n)], surface)
    assert not timed.game.is_awaiting("upland") or timed.game.phase.value != "diplomacy"
    assert "bots made" in projector.said


def test_a_key_approves_the_oldest_request_and_r_refuses(room: Room, drawn: list[str]) -> None:
    projector, surface = window(room)
    first = room.ask("upland", "Blue team", "pc1")
    second = room.ask("lowland", "Reds", "pc2")
    projector.step([], surface)
    assert any("#1 Blue team asks for Upland" in t for t in drawn)
    projector.step([key(pygame.K_a)], surface)
    answer = room.take_answer(first.id)
    assert answer is not None and answer.approved and answer.actor == "upland"
    assert projector.said == "Let in: that device now plays Upland."
    projector.step([key(pygame.K_r)], surface)
    refused = room.take_answer(second.id)
    assert refused is not None and not refused.approved
    shown = "\n".join(drawn)
    assert answer.token not in shown  # the token is never drawn
    assert all(seat.code not in shown for seat in room.seats.values())  # nor a claim code


def test_tab_and_enter_press_the_focused_button(room: Room) -> None:
    projector, surface = window(room)
    request = room.ask(None, "Greens", "pc1")
    projector.step([], surface)
    wanted = f"approve:{request.id}:lowland"
    ids = [a.id for a in console.actions(projector.snapshot) if a.enabled]
    presses = [key(pygame.K_TAB)] * (ids.index(wanted) + 1)
    projector.step(presses, surface)
    assert projector.focus == wanted
    projector.step([key(pygame.K_TAB, pygame.KMOD_SHIFT), key(pygame.K_TAB)], surface)
    assert projector.focus == wanted
    projector.step([key(pygame.K_RETURN)], surface)
    answer = room.take_answer(request.id)
    assert answer is not None and answer.actor == "lowland"


def test_the_mouse_clicks_a_button(room: Room) -> None:
    projector, surface = window(room)
    projector.step([click(button(projector, "bot:lowland").center)], surface)
    assert room.seats["lowland"].bot == "heuristic"
    assert projector.said == "A bot stands in for Lowland."
    projector.step([click(button(projector, "person:lowland").center)], surface)
    assert room.seats["lowland"].bot is None
    projector.step([click((5, 5))], surface)  # not on a button: nothing happens
    assert room.seats["lowland"].bot is None


def test_a_refused_action_is_said_not_raised(room: Room) -> None:
    projector, surface = window(room)
    request = room.ask("upland", "Blue", "pc1")
    projector.step([], surface)
    room.refuse(request.id)  # answered from the browser meanwhile
    projector.press(f"approve:{request.id}")
    assert projector.said.startswith("Not done: that request is no longer waiting")


def test_escape_and_closing_end_the_window(room: Room) -> None:
    projector, surface = window(room)
    assert not projector.step([key(pygame.K_ESCAPE)], surface)
    assert not projector.step([pygame.event.Event(pygame.QUIT)], surface)


def test_ending_the_game_takes_two_presses(room: Room) -> None:
    projector, surface = window(room)
    projector.step([key(pygame.K_g)], surface)
    assert not room.game.is_over() and "Press it again" in projector.said
    projector.step([key(pygame.K_p)], surface)  # another key in between: nothing is armed any more
    projector.step([key(pygame.K_g)], surface)
    assert not room.game.is_over()
    projector.step([click(button(projector, "end_game!").center)], surface)
    assert room.game.is_over() and "debrief" in projector.said
    assert not any(a.enabled for a in console.actions(projector.snapshot))  # nothing left to do once over


def test_undoing_takes_two_presses_and_goes_back_to_the_turns_start(room: Room) -> None:
    projector, surface = window(room)
    room.set_player("lowland", "heuristic")
    room.decide("upland", {"kind": "move", "move": "pass"}, "u1", room.versions["upland"])
    while room.game.turn == 1:  # the bot's offer, if any, is refused
        offer = room.game.state["proposals"][0]["id"]
        room.decide(
            "upland", {"kind": "answer", "proposal": offer, "accept": False}, f"a{offer}", room.versions["upland"]
        )
    projector.step([], surface)
    assert room.game.turn == 2
    projector.step([key(pygame.K_u)], surface)
    assert room.game.turn == 2 and "Press it again" in projector.said
    projector.step([key(pygame.K_p)], surface)  # another key in between: disarmed
    projector.step([key(pygame.K_b)], surface)
    assert room.game.turn == 2 and any(a.id == "undo!:1" for a in projector.actions())
    projector.step([key(pygame.K_b)], surface)
    assert room.game.turn == 1 and [d.get("action") for d in room.game.decisions].count("undo") == 1
    assert projector.said == "Back to the start of turn 1: every device shows it."
    assert projector.snapshot is not None and projector.snapshot["board"]["turn"] == 1  # the projector shows it
    projector.step([key(pygame.K_u)], surface)
    assert projector.said.startswith("Undo to the start of turn 1?")
    projector.step([click(button(projector, "undo!:1").center)], surface)  # the mouse does the second press too
    assert projector.said.startswith("Back to the start of turn 1") and room.game.decisions[0]["action"] == "undo"


def test_e_shows_the_next_event_and_i_brings_it_in(room: Room, drawn: list[str]) -> None:
    projector, surface = window(room)
    assert any(a.id == "inject:spring_floods" for a in projector.actions())
    projector.step([key(pygame.K_e)], surface)
    assert projector.said == "Event to bring in: Drought declared (I brings it in)."
    projector.step([key(pygame.K_i)], surface)
    assert room.game.decisions[-1] == {"kind": "facilitator", "action": "inject", "turn": 1, "event": "drought"}
    assert projector.said == "Brought in: Drought declared. Every device shows its news."
    projector.step([], surface)
    assert any("Drought declared" in text for text in drawn)  # the news on the projector
    for _ in range(2):
        projector.step([key(pygame.K_e)], surface)
    assert any(a.id == "inject:spring_floods" for a in projector.actions())  # round again


def test_the_console_draws_no_private_number_the_teacher_set(room: Room, drawn: list[str]) -> None:
    projector, surface = window(room)
    room.set_variable("upland.reservoir", 77)
    projector.step([], surface)
    shown = "\n".join(drawn)
    assert "reservoir" not in shown.lower() and "set to 77" not in shown
