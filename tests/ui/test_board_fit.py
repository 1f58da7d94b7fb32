"""The lint's label-too-long predictions agree with what the real board shows at 100 % in a 1280×720 window."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.authoring.board_fit import board_cuts
from game.scenario.loader import load_scenario
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.drawing import ELLIPSIS
from game.ui.start import first_screen
from tests.ui.conftest import ROOT, TUTORIAL, button, click, frame, press

LONG = ROOT / "tests" / "scenarios" / "lint" / "long_labels.yaml"


def _board_titles(make_app: Callable[..., App], path: object, seats: dict[str, str]) -> list[str]:
    app = make_app(seed=1)
    assert app.window.get_size() == (1280, 720)
    app.go(first_screen(app, load_entry(path), seats))  # type: ignore[arg-type]
    frame(app)
    click(app, button(app, "Start the game"))
    for _ in range(6):
        if app.screen.name == "board":
            break
        press(app, pygame.K_SPACE if app.screen.name == "privacy" else pygame.K_RETURN)
    assert app.screen.name == "board"
    return [b.widget.text for b in app.screen.buttons if b.widget.text[:1].isdigit() and b.widget.text[0] != "0"]


def test_a_card_title_the_lint_says_is_cut_is_cut_the_same_way(make_app: Callable[..., App]) -> None:
    cuts = {cut.path: cut for cut in board_cuts(load_scenario(LONG))}
    move = cuts["moves", 0, "name"]
    [title] = _board_titles(make_app, LONG, {"russia": "human", "north_korea": "heuristic"})
    assert title.endswith(ELLIPSIS)
    assert title == f"1  {move.shown}"


def test_no_cut_predicted_where_the_board_shows_the_whole_title(make_app: Callable[..., App]) -> None:
    assert board_cuts(load_scenario(TUTORIAL)) == []
    titles = _board_titles(make_app, TUTORIAL, {"upland": "human", "lowland": "heuristic"})
    assert titles and not any(t.endswith(ELLIPSIS) for t in titles)
