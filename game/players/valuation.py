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

A bot weighs many previews of one state. :meth:`Valuation.terms` keeps the value's terms, and
:meth:`Valuation.value_after` values a preview by working out again only the terms its effects can
change (found once per effect list from what each term reads), then adds the terms up in the same
order: exactly the number :meth:`Valuation.value` gives for the preview.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import operator
import threading
import weakref
from dataclasses import dataclass
from types import CodeType
from typing import Any

from game.engine import Game, Outlook
from game.engine.compiled import CompiledObjective, CompiledScenario, Op, resolve_ref
from game.engine.outlook import PRIMITIVE_OPS
from game.engine.projection import ProjectionPlan
from game.engine.wording import in_sentence
from game.players.fused import ValueAfter, terms_function, value_after_function

POINT_VALUE = 8.0
"""How many units of an ordinary variable one point is worth."""
CRITICAL_FACTOR = 3.0
"""How much more a unit weighs below the variable's critical level."""
MOST_CHANGES = 3
"""How many changes a reason names."""

_KNOWN_OPS = frozenset({"change", "set", "trigger", "flag", "score"})
"""Effect kinds whose reach is known (what they change is their key); any other kind is valued in full."""


@functools.lru_cache(maxsize=256)
def _restricted(compiled: CompiledScenario, read: frozenset[str]) -> ProjectionPlan:
    """The scenario's projection restricted to ``read`` (plans are immutable: one per scenario and actor)."""
    return compiled.projection.restricted(read)


class Terms:
    """A state's value and the terms it is the sum of, in the order they are added (for :meth:`value_after`)."""

    __slots__ = ("projected", "sums", "terms", "total", "turns")

    def __init__(self, terms: list[float], projected: dict[str, int], turns: int) -> None:
        self.terms = terms
        """Score, then each weighted variable, each track, each objective (0.0: not met)."""
        self.sums = list(itertools.accumulate(terms))
        """The running total after each term (added one by one as :func:`_total` adds them)."""
        self.total: float = self.sums[-1]
        """The value: the last running total (the number :func:`_total` gives)."""
        self.projected = projected
        """The variables after every remaining turn's upkeep."""
        self.turns = turns
        """The turns of upkeep still to come (the same for a preview of the state)."""


@dataclass(frozen=True, slots=True)
class Reach:
    """The terms an effect list can change, and how to work them out again."""

    score: bool
    plan: ProjectionPlan | None
    """Projects the variables in ``refs`` (None: no projected variable changes)."""
    refs: tuple[str, ...]
    steps: tuple[tuple[str, int | None, int, int, int, float, int | None], ...] | None
    """When the plan moves each variable in one step: (variable, change per turn or None, low, high, the index of
    its term or 0 when it has none, its weight and critical level) for each of ``refs``, moved here as
    :meth:`ProjectionPlan.project` would."""
    projected: bool
    """True when an objective at the end reads the projected variables."""
    end_reads: tuple[str, ...]
    """The variables those objectives read."""
    variables: tuple[tuple[int, str, float, int | None], ...]
    tracks: tuple[tuple[int, str, dict[str, float]], ...]
    objectives: tuple[tuple[int, bool, CodeType, float], ...]
    function: ValueAfter | None = None
    """The value after the effects, worked out by straight-line code (:mod:`game.players.fused`)."""


_Known = tuple[tuple[Op, ...], "Reach | None"]
_Touched = tuple[tuple[str, float, int, int, tuple[tuple[bool, int], ...]], ...]
"""The weighted variables an effect list changes, in the order of the weights: (variable, weight, low, high, its
changes in order as (True: add, False: set; the amount))."""


class _Changes:
    """What an effect list does to the variables an actor weighs, for :meth:`Valuation.move_changes`.

    When every effect on them adds, and no running sum reaches a bound, the changes are the sums whatever the
    values: ``window`` holds, for each variable, the values it may start from for that to hold (low less the
    lowest running sum, high less the highest), and the words are worked out once."""

    __slots__ = ("deltas", "touched", "window", "words")

    def __init__(self, touched: _Touched) -> None:
        self.touched = touched
        self.window: tuple[tuple[str, int, int], ...] | None = None
        """(variable, lowest start, highest start) for each variable (None: a set among the effects)."""
        self.deltas: list[tuple[str, int]] = []
        """The sums, when :attr:`window` holds (the variables whose sum is 0 left out)."""
        self.words: list[str] | None = None
        """The deltas in words (the :data:`MOST_CHANGES` largest), once worked out; read, never change."""
        window = []
        for ref, _weight, low, high, steps in touched:
            if not all(add for add, _amount in steps):
                return
            sums = list(itertools.accumulate(amount for _add, amount in steps))
            window.append((ref, low - min(0, *sums), high - max(0, *sums)))
            if sums[-1]:
                self.deltas.append((ref, sums[-1]))
        self.window = tuple(window)


_PRIMITIVE = PRIMITIVE_OPS
_SETS = frozenset({"change", "set"})


class _Static:
    """What a valuation reads of its scenario and actor, worked out once and shared by every valuation of the
    actor (in any game or thread): fixed once made, apart from the reaches and words found as they are first
    needed (answers that never change, added whole)."""

    def __init__(self, compiled: CompiledScenario, actor: str) -> None:
        model = compiled.actor_models[actor]
        self.weights: dict[str, float] = {f"{actor}.{v.id}": 1.0 for v in model.variables}
        for key, weight in model.bot.values.items():
            self.weights[resolve_ref(key, actor, None)] = weight
        self.critical = {
            ref: compiled.variables[ref].critical
            for ref in self.weights
            if compiled.variables[ref].critical is not None
        }
        self.terms = tuple((ref, weight, self.critical.get(ref)) for ref, weight in self.weights.items())
        self.track_values = {tid: dict(values) for tid, values in model.bot.track_values.items()}
        self.objectives = [o for o in compiled.objectives if o.actor == actor]
        self.objective_terms = tuple(
            (o.objective.when == "end", o.condition.code, POINT_VALUE * o.objective.points) for o in self.objectives
        )
        read = set(self.weights).union(*(o.condition.variables for o in self.objectives if o.objective.when == "end"))
        self.plan = _restricted(compiled, frozenset(read))
        self.terms_function = terms_function(
            actor, self.plan, self.terms, tuple(self.track_values.items()), self.objective_terms, POINT_VALUE,
            CRITICAL_FACTOR - 1.0,
        )  # fmt: skip
        self.depends = {ref: _upstream(compiled.projection, ref) for ref in read}
        self.reaches: dict[int, _Known] = {}
        """By the id of an effect list (kept, so the id stays unique): the terms it can reach."""
        self.touched: dict[int, tuple[tuple[Op, ...], _Changes | None]] = {}
        """By the id of an effect list (kept): the weighted variables it changes (None: not only primitive effects)."""
        self.words: dict[tuple[bool, str], str] = {}
        self.change_words: dict[tuple[str, int], str] = {}
        """(variable, change) -> the change in words, as :meth:`Valuation.changes` gives it ("+15 water")."""


_STATIC: weakref.WeakKeyDictionary[CompiledScenario, dict[str, _Static]] = weakref.WeakKeyDictionary()
_STATIC_LOCK = threading.Lock()


def _static(compiled: CompiledScenario, actor: str) -> _Static:
    """The shared :class:`_Static` of ``actor`` in ``compiled`` (dropped with the scenario)."""
    with _STATIC_LOCK:
        by_actor = _STATIC.setdefault(compiled, {})
        static = by_actor.get(actor)
        if static is None:
            static = by_actor[actor] = _Static(compiled, actor)
        return static


def _total(terms: list[float]) -> float:
    """The terms added up one by one in order: the one sum behind :meth:`Valuation.value`, :meth:`Valuation.terms`
    and previews valued from terms, so all give the same number to the bit.

    An objective not met is a term 0.0, and adding 0.0 changes no sum (the sum starts at
    POINT_VALUE x score, never -0.0, and x + y is -0.0 only when both are)."""
    return float(functools.reduce(operator.add, terms))


class Valuation:
    """One actor's view of what is good."""

    def __init__(self, compiled: CompiledScenario, actor: str) -> None:
        self.actor = actor
        self._compiled = compiled
        static = _static(compiled, actor)
        self.weights: dict[str, float] = static.weights
        """Read-only (shared by every valuation of the actor in the scenario), like the next three."""
        self.critical: dict[str, int | None] = static.critical
        self.track_values: dict[str, dict[str, float]] = static.track_values
        self.objectives: list[CompiledObjective] = static.objectives
        self._terms = static.terms
        self._objective_terms = static.objective_terms
        self._plan = static.plan
        self._terms_function = static.terms_function
        self._depends = static.depends
        """What each projected variable depends on: (variables, tracks, flags)."""
        self._shared_reaches = static.reaches
        self._touched = static.touched
        self._words = static.words
        self._change_words = static.change_words
        self._memo: dict[Any, Any] = {}
        """This valuation's memo of projections. The heuristic bots of a scenario share their valuations, on any
        thread: a projection is added whole (a new dict, never changed) or the memo cleared, so a thread at worst
        works one out twice."""
        self._previews: dict[int, tuple[tuple[Op, ...], ValueAfter]] = {}
        """By the id of an effect list (kept, so the id stays unique): the function that values its previews (given
        :attr:`_memo`, which serves every plan)."""

    def value(self, game: Game, after: Outlook | None = None) -> float:
        """The actor's value of the game's state now, or of ``after`` (a preview of the game)."""
        terms, _values = self._terms_of(game.outlook() if after is None else after, game.turns_left())
        return _total(terms)

    def terms(self, game: Game) -> Terms:
        """The value of the game's state now, with its terms (the same number as :meth:`value`)."""
        turns = game.turns_left()
        terms, values = self._terms_of(game.outlook(), turns)
        return Terms(terms, values, turns)

    def _terms_of(self, now: Outlook, turns: int) -> tuple[list[float], dict[str, Any]]:
        """The terms of a state's value, in the order they are added (score, variables, tracks, objectives),
        and the projected variables they were worked out from."""
        return self._terms_function(now.state, now.namespace, turns, self._memo)

    def value_after(self, game: Game, now: Terms, ops: tuple[Op, ...], after: Outlook) -> float:
        """:meth:`value` of ``after``, the game's numbers after ``ops``, given the :meth:`terms` of the game now."""
        function, memo = self.preview(ops)
        return function(now, after, memo)

    def preview(self, ops: tuple[Op, ...]) -> tuple[ValueAfter, dict[Any, Any]]:
        """What :meth:`value_after` calls for ``ops``: ``function(now, after, memo)`` is ``value_after(game, now, ops,
        after)``. A caller that values the same list's previews many times may keep the pair."""
        known = self._previews.get(id(ops))
        if known is None or known[0] is not ops:
            known = self._previews[id(ops)] = (ops, self._preview(ops))
        return known[1], self._memo

    def _preview(self, ops: tuple[Op, ...]) -> ValueAfter:
        """The function that values a preview after ``ops``."""
        shared = self._shared_reaches.get(id(ops))
        if shared is None or shared[0] is not ops:
            shared = self._shared_reaches[id(ops)] = (ops, self._reach(ops))
        reach = shared[1]
        if reach is None or reach.function is None:
            return self._value_in_full
        return reach.function

    def _value_in_full(self, now: Terms, after: Outlook, _memo: dict[Any, Any]) -> float:
        """:meth:`value` of ``after``, a preview of the state of ``now`` (for effects whose reach is not known)."""
        terms, _values = self._terms_of(after, now.turns)
        return _total(terms)

    def _reach(self, ops: tuple[Op, ...]) -> Reach | None:
        """The terms ``ops`` can change (None when an effect's reach is not known: value in full)."""
        if any(op.kind not in _KNOWN_OPS for op in ops):
            return None
        variables = {op.key for op in ops if op.kind in ("change", "set")}
        tracks = {op.key for op in ops if op.kind == "trigger"}
        flags = {op.key for op in ops if op.kind == "flag"}
        refs = tuple(
            ref for ref, (v, t, f) in self._depends.items() if v & variables or t & tracks or f & flags
        )  # fmt: skip
        changed = set(refs)
        index = 1
        var_terms = []
        for ref, weight, critical in self._terms:
            if ref in changed:
                var_terms.append((index, ref, weight, critical))
            index += 1
        track_terms = []
        for tid, values_by_state in self.track_values.items():
            if tid in tracks:
                track_terms.append((index, tid, values_by_state))
            index += 1
        objective_terms = []
        end_reads: set[str] = set()
        for objective, (at_end, code, points) in zip(self.objectives, self._objective_terms, strict=True):
            condition = objective.condition
            reads = changed if at_end else variables
            if condition.variables & reads or condition.tracks & tracks or condition.flags & flags:
                objective_terms.append((index, at_end, code, points))
                if at_end:
                    end_reads |= condition.variables
            index += 1
        plan = _restricted(self._compiled, frozenset(refs)) if refs else None
        one_step = plan.one_step() if plan is not None else None
        steps: tuple[tuple[str, int | None, int, int, int, float, int | None], ...] | None = None
        if one_step is not None:
            term_of = {ref: (index, weight, critical) for index, ref, weight, critical in var_terms}
            steps = tuple(
                (ref, *one_step.get(ref, (None, 0, 0)), *term_of.get(ref, (0, 0.0, None)))
                for ref in refs
            )  # fmt: skip
        reach = Reach(
            score=any(op.kind == "score" and op.key == self.actor for op in ops),
            plan=plan, steps=steps, projected=any(at_end for _index, at_end, _code, _points in objective_terms),
            end_reads=tuple(sorted(end_reads)),
            refs=refs, variables=tuple(var_terms), tracks=tuple(track_terms), objectives=tuple(objective_terms),
        )  # fmt: skip
        function = value_after_function(reach, self.actor, index, POINT_VALUE, CRITICAL_FACTOR - 1.0)
        return dataclasses.replace(reach, function=function)

    def needs(self, game: Game) -> list[str]:
        """Own critical needs now, in words: ["fuel below 30"]."""
        values = game.state["vars"]
        return [
            f"{self._word(game, ref)} below {critical}"
            for ref, critical in self.critical.items()
            if critical is not None and values[ref] < critical and ref.startswith(self.actor + ".")
        ]

    def changes(self, before: Game, after: Outlook, most: int = MOST_CHANGES) -> list[str]:
        """The changes that matter most to this actor, in words: ["+15 water", "-12 money"]."""
        old, new = before.state["vars"], after.state["vars"]
        deltas = [(ref, new[ref] - old[ref]) for ref in self.weights if new[ref] != old[ref]]
        return self._in_words(before, deltas, most)

    def move_changes(self, game: Game, ops: tuple[Op, ...], most: int = MOST_CHANGES) -> list[str]:
        """:meth:`changes` after ``ops``, worked out from the effects on the variables this actor weighs, without
        an outlook (an outlook when an effect is not primitive)."""
        known = self._touched.get(id(ops))
        if known is None or known[0] is not ops:
            known = self._touched[id(ops)] = (ops, self._touches(ops))
        changed = known[1]
        if changed is None:
            return self.changes(game, game.outlook(ops), most)
        values = game.state["vars"]
        window = changed.window
        if window is not None and most == MOST_CHANGES:
            for ref, lowest, highest in window:
                if not lowest <= values[ref] <= highest:
                    break
            else:  # no bound reached: the sums, in words worked out once
                words = changed.words
                if words is None:
                    words = changed.words = self._in_words(game, list(changed.deltas), most)
                return list(words)
        deltas: list[tuple[str, int]] = []
        for ref, _weight, low, high, steps in changed.touched:
            old = new = values[ref]
            for add, amount in steps:  # as apply_ops changes the variable, one effect after the other
                new = new + amount if add else amount
                new = low if new < low else high if new > high else new
            if new != old:
                deltas.append((ref, new - old))
        return self._in_words(game, deltas, most)

    def _touches(self, ops: tuple[Op, ...]) -> _Changes | None:
        if any(op.kind not in _PRIMITIVE for op in ops):
            return None
        bounds = self._compiled.bounds
        touched = []
        for ref, weight in self.weights.items():
            steps = tuple((op.kind == "change", op.value) for op in ops if op.kind in _SETS and op.key == ref)
            if steps:
                touched.append((ref, weight, *bounds[ref], steps))
        return _Changes(tuple(touched))

    def _in_words(self, game: Game, deltas: list[tuple[str, int]], most: int) -> list[str]:
        """The ``most`` largest weighted changes (in the order of the weights among equals), in words."""
        if len(deltas) > 1:
            weights = self.weights
            deltas.sort(key=lambda item: -abs(item[1] * weights[item[0]]))
        words = self._change_words
        out = []
        for item in deltas[:most]:
            word = words.get(item)
            if word is None:
                word = words[item] = f"{item[1]:+d} {self._word(game, item[0], whose=True)}"
            out.append(word)
        return out

    def _word(self, game: Game, ref: str, whose: bool = False) -> str:
        """A variable's label in a sentence (``whose``: after its owner's name unless it is this actor's);
        worked out once per variable."""
        key = (whose, ref)
        word = self._words.get(key)
        if word is None:
            compiled = game.compiled
            word = in_sentence(compiled.variables[ref].label, compiled.proper_words)
            owner = ref.split(".", 1)[0]
            owner_name = compiled.actor_names.get(owner, owner)
            if whose and owner != self.actor and not word.lower().startswith(owner_name.lower()):
                word = f"{owner_name} {word}"  # "Russia's front line", but "world hunger", not "world world hunger"
            self._words[key] = word
        return word


def _upstream(plan: ProjectionPlan, ref: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The variables, tracks and flags a variable's projection reads (through the conditions of the upkeep
    rules that change it, and of those that change what these read)."""
    variables = {ref}
    while True:
        grown = set(variables)
        for rule in plan.rules:
            if rule.key in variables and rule.condition is not None:
                grown |= rule.condition.variables
        if grown == variables:
            break
        variables = grown
    conditions = [r.condition for r in plan.rules if r.key in variables and r.condition is not None]
    tracks = frozenset().union(*(c.tracks for c in conditions))
    flags = frozenset().union(*(c.flags for c in conditions))
    return frozenset(variables), tracks, flags
