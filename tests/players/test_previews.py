"""The bots' shortcuts give exactly the numbers and games of the long way round.

- A preview valued from the current state's terms (:meth:`Valuation.value_after`) is the value
  of the preview in full, to the last bit, for every move of every scenario in many states.
- Quiet copies that share their dice (:class:`RollCache`) play the games they play alone.
- The lookahead's rollouts, started from the others' orders given once, end where rollouts
  that give the candidate move first and the others' orders after it end.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine import CompiledScenario, Decision, Game, Move, Phase
from game.engine.driver import drive
from game.engine.rolls import RollCache
from game.players import make_players
from game.players.lookahead import LookaheadBot
from game.players.valuation import POINT_VALUE, Valuation
from tests.conftest import SHIPPED, SHIPPED_IDS, compiled


def _diplomacy_states(scenario: CompiledScenario, seeds: range) -> Iterator[Game]:
    """The diplomacy phase of every turn of games with random bots (one copy per turn)."""
    for seed in seeds:
        game = Game(scenario, seed)
        game.advance()
        players = make_players(dict.fromkeys(scenario.actors, "random"), seed)
        while not game.is_over():
            if game.state["phase"] == Phase.DIPLOMACY.value:
                yield game.copy()
            drive(game, players, turns=1)


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
