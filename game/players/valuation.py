"""How a bot values a game state for its actor, from the scenario's bot hints.

value = POINT_VALUE x score
      + sum of weight x variable, where the variable is taken as it will be
        after every remaining turn's upkeep (own variables weigh 1 unless the
        actor's ``bot.values`` says otherwise; below ``critical`` a unit weighs
        CRITICAL_FACTOR times as much)
      + POINT_VALUE x the actor's value of each track's current state
      + POINT_VALUE x points of the objectives that hold: each_turn objectives now,
        end objectives in the projection where every remaining turn's upkeep is paid
        (so a bot sees that its water runs out before the end).
"""

from __future__ import annotations

import functools
from typing import Any

from game.engine import Game, Outlook
from game.engine.compiled import CompiledScenario, resolve_ref
from game.engine.projection import ProjectionPlan
from game.engine.wording import in_sentence

POINT_VALUE = 8.0
"""How many units of an ordinary variable one point is worth."""
CRITICAL_FACTOR = 3.0
"""How much more a unit weighs below the variable's critical level."""


@functools.lru_cache(maxsize=256)
def _restricted(compiled: CompiledScenario, read: frozenset[str]) -> ProjectionPlan:
    """The scenario's projection restricted to ``read`` (plans are immutable: one per scenario and actor)."""
    return compiled.projection.restricted(read)


class Valuation:
    """One actor's view of what is good."""

    def __init__(self, compiled: CompiledScenario, actor: str) -> None:
        self.actor = actor
        model = compiled.actor_models[actor]
        self.weights: dict[str, float] = {f"{actor}.{v.id}": 1.0 for v in model.variables}
        for key, weight in model.bot.values.items():
            self.weights[resolve_ref(key, actor, None)] = weight
        self.critical = {
            ref: compiled.variables[ref].critical
            for ref in self.weights
            if compiled.variables[ref].critical is not None
        }
        self._terms = tuple((ref, weight, self.critical.get(ref)) for ref, weight in self.weights.items())
        self.track_values = {tid: dict(values) for tid, values in model.bot.track_values.items()}
        self.objectives = [o for o in compiled.objectives if o.actor == actor]
        self._objective_terms = tuple(
            (o.objective.when == "end", o.condition.code, POINT_VALUE * o.objective.points) for o in self.objectives
        )
        read = set(self.weights).union(*(o.condition.variables for o in self.objectives if o.objective.when == "end"))
        self._plan = _restricted(compiled, frozenset(read))
        self._memo: dict[Any, Any] = {}
        """This valuation's memo of projections (a valuation belongs to one bot, so to one thread)."""
        self._words: dict[tuple[bool, str], str] = {}

    def value(self, game: Game, after: Outlook | None = None) -> float:
        """The actor's value of the game's state now, or of ``after`` (a preview of the game)."""
        now = game.outlook() if after is None else after
        state = now.state
        each = now.namespace
        values = self._plan.project(state["vars"], each, game.turns_left(), self._memo)
        total = POINT_VALUE * state["scores"][self.actor]
        for ref, weight, critical in self._terms:
            x: float = values[ref]
            if critical is not None and x < critical:
                x += (CRITICAL_FACTOR - 1.0) * (x - critical)
            total += weight * x
        tracks = state["tracks"]
        for tid, values_by_state in self.track_values.items():
            total += POINT_VALUE * values_by_state.get(tracks[tid], 0.0)
        end: dict[str, Any] | None = None
        for at_end, code, points in self._objective_terms:
            if at_end:
                if end is None:
                    end = dict(each)
                    end["V"] = values
                hit = eval(code, end)
            else:
                hit = eval(code, each)
            if hit:
                total += points
        return float(total)

    def needs(self, game: Game) -> list[str]:
        """Own critical needs now, in words: ["fuel below 30"]."""
        values = game.state["vars"]
        return [
            f"{self._word(game, ref)} below {critical}"
            for ref, critical in self.critical.items()
            if critical is not None and values[ref] < critical and ref.startswith(self.actor + ".")
        ]

    def changes(self, before: Game, after: Outlook, most: int = 3) -> list[str]:
        """The changes that matter most to this actor, in words: ["+15 water", "-12 money"]."""
        old, new = before.state["vars"], after.state["vars"]
        deltas = [(ref, new[ref] - old[ref]) for ref in self.weights if new[ref] != old[ref]]
        deltas.sort(key=lambda item: -abs(item[1] * self.weights[item[0]]))
        return [f"{delta:+d} {self._word(before, ref, whose=True)}" for ref, delta in deltas[:most]]

    def _word(self, game: Game, ref: str, whose: bool = False) -> str:
        """A variable's label in a sentence (``whose``: after its owner's name unless it is this actor's);
        worked out once per variable."""
        key = (whose, ref)
        word = self._words.get(key)
        if word is None:
            compiled = game.compiled
            word = in_sentence(compiled.variables[ref].label, compiled.proper_words)
            owner = ref.split(".", 1)[0]
            if whose and owner != self.actor:
                word = f"{compiled.actor_names.get(owner, owner)} {word}"
            self._words[key] = word
        return word
