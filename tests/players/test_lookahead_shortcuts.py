"""The lookahead's shortcuts change nothing it decides.

- A log replayed in parts (:func:`replay_more`) is the game replayed at once, at every cut.
- The known state, rebuilt by a replay that goes on from the last turn's, is the one a fresh replay gives.
- The policy's RNG replays each seed's numbers: they are those ``random.Random(seed)`` draws, whatever
  the seeds in between.
- The rollouts' driver loop plays the decisions :func:`drive` plays.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine import CompiledScenario, Game, Phase
from game.engine.driver import drive
from game.engine.replay import Divergence, replay, replay_more
from game.players import make_players
from game.players.heuristic import HeuristicBot
from game.players.lookahead import LookaheadBot, _play_on, _Replayed
from game.runner import play_game
from tests.conftest import SHIPPED, SHIPPED_IDS, compiled


def _logged(scenario: CompiledScenario, seed: int) -> Game:
    return play_game(scenario, seed, make_players(dict.fromkeys(scenario.actors, "heuristic"), seed)).game


def _told(turns: list[int]) -> Callable[[Game, int], None]:
    """An ``on_turn`` that notes each turn it is told of."""
    return lambda _, turn: turns.append(turn)


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_a_log_replayed_in_parts_is_the_game_replayed_at_once(path: Path) -> None:
    scenario = compiled(path)
    for seed in range(3):
        game = _logged(scenario, seed)
        turns: list[int] = []
        whole = replay(scenario, seed, game.decisions, quiet=True, on_turn=_told(turns))
        for cut in range(0, len(game.decisions) + 1, 3):
            seen: list[int] = []
            parts = replay(scenario, seed, game.decisions[:cut], allow_unfinished=True, quiet=True, on_turn=_told(seen))
            replay_more(parts, game.decisions[cut:], first=cut + 1, on_turn=_told(seen))
            assert parts.state == whole.state, cut
            assert seen == turns, cut  # each turn's end told once, by the part that played it


def test_replaying_more_counts_its_decisions_from_first(tutorial: CompiledScenario) -> None:
    game = _logged(tutorial, 4)
    start = replay(tutorial, 4, game.decisions[:2], allow_unfinished=True)
    wrong = [dict(d, turn=99) for d in game.decisions[2:3]]
    with pytest.raises(Divergence, match="decision 3: recorded on turn 99"):
        replay_more(start, wrong, first=3, allow_unfinished=True)


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_the_known_state_goes_on_from_last_turns_replay_and_is_a_fresh_one(path: Path) -> None:
    scenario = compiled(path)
    game = Game(scenario, 7)
    game.advance()
    players = make_players(dict.fromkeys(scenario.actors, "heuristic"), 7)
    bot = LookaheadBot(random.Random(0))
    checked = 0
    while not game.is_over():
        for actor in scenario.actors:  # every turn, as each actor decides
            if game.state["phase"] != Phase.DIPLOMACY.value or not game.is_awaiting(actor):
                continue
            fresh = LookaheadBot(random.Random(0)).known_state(game, actor)
            assert bot.known_state(game, actor).state == fresh.state
            checked += 1
            drive(game, {actor: players[actor]}, turns=None)  # this actor's orders, then the next seat
        drive(game, players, turns=1)
    assert checked >= 3 * len(scenario.actors)  # several turns


def test_the_known_state_starts_again_when_the_log_is_another_games(tutorial: CompiledScenario) -> None:
    bot = LookaheadBot(random.Random(0))
    for seed in (1, 2, 1):
        game = _logged(tutorial, seed)
        played = replay(tutorial, seed, [d for d in game.decisions if d["turn"] < 3], allow_unfinished=True)
        assert played.turn == 3
        assert (
            bot.known_state(played, "upland").state
            == LookaheadBot(random.Random(0)).known_state(played, "upland").state
        )


def test_the_policy_rng_replays_what_each_seed_draws() -> None:
    replayed = _Replayed()
    rng = random.Random()
    plan = [(5, 3), (9, 4), (5, 6), (5, 2), (2**47 + 1, 5), (9, 8)]
    for seed, draws in plan:
        replayed.seed(seed)
        rng.seed(seed)
        assert [replayed.random() for _ in range(draws)] == [rng.random() for _ in range(draws)]
    replayed.forget()
    replayed.seed(9)
    rng.seed(9)
    assert replayed.uniform(2, 3) == rng.uniform(2, 3)  # built on random(): replayed too
    with pytest.raises(NotImplementedError):
        replayed.randrange(1000)  # built on getrandbits: not what random.Random(9) would draw, so it refuses
    with pytest.raises(TypeError):
        replayed.seed("text")


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_the_rollouts_loop_plays_what_the_driver_plays(path: Path) -> None:
    scenario = compiled(path)

    class Policy:
        name = "policy"

        def __init__(self, bot: HeuristicBot) -> None:
            self.bot = bot

        def decide(self, game: Game, actor: str) -> tuple[object, None]:
            return self.bot.choose(game, actor), None

    for seed in range(4):
        for turns in (1, 2, 9):
            ours, theirs = Game(scenario, seed), Game(scenario, seed)
            ours.advance()
            theirs.advance()
            _play_on(ours, HeuristicBot(random.Random(seed)), turns)
            drive(theirs, dict.fromkeys(scenario.actors, Policy(HeuristicBot(random.Random(seed)))), turns=turns)  # type: ignore[arg-type]
            assert ours.state == theirs.state and ours.decisions == theirs.decisions
