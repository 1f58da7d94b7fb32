"""The lint's label-too-long predictions agree with what the real board cuts at 100 % in a 1280×720 window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.authoring.board_fit import Cut, board_cuts
from game.paths import shipped_scenarios
from game.scenario.loader import load_scenario
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.drawing import ELLIPSIS
from game.ui.screens.board import BoardScreen
from game.ui.start import first_screen
from tests.ui.conftest import ROOT, TUTORIAL, button, click, frame, press

LONG = ROOT / "tests" / "scenarios" / "lint" / "long_labels.yaml"
CUBA = ROOT / "scenarios" / "cuban_missile_crisis.yaml"


def _board(make_app: Callable[..., App], path: Path, seat: str) -> BoardScreen:
    """The first board of ``seat`` (a human; bots elsewhere), painted once."""
    scenario = load_scenario(path)
    app = make_app(seed=1)
    assert app.window.get_size() == (1280, 720)
    seats = {a.id: ("human" if a.id == seat else "heuristic") for a in scenario.actors}
    app.go(first_screen(app, load_entry(path), seats))
    frame(app)
    click(app, button(app, "Start the game"))
    for _ in range(8):
        if app.screen.name == "board":
            break
        press(app, pygame.K_SPACE if app.screen.name == "privacy" else pygame.K_RETURN)
    frame(app)
    assert isinstance(app.screen, BoardScreen) and app.screen.viewer == seat
    return app.screen


def _seen_by(cuts: list[Cut], path: Path, seat: str) -> set[str]:
    """The predicted cuts of meters and ladders that ``seat``'s board shows (its own dashboard, the world, tracks)."""
    scenario = load_scenario(path)
    index = next(i for i, a in enumerate(scenario.actors) if a.id == seat)
    ladders = {c.label for c in cuts if c.path[0] == "tracks" and c.path[2] in ("labels", "states")}
    own = {c.label for c in cuts if c.path[:3] == ("actors", index, "variables")}
    return ladders | own | {c.label for c in cuts if c.path[0] == "world"}


def _hinted(board: BoardScreen) -> set[str]:
    """The labels the board offers in full on hover because it cut them."""
    found = set()
    for _rect, text in board.hints:
        head, _, rest = text.partition(": ")
        found.add(
            rest if head in {t.name for t in board.game.compiled.scenario.tracks} else head.removesuffix(" (private)")
        )
    return found


@pytest.mark.parametrize(("path", "seat"), [(LONG, "russia"), (CUBA, "ussr"), (CUBA, "un")], ids=["long", "ussr", "un"])
def test_the_meters_and_ladders_the_lint_calls_cut_are_the_ones_the_board_cuts(
    make_app: Callable[..., App], path: Path, seat: str
) -> None:
    cuts = board_cuts(load_scenario(path))
    board = _board(make_app, path, seat)
    assert _hinted(board) == _seen_by(cuts, path, seat)


def test_a_card_title_the_lint_says_is_cut_is_cut_the_same_way(make_app: Callable[..., App]) -> None:
    cuts = {cut.path: cut for cut in board_cuts(load_scenario(LONG))}
    move = cuts["moves", 0, "name"]
    board = _board(make_app, LONG, "russia")
    [title] = [b.widget.text for b in board.buttons if b.widget.text.startswith("1  ")]
    assert title.endswith(ELLIPSIS)
    assert title == f"1  {move.shown}"


def test_no_cut_predicted_where_the_board_shows_the_whole_title(make_app: Callable[..., App]) -> None:
    assert board_cuts(load_scenario(TUTORIAL)) == []
    board = _board(make_app, TUTORIAL, "upland")
    titles = [b.widget.text for b in board.buttons if b.widget.text[:1].isdigit() and b.widget.text[0] != "0"]
    assert titles and not any(t.endswith(ELLIPSIS) for t in titles)
    assert board.hints == []


def test_predictions_survive_pygame_being_shut_down() -> None:
    """pygame fonts die with pygame.quit(); the lint reloads them (the UI tests quit pygame between apps)."""
    scenario = load_scenario(LONG)
    before = board_cuts(scenario)
    pygame.init()
    pygame.quit()
    assert board_cuts(scenario) == before


SHIPPED = [(path, actor.id) for path in shipped_scenarios() for actor in load_scenario(path).actors]


def test_no_shipped_scenario_has_a_label_the_board_cuts() -> None:
    """``parley validate`` gives no label-too-long warning for a shipped scenario (issue 14)."""
    assert {path.name: board_cuts(load_scenario(path)) for path in shipped_scenarios()} == {
        path.name: [] for path in shipped_scenarios()
    }


@pytest.mark.parametrize(("path", "seat"), SHIPPED, ids=[f"{p.stem}-{a}" for p, a in SHIPPED])
def test_every_seat_of_a_shipped_scenario_sees_its_board_whole(
    make_app: Callable[..., App], path: Path, seat: str
) -> None:
    """No shortened label on the first board of any seat: no hover hint, no card title with an ellipsis."""
    board = _board(make_app, path, seat)
    titles = [b.widget.text for b in board.buttons if b.widget.text[:1].isdigit()]
    assert titles and not any(t.endswith(ELLIPSIS) for t in titles)
    assert board.hints == []
