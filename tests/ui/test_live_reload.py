"""`parley play --watch`, headless: saving the scenario reloads it, replays the game, or shows why it does not load."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.cli.main import main
from game.runner import replay_decisions
from game.scenario.loader import check_file
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.live import LiveReload, ReloadProblemsScreen
from game.ui.screens.board import BoardScreen
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.deal import ARM_SECONDS, AnswerScreen, MoveDialog
from game.ui.screens.error import ScenarioErrorScreen
from game.ui.screens.resolution import ResolutionScreen
from game.ui.screens.setup import SetupScreen
from game.ui.start import first_screen
from tests.conftest import ROOT
from tests.test_watch import save
from tests.ui.conftest import TUTORIAL, button, click, frame, press, wait

SEATS = {"upland": "human", "lowland": "heuristic"}
ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"
BROKEN = ('    log: "{actor} digs new wells"\n', "")


def tick(app: App, seconds: float) -> None:
    """One frame that lasts ``seconds`` (the watcher checks the file once a second)."""
    app.step(pygame.event.get(), seconds)


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    return Path(shutil.copy(TUTORIAL, tmp_path / "tutorial.yaml"))


def watched_app(make_app: Callable[..., App], path: Path) -> App:
    app = make_app(seed=5)
    app.live = LiveReload(app, path, dict(SEATS))
    app.go(first_screen(app, load_entry(path), dict(SEATS)))
    frame(app)
    return app


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    save(path, text.replace(old, new, 1))


def test_an_edit_before_the_game_brings_back_the_setup_with_the_new_version(
    make_app: Callable[..., App], scenario: Path
) -> None:
    app = watched_app(make_app, scenario)
    assert isinstance(app.screen, SetupScreen)
    edit(scenario, "Tutorial: The River Between Us", "Tutorial: The River, edited")
    tick(app, 0.5)
    assert app.screen.compiled.meta.title == "Tutorial: The River Between Us", "checked once a second only"
    tick(app, 0.5)
    assert isinstance(app.screen, SetupScreen)
    assert app.screen.compiled.meta.title == "Tutorial: The River, edited"
    assert app.screen.seats == SEATS
    assert app.notice == "tutorial.yaml reloaded"
    edit(scenario, *BROKEN)
    tick(app, 1.0)
    assert isinstance(app.screen, ScenarioErrorScreen)
    assert app.screen.lines == [d.format() for d in check_file(scenario)]
    edit(scenario, "    name: Dig wells\n", '    name: Dig wells\n    log: "{actor} digs new wells"\n')
    tick(app, 1.0)
    assert isinstance(app.screen, SetupScreen), "a fixed file goes back to the setup"


def play_to_turn_two(app: App) -> None:
    click(app, button(app, "Start the game"))
    assert isinstance(app.screen, BriefingScreen)
    click(app, button(app, "Start playing"))
    board = app.screen
    assert isinstance(board, BoardScreen) and board.viewer == "upland"
    number, move = next(
        (i, option.bound.id) for i, option in board.numbers.items()
        if option.available and not option.bound.is_deal
    )  # fmt: skip
    press(app, getattr(pygame, f"K_{number}"))
    assert isinstance(app.screen, MoveDialog)
    press(app, pygame.K_RETURN)
    if isinstance(app.screen, AnswerScreen):  # Lowland's bot proposed a deal: reject it
        wait(app, ARM_SECONDS)
        press(app, pygame.K_r)
    assert isinstance(app.screen, ResolutionScreen)
    app.screen.auto()
    frame(app)
    assert isinstance(app.screen, BoardScreen) and app.screen.viewer == "upland"
    assert app.flow is not None and app.flow.session.game.decisions[0]["move"] == move


def test_an_edit_during_the_game_replays_it_and_a_broken_one_keeps_it(
    make_app: Callable[..., App], scenario: Path
) -> None:
    app = watched_app(make_app, scenario)
    play_to_turn_two(app)
    assert app.flow is not None
    session = app.flow.session
    decisions = list(session.game.decisions)
    assert session.game.turn == 2 and len(decisions) >= 2

    edit(scenario, "        by: -6\n", "        by: -9\n")  # Upland's loan now costs 9 a season
    tick(app, 1.0)
    assert app.flow is not None and app.flow.session is not session
    game = app.flow.session.game
    assert game.decisions == decisions and game.turn == 2
    replayed = replay_decisions(game.compiled, 5, decisions, allow_unfinished=True).game
    assert game.state_hash() == replayed.state_hash()
    assert game.state["vars"]["upland.money"] == session.game.state["vars"]["upland.money"] - 3
    assert isinstance(app.screen, BoardScreen) and app.screen.viewer == "upland" and app.screen.flow is app.flow
    assert app.notice == f"tutorial.yaml reloaded: {len(decisions)} decisions replayed"

    running = app.flow.session
    board = app.screen
    edit(scenario, *BROKEN)
    tick(app, 1.0)
    assert isinstance(app.screen, ReloadProblemsScreen)
    assert app.screen.lines == [d.format() for d in check_file(scenario)]
    assert app.flow.session is running, "the last good version keeps running"
    edit(scenario, "format: 1", "format: 2")
    tick(app, 1.0)
    assert isinstance(app.screen, ReloadProblemsScreen) and len(app.stack) == 2, "one overlay, not a pile"
    click(app, button(app, "Keep playing"))
    assert app.screen is board and app.flow.session is running


ARTICLE_SEATS = {"russia": "human", "usa": "heuristic", "allies": "heuristic", "north_korea": "heuristic"}


def test_a_reload_keeps_the_fictional_names_and_the_lesson_variant_before_and_during_the_game(
    make_app: Callable[..., App], tmp_path: Path
) -> None:
    path = Path(shutil.copy(ARTICLE, tmp_path / "summit.yaml"))
    app = make_app(seed=3)
    entry = load_entry(path, "fictional", "short")
    app.live = LiveReload(app, path, dict(ARTICLE_SEATS), entry.names, entry.variant)
    app.go(first_screen(app, entry, dict(ARTICLE_SEATS)))
    frame(app)
    edit(path, "Four months, June to September 2024", "Four months, June to September")
    tick(app, 1.0)
    setup = app.screen
    assert isinstance(setup, SetupScreen) and setup.entry.variant == "short" and setup.entry.names == "fictional"
    assert setup.compiled.meta.turns == 4 and setup.compiled.actor_names["russia"] == "Varonia"
    assert [v.id for v in setup.entry.variants] == ["short", "full"], "the setup still offers every variant"

    click(app, button(app, "Start the game"))
    assert isinstance(app.screen, BriefingScreen)
    click(app, button(app, "Start playing"))
    assert app.flow is not None
    session = app.flow.session
    assert (session.variant, session.names) == ("short", "fictional")
    edit(path, "Four months, June to September", "Four months: June to September")
    tick(app, 1.0)
    assert app.flow is not None and app.flow.session is not session, "the game was replayed onto the edit"
    replayed = app.flow.session
    assert (replayed.variant, replayed.names) == ("short", "fictional"), "a later save records what is played"
    assert replayed.compiled.meta.turns == 4 and replayed.compiled.actor_names["russia"] == "Varonia"
    assert replayed.game.decisions == session.game.decisions


def test_play_watch_on_the_command_line(scenario: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--watch"]) == 2
    assert "--watch needs a SCENARIO" in capsys.readouterr().err
    code = main(["play", str(scenario), "--watch", "--all-bots", "--until-end", "--seed", "2",
                 "--save-dir", str(tmp_path / "saves")])  # fmt: skip
    assert code == 0
