"""Where the numbers lead if nothing is done: every remaining turn's upkeep, as a plan built once.

A bot values a state by projecting its variables through the upkeep of every turn still to
come. Played naively that is ``turns x rules`` condition evaluations per valuation, the largest
cost of a heuristic bot. The plan gives exactly the same numbers with less work:

- a rule whose condition reads no variable (only tracks, flags or the turn, which upkeep never
  changes) is decided once per projection, not once per turn;
- a variable changed by a single active rule, and read by no condition that still has to be
  evaluated turn by turn, moves in one step (adding a constant and clamping, repeated, is the
  same as doing it once, then adding the rest and clamping once);
- every other rule is applied turn by turn in the scenario's order, as the assessment does;
- a plan restricted to the variables a bot reads (:meth:`ProjectionPlan.restricted`) skips the
  rules that cannot change them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from operator import itemgetter
from types import CodeType
from typing import Any

from game.engine.expressions import VARS, Condition


@dataclass(frozen=True, slots=True)
class Rule:
    """What the projection needs of one upkeep rule."""

    key: str
    """The variable it changes."""
    by: int
    condition: Condition | None


_Closed = tuple[str, int, int, int]
"""A variable moved in one step: key, change per turn, low and high bound."""
_Looped = tuple[str, int, int, int, CodeType | None]
"""A rule applied turn by turn: key, change, bounds, and its condition's code (None: always applies)."""
_Getter = Callable[[dict[str, Any]], tuple[Any, ...]]
_Layout = tuple[tuple[_Closed, ...], tuple[_Looped, ...], _Getter, _Getter, _Getter, tuple[str, ...]]
"""Variables moved in one step; rules applied turn by turn; getters of the variables, track positions and
flags the latter read or write (a memo key); the names of those variables."""


def _getter(keys: Sequence[str]) -> _Getter:
    """A fast function of a dict: the tuple of its values at ``keys``."""
    if not keys:
        return lambda _: ()
    if len(keys) == 1:
        key = keys[0]
        return lambda d: (d[key],)
    return itemgetter(*keys)  # type: ignore[return-value]


_MEMO_SIZE = 4096
"""Entries a projection memo keeps before it starts again."""
_EAGER_SWITCHES = 6
"""Up to this many rules with variable-free conditions, every layout is built in advance."""


class ProjectionPlan:
    """The upkeep rules of a scenario, ready for fast, exact projection; immutable once built."""

    def __init__(self, rules: Sequence[Rule], bounds: dict[str, tuple[int, int]]) -> None:
        self.rules = tuple(rules)
        self.bounds = dict(bounds)
        self._switches = tuple(
            i for i, r in enumerate(self.rules) if r.condition is not None and not r.condition.variables
        )
        self._codes = tuple(self.rules[i].condition.code for i in self._switches)  # type: ignore[union-attr]
        self.moved: tuple[str, ...] = tuple(
            sorted({r.key for r in self.rules}.union(*(r.condition.variables for r in self.rules if r.condition)))
        )
        """The variables the rules change or read (every other one keeps its value in a projection)."""
        self._layouts: dict[tuple[bool, ...], _Layout] = {}
        if len(self._switches) <= _EAGER_SWITCHES:
            for mask in product((False, True), repeat=len(self._switches)):
                self._layouts[mask] = self._layout(mask)

    def one_step(self) -> dict[str, tuple[int, int, int]] | None:
        """When every rule moves its variable in one step whatever the state (no rule reads a track, flag or
        variable, and no variable has two rules): key -> (change per turn, low, high); else None."""
        if self._switches:
            return None
        closed, looped, *_ = self._layouts[()]
        if looped:
            return None
        return {key: (by, low, high) for key, by, low, high in closed}

    def restricted(self, needed: Iterable[str]) -> ProjectionPlan:
        """The plan for a reader of ``needed`` variables only: the rules that can change them, directly or
        through the conditions of rules that do. Other variables keep their value in its projections."""
        wanted = set(needed)
        while True:
            grown = set(wanted)
            for rule in self.rules:
                if rule.key in wanted and rule.condition is not None:
                    grown |= rule.condition.variables
            if grown == wanted:
                break
            wanted = grown
        return ProjectionPlan([r for r in self.rules if r.key in wanted], self.bounds)

    def _layout(self, mask: tuple[bool, ...]) -> _Layout:
        on = dict(zip(self._switches, mask, strict=True))
        active: list[Rule] = []
        stepped: list[Rule] = []
        for i, rule in enumerate(self.rules):
            if rule.condition is None or i in on:
                if on.get(i, True):
                    active.append(rule)
            else:
                stepped.append(rule)
        writers: dict[str, int] = {}
        for rule in active:
            writers[rule.key] = writers.get(rule.key, 0) + 1
        read: set[str] = set()
        for rule in stepped:
            writers[rule.key] = writers.get(rule.key, 0) + 2
            assert rule.condition is not None
            read |= rule.condition.variables
        closed: list[_Closed] = []
        looped: list[_Looped] = []
        for i, rule in enumerate(self.rules):
            low, high = self.bounds[rule.key]
            if rule in stepped:
                assert rule.condition is not None
                looped.append((rule.key, rule.by, low, high, rule.condition.code))
            elif on.get(i, True):
                if writers[rule.key] == 1 and rule.key not in read:
                    closed.append((rule.key, rule.by, low, high))
                else:
                    looped.append((rule.key, rule.by, low, high, None))
        inputs = sorted({rule[0] for rule in looped} | read)
        tracks = sorted(set().union(*(r.condition.tracks for r in stepped if r.condition is not None)))
        flags = sorted(set().union(*(r.condition.flags for r in stepped if r.condition is not None)))
        return tuple(closed), tuple(looped), _getter(inputs), _getter(tracks), _getter(flags), tuple(inputs)

    def project(
        self, values: dict[str, int], namespace: dict[str, Any], turns: int, memo: dict[Any, Any] | None = None
    ) -> dict[str, int]:
        """A new dict: ``values`` after ``turns`` turns of upkeep; ``namespace`` is read for tracks, flags, turn.

        ``memo`` (a dict the caller owns) remembers the turn-by-turn part by the plan and its inputs: previews that
        leave those variables alone reuse it (the numbers are integers, so reuse gives exactly the same result); one
        memo may serve several plans."""
        out = dict(values)
        self._upkeep(out, namespace, turns, memo)
        return out

    def project_moved(
        self, values: dict[str, int], namespace: dict[str, Any], turns: int, memo: dict[Any, Any] | None = None
    ) -> dict[str, int]:
        """:meth:`project` at :attr:`moved` only (a new dict of those variables): every other variable keeps its
        value in a projection, so a reader of a few variables need not copy them all."""
        out = {key: values[key] for key in self.moved}
        self._upkeep(out, namespace, turns, memo)
        return out

    def _upkeep(self, out: dict[str, int], namespace: dict[str, Any], turns: int, memo: dict[Any, Any] | None) -> None:
        """Move the variables in ``out`` (at least :attr:`moved`) through ``turns`` turns of upkeep, in place."""
        if turns <= 0 or not self.rules:
            return
        codes = self._codes
        if not codes:
            mask: tuple[bool, ...] = ()
        elif len(codes) == 1:
            mask = (bool(eval(codes[0], namespace)),)
        else:
            mask = tuple([bool(eval(code, namespace)) for code in codes])
        layout = self._layouts.get(mask)
        closed, looped, by_vars, by_tracks, by_flags, inputs = layout if layout is not None else self._layout(mask)
        rest = turns - 1
        for key, by, low, high in closed:
            new = out[key] + by  # the first turn brings the value inside its bounds
            new = low if new < low else high if new > high else new
            new += rest * by
            out[key] = low if new < low else high if new > high else new
        if looped:
            key_of: tuple[Any, ...] | None = None
            if memo is not None:
                key_of = (
                    self, mask, turns, namespace["turn"], by_tracks(namespace["T"]), by_flags(namespace["F"]),
                    by_vars(out),
                )  # fmt: skip
                known = memo.get(key_of)
                if known is not None:
                    out.update(known)
                    return
            local = {VARS: out}  # the conditions read the variables here, all else in the namespace
            for _ in range(turns):
                for key, by, low, high, code in looped:
                    if code is None or eval(code, namespace, local):
                        new = out[key] + by
                        out[key] = low if new < low else high if new > high else new
            if memo is not None:
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[key_of] = {k: out[k] for k in inputs}
