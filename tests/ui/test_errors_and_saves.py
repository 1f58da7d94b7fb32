"""Bad input: a scenario that does not load, corrupt and foreign saves; and a save that restores exactly."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pygame

from game.scenario.loader import check_file
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.saves import read_save, write_save
from game.ui.screens.board import BoardScreen
from game.ui.screens.deal import ARM_SECONDS, AnswerScreen
from game.ui.screens.error import MessageScreen, ScenarioErrorScreen
from game.ui.screens.load import LoadScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.title import TitleScreen
from game.ui.session import Session
from game.ui.start import first_screen
from tests.ui.conftest import ROOT, TUTORIAL, button, click, frame, press, wait

BAD = ROOT / "tests" / "scenarios" / "bad" / "misspelt_key.yaml"


def test_a_scenario_that_fails_shows_the_validate_diagnostics_then_the_picker(make_app: Callable[..., App]) -> None:
    app = make_app(scenario=BAD)
    app.go(first_screen(app, load_entry(BAD)))
    frame(app)
    screen = app.screen
    assert isinstance(screen, ScenarioErrorScreen)
    expected = [d.format() for d in check_file(BAD)]
    assert expected and screen.lines == expected
    click(app, button(app, "Back to the scenario list"))
    assert isinstance(app.screen, TitleScreen)
    # The picker offers the bad file too, marked, and choosing it shows the same diagnostics.
    labels = [b.widget.text for b in app.screen.buttons]
    assert any("cannot load" in label for label in labels)
    press(app, pygame.K_1)
    assert isinstance(app.screen, ScenarioErrorScreen) and app.screen.lines == expected
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, TitleScreen)


def _open_load_screen(make_app: Callable[..., App], save_dir: Path) -> App:
    app = make_app()
    app.options.save_dir = save_dir
    app.go(LoadScreen(app))
    frame(app)
    return app


def test_corrupt_and_foreign_saves_give_a_clear_message(make_app: Callable[..., App], tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir(parents=True, exist_ok=True)
    cases = {
        "a-corrupt.json": ('{"format": "parley-log", "version": 1, "seed": ', "damaged one"),
        "b-foreign.json": (json.dumps({"format": "something-else"}), "not a Parley save"),
        "c-binary.json": (None, "not a Parley save"),
        "d-fields.json": (json.dumps({"format": "parley-log", "version": 1, "seed": "x"}), "'seed' is missing"),
    }
    for name, (text, _message) in cases.items():
        if text is None:
            (folder / name).write_bytes(b"\xff\xfe\x00garbage")
        else:
            (folder / name).write_text(text, encoding="utf-8")
    for name, (_text, message) in cases.items():
        app = _open_load_screen(make_app, folder)
        click(app, button(app, Path(name).stem))
        screen = app.screen
        assert isinstance(screen, MessageScreen), name
        assert message in screen.lines[0] and name in screen.lines[0]
        click(app, button(app, "Back"))
        assert isinstance(app.screen, LoadScreen)


def test_a_save_from_the_pause_menu_restores_the_game_exactly(make_app: Callable[..., App], tmp_path: Path) -> None:
    app = make_app(seed=9)
    entry = load_entry(TUTORIAL)
    app.go(first_screen(app, entry, {"upland": "human", "lowland": "heuristic"}))
    frame(app)
    click(app, button(app, "Start the game"))
    click(app, button(app, "Start playing"))  # one person: no hand-over screen
    assert isinstance(app.screen, BoardScreen)
    press(app, pygame.K_0)  # Upland passes; the bot plays; the turn resolves
    while isinstance(app.screen, AnswerScreen):  # the bot may have proposed a deal
        wait(app, ARM_SECONDS)
        press(app, pygame.K_r)
    click(app, button(app, "Continue"))
    assert app.flow is not None
    game = app.flow.session.game
    assert game.turn == 2
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, PauseScreen)
    click(app, button(app, "Save the game"))
    saves = sorted((tmp_path / "saves").glob("*.json"))
    assert len(saves) == 1
    restored = read_save(saves[0])
    assert restored.game.state_hash() == game.state_hash()
    assert restored.seats == {"upland": "human", "lowland": "heuristic"}
    # Loading it from the title screen continues the same game at the same seat.
    press(app, pygame.K_ESCAPE)
    app.go(TitleScreen(app))
    frame(app)
    click(app, button(app, "Load a saved game"))
    click(app, button(app, saves[0].stem))
    assert isinstance(app.screen, BoardScreen) and app.screen.viewer == "upland"
    assert app.flow is not None and app.flow.session.game.state_hash() == game.state_hash()


def test_a_finished_bot_game_saves_a_log_that_replays(tmp_path: Path) -> None:
    compiled = load_entry(TUTORIAL).compiled
    assert compiled is not None
    session = Session.start(compiled, str(TUTORIAL), "x", {"upland": "random", "lowland": "heuristic"}, seed=3)
    while session.proceed().kind != "over":
        session.new_turn()
    path = write_save(session, tmp_path)
    assert read_save(path).game.state_hash() == session.game.state_hash()
