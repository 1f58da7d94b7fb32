"""What a seat needs on its screens: fixed move numbers, "move 1 of 2", a deal's answer screen that shows what
the deal does to the answering seat and takes a deliberate choice, and the fate of its moves on its next board."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.engine import PASS, PUBLIC, Answer, Game, Move, MoveOption, Viewer, view
from game.ui import describe
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.screens.board import DIGIT_WAIT, BoardScreen
from game.ui.screens.deal import ARM_SECONDS, AnswerScreen, MoveDialog
from game.ui.screens.privacy import PrivacyScreen
from game.ui.start import first_screen
from tests.conftest import ROOT, compiled
from tests.ui.conftest import TUTORIAL, button, click, frame, press, wait
from tests.ui.privacy_harness import plain

PYONGYANG = ROOT / "scenarios" / "pyongyang_summit.yaml"
CUBA = ROOT / "scenarios" / "cuban_missile_crisis.yaml"


def start(make_app: Callable[..., App], path: object, seats: dict[str, str], seed: int = 3) -> App:
    """A game with these seats (others random bots), briefings read, up to the first human decision."""
    entry = load_entry(path)  # type: ignore[arg-type]
    assert entry.compiled is not None
    all_seats = {a: seats.get(a, "random") for a in entry.compiled.actors}
    app = make_app(seed=seed)
    app.go(first_screen(app, entry, all_seats))
    frame(app)
    click(app, button(app, "Start the game"))
    while not isinstance(app.screen, BoardScreen | AnswerScreen) or isinstance(app.screen, PrivacyScreen):
        if isinstance(app.screen, PrivacyScreen):
            press(app, pygame.K_SPACE)
        else:
            click(app, button(app, "Start playing"))
    return app


def test_the_treaty_answer_shows_what_it_does_to_north_korea_and_its_numbers_now(
    make_app: Callable[..., App],
) -> None:
    app = start(make_app, PYONGYANG, {"russia": "human", "north_korea": "human"})
    board = app.screen
    assert isinstance(board, BoardScreen) and board.viewer == "russia"
    number = next(n for n, o in board.numbers.items() if o.bound.id == "sign_treaty")
    press(app, getattr(pygame, f"K_{number}"))
    assert isinstance(app.screen, MoveDialog)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_0)  # Russia's second move: pass
    while not isinstance(app.screen, AnswerScreen):
        if isinstance(app.screen, PrivacyScreen):
            press(app, pygame.K_SPACE)
        else:
            press(app, pygame.K_0)  # North Korea passes
    screen = app.screen
    assert screen.actor == "north_korea"
    words = plain(screen.html())
    mine = words.split("What accepting does to your numbers and the tracks:")[1].split("Your numbers now:")[0]
    assert "Moscow–Pyongyang relations: Close partners » Allies •" in mine, mine
    assert "your prestige +6" in mine
    game = app.flow.session.game if app.flow else None
    assert game is not None
    prestige = game.state["vars"]["north_korea.prestige"]
    assert f"Prestige {prestige}" in words.split("Your numbers now:")[1]
    # A deliberate choice: no focus, so Enter answers nothing; a key right away answers nothing either.
    assert screen.focused() is None
    press(app, pygame.K_RETURN)
    press(app, pygame.K_a)
    assert app.screen is screen and game.open_proposals("north_korea"), "a key pressed too soon never answers"
    wait(app, ARM_SECONDS)
    press(app, pygame.K_TAB)
    assert screen.focused() is not None and "Accept" in screen.focused().widget.text  # type: ignore[union-attr]
    press(app, pygame.K_r)
    assert not game.open_proposals("north_korea")
    assert [e["move"] for e in game.state["log"] if e["kind"] == "rejected" and e["turn"] == 1] == ["sign_treaty"]


def test_deal_terms_preview_each_part_after_the_ones_before() -> None:
    scenario = compiled(PYONGYANG)
    game = Game(scenario, 1)
    game.advance()
    bound = scenario.bound_index[("russia", "sign_treaty", "north_korea")]
    _offer, _ask, effects = describe.deal_terms(game, bound, "north_korea")
    assert any("Allies" in line for line in effects), effects


def test_a_cost_is_said_once_and_a_covert_deal_says_its_detection_chance() -> None:
    scenario = compiled(PYONGYANG)
    game = Game(scenario, 1)
    game.advance()
    for option in game.move_options("russia"):
        words = describe.card_text(game, option, "russia")
        if option.available and option.bound.cost:
            for ref, _amount in option.bound.cost:
                paid_again = describe.var_label(scenario, ref, "russia")
                changed_by_effects = any(op.key == ref for op in option.bound.resolve_ops[len(option.bound.cost):])
                assert changed_by_effects or paid_again not in words.effects, (option.bound.id, words)
        if option.available and option.bound.is_deal and option.bound.covert:
            assert "% chance" in words.note, words


def test_move_numbers_stay_fixed_through_the_turn_and_the_board_says_which_move(
    make_app: Callable[..., App],
) -> None:
    app = start(make_app, PYONGYANG, {"russia": "human", "north_korea": "human"})
    board = app.screen
    assert isinstance(board, BoardScreen)
    assert "move 1 of 2" in board.title_text()
    first = {n: (o.bound.id, o.bound.target) for n, o in board.numbers.items()}
    chosen = next(n for n, o in board.numbers.items() if not o.bound.is_deal and o.available)
    press(app, getattr(pygame, f"K_{chosen}"))
    press(app, pygame.K_RETURN)
    again = app.screen
    assert isinstance(again, BoardScreen) and again is not board and again.viewer == "russia"
    assert "move 2 of 2" in again.title_text()
    assert {n: (o.bound.id, o.bound.target) for n, o in again.numbers.items()} == first
    assert not again.numbers[chosen].available, "the chosen move keeps its number, greyed"
    press(app, pygame.K_PAGEDOWN)
    last = max(again.numbers)
    press(app, getattr(pygame, f"K_{last}"))  # a card on another page: the number still picks it
    if again.numbers[last].available:
        assert isinstance(app.screen, MoveDialog) and app.screen.option is again.numbers[last]


def many_moves(tmp_path: Path) -> Path:
    """The tutorial with eight extra free moves for Upland (thirteen in all)."""
    text = TUTORIAL.read_text(encoding="utf-8")
    extra = "".join(
        f"  - id: extra_{n}\n    name: Extra move {n}\n    actors: [upland]\n    log: \"{{actor}} does {n}\"\n"
        for n in range(8)
    )
    path = tmp_path / "many.yaml"
    path.write_text(text.replace("moves:\n", "moves:\n" + extra, 1), encoding="utf-8")
    return path


def test_ten_moves_or_more_are_reached_with_two_digits_at_1280x720(make_app: Callable[..., App],
                                                                   tmp_path: Path) -> None:  # fmt: skip
    app = start(make_app, many_moves(tmp_path), {"upland": "human"})
    board = app.screen
    assert isinstance(board, BoardScreen) and board.viewer == "upland"
    assert app.window.get_size() == (1280, 720)
    assert len(board.numbers) >= 10 and len(board.cards) < len(board.numbers), "more moves than fit on a page"
    press(app, pygame.K_1)
    assert app.screen is board and "move 1_" in board.title_text()
    press(app, pygame.K_1)
    assert isinstance(app.screen, MoveDialog) and app.screen.option is board.numbers[11]
    press(app, pygame.K_ESCAPE)
    assert app.screen is board
    press(app, pygame.K_1)
    wait(app, DIGIT_WAIT)
    assert isinstance(app.screen, MoveDialog) and app.screen.option is board.numbers[1]
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_9)  # 9 cannot start a two-digit number here: it picks at once
    assert isinstance(app.screen, MoveDialog) and app.screen.option is board.numbers[9]


def _play_covert_deal(accept: bool, seed: int) -> Game:
    scenario = compiled(PYONGYANG)
    game = Game(scenario, seed)
    game.advance()
    game.submit(Move("russia", "shells_for_food", "north_korea"))
    for actor in list(game.awaiting()):
        while game.is_awaiting(actor):
            game.submit(Move(actor, PASS))
    game.advance()
    proposal = next(p for p in game.state["proposals"] if p["move"] == "shells_for_food")
    game.submit(Answer("north_korea", proposal["id"], accept))
    for other in game.open_proposals("north_korea"):
        game.submit(Answer("north_korea", other["id"], False))
    game.advance()
    return game


def test_each_side_of_a_deal_learns_its_fate_on_its_next_board_and_nobody_else_does() -> None:
    fates = set()
    for seed in range(1, 30):
        game = _play_covert_deal(True, seed)
        russia = describe.outcomes(view(game, Viewer.seat("russia")), 1)
        korea = describe.outcomes(view(game, Viewer.seat("north_korea")), 1)
        usa = describe.outcomes(view(game, Viewer.seat("usa")), 1)
        assert usa == [] and describe.outcomes(view(game, PUBLIC), 1) == []
        line = next(x for x in russia if "North Korea" in x and "accepted by North Korea" in x)
        fates.add("not detected" in line)
        assert any("you accepted it" in x for x in korea), korea
        detected = any(e["kind"] == "detected" and e.get("move") == "shells_for_food" for e in game.state["log"])
        assert ("detected: everyone knows" in line) == detected
    assert fates == {True, False}, "both fates came up over the seeds"
    game = _play_covert_deal(False, 1)
    assert any("rejected by North Korea" in x for x in describe.outcomes(view(game, Viewer.seat("russia")), 1))
    assert any("you rejected it" in x for x in describe.outcomes(view(game, Viewer.seat("north_korea")), 1))


def test_unnumbered_option_helper_is_consistent() -> None:
    scenario = compiled(PYONGYANG)
    game = Game(scenario, 1)
    game.advance()
    options: list[MoveOption] = game.move_options("russia")
    from game.ui.screens.board import numbered

    numbers = numbered(view(game, Viewer.seat("russia")), options)
    assert list(numbers) == list(range(1, len(numbers) + 1))
    assert [o.bound.id for o in numbers.values()] == [o.bound.id for o in options if o.available]
