"""The facilitator: engine actions in the decision log (replay reproduces them), and the F2 console on real screens."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.classroom import console
from game.classroom.records import read_record
from game.classroom.report import render_markdown
from game.engine import facilitator
from game.runner import Divergence, replay_decisions
from game.ui.app import App, Options
from game.ui.catalogue import load_entry
from game.ui.saves import read_save, write_save
from game.ui.screens.console import FacilitatorScreen, PinScreen
from game.ui.session import Session
from game.ui.start import first_screen
from tests.classroom.conftest import ARTICLE, TUTORIAL
from tests.classroom.test_names import play_through_screens
from tests.conftest import compiled
from tests.ui.conftest import button, click, press


def _session(scenario: Path = ARTICLE, seed: int = 4) -> Session:
    game = compiled(scenario)
    return Session.start(game, str(scenario), "0" * 64, {a: "heuristic" for a in game.actors}, seed)


def _finish(session: Session) -> Session:
    while session.proceed().kind != "over":
        pass
    return session


def test_every_action_is_logged_and_replays_to_the_same_state() -> None:
    session = _session()
    session.proceed()  # turn 1 resolved
    game = session.game
    assert game.turn == 2
    event = game.compiled.events[-1].event
    console.inject_event(session, event.id)
    console.set_variable(session, "russia.munitions", 5)
    track = next(iter(game.compiled.tracks))
    state = game.compiled.tracks[track].states[0]
    console.set_track(session, track, state)
    assert game.state["vars"]["russia.munitions"] == 5 and game.state["tracks"][track] == state
    assert [d["action"] for d in game.decisions if facilitator.is_action(d)] == ["inject", "set_variable", "set_track"]
    # russia.munitions is private: its value is logged for Russia, and a public line says a number was set
    assert sum(1 for e in game.state["log"] if e["kind"] == "facilitator") == 4
    log = game.state["log"]
    assert any(e["kind"] == "event" and e.get("event") == event.id and e["turn"] == game.turn for e in log)
    session.proceed()
    console.end_now(session)
    assert game.is_over() and game.state["result"]["ending"] == facilitator.ENDING_ID
    replayed = replay_decisions(game.compiled, game.seed, game.decisions)
    assert replayed.game.state_hash() == game.state_hash()
    assert [t.hash for t in replayed.turns] == [t.hash for t in session.played.turns]


def test_undo_to_a_turn_start_plays_on_as_if_the_undone_part_never_happened() -> None:
    whole = _finish(_session(seed=7))
    session = _session(seed=7)
    while (step := session.proceed()).kind != "resolved" or step.turn != 3:
        pass
    console.set_variable(session, "usa.capital", 0)
    session.proceed()  # into turn 4, with the facilitator's change
    console.undo_to(session, 3)
    game = session.game
    assert game.turn == 3 and game.decisions[-1] == {"kind": "facilitator", "action": "undo", "turn": 3, "to_turn": 3}
    without_undo = [d for d in game.decisions if not facilitator.is_action(d)]
    assert without_undo == [d for d in whole.game.decisions if d["turn"] < 3]
    _finish(session)
    # the same decisions as the whole game from turn 3 on (the bots' random numbers were warmed up again)
    assert [d for d in session.game.decisions if not facilitator.is_action(d)] == whole.game.decisions
    with pytest.raises(ValueError, match="cannot undo to turn 9"):
        console.undo_to(session, 9)


def test_a_bad_recorded_action_is_a_divergence() -> None:
    game = compiled(TUTORIAL)
    with pytest.raises(Divergence, match="unknown facilitator action 'explode'"):
        replay_decisions(game, 1, [{"kind": "facilitator", "action": "explode", "turn": 1}], allow_unfinished=True)
    with pytest.raises(Divergence, match=r"no variable 'upland\.gold'"):
        replay_decisions(game, 1, [{"kind": "facilitator", "action": "set_variable", "ref": "upland.gold", "value": 1,
                                    "turn": 1}], allow_unfinished=True)  # fmt: skip


def _app(tmp_path: Path, pin: str = "") -> App:
    app = App(Options(save_dir=tmp_path / "saves", seed=3, pin=pin))
    entry = load_entry(ARTICLE)
    assert entry.compiled is not None
    seats = {a: "human" if a == "north_korea" else "heuristic" for a in entry.compiled.actors}
    app.go(first_screen(app, entry, seats))
    for _ in range(6):  # setup, briefing, the first board
        app.step([])
        if app.screen.name == "board":
            break
        app.screen.auto()
    assert app.screen.name == "board"
    return app


def test_a_whole_game_with_console_inject_set_undo_end_and_the_report(tmp_path: Path) -> None:
    app = _app(tmp_path)
    try:
        press(app, pygame.K_F2)
        screen = app.screen
        assert isinstance(screen, FacilitatorScreen)
        assert any("(private)" in t for t in _texts(screen))  # every actor's private numbers
        click(app, button(app, "Inject now"))
        assert "Injected:" in screen.message
        click(app, button(app, "+5"))
        click(app, button(app, "Undo to the start of turn 1"))
        session = screen.session
        assert [d["action"] for d in session.game.decisions if facilitator.is_action(d)] == ["undo"]
        click(app, button(app, "Inject now"))
        click(app, button(app, "Close the console"))
        assert not isinstance(app.screen, FacilitatorScreen)
        for _ in range(200):  # play on to turn 3
            if session.game.turn >= 3:
                break
            app.step(pygame.event.get())
            if app.screen.name == "board":
                press(app, pygame.K_0)
            else:
                app.screen.auto()
        press(app, pygame.K_F2)
        click(app, button(app, "End the game now"))
        click(app, button(app, "Close the console"))
        play_through_screens(app)
        game = session.game
        assert game.is_over() and game.state["result"]["ending"] == "facilitator"
        actions = [d["action"] for d in game.decisions if facilitator.is_action(d)]
        assert actions == ["undo", "inject", "end"]
        save = write_save(session, tmp_path / "saves")
        assert read_save(save).game.state_hash() == game.state_hash()  # replay reproduces every action
        report = render_markdown(read_record(str(save)))
        assert report.count("- Facilitator: ") == 3 and "Ended by the facilitator" in report
    finally:
        app.close()


def _texts(screen: FacilitatorScreen) -> list[str]:
    return [screen._overview_html()]


def test_the_pin_guards_the_console(tmp_path: Path) -> None:
    app = _app(tmp_path, pin="4711")
    try:
        press(app, pygame.K_F2)
        assert isinstance(app.screen, PinScreen)
        for key, char in ((pygame.K_1, "1"), (pygame.K_2, "2"), (pygame.K_RETURN, "")):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=char, scancode=0))
        app.step(pygame.event.get())
        assert isinstance(app.screen, PinScreen) and app.screen.wrong
        for key, char in ((pygame.K_4, "4"), (pygame.K_7, "7"), (pygame.K_1, "1"), (pygame.K_1, "1")):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=char, scancode=0))
        app.step(pygame.event.get())
        press(app, pygame.K_RETURN)
        assert isinstance(app.screen, FacilitatorScreen)
        press(app, pygame.K_F2)
        assert app.screen.name == "board"
    finally:
        app.close()


def test_a_stand_in_bot_decides_for_an_absent_student_and_hands_the_seat_back(tmp_path: Path) -> None:
    game = compiled(TUTORIAL)
    session = Session.start(game, str(TUTORIAL), "0" * 64, {"upland": "human", "lowland": "heuristic"}, 5)
    assert session.proceed().kind == "decide"
    session.stand_in("upland")
    assert session.proceed().kind == "resolved"  # the bot made upland's moves of turn 1
    by = [d for d in session.game.decisions if d["actor"] == "upland"]
    assert by and all(d.get("by") == "stand-in heuristic" and d.get("reason") for d in by)
    session.hand_back("upland")
    step = session.proceed()
    assert step.kind == "decide" and step.actor == "upland"
    with pytest.raises(ValueError, match="not played by a person"):
        session.stand_in("lowland")
    save = write_save(session, tmp_path)
    report = render_markdown(read_record(str(save)))
    assert "| Upland | students; a stand-in bot on turn 1 |" in report
    assert "- Stand-in: Upland: decided by a stand-in bot (heuristic)" in report


def test_the_console_puts_a_stand_in_in_a_seat(tmp_path: Path) -> None:
    app = _app(tmp_path)
    try:
        press(app, pygame.K_F2)
        click(app, button(app, "Bot stands in"))
        assert "north_korea" in app.screen.session.stand_ins  # type: ignore[attr-defined]
        click(app, button(app, "Close the console"))
        session = app.flow.session  # type: ignore[union-attr]
        assert session.game.turn >= 2 or session.game.is_over()  # the bot played the seat; no board waited
        assert any(d.get("by") for d in session.game.decisions if d["actor"] == "north_korea")
        press(app, pygame.K_F2)
        click(app, button(app, "Hand back"))
        assert "north_korea" not in session.stand_ins
    finally:
        app.close()
