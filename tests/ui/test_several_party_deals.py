"""The deal dialog and the answer screen for a deal among several parties with a secret half (the grain
scenario, tests/scenarios/deals/grain_deal.yaml): each party's terms, who must accept, and the secret half for
the deal's insiders; the browser's offer carries the same terms."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import PASS, Game, Move, MoveOption
from game.net import views
from game.ui import describe
from game.ui.app import App
from game.ui.screens.board import BoardScreen
from game.ui.screens.deal import AnswerScreen, MoveDialog
from game.ui.screens.privacy import PrivacyScreen
from tests.conftest import ROOT, compiled
from tests.ui.conftest import press
from tests.ui.privacy_harness import plain
from tests.ui.test_moves_and_deals import start

GRAIN = ROOT / "tests" / "scenarios" / "deals" / "grain_deal.yaml"
SECRET = "the UN will press for Russian ammonia exports through Odesa"


def test_the_dialog_and_the_answer_screen_show_every_partys_terms_and_the_secret_half(
    make_app: Callable[..., App],
) -> None:
    app = start(make_app, GRAIN, {"un": "human", "russia": "human"})
    board = app.screen
    assert isinstance(board, BoardScreen) and board.viewer == "un"
    card = next(o for o in board.options if o.bound.id == "grain_initiative")
    assert "Ukraine, Russia and Türkiye must all accept" in card_note(board, card)
    board.choose(card)
    dialog = app.screen
    assert isinstance(dialog, MoveDialog)
    words = plain(" ".join(box.html_text for box in dialog.text_boxes))
    for heading in ("Ukraine gives:", "Ukraine gets:", "Russia gives:", "Türkiye gets:",
                    "If every party accepts, also:", "Secret half (only the deal's parties know it):"):  # fmt: skip
        assert heading in words, words
    assert SECRET in words and "one no stops the deal" in words
    press(app, pygame.K_RETURN)
    while not isinstance(app.screen, AnswerScreen):
        if isinstance(app.screen, PrivacyScreen):
            press(app, pygame.K_SPACE)
        else:
            press(app, pygame.K_0)  # pass
    answer = app.screen
    assert answer.actor == "russia"
    words = " ".join(plain(answer.html()).split())
    assert "UN proposes: Propose the grain initiative" in words
    assert "You give:" in words and "Ukraine gets:" in words and SECRET in words
    assert "must all accept: the deal is made only if every party accepts" in words


def card_note(board: BoardScreen, option: MoveOption) -> str:
    return describe.card_text(board.game, option, "un").note


def test_the_browser_offer_shows_each_partys_terms_and_the_secret_half_to_a_party_only() -> None:
    scenario = compiled(GRAIN)
    game = Game(scenario, 1)
    game.advance()
    game.submit(Move("un", "grain_initiative"))
    for actor in ("ukraine", "russia", "turkiye", "egypt"):
        game.submit(Move(actor, PASS))
    game.advance()
    board = views.board_for(game, "turkiye")
    (offer,) = board["offers"]
    headings = [term["heading"] for term in offer["terms"]]
    assert headings[:2] == ["Ukraine gives", "Ukraine gets"] and "You get" in headings
    assert any(SECRET in term["lines"] for term in offer["terms"])
    assert offer["parties"] == "Ukraine, Russia and Türkiye must all accept" and offer["ask"] == []
    assert not views.board_for(game, "egypt")["offers"]
