"""The board reflows at every supported size and text size: no meter dropped, no label cut mid-word without
its full text on hover."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from game.ui import describe, drawing
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.flow import Flow
from game.ui.screens.board import BoardScreen
from game.ui.screens.news import NewsDialog
from game.ui.session import Session
from tests.ui.conftest import ROOT, click, frame
from tests.ui.conftest import button as find_button

SUMMIT = ROOT / "scenarios" / "pyongyang_summit.yaml"
SIZES = [((1280, 720), 1.0), ((1280, 720), 1.25), ((1280, 720), 1.5), ((1600, 900), 1.25), ((1920, 1080), 1.0),
         ((1920, 1080), 1.5)]  # fmt: skip


def seat_board(make_app: Callable[..., App], size: tuple[int, int], scale: float) -> App:
    app = make_app(size=size, scale=scale, seed=1)
    entry = load_entry(SUMMIT)
    assert entry.compiled is not None
    first = entry.compiled.actors[0]
    seats = dict.fromkeys(entry.compiled.actors, "heuristic") | {first: "human"}
    Flow(app, Session.start(entry.compiled, str(SUMMIT), entry.sha256, seats, 1), briefed=True).advance()
    assert isinstance(app.screen, BoardScreen)
    return app


@pytest.mark.parametrize(("size", "scale"), SIZES)
def test_every_meter_shows_and_shortened_labels_have_their_full_text(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], scale: float
) -> None:
    drawn: list[tuple[pygame.Rect, drawing.MeterSpec, str | None]] = []
    real = drawing.meter

    def record(surface: pygame.Surface, rect: pygame.Rect, spec: drawing.MeterSpec, font: pygame.font.Font,
               bar_shown: bool = True) -> str | None:  # fmt: skip
        cut = real(surface, rect, spec, font, bar_shown)
        drawn.append((rect.copy(), spec, cut))
        return cut

    monkeypatch.setattr(drawing, "meter", record)
    app = seat_board(make_app, size, scale)
    frame(app)
    board = app.screen
    assert isinstance(board, BoardScreen)
    compiled = board.game.compiled
    wanted = sum(len(describe.actor_vars(board.seen, a)) for a in compiled.actors)
    wanted += len(describe.world_vars(compiled))
    assert len(drawn) == wanted, f"{len(drawn)} of {wanted} meters drawn"
    window = app.window.get_rect()
    font_h = app.fonts.get(12).get_height()
    for rect, spec, cut in drawn:
        assert window.contains(rect), (spec.label, rect)
        assert rect.height >= font_h - 4, (spec.label, rect)
        if cut is not None:
            hint = board.hint_at(rect.center)
            assert hint is not None and spec.label in hint[1], spec.label
    for rect, words in board.hints:
        box = app.draw_hint(rect, words)
        assert window.contains(box)


def test_labels_are_shortened_at_a_word_boundary() -> None:
    font = pygame.font.Font(None, 20)
    words = "Political capital of the alliance"
    short = drawing.fit_words(words, font, font.size("Political capital")[0] + font.size("…")[0] + 2)
    assert short == "Political capital…"
    assert drawing.fit_words("Food", font, 200) == "Food"


def test_the_compact_board_keeps_the_news_behind_a_button(make_app: Callable[..., App]) -> None:
    app = seat_board(make_app, (1280, 720), 1.5)
    frame(app)
    board = app.screen
    assert isinstance(board, BoardScreen) and board.compact
    click(app, find_button(app, "News & secrets"))
    assert isinstance(app.screen, NewsDialog)
    assert "Only you see this" in app.screen.html and "G7" in app.screen.html
    click(app, find_button(app, "Back"))
    assert app.screen is board
    wide = seat_board(make_app, (1920, 1080), 1.0)
    assert isinstance(wide.screen, BoardScreen) and not wide.screen.compact


def test_trend_arrows_compare_with_the_end_of_the_previous_turn(make_app: Callable[..., App],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    drawn: list[drawing.MeterSpec] = []
    real = drawing.meter

    def record(surface: pygame.Surface, rect: pygame.Rect, spec: drawing.MeterSpec, font: pygame.font.Font,
               bar_shown: bool = True) -> str | None:  # fmt: skip
        drawn.append(spec)
        return real(surface, rect, spec, font, bar_shown)

    monkeypatch.setattr(drawing, "meter", record)
    app = seat_board(make_app, (1280, 720), 1.0)
    board = app.screen
    assert isinstance(board, BoardScreen)
    game = board.game
    viewer = board.viewer
    assert viewer is not None
    board.pass_turn()  # the bots play, the turn resolves: on to turn 2
    while app.screen.name != "board":
        app.screen.auto()
    frame(app)
    board = app.screen
    assert isinstance(board, BoardScreen) and game.turn == 2
    drawn.clear()
    board.invalidate()
    frame(app)
    previous = game.state["history"][-1]["vars"]
    labels = {v.label: ref for ref, v in game.compiled.variables.items()}
    checked = 0
    for spec in drawn:
        ref = labels[spec.label]
        assert spec.delta == game.state["vars"][ref] - previous[ref], spec.label
        checked += spec.delta != 0
    assert drawn and checked, "no variable moved between turns: the test shows nothing"
