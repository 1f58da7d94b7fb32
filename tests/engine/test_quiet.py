"""A quiet game plays by exactly the rules of a game that logs: the same numbers after every phase, the same rolls.

Quiet games (look-ahead copies, batch runs) run their own, faster path (:mod:`game.engine.quiet`): each list of
effects compiled into one function, each turn's candidate events listed once, the upkeep as one function. Here
a quiet twin is given every decision of a game that logs, and after every step the two states must be equal in
everything but the log, over many seeds of every shipped scenario, the scenario of the format's additions to
effects (``end``, ``if``, computed amounts, timed flags) and the deals among several parties.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.engine import Answer, CompiledScenario, Game, IllegalDecision, Phase
from game.engine.quiet import ops_function, quiet_plan
from game.players import make_players
from tests.conftest import ROOT, SHIPPED, SHIPPED_IDS, compiled
from tests.engine.test_effects import build

DEALS = ROOT / "tests" / "scenarios" / "deals" / "grain_deal.yaml"


def _numbers(game: Game) -> dict[str, Any]:
    """Everything in the state but the log (a quiet game writes none)."""
    return {key: value for key, value in game.state.items() if key != "log"}


def _play_twins(scenario: CompiledScenario, seed: int, kind: str, quiet_from: int) -> int:
    """Play a game that logs with ``kind`` bots and a quiet twin (quiet from the start when ``quiet_from`` is 0,
    else a quiet copy made at the diplomacy of that turn) given the same decisions; compare them after every
    step. Returns the number of comparisons made."""
    loud = Game(scenario, seed)
    quiet: Game | None = None
    if quiet_from == 0:
        quiet = Game(scenario, seed)
        quiet.quiet = True
    players = make_players(dict.fromkeys(scenario.actors, kind), seed)
    compared = 0
    while True:
        loud.advance()
        if quiet is None and loud.turn >= quiet_from and loud.state["phase"] == Phase.DIPLOMACY.value:
            quiet = loud.copy(quiet=True)
        elif quiet is not None:
            quiet.advance()
        if quiet is not None:
            assert _numbers(quiet) == _numbers(loud), (scenario.meta.id, seed, kind, loud.turn, loud.state["phase"])
            assert quiet.state["log"] == [] or quiet_from > 0
            compared += 1
        if loud.is_over():
            return compared
        for actor in loud.awaiting():
            while loud.is_awaiting(actor):
                if quiet is not None:
                    legal = loud.legal_decisions(actor)
                    assert quiet.legal_decisions(actor) == legal
                    if loud.state["phase"] == Phase.DIPLOMACY.value:  # the compiled moves themselves
                        assert all(a is b for a, b in zip(quiet.legal_decisions(actor), legal, strict=True))
                decision, reason = players[actor].decide(loud, actor)
                loud.submit(decision, reason)
                if quiet is not None:
                    quiet.submit(decision, reason)


def _scenarios() -> list[tuple[str, Callable[[], CompiledScenario]]]:
    shipped = [(p.stem, lambda p=p: compiled(p)) for p in SHIPPED]  # type: ignore[misc]
    return [*shipped, ("effects", build), ("deals", lambda: compiled(DEALS))]


@pytest.mark.parametrize(("name", "scenario"), _scenarios(), ids=[name for name, _ in _scenarios()])
def test_a_quiet_twin_has_the_same_numbers_after_every_step(
    name: str, scenario: Callable[[], CompiledScenario]
) -> None:
    played = scenario()
    compared = 0
    for seed in range(40):
        kind = ("random", "heuristic")[seed % 2]
        compared += _play_twins(played, seed, kind, quiet_from=0 if seed % 4 < 2 else 2)
    assert compared > 100, name


def test_a_quiet_game_is_told_nothing_and_writes_no_log() -> None:
    scenario = compiled(SHIPPED[0])
    game = Game(scenario, 1)
    game.quiet = True
    players = make_players(dict.fromkeys(scenario.actors, "random"), 1)
    while not game.is_over():
        game.advance()
        for actor in game.awaiting():
            while game.is_awaiting(actor):
                game.submit(players[actor].decide(game, actor)[0])
    assert game.state["log"] == [] and game.decisions == []


def test_the_plan_is_built_once_per_scenario_and_shares_one_function_per_list_of_effects() -> None:
    scenario = compiled(SHIPPED[0])
    plan = quiet_plan(scenario)
    assert quiet_plan(scenario) is plan
    by_ops: dict[Any, Any] = {}
    for key in scenario.bound_index:
        move = plan.moves[key]
        assert plan.moves[key] is move and move.bound is scenario.bound_index[key]
        assert by_ops.setdefault(move.bound.resolve_ops, move.apply) is move.apply
    with pytest.raises(KeyError):
        plan.moves[("nobody", "nothing", None)]


def _recorder(moves: list[tuple[str, str, str]]) -> Callable[[str, str, str], None]:
    def record(track: str, source: str, dest: str) -> None:
        moves.append((track, source, dest))

    return record


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_every_compiled_list_of_effects_applies_as_apply_ops_does(path: Path) -> None:
    """Each move's effects from many states: the compiled function leaves the numbers apply_ops leaves, and
    reports the same track moves in the same order."""
    from game.engine.outlook import apply_ops

    scenario = compiled(path)
    checked = 0
    for seed in range(6):
        game = Game(scenario, seed)
        players = make_players(dict.fromkeys(scenario.actors, "random"), seed)
        while not game.is_over():
            game.advance()
            for bound in scenario.bound_index.values():
                for ops in (bound.resolve_ops, bound.on_detect):
                    want, got = game.copy(quiet=True), game.copy(quiet=True)
                    moved_want: list[tuple[str, str, str]] = []
                    moved_got: list[tuple[str, str, str]] = []
                    ended = apply_ops(scenario, want.state, want._track_index, want._namespace, ops, None,
                                      _recorder(moved_want))  # fmt: skip
                    apply = ops_function(scenario, ops)
                    assert apply(got.state, got._track_index, got._namespace, _recorder(moved_got)) == ended
                    assert got.state == want.state and got._track_index == want._track_index
                    assert moved_got == moved_want
                    checked += 1
            for actor in game.awaiting():
                while game.is_awaiting(actor):
                    game.submit(players[actor].decide(game, actor)[0])
    assert checked > 500


def _swapped(data: dict[str, Any]) -> None:
    """A shared move whose amount reads both its actor and its target: bound both ways, its ops compare equal."""
    data["moves"].append(
        {"id": "swap", "name": "Swap", "actors": ["russia", "ukraine"], "targets": ["russia", "ukraine"],
         "per_actor": {"cargo": {"russia": "grain_exports", "ukraine": "grain"}},
         "effects": [{"change": "world.exports", "by_expr": "self.cargo - target.cargo"}], "log": "{actor} swaps"}
    )  # fmt: skip


def test_each_bound_move_applies_its_own_effects_even_when_two_bindings_compare_equal() -> None:
    from game.engine.outlook import apply_ops

    scenario = build(_swapped)
    one, other = (scenario.bound_index[key] for key in (("russia", "swap", "ukraine"), ("ukraine", "swap", "russia")))
    assert one.resolve_ops == other.resolve_ops  # equal ops, yet they read the numbers the other way round
    plan = quiet_plan(scenario)
    for key, bound in scenario.bound_index.items():
        game = Game(scenario, 1)
        game.advance()
        want, got = game.copy(quiet=True), game.copy(quiet=True)
        apply_ops(scenario, want.state, want._track_index, want._namespace, bound.resolve_ops, None, None)
        plan.moves[key].apply(got.state, got._track_index, got._namespace, None)
        assert got.state == want.state, key



@pytest.mark.parametrize(("name", "scenario"), _scenarios(), ids=[name for name, _ in _scenarios()])
def test_a_game_that_keeps_no_history_plays_the_same_numbers(
    name: str, scenario: Callable[[], CompiledScenario]
) -> None:
    """A look-ahead rollout keeps no end-of-turn snapshots (``keep_history`` off, inherited by its copies): its
    numbers after every step are those of the game that keeps them, and its history stays empty."""
    played = scenario()
    for seed in range(12):
        loud = Game(played, seed)
        forgetful = Game(played, seed)
        forgetful.quiet = seed % 2 == 0  # the quiet path and the one that logs
        forgetful.keep_history = False
        players = make_players(dict.fromkeys(played.actors, ("random", "heuristic")[seed % 3 == 0]), seed)
        while True:
            loud.advance()
            forgetful.advance()
            forgetful = forgetful.copy(quiet=forgetful.quiet)  # copies inherit it
            assert forgetful.state["history"] == [] and not forgetful.keep_history
            numbers = {k: v for k, v in loud.state.items() if k not in ("log", "history")}
            assert {k: v for k, v in forgetful.state.items() if k not in ("log", "history")} == numbers, (name, seed)
            if loud.is_over():
                assert len(loud.state["history"]) >= 1
                break
            for actor in loud.awaiting():
                while loud.is_awaiting(actor):
                    decision, reason = players[actor].decide(loud, actor)
                    loud.submit(decision, reason)
                    forgetful.submit(decision, reason)


def test_an_unchecked_answer_is_recorded_as_a_submitted_one_and_a_loud_game_checks_it() -> None:
    """:meth:`Game.submit_answer_unchecked` (a rollout's given answers) answers what :meth:`Game.submit` answers,
    in a quiet game; a game that logs takes it through :meth:`Game.submit` (checked, recorded)."""
    compared = 0
    for played in (compiled(SHIPPED[0]), compiled(DEALS), *(compiled(p) for p in SHIPPED[1:])):
        for seed in range(6):
            game = Game(played, seed)
            players = make_players(dict.fromkeys(played.actors, "random"), seed)
            while True:
                game.advance()
                if game.is_over():
                    break
                if game.state["phase"] == Phase.RESPONSES.value:
                    checked, unchecked = game.copy(quiet=True), game.copy(quiet=True)
                    for actor in game.awaiting():
                        for proposal in game.open_proposals(actor):
                            answer = Answer(actor, proposal["id"], (seed + compared) % 3 != 0)
                            checked.submit(answer)
                            unchecked.submit_answer_unchecked(answer)
                            assert unchecked.state == checked.state, (played.meta.id, seed, proposal["id"])
                            compared += 1
                for actor in game.awaiting():
                    while game.is_awaiting(actor):
                        game.submit(*players[actor].decide(game, actor))
            with pytest.raises(IllegalDecision):  # over: a game that logs checks it
                game.submit_answer_unchecked(Answer(played.actors[0], "t1.nobody.0", True))
    loud = Game(compiled(DEALS), 0)
    loud.advance()
    with pytest.raises(IllegalDecision):
        loud.submit_answer_unchecked(Answer(loud.compiled.actors[0], "t1.nobody.0", True))
    assert compared > 30
