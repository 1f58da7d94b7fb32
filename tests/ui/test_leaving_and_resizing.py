"""Leaving asks first, the pause menu works on the debrief, and resizing under a dialog leaves no black band."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.flow import Flow
from game.ui.screens.board import BoardScreen
from game.ui.screens.deal import MoveDialog
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.pause import ConfirmScreen, PauseScreen, SettingsScreen
from game.ui.screens.title import TitleScreen
from game.ui.session import Session
from tests.ui.conftest import ROOT, TUTORIAL, button, click, frame, press


def finished_game(app: App, scenario: Path = TUTORIAL) -> Flow:
    """A bots-only game played to its end, its flow attached to ``app``."""
    entry = load_entry(scenario)
    assert entry.compiled is not None
    seats = dict.fromkeys(entry.compiled.actors, "random")
    session = Session.start(entry.compiled, str(scenario), entry.sha256, seats, 3)
    while session.proceed().kind != "over":
        session.new_turn()
    return Flow(app, session, briefed=True)


def open_debrief(make_app: Callable[..., App], scenario: Path = TUTORIAL, **options: object) -> App:
    app = make_app(**options)
    app.go(DebriefScreen(app, finished_game(app, scenario)))
    frame(app)
    return app


def test_esc_on_the_debrief_opens_the_pause_menu_whose_text_size_works(make_app: Callable[..., App]) -> None:
    app = open_debrief(make_app)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, PauseScreen)
    click(app, button(app, "Settings"))
    assert isinstance(app.screen, SettingsScreen)
    click(app, button(app, "150 %"))
    assert app.scale == 1.5
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    debrief = app.screen
    assert isinstance(debrief, DebriefScreen)
    tab = debrief.buttons[0].widget
    assert tab.rect.height == round(42 * 1.5)
    assert "1" in tab.text


def test_back_to_the_title_screen_asks_first(make_app: Callable[..., App]) -> None:
    app = open_debrief(make_app)
    click(app, button(app, "Back to the title screen"))
    assert isinstance(app.screen, ConfirmScreen)
    assert app.screen.focused() is not None and "No" in app.screen.focused().widget.text  # type: ignore[union-attr]
    press(app, pygame.K_RETURN)  # the default answer stays
    assert isinstance(app.screen, DebriefScreen)
    click(app, button(app, "Back to the title screen"))
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, DebriefScreen)
    click(app, button(app, "Back to the title screen"))
    click(app, button(app, "Yes, leave"))
    assert isinstance(app.screen, TitleScreen)


def test_quitting_from_the_debrief_and_the_pause_menu_asks_first(make_app: Callable[..., App]) -> None:
    app = open_debrief(make_app)
    click(app, button(app, "Quit"))
    assert isinstance(app.screen, ConfirmScreen) and app.running
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, PauseScreen)
    click(app, button(app, "Quit to the title screen"))
    assert isinstance(app.screen, ConfirmScreen)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, PauseScreen)
    click(app, button(app, "Quit Parley"))
    assert isinstance(app.screen, ConfirmScreen) and app.running
    click(app, button(app, "Yes, quit"))
    assert not app.running


def black_outside(surface: pygame.Surface, old: tuple[int, int]) -> float:
    """Share of pure black pixels in the part of the window beyond its old size."""
    width, height = surface.get_size()
    black = total = 0
    for x in range(0, width, 7):
        for y in range(0, height, 7):
            if x >= old[0] or y >= old[1]:
                total += 1
                black += surface.get_at((x, y))[:3] == (0, 0, 0)
    return black / max(1, total)


def test_resizing_with_a_dialog_open_leaves_no_black_band(make_app: Callable[..., App]) -> None:
    app = make_app(seed=5)
    entry = load_entry(TUTORIAL)
    assert entry.compiled is not None
    session = Session.start(entry.compiled, str(TUTORIAL), entry.sha256, {"upland": "human", "lowland": "heuristic"},
                            5)  # fmt: skip
    flow = Flow(app, session, briefed=True)
    flow.advance()
    board = app.screen
    assert isinstance(board, BoardScreen)
    frame(app)
    app.push(MoveDialog(app, flow, board.cards[0][1]))
    frame(app)
    for size in ((1600, 900), (1920, 1080)):
        old = app.window.get_size()
        app.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        frame(app, pygame.event.Event(pygame.WINDOWSIZECHANGED, x=size[0], y=size[1]))
        assert isinstance(app.screen, MoveDialog)
        assert app.window.get_size() == size
        assert black_outside(app.window, old) < 0.01
        dialog = app.screen._box()
        assert dialog.center == (size[0] // 2, size[1] // 2)


def test_page_keys_and_arrows_scroll_a_long_text_box(make_app: Callable[..., App]) -> None:
    app = open_debrief(make_app, ROOT / "scenarios" / "pyongyang_summit.yaml", scale=1.5)
    debrief = app.screen
    assert isinstance(debrief, DebriefScreen)
    press(app, pygame.K_4)  # the discussion: more text than fits at 150 % in 1280x720
    frame(app)
    boxes = [b for b in debrief.text_boxes if b.scroll_bar is not None]
    assert boxes, "the discussion should need a scroll bar at 150 % in 1280x720"
    bar = boxes[0].scroll_bar
    assert bar is not None and bar.start_percentage == 0
    before = pygame.image.tobytes(app.window, "RGB")
    focus = debrief.focus
    press(app, pygame.K_PAGEDOWN)
    frame(app)
    paged = bar.start_percentage
    assert paged > 0.3 * bar.visible_percentage
    assert pygame.image.tobytes(app.window, "RGB") != before, "the text box did not redraw its scrolled text"
    press(app, pygame.K_DOWN)
    assert bar.start_percentage > paged
    assert debrief.focus == focus, "Down scrolled the box; it must not also move the focus"
    press(app, pygame.K_UP)
    press(app, pygame.K_PAGEUP)
    assert bar.start_percentage == 0


def test_the_notice_never_covers_a_button(make_app: Callable[..., App]) -> None:
    for scale in (1.0, 1.25, 1.5):
        app = make_app(seed=5, scale=scale)
        entry = load_entry(TUTORIAL)
        assert entry.compiled is not None
        session = Session.start(entry.compiled, str(TUTORIAL), entry.sha256, {"upland": "human",
                                "lowland": "heuristic"}, 5)  # fmt: skip
        flow = Flow(app, session, briefed=True)
        flow.advance()
        screens = [app.screen]
        app.go(DebriefScreen(app, finished_game(app)))
        screens.append(app.screen)
        for screen in screens:
            app.go(screen)
            app.notify("Saved: /a/rather/long/path/to/the/save/folder/of/this/classroom/parley-game.json")
            frame(app)
            notice = app.notice_rect()
            assert notice.width > 200
            for candidate in screen.buttons:
                assert not notice.colliderect(candidate.widget.rect), (screen.name, scale, candidate.widget.text)
