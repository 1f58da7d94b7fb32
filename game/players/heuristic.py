"""A bot that scores each legal decision with its actor's needs, objectives and the scenario's hints.

For a move it previews the certain effects, weighs a deal by whether the
target is likely to accept, subtracts the expected cost of detection for a
covert move, adds the scenario's bonus hint, and picks the best (a little
seeded noise breaks ties and keeps games varied). For a proposal it accepts
when the deal leaves its actor better off. Every choice comes with a
one-line reason such as "accepted: water below 30 (+15 water, -14 money)".
"""

from __future__ import annotations

import operator
import random
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from game.engine import PASS, Answer, BoundMove, CompiledScenario, Decision, Game, Move, Outlook, Phase
from game.engine.outlook import Trial
from game.engine.state import State, new_state
from game.players.valuation import POINT_VALUE, Terms, Valuation

NOISE = 0.75
"""Largest random jitter added to a decision's score (in units)."""
ACCEPT_LIKELY, ACCEPT_UNLIKELY = 0.9, 0.1


@dataclass(frozen=True)
class Scored:
    """A candidate decision, its score and why."""

    decision: Decision
    score: float
    reason: str


class HeuristicBot:
    """Greedy one-step evaluation with explained choices."""

    name = "heuristic"

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._scenario: tuple[CompiledScenario, _Shared] | None = None

    def _shared(self, compiled: CompiledScenario) -> _Shared:
        """The work shared by the heuristic bots of ``compiled`` (looked up once per bot and scenario)."""
        known = self._scenario
        if known is None or known[0] is not compiled:
            known = self._scenario = (compiled, _shared(compiled))
        return known[1]

    def valuation(self, game: Game, actor: str) -> Valuation:
        """The valuation of ``actor`` in this scenario."""
        return self._shared(game.compiled).valuations[actor]

    def choose(self, game: Game, actor: str) -> Decision:
        """The decision :meth:`decide` makes, without building its reason (for rollouts)."""
        return self.decide(game, actor, False)[0]

    def decide(self, game: Game, actor: str, explain: bool = True) -> tuple[Decision, str | None]:
        """The best-scoring legal decision and its reason (None unless ``explain``)."""
        legal = game.legal_decisions(actor)
        if not legal:
            raise ValueError(f"{actor} has nothing to decide")
        if isinstance(legal[0], Answer):
            return self._answer(game, actor, cast("list[Answer]", legal), explain)
        memo = self._memo(game)
        scores = memo.scores
        draw = self.rng.random
        best: Move | None = None
        top = 0.0
        trial: Trial | None = None
        for decision in cast("list[Move]", legal):  # a diplomacy phase's decisions are all moves
            score = scores.get(id(decision))
            if score is None:
                if trial is None:
                    # one copy of the numbers for every move still to be weighed (the last bot's, when it may)
                    trial = self._shared(game.compiled).take_trial(game)
                score, notes = self._score(game, decision, memo, trial)
                if notes is not None:
                    memo.notes[id(decision)] = notes  # before the score (see _Shared)
                scores[id(decision)] = score
            # the score plus a uniform jitter in [0, NOISE), drawn per candidate in order; the first best wins
            value = score + NOISE * draw()
            if best is None or value > top:
                best, top = decision, value
        assert best is not None
        if trial is not None:
            self._shared(game.compiled).keep_trial(game, trial)
        return best, memo.reason(game, best) if explain else None

    def score_move(self, game: Game, decision: Move) -> Scored:
        """Score one move decision for its actor, with its reason."""
        memo = self._memo(game)
        score, notes = self._score(game, decision, memo)
        return Scored(decision, score, _why(memo, game, decision, notes))

    def _memo(self, game: Game) -> _Memo:
        """The scores already worked out for the game's numbers as they are now (moves and answers change no
        number, so an actor's second move of a turn, its answers, or a rollout from the same state, reuse them;
        the phase matters only through the turns of upkeep still to come).

        Memos are shared by every heuristic bot of the scenario (:class:`_Shared`): the bots of one game read
        one memo per state (an actor's answer to a deal is the chance of acceptance its proposer weighed), and
        each game of a batch starts from the same numbers, so its first turn is worked out once. The memo last
        found is found again by the game's :meth:`~Game.numbers_stamp` alone while the numbers stay the same."""
        shared = self._shared(game.compiled)
        stamp = game.numbers_stamp()
        last = shared.last
        if last is not None and last[0] == stamp:
            return last[1]
        memo = shared.memo(game.state)
        shared.last = (stamp, memo)
        return memo

    @staticmethod
    def _score(game: Game, decision: Move, values: _Memo, trial: Trial | None = None) -> tuple[float, _Notes | None]:
        """Score one move: the value of its certain effects (tried on ``trial``, a copy of the game's numbers, when
        they are all primitive, else on an outlook of their own), weighed for a deal by its chance of acceptance,
        less the expected cost of detection, plus the scenario's bonus; and its reason's notes (None: none)."""
        plan = values.plans.get(id(decision))
        if plan is None:
            plan = values.plans[id(decision)] = _Plan(game, decision, values.valuations)
        bound = plan.bound
        if bound is None:  # a pass
            return 0.0, None
        valuations = values.valuations
        valuation = valuations[decision.actor]
        now = values.now(game, decision.actor)
        ops = plan.ops
        # the numbers after ``ops``: tried on the trial, or an outlook of their own
        after: Outlook = trial if trial is not None and trial.apply(ops) else game.move_outlook(bound)
        value_after, projections = plan.own
        gain = value_after(now, after, projections) - now.total
        likely: bool | None = None
        target = plan.target
        if target is not None:
            terms = values.now(game, target)
            target_gain = valuations[target].value_after(game, terms, ops, after) - terms.total
            likely = target_gain + _accept_hint(game, bound) > 0
            # the target's answer, should it be asked in these numbers: the same sum (see _answer)
            values.answers.setdefault((id(bound.decision), target), (likely, None))
            gain *= ACCEPT_LIKELY if likely else ACCEPT_UNLIKELY
        elif plan.parties:  # a deal among several parties: valued as made, likely when every party gains
            likely = all(
                valuations[p].value_after(game, values.now(game, p), ops, after) - values.now(game, p).total > 0
                for p in plan.parties
            )
            gain *= ACCEPT_LIKELY if likely else ACCEPT_UNLIKELY
        if after is trial:
            trial.undo()
            kept: Outlook | None = None  # worked out again for the reason, should the move be chosen
        else:
            kept = after
        chance: float | None = None
        if plan.covert:
            chance = bound.detection if isinstance(bound.detection, float) else float(game.evaluate(bound.detection))
            detected = bound.on_detect
            exposure: Outlook = (
                trial if trial is not None and trial.apply(detected) else game.outlook(detected, bound.detect_vars_only)
            )
            gain += chance * (valuation.value_after(game, now, detected, exposure) - now.total)
            if exposure is trial:
                trial.undo()
        if plan.bonus and (plan.always or (plan.when is not None and game.evaluate(plan.when))):
            gain += plan.bonus
        if likely is None and chance is None and kept is None:
            return gain, None
        return gain, (likely, chance, kept)

    def _answer(self, game: Game, actor: str, legal: list[Answer], explain: bool) -> tuple[Decision, str | None]:
        """Accept or reject the first open proposal (``legal`` lists its two answers first: accept, reject)."""
        proposal_id = legal[0].proposal
        proposal = next(p for p in game.open_proposals(actor) if p["id"] == proposal_id)
        several = "deal" in proposal  # a deal among several parties: weighed by its outcome once every party signs
        bound = game.bound(proposal["from"], proposal["move"], None if several else actor)
        memo = self._memo(game)
        valuation = memo.valuations[actor]
        key = (id(bound.decision), actor)
        known = memo.answers.get(key)
        if known is None:
            ops = bound.resolve_ops
            after = game.move_outlook(bound)  # the outlook after ``ops``
            now = memo.now(game, actor)
            gain = valuation.value_after(game, now, ops, after) - now.total + _accept_hint(game, bound)
            known = memo.answers[key] = (gain > 0, None)
        accept, text = known
        answer = legal[0] if accept else legal[1]
        assert answer.accept is accept and answer.proposal == proposal_id
        if not explain:
            return answer, None
        if text is None:
            hint = bound.move.bot.reason if _accept_hint(game, bound) else None
            changes = valuation.move_changes(game, bound.resolve_ops)
            detail = self._reason(memo.needs(game, actor), changes, hint, ["once every party signs"] if several else [])
            text = f"{'accepted' if accept else 'rejected'}: {detail}"
            memo.answers[key] = (accept, text)
        return answer, text

    @staticmethod
    def _reason(needs: list[str], changes: list[str], hint: str | None, notes: list[str]) -> str:
        parts = needs[:2]
        if hint:
            parts.insert(0, hint)
        text = "; ".join(parts) if parts else "best value now"
        if changes:
            text += f" ({', '.join(changes)})"
        if notes:
            text += f" [{'; '.join(notes)}]"
        return text


def _accept_hint(game: Game, bound: BoundMove) -> float:
    """The scenario's hint for answering the deal (``bot.accept`` points, when ``bot.when`` holds), in units."""
    hint = bound.move.bot
    if not hint.accept:
        return 0.0
    if hint.when is not None and not (bound.bot_when is not None and game.evaluate(bound.bot_when)):
        return 0.0
    return hint.accept * POINT_VALUE


_ASSESSED = frozenset({Phase.ASSESSMENT.value, Phase.DEBRIEF.value})
"""Phases after this turn's upkeep (:meth:`Game.turns_left` counts one turn less)."""
_MEMOS = 32
"""Number states after the first turn whose scores the heuristic bots of one scenario remember together (the
states of the games being played, and of rollouts, which alternate between a few). Few: what the memos hold
lives long, and every full collection of the garbage collector walks it (with 256, heuristic games played
after lookahead games cost 10 % more)."""
_OPENINGS = 64
"""First-turn number states whose scores the heuristic bots of one scenario remember together."""


class _Shared:
    """The work of the heuristic bots of one scenario: valuations, and memos by number state (the first turn's
    apart, so that the states every game starts from outlive the others).

    A memo holds only functions of the scenario and the numbers (a bot's RNG breaks ties afterwards),
    so any heuristic bot in any game may read it. What a memo holds is added whole and never changed (a move's
    notes before its score, so whoever finds the score finds its notes), and memos are added whole or cleared, so
    bots on several threads at worst work one out twice (the memo last found is kept with its numbers stamp in one
    tuple, replaced whole; the trial kept for the next bot is taken only by a bot of its own game, and taken away
    while it is weighed on)."""

    def __init__(self, compiled: CompiledScenario) -> None:
        self.valuations = _Valuations(compiled)
        self.openings: dict[tuple[object, ...], _Memo] = {}
        self.memos: dict[tuple[object, ...], _Memo] = {}
        self.plans: dict[int, _Plan] = {}
        """By the id of a decision (the compiled scenario's own objects, alive as long as it is)."""
        self.last: tuple[int, _Memo] | None = None
        """The numbers stamp (:meth:`Game.numbers_stamp`) of the memo last found, and that memo."""
        self.trial: tuple[weakref.ref[Game], int, Trial] | None = None
        """The trial kept last (:meth:`take_trial`): the game it copies, its numbers stamp then, and the trial."""
        start = new_state(compiled)
        self.numbers = tuple(_values_of(tuple(start[part])) for part in ("vars", "tracks", "flags", "scores"))
        """Getters of the variables', tracks', flags' and scores' values (a memo's key), in the scenario's order."""

    def take_trial(self, game: Game) -> Trial:
        """A trial copy of the game's numbers (:meth:`Game.trial`) to weigh moves on: the one kept last when it was
        made from this very game in the same numbers, else a new one. Taken away until :meth:`keep_trial` (a trial
        left half applied by an error is never used again)."""
        kept = self.trial
        self.trial = None
        if kept is not None and kept[0]() is game and kept[1] == game.numbers_stamp():
            return kept[2]
        return game.trial()

    def keep_trial(self, game: Game, trial: Trial) -> None:
        """Keep ``trial`` (made from ``game``, every effect list tried on it undone) for the next bot to weigh moves."""
        self.trial = (weakref.ref(game), game.numbers_stamp(), trial)

    def memo(self, state: State) -> _Memo:
        """The memo of the numbers of ``state``, found by their values (made when there is none)."""
        numbers = self.numbers  # in the scenario's order, whatever the order of the state's dicts
        key = (
            state["turn"], state["phase"] in _ASSESSED, numbers[0](state["vars"]), numbers[1](state["tracks"]),
            numbers[2](state["flags"]), numbers[3](state["scores"]),
        )  # fmt: skip
        if state["turn"] == 1:
            memos, limit = self.openings, _OPENINGS
        else:
            memos, limit = self.memos, _MEMOS
        memo = memos.get(key)
        if memo is None:
            if len(memos) >= limit:
                memos.clear()
            memo = memos[key] = _Memo(self.valuations, self.plans)
        return memo


def _values_of(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A fast function of a dict: the tuple of its values at ``keys``."""
    if len(keys) > 1:
        return operator.itemgetter(*keys)
    return lambda values: tuple(values[key] for key in keys)


_SHARED: weakref.WeakKeyDictionary[CompiledScenario, _Shared] = weakref.WeakKeyDictionary()
_SHARED_LOCK = threading.Lock()


def _shared(compiled: CompiledScenario) -> _Shared:
    """The shared work for ``compiled`` (made on first use, dropped with the scenario)."""
    with _SHARED_LOCK:
        shared = _SHARED.get(compiled)
        if shared is None:
            shared = _SHARED[compiled] = _Shared(compiled)
        return shared


class _Valuations(dict[str, Valuation]):
    """Each actor's valuation in one scenario, made when first needed."""

    def __init__(self, compiled: CompiledScenario) -> None:
        super().__init__()
        self.compiled = compiled

    def __missing__(self, actor: str) -> Valuation:
        valuation = self[actor] = Valuation(self.compiled, actor)
        return valuation


class _Plan:
    """What scoring a move reads of its bound move, read once (the scenario's own objects, never changed)."""

    __slots__ = ("always", "bonus", "bound", "covert", "ops", "own", "parties", "target", "when")

    def __init__(self, game: Game, decision: Move, valuations: dict[str, Valuation]) -> None:
        if decision.move == PASS:
            self.bound: BoundMove | None = None
            return
        bound = self.bound = game.bound(decision.actor, decision.move, decision.target)
        self.ops = bound.resolve_ops
        self.own = valuations[decision.actor].preview(self.ops)
        """How the actor values the numbers after the move (:meth:`Valuation.preview`; the valuations are the
        scenario's, shared like the plans)."""
        self.target = bound.target if bound.is_deal and bound.target is not None else None
        """A two-party deal's target (None otherwise)."""
        self.parties = bound.parties
        self.covert = bound.covert
        hint = bound.move.bot
        self.bonus = hint.bonus * POINT_VALUE if hint.bonus else 0.0
        """The scenario's bonus for the move, in units (0.0: none)."""
        self.always = hint.when is None
        """True when the bonus counts whatever the numbers, else it counts when :attr:`when` holds."""
        self.when = bound.bot_when


class _Memo:
    """What a bot has worked out for one set of numbers: each actor's value of it, and each move's score."""

    __slots__ = ("_needs", "_now", "_reasons", "answers", "notes", "plans", "scores", "valuations")

    def __init__(self, valuations: dict[str, Valuation], plans: dict[int, _Plan]) -> None:
        self.valuations = valuations
        self.plans = plans
        """Each move's :class:`_Plan`, by the id of its decision (shared by the scenario's memos)."""
        self._now: dict[str, Terms] = {}
        self._needs: dict[str, list[str]] = {}
        self.scores: dict[int, float] = {}
        """Each scored move's score, by the id of its decision (the compiled scenario's own objects, alive as long as
        it is)."""
        self.notes: dict[int, _Notes] = {}
        """The notes of the reasons of the scored moves that have any, by the id of the decision."""
        self._reasons: dict[int, str] = {}
        self.answers: dict[tuple[int, str], tuple[bool, str | None]] = {}
        """(a proposal's move, the answering actor) -> (accept, the reason once it is asked for)."""

    def needs(self, game: Game, actor: str) -> list[str]:
        """``actor``'s critical needs now, in words (a list to read, never to change)."""
        needs = self._needs.get(actor)
        if needs is None:
            needs = self._needs[actor] = self.valuations[actor].needs(game)
        return needs

    def now(self, game: Game, actor: str) -> Terms:
        """``actor``'s value of the current state, with its terms."""
        terms = self._now.get(actor)
        if terms is None:
            terms = self._now[actor] = self.valuations[actor].terms(game)
        return terms

    def reason(self, game: Game, decision: Move) -> str:
        """The one-line reason for a move scored in this memo (worked out once)."""
        reason = self._reasons.get(id(decision))
        if reason is None:
            reason = self._reasons[id(decision)] = _why(self, game, decision, self.notes.get(id(decision)))
        return reason


_Notes = tuple[bool | None, float | None, Outlook | None]
"""What a move's reason says besides its changes, worked out with its score: for a deal whether the target is likely to
accept, for a covert move the chance of detection, and the numbers after the move when they were worked out on an
outlook of their own (None: the reason works out the changes from the effects). Plain values in a tuple: cheap to
keep in a memo and to free with it."""


def _why(memo: _Memo, game: Game, decision: Move, notes: _Notes | None) -> str:
    """The one-line reason for a scored move (``game`` has the numbers it was scored in, ``notes`` its notes)."""
    bound = memo.plans[id(decision)].bound
    if bound is None:
        return "nothing worth doing now"
    likely, chance, after = (None, None, None) if notes is None else notes
    said: list[str] = []
    if likely is not None:
        said.append("likely accepted" if likely else "unlikely to be accepted")
    if chance is not None:
        said.append(f"{round(chance * 100)}% risk of detection")
    actor = bound.actor
    valuation = memo.valuations[actor]
    changes = valuation.move_changes(game, bound.resolve_ops) if after is None else valuation.changes(game, after)
    return HeuristicBot._reason(memo.needs(game, actor), changes, bound.move.bot.reason, said)
