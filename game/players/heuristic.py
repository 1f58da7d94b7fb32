"""A bot that scores each legal decision with its actor's needs, objectives and the scenario's hints.

For a move it previews the certain effects, weighs a deal by whether the
target is likely to accept, subtracts the expected cost of detection for a
covert move, adds the scenario's bonus hint, and picks the best (a little
seeded noise breaks ties and keeps games varied). For a proposal it accepts
when the deal leaves its actor better off. Every choice comes with a
one-line reason such as "accepted: water below 30 (+15 water, -14 money)".
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from game.engine import PASS, Answer, BoundMove, CompiledScenario, Decision, Game, Move, Outlook
from game.players.valuation import POINT_VALUE, Valuation

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
        self._valuations: dict[tuple[int, str], Valuation] = {}
        self._memos: dict[tuple[object, ...], _Memo] = {}

    def valuation(self, game: Game, actor: str) -> Valuation:
        """The (cached) valuation of ``actor`` in this scenario."""
        key = (id(game.compiled), actor)
        if key not in self._valuations:
            self._valuations[key] = Valuation(game.compiled, actor)
        return self._valuations[key]

    def decide(self, game: Game, actor: str) -> tuple[Decision, str | None]:
        """The best-scoring legal decision and its reason."""
        return self._decide(game, actor, True)

    def choose(self, game: Game, actor: str) -> Decision:
        """The decision :meth:`decide` makes, without building its reason (for rollouts)."""
        return self._decide(game, actor, False)[0]

    def _decide(self, game: Game, actor: str, explain: bool) -> tuple[Decision, str | None]:
        legal = game.legal_decisions(actor)
        if not legal:
            raise ValueError(f"{actor} has nothing to decide")
        if isinstance(legal[0], Answer):
            return self._answer(game, actor, legal[0].proposal, explain)
        memo = self._memo(game)
        scored = memo.candidates
        candidates = []
        for decision in legal:
            if isinstance(decision, Move):
                candidate = scored.get(id(decision))
                if candidate is None:
                    candidate = scored[id(decision)] = self._score(game, decision, memo)
                candidates.append(candidate)
        best = max(candidates, key=lambda c: c.score + self.rng.uniform(0.0, NOISE))
        return best.decision, best.why(game, self) if explain else None

    def score_move(self, game: Game, decision: Move) -> Scored:
        """Score one move decision for its actor, with its reason."""
        candidate = self._score(game, decision, self._memo(game))
        return Scored(decision, candidate.score, candidate.why(game, self))

    def _memo(self, game: Game) -> _Memo:
        """The scores already worked out for the game's numbers as they are now (moves and answers change no
        number, so an actor's second move of a turn, or a rollout from the same state, reuses them)."""
        state = game.state
        key = (
            id(game.compiled), state["turn"], state["phase"], tuple(state["vars"].values()),
            tuple(state["tracks"].values()), tuple(state["flags"].values()), tuple(state["scores"].values()),
        )  # fmt: skip
        memo = self._memos.get(key)
        if memo is None or memo.compiled is not game.compiled:  # ids are only unique among living objects
            if len(self._memos) >= _MEMOS:
                self._memos.clear()
            memo = self._memos[key] = _Memo(self, game.compiled)
        return memo

    def _score(self, game: Game, decision: Move, values: _Memo) -> _Candidate:
        actor = decision.actor
        if decision.move == PASS:
            return _Candidate(decision, 0.0)
        valuation = self.valuation(game, actor)
        bound = game.bound(actor, decision.move, decision.target)
        now = values.now(game, actor)
        after = game.move_outlook(bound)
        gain = valuation.value(game, after) - now
        likely: bool | None = None
        if bound.is_deal and bound.target is not None:
            target = bound.target
            likely = self.valuation(game, target).value(game, after) - values.now(game, target) + _accept_hint(
                game, bound) > 0
            gain *= ACCEPT_LIKELY if likely else ACCEPT_UNLIKELY
        elif bound.parties:  # a deal among several parties: valued as made, likely when every party gains
            likely = all(self.valuation(game, p).value(game, after) - values.now(game, p) > 0 for p in bound.parties)
            gain *= ACCEPT_LIKELY if likely else ACCEPT_UNLIKELY
        chance: float | None = None
        if bound.covert:
            chance = bound.detection if isinstance(bound.detection, float) else float(game.evaluate(bound.detection))
            exposed = valuation.value(game, game.outlook(bound.on_detect, bound.detect_vars_only)) - now
            gain += chance * exposed
        hint = bound.move.bot
        if hint.bonus and (hint.when is None or (bound.bot_when is not None and game.evaluate(bound.bot_when))):
            gain += hint.bonus * POINT_VALUE
        return _Candidate(decision, gain, bound, after, likely, chance)

    def _answer(self, game: Game, actor: str, proposal_id: str, explain: bool) -> tuple[Decision, str | None]:
        proposal = next(p for p in game.open_proposals(actor) if p["id"] == proposal_id)
        several = "deal" in proposal  # a deal among several parties: weighed by its outcome once every party signs
        bound = game.bound(proposal["from"], proposal["move"], None if several else actor)
        valuation = self.valuation(game, actor)
        memo = self._memo(game)
        key: object = (id(bound.decision), actor) if several else id(bound.decision)
        known = memo.answers.get(key)
        if known is None:
            after = game.move_outlook(bound)
            gain = valuation.value(game, after) - memo.now(game, actor) + _accept_hint(game, bound)
            known = memo.answers[key] = (gain > 0, after)
        accept, after = known
        if not explain:
            return Answer(actor, proposal_id, accept), None
        hint = bound.move.bot.reason if _accept_hint(game, bound) else None
        detail = self._reason(game, valuation, after, hint, ["once every party signs"] if several else [])
        return Answer(actor, proposal_id, accept), f"{'accepted' if accept else 'rejected'}: {detail}"

    @staticmethod
    def _reason(game: Game, valuation: Valuation, after: Outlook, hint: str | None, notes: list[str]) -> str:
        parts = valuation.needs(game)[:2]
        if hint:
            parts.insert(0, hint)
        changes = valuation.changes(game, after)
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


_MEMOS = 16
"""Number states whose scores a bot remembers (rollouts alternate between a few)."""


class _Memo:
    """What a bot has worked out for one set of numbers: each actor's value of it, and each move's score."""

    def __init__(self, bot: HeuristicBot, compiled: CompiledScenario) -> None:
        self.bot = bot
        self.compiled = compiled
        """The scenario the memo belongs to (kept alive, so the decision ids it is keyed by stay unique)."""
        self._now: dict[str, float] = {}
        self.candidates: dict[int, _Candidate] = {}
        """By the id of the decision (the compiled scenario's own objects, alive as long as it is)."""
        self.answers: dict[object, tuple[bool, Outlook]] = {}
        """A proposal's move (and for a deal among several parties, who answers) -> (accept, the numbers after it)."""

    def now(self, game: Game, actor: str) -> float:
        """``actor``'s value of the current state."""
        value = self._now.get(actor)
        if value is None:
            value = self._now[actor] = self.bot.valuation(game, actor).value(game)
        return value


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A scored move and what its reason is built from (the words are built only for the chosen move)."""

    decision: Move
    score: float
    bound: BoundMove | None = None
    after: Outlook | None = None
    likely: bool | None = None
    """For a deal: whether the target is likely to accept."""
    chance: float | None = None
    """For a covert move: the chance of detection."""

    def why(self, game: Game, bot: HeuristicBot) -> str:
        """The one-line reason for this move."""
        if self.bound is None or self.after is None:
            return "nothing worth doing now"
        notes: list[str] = []
        if self.likely is not None:
            notes.append("likely accepted" if self.likely else "unlikely to be accepted")
        if self.chance is not None:
            notes.append(f"{round(self.chance * 100)}% risk of detection")
        valuation = bot.valuation(game, self.bound.actor)
        return HeuristicBot._reason(game, valuation, self.after, self.bound.move.bot.reason, notes)
