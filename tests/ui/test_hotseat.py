"""A full two-person hot-seat game of the tutorial, driven by posted clicks and keys through the real screens."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import Phase, Viewer, view
from game.runner import replay_decisions
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.screens.board import BoardScreen
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.deal import AnswerScreen, MoveDialog
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.privacy import PrivacyScreen
from game.ui.screens.resolution import ResolutionScreen
from game.ui.start import first_screen
from tests.ui.conftest import TUTORIAL, button, click, frame, press


def start_hotseat(make_app: Callable[..., App], seed: int = 5) -> App:
    """The tutorial's setup screen with both seats human, then Start (clicked)."""
    app = make_app(seed=seed)
    app.go(first_screen(app, load_entry(TUTORIAL), {"upland": "human", "lowland": "human"}))
    frame(app)
    assert app.screen.name == "setup"
    click(app, button(app, "Start the game"))
    return app


def hand_over(app: App, actor_name: str) -> None:
    """The pass-the-device screen names the next player; Space shows their screen."""
    assert isinstance(app.screen, PrivacyScreen), app.screen.name
    assert app.screen.actor_name == actor_name
    press(app, pygame.K_SPACE)


def card_number(screen: BoardScreen, move: str) -> int:
    """The number key of the card for ``move`` (fixed for the turn, whatever the page)."""
    for number, option in screen.numbers.items():
        if option.bound.id == move:
            return number
    raise AssertionError(f"no numbered card {move}: {[o.bound.id for o in screen.numbers.values()]}")


def check_replay(app: App) -> None:
    """The engine state equals a replay of its own decision log (the UI keeps no state of its own)."""
    assert app.flow is not None
    game = app.flow.session.game
    replayed = replay_decisions(game.compiled, game.seed, game.decisions, allow_unfinished=True)
    assert replayed.game.state_hash() == game.state_hash()


def test_two_people_play_the_tutorial_with_a_deal(make_app: Callable[..., App]) -> None:
    app = start_hotseat(make_app)
    # Briefings, each behind its hand-over screen; the advanced toggle works.
    hand_over(app, "Upland")
    assert isinstance(app.screen, BriefingScreen) and app.screen.actor == "upland"
    click(app, button(app, "Show advanced briefing"))
    assert app.screen.advanced
    click(app, button(app, "Start playing"))
    hand_over(app, "Lowland")
    press(app, pygame.K_RETURN)  # the focused button is "Start playing"
    assert app.flow is not None
    session = app.flow.session
    game = session.game

    # Turn 1: Upland proposes to sell water (number key, then Enter on "Propose the deal").
    hand_over(app, "Upland")
    board = app.screen
    assert isinstance(board, BoardScreen) and board.viewer == "upland"
    press(app, getattr(pygame, f"K_{card_number(board, 'sell_water')}"))
    assert isinstance(app.screen, MoveDialog) and app.screen.option.bound.is_deal
    press(app, pygame.K_RETURN)
    assert game.state["orders"]["upland"][0]["move"] == "sell_water"
    # Lowland digs wells (clicked card, clicked confirm), then answers the proposal without a hand-over.
    hand_over(app, "Lowland")
    board = app.screen
    assert isinstance(board, BoardScreen) and board.viewer == "lowland"
    click(app, next(b for b, (_r, o) in zip(board.card_buttons, board.cards, strict=True)
                    if o.bound.id == "dig_wells").widget)  # fmt: skip
    click(app, button(app, "Make this move"))
    assert game.phase is Phase.RESPONSES
    assert isinstance(app.screen, AnswerScreen) and app.screen.actor == "lowland"
    water, money = game.state["vars"]["lowland.water"], game.state["vars"]["lowland.money"]
    click(app, button(app, "Accept the deal"))
    # The turn is resolved: the deal went through and the summary is on screen.
    assert isinstance(app.screen, ResolutionScreen) and app.screen.turn == 1
    assert game.turn == 2
    deals = [e for e in game.state["log"] if e["kind"] == "deal" and e["turn"] == 1]
    assert len(deals) == 1 and deals[0]["actor"] == "upland"
    upkeep = -8
    assert game.state["vars"]["lowland.water"] == water + 15 + 8 + upkeep
    assert game.state["vars"]["lowland.money"] == money - 12 - 10
    check_replay(app)

    # Later turns: both pass with the 0 key; the engine moves on one turn each time.
    while not game.is_over():
        turn = game.turn
        click(app, button(app, "Continue"))
        for name in ("Upland", "Lowland"):
            hand_over(app, name)
            assert isinstance(app.screen, BoardScreen)
            press(app, pygame.K_0)
        assert isinstance(app.screen, ResolutionScreen) and app.screen.turn == turn
        assert game.turn == turn + 1 or game.is_over()
        check_replay(app)
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, DebriefScreen)
    assert game.state["result"] is not None
    press(app, pygame.K_3)
    assert app.screen.view_key() == "debrief-charts"


def test_secrets_stay_behind_the_hand_over(make_app: Callable[..., App]) -> None:
    app = start_hotseat(make_app, seed=2)
    for name in ("Upland", "Lowland"):
        hand_over(app, name)
        click(app, button(app, "Start playing"))
    hand_over(app, "Lowland" if False else "Upland")
    board = app.screen
    assert isinstance(board, BoardScreen)
    html = board._news_html()
    assert "reservoir" not in html.lower() or "upland" in (board.viewer or "")
    press(app, pygame.K_0)
    # Lowland's board never lists Upland's private reservoir.
    hand_over(app, "Lowland")
    from game.ui import describe

    assert "upland.reservoir" not in describe.actor_vars(view(board.game, Viewer.seat("lowland")), "upland")
    assert "upland.reservoir" in describe.actor_vars(view(board.game, Viewer.seat("upland")), "upland")


def test_unavailable_moves_are_greyed_with_the_reason(make_app: Callable[..., App]) -> None:
    app = start_hotseat(make_app)
    for name in ("Upland", "Lowland"):
        hand_over(app, name)
        click(app, button(app, "Start playing"))
    hand_over(app, "Upland")
    board = app.screen
    assert isinstance(board, BoardScreen)
    assert any(not o.available for o in board.options), "sign_treaty needs friendly relations on turn 1"
    while all(o.available for _r, o in board.cards):
        press(app, pygame.K_PAGEDOWN)  # unavailable cards come after the available ones
    greyed = [(b, o) for b, (_r, o) in zip(board.card_buttons, board.cards, strict=True) if not o.available]
    widget_button, option = greyed[0]
    assert not widget_button.enabled and not widget_button.widget.is_enabled
    assert option.reason
    assert option not in board.numbers.values(), "a move unavailable when the turn began has no number"
    assert widget_button.widget.text.startswith("\u2013"), widget_button.widget.text
    press(app, getattr(pygame, f"K_{len(board.numbers) + 1}"))
    assert app.screen is board, "a greyed card cannot be chosen"
