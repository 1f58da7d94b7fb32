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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from game.engine import CompiledScenario, Game, Move, Phase, decision_from_json
from game.engine.driver import drive
from game.engine.replay import Divergence, replay, replay_more
from game.players import make_players
from game.players.heuristic import HeuristicBot
from game.players.lookahead import LookaheadBot, _Given, _play_on, _Replayed
from game.runner import play_game
from tests.conftest import SHIPPED, SHIPPED_IDS, compiled, turn_starts


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


def _known_the_long_way(game: Game, actor: str) -> Game:
    """The known state as a replay of every decision before this turn, then ``actor``'s own orders."""
    prior = [d for d in game.decisions if d["turn"] < game.turn]
    known = replay(game.compiled, game.seed, prior, allow_unfinished=True, quiet=True)
    for data in game.decisions[len(prior) :]:
        if data["actor"] == actor and data["kind"] == "move":
            known.submit(decision_from_json(data))
    return known


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_the_known_state_goes_on_from_last_turns_replay_and_is_a_fresh_one(path: Path) -> None:
    scenario = compiled(path)
    game = Game(scenario, 7)
    game.advance()
    players = make_players(dict.fromkeys(scenario.actors, "heuristic"), 7)
    bots = [LookaheadBot(random.Random(0)), LookaheadBot(random.Random(1))]  # sharing their thread's replay
    checked = 0
    while not game.is_over():
        for actor in scenario.actors:  # every turn, as each actor decides
            if game.state["phase"] != Phase.DIPLOMACY.value or not game.is_awaiting(actor):
                continue
            for bot in bots:
                assert bot.known_state(game, actor).state == _known_the_long_way(game, actor).state
            checked += 1
            drive(game, {actor: players[actor]}, turns=None)  # this actor's orders, then the next seat
        drive(game, players, turns=1)
    assert checked >= 3 * len(scenario.actors)  # several turns


def test_the_known_state_starts_again_when_the_log_is_another_games(tutorial: CompiledScenario) -> None:
    """Games of other seeds, or of one seed with other decisions, on one thread: each its own replay."""
    bot = LookaheadBot(random.Random(0))
    games = {seed: _logged(tutorial, seed) for seed in (1, 2)}
    other = play_game(tutorial, 1, make_players(dict.fromkeys(tutorial.actors, "random"), 1)).game
    for seed, turn in ((1, 1), (2, 1), (1, 2), (2, 3), (1, 3), (1, 4), (2, 2)):
        for source in (games[seed], other) if seed == 1 else (games[seed],):
            decisions = [d for d in source.decisions if d["turn"] < turn]
            played = replay(tutorial, seed, decisions, allow_unfinished=True)
            assert played.turn == turn
            known = bot.known_state(played, "upland")
            assert known.state == _known_the_long_way(played, "upland").state
            assert known.seed == seed  # the same numbers so far need not be the same game


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


def _responses_to(game: Game, move: Move) -> Game:
    """A quiet copy of ``game`` where ``move``'s actor made it, everyone else passed, and proposals wait."""
    sim = game.copy(quiet=True)
    sim.submit(move)
    for actor in sim.awaiting():
        sim.submit(sim.compiled.pass_decisions[actor])
    sim.advance()
    assert sim.state["phase"] == Phase.RESPONSES.value
    return sim


def test_given_answers_are_the_policys_for_each_proposal_even_under_one_id() -> None:
    """Two deals an actor could make to one target carry the same proposal id (its first slot); each gets
    the answer the policy gives it, though the target accepts one and rejects the other."""
    scenario = compiled(next(p for p in SHIPPED if p.stem == "cuban_missile_crisis"))
    policy = HeuristicBot(random.Random(0))
    compared = 0
    for _, game in turn_starts(scenario, range(6)):
        for actor in scenario.actors:
            deals = [
                d for d in game.legal_decisions(actor)
                if isinstance(d, Move) and (b := scenario.bound_index.get((actor, d.move, d.target))) is not None
                and b.is_deal and not b.parties
            ]  # fmt: skip
            given = _Given()
            given.start(game.turn)
            answers: dict[str, set[bool]] = {}
            for deal in deals:
                sim = _responses_to(game, deal)
                asked = sim.copy()
                while asked.awaiting():  # the policy asked for every answer, as the driver asks
                    who = asked.awaiting()[0]
                    asked.submit(policy.choose(asked, who))
                given.answer_all(sim, policy.choose)
                assert sim.state["proposals"] == asked.state["proposals"]
                mine = next(p for p in sim.state["proposals"] if p["from"] == actor and p["move"] == deal.move)
                answers.setdefault(str(deal.target), set()).add(mine["answer"])
            compared += sum(len(seen) > 1 for seen in answers.values())
    assert compared > 0  # some target accepted one deal and rejected another under the same id


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_rollouts_of_two_turns_with_given_answers_end_where_the_policys_own_answers_end(path: Path) -> None:
    """Answers are given only in the decision's own turn: the next turn's come from other numbers."""
    scenario = compiled(path)
    compared = 0
    for seed, game in turn_starts(scenario, range(2)):
        for actor in scenario.actors:
            bot = LookaheadBot(random.Random(seed), horizon=2)
            base = bot.known_state(game, actor)
            moves = [d for d in base.legal_decisions(actor) if isinstance(d, Move)]
            start = bot._others_ordered(base, actor, 77 + seed)
            valuation = bot.valuation(base, actor)
            bot._given.start(base.turn)
            given = [bot._rollout(start, move, 77 + seed, valuation) for move in moves]
            asked = []
            for move in moves:  # a new memo for each rollout: the policy answers every proposal
                bot._given = _Given()
                bot._given.start(base.turn)
                asked.append(bot._rollout(start, move, 77 + seed, valuation))
            assert given == asked, (game.turn, actor)
            compared += len(moves)
    assert compared > 20


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_rollouts_keep_no_history_and_value_what_rollouts_that_keep_it_value(path: Path) -> None:
    """The rollouts' games keep no end-of-turn snapshots (nothing they are valued by reads them)."""
    scenario = compiled(path)
    compared = 0
    for seed, game in turn_starts(scenario, range(2)):
        actor = scenario.actors[game.turn % len(scenario.actors)]
        bot = LookaheadBot(random.Random(seed), horizon=2)
        base = bot.known_state(game, actor)
        moves = [d for d in base.legal_decisions(actor) if isinstance(d, Move)]
        start = bot._others_ordered(base, actor, 5 + seed)
        assert not start.keep_history and start.state["history"] == []
        keeping = start.copy(quiet=True)
        keeping.keep_history = True
        keeping.state["history"] = list(base.state["history"])
        valuation = bot.valuation(base, actor)
        for move in moves:
            bot._given.start(base.turn)
            forgetful = bot._rollout(start, move, 5 + seed, valuation)
            bot._given.start(base.turn)
            assert bot._rollout(keeping, move, 5 + seed, valuation) == forgetful, (game.turn, move)
            compared += 1
    assert compared > 5


def _lookahead_hash(scenario: CompiledScenario, seed: int) -> str:
    players = make_players(dict.fromkeys(scenario.actors, "lookahead"), seed)
    return play_game(scenario, seed, players, record=False).game.state_hash()


def test_lookahead_bots_sharing_a_policy_on_threads_play_the_games_they_play_one_by_one(busy_switching: None) -> None:
    """Every lookahead bot of a scenario shares the rollout policy of its thread (its memos), each drawing
    from its own RNG: games on threads, switching very often, and games one by one are the same."""
    scenario = compiled(next(p for p in SHIPPED if p.stem == "cuban_missile_crisis"))  # two moves a turn
    seeds = range(4)
    alone = []
    for seed in seeds:  # each game on a new thread: its bots share a policy no other game has used
        with ThreadPoolExecutor(max_workers=1) as fresh:
            alone.append(fresh.submit(_lookahead_hash, scenario, seed).result())
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda seed: _lookahead_hash(scenario, seed), seeds))
    assert threaded == alone
    assert [_lookahead_hash(scenario, seed) for seed in seeds] == alone  # one after another on this thread
