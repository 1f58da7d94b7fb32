"""A bot that looks ahead: it plays each candidate move forward on copies of the game and keeps the best.

For every legal move it runs a fixed budget of rollouts: a copy of the game
(plain data, :meth:`Game.copy`) where it makes that move and every actor,
itself included, then plays on with a heuristic policy until ``horizon`` turns
have been resolved (or the game ends). Each rollout ends in a state valued
with the actor's :class:`~game.players.valuation.Valuation`, minus the best
rival's score (``rivalry``: winning means out-scoring the others); the scenario's
bot hint for the move is added as the heuristic bot adds it, and the move with
the best mean wins. All candidates share the same rollout seeds (common random
numbers), so they are compared on the same imagined futures.

Work shared, with the very games the rollouts would play alone:

- by the rollouts of one seed: the other actors' orders are chosen and given once, on a copy
  every candidate's rollout starts from; the dice are seeded once per phase
  (:class:`~game.engine.rolls.RollCache`) and the policy's numbers drawn once (:class:`_Replayed`);
- by all the rollouts of one decision: each proposal of this turn is answered by the policy once
  (:class:`_Given`: its answers follow from the numbers, which no order changes before the resolution);
- by the lookahead bots of a thread: one rollout policy (:func:`_shared_policy`: what it keeps
  follows from the scenario and the numbers) and one replay of the game so far, which goes on
  turn by turn (:meth:`LookaheadBot._turn_start`).

Fair play: the bot plans from what its actor knows.

- Rollouts start from the state at the start of this turn's diplomacy plus its
  own orders, rebuilt by replaying the decision log, so orders other actors
  have already given this turn (secret until resolution) are never seen.
- A rollout gets its own seed, drawn from the bot's RNG, so it imagines fresh
  random events and detection rolls instead of replaying the game's own.

Like the heuristic bot it reads the valuation inputs from the full state.
Answers to proposals use the heuristic rule (accept when the deal leaves the
actor better off). Deterministic: the same game and the same bot seed give
the same choice and the same one-line reason.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.engine import Answer, CompiledScenario, Decision, Game, Move, Phase, decision_from_json
from game.engine.replay import Divergence, replay, replay_more
from game.engine.rolls import RollCache
from game.players.heuristic import HeuristicBot
from game.players.valuation import POINT_VALUE, Valuation

ROLLOUTS = 4
"""Rollouts per candidate move."""
HORIZON = 1
"""Turns resolved in each rollout: 1 = to the end of this turn (upkeep and objectives included)."""
RIVALRY = 1.0
"""Weight of the best rival's score (in points, like the actor's own) subtracted from a rollout's value."""


class LookaheadBot:
    """Rollout search over cheap copies of the game, with a fixed budget per decision."""

    name = "lookahead"

    def __init__(
        self, rng: random.Random, rollouts: int = ROLLOUTS, horizon: int = HORIZON, rivalry: float = RIVALRY
    ) -> None:
        if rollouts < 1 or horizon < 1:
            raise ValueError("rollouts and horizon must be at least 1")
        self.rng = rng
        self.rollouts = rollouts
        self.horizon = horizon
        self.rivalry = rivalry
        self._answers = HeuristicBot(random.Random(0))
        self._policy_rng = _Replayed()
        """The policy's RNG, seeded per rollout: each seed's numbers are drawn once and replayed."""
        self._orders_rng = random.Random(0)
        """The policy's RNG while it gives the others' orders (the same numbers as ``_policy_rng`` after one seed)."""
        self._policy = HeuristicBot(self._policy_rng)
        """The rollout policy: from the first decision on, the one every lookahead bot of the scenario shares on
        this thread (:func:`_shared_policy`), drawing from this bot's RNG while it decides."""
        self._valuations: dict[tuple[int, str], Valuation] = {}
        self._rival_list: tuple[CompiledScenario, str, tuple[str, ...]] | None = None
        self._given = _Given()
        """This decision's answers in its rollouts."""
        self._rolls = RollCache()
        """The dice of this decision's rollouts: every candidate's rollout with one seed rolls the same."""

    def decide(self, game: Game, actor: str) -> tuple[Decision, str | None]:
        """The move with the best mean value over the rollouts, and why."""
        legal = game.legal_decisions(actor)
        if not legal:
            raise ValueError(f"{actor} has nothing to decide")
        if isinstance(legal[0], Answer):
            return self._answers.decide(game, actor)
        moves = [d for d in legal if isinstance(d, Move)]
        if len(moves) == 1:
            return moves[0], "the only possible move"
        base = self.known_state(game, actor)
        valuation = self.valuation(game, actor)
        self._policy = _shared_policy(game.compiled)
        self._policy.rng = self._policy_rng
        seeds = [self.rng.getrandbits(48) for _ in range(self.rollouts)]
        self._rolls.clear()
        self._policy_rng.forget()
        self._given.start(base.turn)
        base.share_rolls(self._rolls)
        ordered = [self._others_ordered(base, actor, seed) for seed in seeds]
        totals = [0.0] * len(moves)
        last = len(moves) - 1
        for seed, start in zip(seeds, ordered, strict=True):
            for i, move in enumerate(moves):
                totals[i] += self._rollout(start, move, seed, valuation, last=i == last)
        means = [total / len(seeds) + _hint(base, move) for total, move in zip(totals, moves, strict=True)]
        ranked = sorted(range(len(moves)), key=lambda i: -means[i])
        return moves[ranked[0]], self._reason(game, moves, means, ranked[0], ranked[1])

    def _others_ordered(self, base: Game, actor: str, seed: int) -> Game:
        """A quiet copy of ``base`` where the other actors have given their orders of this turn, for the
        rollouts with ``seed``.

        Orders are simultaneous and secret, so they cannot depend on this actor's candidate
        move: they are chosen once per seed and shared by every candidate (common random numbers).
        Each rollout starts from a copy of this game, so the orders are chosen and checked once.
        Giving them before the actor's own changes nothing: an order changes no number until
        the resolution, where orders resolve in actor order whenever they were given, and no
        actor's choice reads another's orders.
        """
        sim = base.copy(quiet=True)
        sim.seed = seed
        sim.keep_history = False  # its rollouts' snapshots: only their numbers are valued
        sim.state["history"] = []  # and so is none of the turns before (each rollout's copy copies the list)
        policy = self._policy
        policy.rng = self._orders_rng  # drawn from once per seed: nothing to replay, and a plain RNG draws fastest
        self._orders_rng.seed(seed)
        try:
            for other in sim.awaiting():
                if other == actor:
                    continue
                while sim.is_awaiting(other):
                    sim.submit(policy.choose(sim, other))
        finally:
            policy.rng = self._policy_rng
        sim.legal_decisions(actor)  # listed once here, so each rollout's copy takes its candidate without a check
        return sim

    def valuation(self, game: Game, actor: str) -> Valuation:
        """The (cached) valuation of ``actor``."""
        key = (id(game.compiled), actor)
        if key not in self._valuations:
            self._valuations[key] = Valuation(game.compiled, actor)
        return self._valuations[key]

    def known_state(self, game: Game, actor: str) -> Game:
        """The game as ``actor`` knows it now: this turn's diplomacy as it began, plus its own orders.

        Rebuilt by replaying the decision log (each turn's decisions once: the replay goes on from where
        the last turn's left off); when the log cannot rebuild it (a game started from a saved state
        without its log), a plain copy is used.
        """
        turn = game.turn
        prior = [d for d in game.decisions if d.get("turn", 0) < turn]
        start = self._turn_start(game, prior)
        if start is None or start.turn != turn or start.state["phase"] != Phase.DIPLOMACY.value:
            return game.copy()
        known = start.copy()
        for data in game.decisions[len(prior) :]:
            if data.get("actor") == actor and data.get("kind") == "move":
                known.submit(decision_from_json(data))
        return known

    def _turn_start(self, game: Game, prior: list[dict[str, Any]]) -> Game | None:
        """A quiet replay of ``game``'s scenario and seed with the decisions ``prior`` (None if they do not fit);
        read it, never play it: it is the replay the next turn's goes on from, shared by the lookahead bots of
        this thread (each bot of a game asks for the same one)."""
        cursor: _Cursor | None = getattr(_SHARED, "cursor", None)
        if cursor is not None and cursor.replayed.compiled is game.compiled and cursor.replayed.seed == game.seed:
            done = cursor.decisions
            count = len(done)
            if len(prior) >= count and prior[:count] == done:  # the same dicts: compared by identity first
                if len(prior) > count:
                    more = prior[count:]
                    try:
                        replay_more(cursor.replayed, more, first=count + 1, allow_unfinished=True)
                    except Divergence:  # a replay of all of them would stop at the same decision
                        _SHARED.cursor = None
                        return None
                    done.extend(more)
                return cursor.replayed
        _SHARED.cursor = None
        fresh = _replay(game, prior)
        if fresh is not None:
            _SHARED.cursor = _Cursor(fresh, list(prior))
        return fresh

    def _rollout(self, start: Game, move: Move, seed: int, valuation: Valuation, last: bool = False) -> float:
        """Make ``move`` in a copy of ``start`` (the others have ordered), play on ``horizon`` turns with the
        heuristic policy; value the end state. ``last``: no other rollout starts from ``start``, so it is
        played itself (a copy plays as its original does)."""
        sim = start if last else start.copy(quiet=True)
        self._policy_rng.seed(seed + 1)
        sim.submit(move)
        _play_on(sim, self._policy, self.horizon, self._given)
        value = valuation.value(sim)
        if self.rivalry:
            scores = sim.state["scores"]
            value -= self.rivalry * POINT_VALUE * max([scores[a] for a in self._rivals(sim, valuation.actor)])
        return value

    def _rivals(self, game: Game, actor: str) -> tuple[str, ...]:
        """Every actor but ``actor``."""
        known = self._rival_list
        if known is None or known[0] is not game.compiled or known[1] != actor:
            known = self._rival_list = (game.compiled, actor, tuple(a for a in game.compiled.actors if a != actor))
        return known[2]

    def _reason(self, game: Game, moves: list[Move], means: list[float], best: int, second: int) -> str:
        turns = f"{self.horizon} turn{'s' if self.horizon > 1 else ''}"
        return (
            f"{_name(game, moves[best])}: mean value {means[best]:.1f} over {self.rollouts} rollouts of {turns} "
            f"(next best of {len(moves)}: {_name(game, moves[second])}, {means[second]:.1f})"
        )


def _hint(game: Game, move: Move) -> float:
    """The scenario's bot hint for the move (the heuristic bot's rule): its bonus, in points, when ``when`` holds."""
    if move.move == "pass":
        return 0.0
    hint = game.compiled.moves[move.move].bot
    if not hint.bonus:
        return 0.0
    bound = game.bound(move.actor, move.move, move.target)
    if hint.when is not None and (bound.bot_when is None or not game.evaluate(bound.bot_when)):
        return 0.0
    return hint.bonus * POINT_VALUE


def _name(game: Game, move: Move) -> str:
    if move.move == "pass":
        return "pass"
    name = game.compiled.moves[move.move].name
    return f"{name} → {game.compiled.actor_names[move.target]}" if move.target else name


def _replay(game: Game, decisions: list[dict[str, object]]) -> Game | None:
    """A quiet game of the same scenario and seed with ``decisions`` replayed (None if they do not fit)."""
    try:
        return replay(game.compiled, game.seed, decisions, allow_unfinished=True, quiet=True)
    except Divergence:
        return None


def _play_on(game: Game, policy: HeuristicBot, turns: int, given: _Given | None = None) -> None:
    """What :func:`game.engine.driver.drive` does with ``policy`` in every seat and ``turns`` turns (the same
    decisions in the same order: every waiting seat in actor order makes all its decisions, then the phases
    run), without hooks or reasons: a rollout reads only the numbers it ends with. Answers of ``given``'s
    turn are taken from it (see :class:`_Given`)."""
    choose = policy.choose
    assessed = 0
    while game.state["result"] is None:
        if given is not None and game.state["phase"] == _RESPONSES and game.state["turn"] == given.turn:
            given.answer_all(game, choose)
        else:
            for actor in game.awaiting():
                while game.is_awaiting(actor):
                    game.submit(choose(game, actor))
        turn = game.state["turn"]
        game.advance()
        if game.state["turn"] != turn or game.state["result"] is not None:
            assessed += 1
            if assessed >= turns:
                return


_RESPONSES = Phase.RESPONSES.value

_SHARED = threading.local()


def _shared_policy(compiled: CompiledScenario) -> HeuristicBot:
    """The rollout policy that every lookahead bot of ``compiled`` uses on this thread.

    What the heuristic bot works out and keeps (its memos) is a function of the scenario and the
    numbers alone, never of its RNG, so bots that share one policy choose as each would alone;
    they work each turn's numbers out once instead of once each. A bot sets the policy's RNG to its own
    when it starts a decision, and a decision runs to its end before another starts on its thread; each
    thread has a policy of its own, so the RNG (the policy's only state that is a bot's) is never set by
    two bots at once. A thread keeps the policy of the last scenario it played (and so that scenario)."""
    known: tuple[CompiledScenario, HeuristicBot] | None = getattr(_SHARED, "policy", None)
    if known is None or known[0] is not compiled:
        known = _SHARED.policy = (compiled, HeuristicBot(random.Random(0)))
    return known[1]


@dataclass
class _Cursor:
    """The lookahead bots' replay of the game they play, on one thread (see :meth:`LookaheadBot._turn_start`)."""

    replayed: Game
    """A quiet replay of the game's decisions so far, waiting for the next."""
    decisions: list[dict[str, Any]]
    """The decisions it has replayed (the game's own dicts)."""


class _Given:
    """The policy's answers to this turn's proposals, given once for all of one decision's rollouts.

    The heuristic policy answers a proposal from the numbers (which no order changes before the
    resolution, so they are the decision's own in every rollout of this turn) and the proposal (who
    proposes what to whom); it draws nothing (its own memo keeps answers by the same). So the answer
    it gave a proposal in one rollout is the one it gives the same proposal in every other: each is
    asked once, and later rollouts give the same decision."""

    __slots__ = ("_answers", "turn")

    def __init__(self) -> None:
        self.turn = 0
        """The turn whose responses are given from here (0: none)."""
        self._answers: dict[tuple[str, str, str, str], Answer] = {}

    def start(self, turn: int) -> None:
        """Forget every answer: a new decision on ``turn``."""
        self.turn = turn
        self._answers.clear()

    def answer_all(self, game: Game, choose: Callable[[Game, str], Decision]) -> None:
        """Answer every open proposal in the driver's order: each actor in actor order, its proposals in the
        order they were made (the policy answers an actor's first open proposal first)."""
        proposals = game.state["proposals"]
        answers = self._answers
        for actor in game.compiled.actors:
            for proposal in proposals:
                if proposal["to"] != actor or proposal["answer"] is not None:
                    continue
                key = (actor, proposal["id"], proposal["from"], proposal["move"])
                given = answers.get(key)
                if given is not None:  # an answer to this open proposal of this actor's, in its responses
                    game.submit_answer_unchecked(given)
                    continue
                decision = choose(game, actor)
                if isinstance(decision, Answer) and decision.proposal == proposal["id"]:
                    answers[key] = decision
                game.submit(decision)


class _Replayed(random.Random):
    """The rollout policy's RNG: after ``seed(n)`` its :meth:`random` draws what ``random.Random(n)`` draws,
    but the numbers drawn after each seed are kept, so seeding with it again replays them instead of paying
    for a seeding (about 5 µs, a rollout's every draw many times over).

    The heuristic policy draws with ``random()`` only (and so does what ``Random`` builds on it, such as
    ``uniform``); the draws built on ``getrandbits`` (``randrange``, ``choice``, ...) raise rather than
    give numbers ``random.Random(n)`` would not."""

    MAX_SEEDS = 64
    """Seeds whose numbers are kept until they are forgotten all at once."""

    def __init__(self) -> None:
        self._streams: dict[int, list[float]] = {}
        self._sources: dict[int, random.Random] = {}
        """Each seed's own RNG, made when a number beyond those kept is first drawn (a rollout that draws
        nothing pays for no seeding)."""
        self._key = 0
        self._drawn: list[float] = []
        self._next = 0
        super().__init__(0)

    def seed(self, a: Any = None, version: int = 2) -> None:
        """Start again from the first number ``random.Random(a)`` draws (``a``: an integer)."""
        if not isinstance(a, int):
            raise TypeError(f"the rollout policy is seeded with integers, not {a!r}")
        drawn = self._streams.get(a)
        if drawn is None:
            if len(self._streams) >= self.MAX_SEEDS:
                self.forget()
            drawn = self._streams[a] = []
        self._key = a
        self._drawn = drawn
        self._next = 0

    def forget(self) -> None:
        """Drop the numbers kept (a new decision's seeds are new)."""
        self._streams.clear()
        self._sources.clear()

    def random(self) -> float:
        """The next number of the current seed's stream."""
        index = self._next
        self._next = index + 1
        drawn = self._drawn
        if index < len(drawn):
            return drawn[index]
        source = self._sources.get(self._key)
        if source is None:
            source = self._sources[self._key] = random.Random(self._key)
        number = source.random()  # the seed's own RNG has drawn exactly len(drawn) numbers
        drawn.append(number)
        return number

    def getrandbits(self, k: int) -> int:
        """Not replayed: raises (see the class)."""
        raise NotImplementedError("the rollout policy's RNG replays random() only")
