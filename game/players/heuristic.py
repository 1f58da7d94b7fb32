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

from game.engine import PASS, Answer, BoundMove, Decision, Game, Move
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

    def valuation(self, game: Game, actor: str) -> Valuation:
        """The (cached) valuation of ``actor`` in this scenario."""
        key = (id(game.compiled), actor)
        if key not in self._valuations:
            self._valuations[key] = Valuation(game.compiled, actor)
        return self._valuations[key]

    def decide(self, game: Game, actor: str) -> tuple[Decision, str | None]:
        """The best-scoring legal decision and its reason."""
        legal = game.legal_decisions(actor)
        if not legal:
            raise ValueError(f"{actor} has nothing to decide")
        if isinstance(legal[0], Answer):
            return self._answer(game, actor, legal[0].proposal)
        candidates = [self.score_move(game, d) for d in legal if isinstance(d, Move)]
        best = max(candidates, key=lambda c: c.score + self.rng.uniform(0.0, NOISE))
        return best.decision, best.reason

    def score_move(self, game: Game, decision: Move) -> Scored:
        """Score one move decision for its actor."""
        actor = decision.actor
        if decision.move == PASS:
            return Scored(decision, 0.0, "nothing worth doing now")
        valuation = self.valuation(game, actor)
        bound = game.bound(actor, decision.move, decision.target)
        now = valuation.value(game)
        after = game.preview(bound)
        gain = valuation.value(after) - now
        notes: list[str] = []
        if bound.is_deal and bound.target is not None:
            target_gain = self._deal_gain(game, bound)
            likely = target_gain > 0
            gain *= ACCEPT_LIKELY if likely else ACCEPT_UNLIKELY
            notes.append("likely accepted" if likely else "unlikely to be accepted")
        if bound.covert:
            chance = bound.detection if isinstance(bound.detection, float) else float(game.evaluate(bound.detection))
            exposed = valuation.value(game.preview_ops(bound.on_detect)) - now
            gain += chance * exposed
            notes.append(f"{round(chance * 100)}% risk of detection")
        hint = bound.move.bot
        if hint.bonus and (hint.when is None or (bound.bot_when is not None and game.evaluate(bound.bot_when))):
            gain += hint.bonus * POINT_VALUE
        reason = self._reason(game, valuation, after, hint.reason, notes)
        return Scored(decision, gain, reason)

    def _deal_gain(self, game: Game, bound: BoundMove) -> float:
        assert bound.target is not None
        target_valuation = self.valuation(game, bound.target)
        return target_valuation.value(game.preview(bound)) - target_valuation.value(game)

    def _answer(self, game: Game, actor: str, proposal_id: str) -> tuple[Decision, str | None]:
        proposal = next(p for p in game.open_proposals(actor) if p["id"] == proposal_id)
        bound = game.bound(proposal["from"], proposal["move"], actor)
        valuation = self.valuation(game, actor)
        after = game.preview(bound)
        gain = valuation.value(after) - valuation.value(game)
        accept = gain > 0
        detail = self._reason(game, valuation, after, None, [])
        return Answer(actor, proposal_id, accept), f"{'accepted' if accept else 'rejected'}: {detail}"

    @staticmethod
    def _reason(game: Game, valuation: Valuation, after: Game, hint: str | None, notes: list[str]) -> str:
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
