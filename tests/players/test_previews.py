"""The bots' shortcuts give exactly the numbers and games of the long way round.

- A preview valued from the current state's terms (:meth:`Valuation.value_after`) is the value
  of the preview in full, to the last bit, for every move of every scenario in many states.
- Quiet copies that share their dice (:class:`RollCache`) play the games they play alone.
- The lookahead's rollouts, started from the others' orders given once, end where rollouts
  that give the candidate move first and the others' orders after it end.
- A trial copy of the numbers gives, for every effect list, the numbers of an outlook of its own, and
  puts them back (the trial the heuristic bots keep for the next one is taken again only by its game in the
  same numbers); a move's changes in words, worked out from its effects, are those of its outlook.
- The bots' memos are found by the numbers, whatever the order of the state's dicts (the memo last found by
  the game's numbers stamp while no number changes, by any bot), and an answer read from a memo another bot
  filled is the answer worked out afresh.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.engine import PASS, Answer, CompiledScenario, Decision, Game, Move, Outlook, Phase, facilitator
from game.engine.driver import Hooks, drive
from game.engine.rolls import RollCache
from game.players import make_players
from game.players.heuristic import HeuristicBot, _accept_hint, _shared
from game.players.lookahead import LookaheadBot
from game.players.valuation import POINT_VALUE, Valuation
from tests.conftest import ROOT, SHIPPED, SHIPPED_IDS, compiled, turn_starts
from tests.engine.test_effects import build as build_effects


def _diplomacy_states(scenario: CompiledScenario, seeds: range) -> Iterator[Game]:
    """The diplomacy phase of every turn of games with random bots (one copy per turn)."""
    for _, game in turn_starts(scenario, seeds):
        if game.state["phase"] == Phase.DIPLOMACY.value:
            yield game.copy()


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_a_preview_valued_from_the_terms_is_its_value(path: Path) -> None:
    scenario = compiled(path)
    valuations = [Valuation(scenario, actor) for actor in scenario.actors]
    checked = 0
    for game in _diplomacy_states(scenario, range(6)):
        for valuation in valuations:
            terms = valuation.terms(game)
            assert terms.total == valuation.value(game)
            for bounds in scenario.bound_moves.values():
                for bound in bounds:
                    for ops in (bound.resolve_ops, bound.on_detect, ()):
                        after = game.outlook(ops)
                        assert valuation.value_after(game, terms, ops, after) == valuation.value(game, after), (
                            valuation.actor, bound.id, bound.target, game.turn,
                        )  # fmt: skip
                        checked += 1
    assert checked > 1000


def _started(scenario: CompiledScenario, seed: int) -> Game:
    game = Game(scenario, seed)
    game.advance()
    return game


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_copies_sharing_their_dice_play_the_games_they_play_alone(path: Path) -> None:
    scenario = compiled(path)
    for seed in range(8):
        start = _started(scenario, seed)
        cache = RollCache()
        games = [start.copy(quiet=True) for _ in range(3)]
        games[1].share_rolls(cache)
        games[2].share_rolls(cache)  # draws the numbers games[1] drew first, from the cache
        for game in games:
            players = make_players(dict.fromkeys(scenario.actors, "random"), seed)
            drive(game, players)
        assert games[0].state == games[1].state == games[2].state


def test_a_copy_inherits_the_shared_dice_and_none_rolls_alone(tutorial: CompiledScenario) -> None:
    game = _started(tutorial, 3)
    cache = RollCache()
    game.share_rolls(cache)
    assert game.copy(quiet=True)._roll_cache is cache
    game.share_rolls(None)
    assert game.copy()._roll_cache is None


def _rollout_the_long_way(bot: LookaheadBot, base: Game, actor: str, move: Move, seed: int) -> float:
    """A rollout as the lookahead played it before its orders were shared: the candidate move first, then
    the others' orders (chosen on a copy of ``base``) given in actor order as the driver asks for them."""
    sim = base.copy(quiet=True)
    sim.seed = seed
    bot._policy_rng.seed(seed)
    orders: dict[str, list[Decision]] = {}
    for other in sim.awaiting():
        if other != actor:
            while sim.is_awaiting(other):
                decision = bot._policy.choose(sim, other)
                sim.submit(decision)
                orders.setdefault(other, []).append(decision)
    rollout = base.copy(quiet=True)
    rollout.seed = seed
    bot._policy_rng.seed(seed + 1)
    rollout.submit(move)

    class Planned:
        name = "planned"

        def decide(self, game: Game, who: str) -> tuple[Decision, str | None]:
            queue = orders.get(who) if game.state["phase"] == Phase.DIPLOMACY.value else None
            return (queue.pop(0) if queue else bot._policy.choose(game, who)), None

    drive(rollout, dict.fromkeys(rollout.compiled.actors, Planned()), turns=bot.horizon)
    valuation = bot.valuation(rollout, actor)
    value = valuation.value(rollout)
    scores: dict[str, int] = rollout.state["scores"]
    return value - bot.rivalry * POINT_VALUE * max(v for a, v in scores.items() if a != actor)


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_rollouts_from_the_others_orders_end_where_the_long_way_ends(path: Path) -> None:
    scenario = compiled(path)
    compared = 0
    for seed in range(3):
        game = Game(scenario, seed)
        game.advance()
        for actor in scenario.actors:
            bot = LookaheadBot(random.Random(seed))
            base = bot.known_state(game, actor)
            moves = [d for d in base.legal_decisions(actor) if isinstance(d, Move)]
            rollout_seed = 1000 + seed
            start = bot._others_ordered(base, actor, rollout_seed)
            bot._given.start(base.turn)  # answers given once for all the rollouts (decide's way); the long way asks
            for move in moves:
                short = bot._rollout(start, move, rollout_seed, bot.valuation(base, actor))
                assert short == _rollout_the_long_way(bot, base, actor, move, rollout_seed), (actor, move)
                compared += 1
    assert compared > 10


def _numbers(outlook: Outlook) -> tuple[dict[str, Any], ...]:
    """Copies of an outlook's numbers and of the track positions its namespace reads."""
    state, namespace = outlook.state, outlook.namespace
    assert namespace["V"] is state["vars"] and namespace["F"] is state["flags"]
    return (*(dict(state[part]) for part in ("vars", "tracks", "flags", "scores")), dict(namespace["T"]))


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_a_trial_gives_the_numbers_of_an_outlook_and_puts_them_back(path: Path) -> None:
    scenario = compiled(path)
    checked = 0
    for game in _diplomacy_states(scenario, range(4)):
        trial = game.trial()
        before = _numbers(game.outlook())
        assert _numbers(trial) == before
        for bounds in scenario.bound_moves.values():
            for bound in bounds:
                for ops in (bound.resolve_ops, bound.on_detect):
                    assert trial.apply(ops)
                    assert _numbers(trial) == _numbers(game.outlook(ops)), (bound.id, bound.target, game.turn)
                    trial.undo()
                    assert _numbers(trial) == before
                    checked += 1
                assert trial.apply(bound.resolve_ops) and trial.apply(bound.on_detect)  # one list after another
                trial.undo()
                assert _numbers(trial) == before
        assert _numbers(game.outlook()) == before  # the game's own numbers were never written
    assert checked > 300


def test_a_trial_leaves_effects_that_are_not_primitive_to_an_outlook() -> None:
    scenario = build_effects()
    game = Game(scenario, 1)
    game.advance()
    trial = game.trial()
    before = _numbers(trial)
    exits = scenario.bound_index[("russia", "exit", None)].resolve_ops  # an `end` under `if`
    assert not trial.apply(scenario.bound_index[("russia", "press", None)].resolve_ops)
    assert _numbers(trial) == before
    assert not trial.apply(exits)
    assert _numbers(trial) == before


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_a_moves_changes_in_words_are_those_of_its_outlook(path: Path) -> None:
    scenario = compiled(path)
    valuations = [Valuation(scenario, actor) for actor in scenario.actors]
    said = 0
    for game in _diplomacy_states(scenario, range(4)):
        for valuation in valuations:
            for bounds in scenario.bound_moves.values():
                for bound in bounds:
                    for ops in (bound.resolve_ops, bound.on_detect):
                        words = valuation.move_changes(game, ops)
                        assert words == valuation.changes(game, game.outlook(ops)), (bound.id, valuation.actor)
                        said += bool(words)
    assert said > 100


def test_a_memo_is_found_by_the_numbers_whatever_the_order_of_the_dicts(tutorial: CompiledScenario) -> None:
    game = Game(tutorial, 1)
    game.advance()
    bot = HeuristicBot(random.Random(1))
    memo = bot._memo(game)
    values = game.state["vars"]
    game.state["vars"] = dict(reversed(values.items()))  # the same numbers, another order (a loaded save)
    game.state_changed()
    assert bot._memo(game) is memo
    keys = list(values)
    swapped = dict(zip(reversed(keys), values.values(), strict=True))  # the values in the same order, other names
    assert swapped != values
    game.state["vars"] = swapped
    game.state_changed()
    assert bot._memo(game) is not memo


def test_the_memo_last_found_is_found_by_the_stamp_until_a_number_changes(tutorial: CompiledScenario) -> None:
    game = Game(tutorial, 1)
    game.advance()
    memo = HeuristicBot(random.Random(1))._memo(game)
    game.submit(Move(tutorial.actors[0], PASS))  # a decision changes no number
    bot = HeuristicBot(random.Random(2))
    assert bot._memo(game) is memo  # by the stamp: the memos are shared
    facilitator.set_variable(game, "lowland.water", game.state["vars"]["lowland.water"] + 7)
    found = bot._memo(game)
    assert found is not memo and found is _shared(tutorial).memo(game.state)
    assert bot._memo(game) is found


def test_a_kept_trial_is_taken_again_only_by_its_game_in_the_same_numbers(tutorial: CompiledScenario) -> None:
    game = Game(tutorial, 1)
    game.advance()
    shared = _shared(tutorial)
    trial = shared.take_trial(game)
    shared.keep_trial(game, trial)
    assert shared.take_trial(game) is trial
    assert shared.take_trial(game) is not trial  # taken away until it is kept again
    shared.keep_trial(game, trial)
    assert shared.take_trial(game.copy()) is not trial  # the same numbers, another game's dicts
    shared.keep_trial(game, trial)
    facilitator.set_variable(game, "lowland.water", game.state["vars"]["lowland.water"] + 7)
    fresh = shared.take_trial(game)
    assert fresh is not trial and fresh.state["vars"] == game.state["vars"]


class _Trials(Hooks):
    """Checks, at every decision, that the trial the heuristic bots keep for the game has the game's numbers."""

    def __init__(self) -> None:
        self.checked = 0

    def decided(self, game: Game, actor: str, decision: Decision, reason: str | None) -> None:
        kept = _shared(game.compiled).trial
        if kept is None or kept[0]() is not game or kept[1] != game.numbers_stamp():
            return
        for part in ("vars", "tracks", "flags", "scores"):
            assert kept[2].state[part] == game.state[part], part
        self.checked += 1


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_the_trial_kept_for_a_game_has_its_numbers(path: Path) -> None:
    scenario = compiled(path)
    hooks = _Trials()
    for seed in range(6):
        drive(Game(scenario, seed), make_players(dict.fromkeys(scenario.actors, "heuristic"), seed), hooks)
    assert hooks.checked > 10


class _Answers(Hooks):
    """Checks every heuristic answer against the deal's value worked out afresh for the answering actor."""

    def __init__(self) -> None:
        self.checked = 0

    def decided(self, game: Game, actor: str, decision: Decision, reason: str | None) -> None:
        if not isinstance(decision, Answer):
            return
        proposal = next(p for p in game.open_proposals(actor) if p["id"] == decision.proposal)
        if "deal" in proposal:
            return
        bound = game.bound(proposal["from"], proposal["move"], actor)
        valuation = Valuation(game.compiled, actor)
        terms = valuation.terms(game)
        after = game.outlook(bound.resolve_ops)
        gain = valuation.value_after(game, terms, bound.resolve_ops, after) - terms.total + _accept_hint(game, bound)
        assert decision.accept == (gain > 0), (game.turn, actor, proposal["move"])
        self.checked += 1


def test_a_heuristic_answer_is_the_deals_value_for_the_answering_actor() -> None:
    """The answer a bot reads from the shared memo (the chance of acceptance its proposer weighed) is the one it
    would work out alone."""
    scenario = compiled(ROOT / "scenarios" / "pyongyang_summit.yaml")
    hooks = _Answers()
    for seed in range(12):
        drive(Game(scenario, seed), make_players(dict.fromkeys(scenario.actors, "heuristic"), seed), hooks)
    assert hooks.checked > 10
