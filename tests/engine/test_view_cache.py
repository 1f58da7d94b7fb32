"""The view's reading of the log resumes from earlier readings: same views, and no re-reading of the whole log.

A seat's board computes one view for the game and one per move preview (a game one move ahead);
each must resume from the game's own reading, so a message's cost grows with what is new in the log,
not with the whole log, and what every viewer sees is exactly what a fresh reading gives.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from game.engine import Game
from game.net.views import board_for
from game.players import make_players
from tests.conftest import ROOT, compiled

view_module = sys.modules["game.engine.view"]


def play(name: str, seed: int, on_board: Any) -> None:
    """A random game of a shipped scenario; ``on_board(game, actor)`` before each decision."""
    scenario = compiled(ROOT / "scenarios" / f"{name}.yaml")
    game = Game(scenario, seed)
    players = make_players({a: "random" for a in scenario.actors}, seed)
    game.advance()
    while not game.is_over():
        waiting = game.awaiting()
        if not waiting:
            game.advance()
            continue
        actor = waiting[0]
        on_board(game, actor)
        decision, reason = players[actor].decide(game, actor)
        game.submit(decision, reason)
        if not game.awaiting():
            game.advance()


@pytest.mark.parametrize("name", ["pyongyang_summit", "cuban_missile_crisis", "tutorial"])
def test_resumed_readings_give_the_same_boards_as_fresh_ones(name: str) -> None:
    def check(game: Game, actor: str) -> None:
        for viewer in (actor, None):
            resumed = board_for(game, viewer)
            kept = {scenario: dict(walks) for scenario, walks in view_module._WALKS.items()}
            view_module._WALKS.clear()
            fresh = board_for(game, viewer)
            view_module._WALKS.clear()
            view_module._WALKS.update(kept)  # the game goes on resuming from its own readings
            assert fresh == resumed

    for seed in (1, 2):
        play(name, seed, check)


def test_a_late_board_does_not_read_the_whole_log_again(monkeypatch: pytest.MonkeyPatch) -> None:
    fed: list[int] = []
    largest: list[tuple[int, int]] = []
    real = view_module._Walk.feed

    def feed(self: Any, entries: list[dict[str, Any]], *args: Any) -> None:
        fed.append(len(entries))
        real(self, entries, *args)

    monkeypatch.setattr(view_module._Walk, "feed", feed)

    def measure(game: Game, actor: str) -> None:
        fed.clear()
        board = board_for(game, actor)
        if board["moves"] and len(game.state["log"]) >= 80:
            largest.append((max(fed), len(game.state["log"])))

    for seed in (1, 2, 3):
        play("pyongyang_summit", seed, measure)
    assert largest, "no late boards with moves"
    assert all(most <= log // 2 for most, log in largest), sorted(largest)[-3:]


def test_the_view_caches_drop_a_scenario_with_it() -> None:
    """A long-lived process (a host, the editor's server) loads many scenarios: the viewer rules and log
    readings kept for one must not keep it alive once no game uses it."""
    import gc
    import weakref

    from game.engine import PUBLIC, Viewer, compile_scenario, view
    from game.scenario.loader import load_scenario

    scenario = compile_scenario(load_scenario(ROOT / "scenarios" / "tutorial.yaml"))
    game = Game(scenario, 1)
    game.advance()
    view(game, PUBLIC)
    view(game, Viewer.seat(scenario.actors[0]))
    assert scenario in view_module._RULES and scenario in view_module._WALKS
    gone = weakref.ref(scenario)
    del game, scenario
    gc.collect()
    assert gone() is None
