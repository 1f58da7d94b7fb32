"""Privacy as a property: over seeded games of every shipped scenario, no screen shown to the room or to a
seat draws another seat's secret.

Every playable seat is human (its decisions come from a seeded random bot, made through the screens' own
actions), so every screen a classroom sees comes up: hand-overs over the room's board, each seat's board,
move dialogs and deal answers, turn summaries. After every frame the strings on the window (drawn text,
meters, track ladders, widget texts, the notice bar) are checked against an oracle built from the raw engine
state (see ``tests/ui/privacy_harness.py``). The default run plays a few games per scenario; the
``privacy`` marker (run by ``.ci/run``) plays 300 per scenario.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable

import pytest

from game.engine import FACILITATOR, Game, view
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.screens.board import BoardScreen
from tests.conftest import ROOT
from tests.ui.privacy_harness import Leak, Recorder, Secrets, Tracer, leaks_on, play, scenario_paths

SCENARIOS = scenario_paths(ROOT)
QUICK_GAMES = 3
FULL_GAMES = int(os.environ.get("PARLEY_PRIVACY_GAMES", "300"))


def run_games(make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch, path: object, seeds: range,
              stop_at_first: bool = True, bot: str = "random") -> tuple[list[Leak], int]:  # fmt: skip
    """Play the seeds; return the leaks found and the number of screens checked."""
    recorder, tracer = Recorder(), Tracer()
    recorder.install(monkeypatch)
    tracer.install(monkeypatch)
    entry = load_entry(path)  # type: ignore[arg-type]
    app = make_app()
    leaks: list[Leak] = []
    checked = 0
    for seed in seeds:
        tracer.reset()
        app.seed = seed
        state: dict[str, object] = {}

        def check(app: App, seed: int = seed, state: dict[str, object] = state) -> None:
            nonlocal checked
            assert app.flow is not None
            game: Game = app.flow.session.game
            if state.get("log_len") != len(game.state["log"]) or state.get("game") is not game:
                state["secrets"] = Secrets(game, tracer).items()
                state["log_len"], state["game"] = len(game.state["log"]), game
            checked += 1
            leaks.extend(leaks_on(app, seed, Secrets(game, tracer), state["secrets"]))  # type: ignore[arg-type]

        play(app, entry, seed, check, bot)
        if leaks and stop_at_first:
            break
    return leaks, checked


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_no_screen_shows_another_seats_secret(make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch,
                                              path: object) -> None:  # fmt: skip
    leaks, checked = run_games(make_app, monkeypatch, path, range(1, 1 + QUICK_GAMES))
    assert checked > 20 * QUICK_GAMES
    assert not leaks, "\n".join(str(leak) for leak in leaks[:10])


@pytest.mark.privacy
@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_no_screen_shows_another_seats_secret_in_300_games(make_app: Callable[..., App],
                                                          monkeypatch: pytest.MonkeyPatch, path: object) -> None:
    leaks, _ = run_games(make_app, monkeypatch, path, range(1000, 1000 + FULL_GAMES))
    assert not leaks, "\n".join(str(leak) for leak in leaks[:10])


def test_the_check_catches_a_board_that_shows_every_private_variable(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The planted leak: each seat's board (and the room's) renders the facilitator's view."""
    monkeypatch.setattr(BoardScreen, "seen", property(lambda board: view(board.game, FACILITATOR)))
    leaks, _ = run_games(make_app, monkeypatch, ROOT / "scenarios" / "pyongyang_summit.yaml", range(1, 2))
    assert any(leak.secret.startswith("private variable") and leak.screen.startswith(("board", "handover"))
               for leak in leaks), leaks[:3]  # fmt: skip


GRAIN = ROOT / "tests" / "scenarios" / "deals" / "grain_deal.yaml"


def test_no_screen_shows_a_deals_secret_half_to_outsiders(make_app: Callable[..., App],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Seats decided by heuristic bots conclude the grain deal (and its secret half) in every game: Egypt's seat
    and the room must never read the secret half, nor Russia's private ammonia."""
    leaks, checked = run_games(make_app, monkeypatch, GRAIN, range(1, 1 + QUICK_GAMES), bot="heuristic")
    assert checked > 20 * QUICK_GAMES
    assert not leaks, "\n".join(str(leak) for leak in leaks[:10])


def test_the_check_catches_a_view_that_shows_a_deals_secret_half(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The planted leak: the view lets every seat (and the room) read a deal's secret half."""
    rules = importlib.import_module("game.engine.view")  # the module (game.engine.view is also the function)
    real = rules._sees_entry
    monkeypatch.setattr(rules, "_sees_entry", lambda entry, viewer: entry["kind"] == "secret" or real(entry, viewer))
    leaks, _ = run_games(make_app, monkeypatch, GRAIN, range(1, 2), bot="heuristic")
    assert any(leak.secret.startswith("secret half") for leak in leaks), leaks[:3]
