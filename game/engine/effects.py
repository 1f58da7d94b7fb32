"""Effects beyond the five constant ones: conditional (``if``), expression amounts, timed flags, game endings.

A scenario's constant effects compile to the primitive :class:`~game.engine.compiled.Op` kinds
``change``, ``set``, ``trigger``, ``flag`` and ``score``, exactly as in format 1, so the games of a
scenario that uses none of the additions are unchanged (same ops, same state, same hashes). An
effect that uses an addition compiles to one of the *special* kinds below, which
:func:`expand` turns into primitive ops at the moment it applies (it reads the game's numbers then):

- ``if``: ``value`` is ``(condition, op)``; the op applies only when the condition holds;
- ``change_by``, ``set_to``, ``score_by``: ``value`` is the compiled amount expression;
- ``flag_for``: ``value`` is ``(value, turns)``; the flag holds for that many turns (see :func:`clear_timed`);
- ``flag_last``: a plain flag effect on a flag that some effect times: it cancels the timer;
- ``end``: ``key`` is an ending id; the game ends at once (:meth:`Game._end_by_effect`).

Timers live in the state under ``"timers"`` (``flag -> {"until": TURN, "then": BOOL}``) only in
scenarios that time a flag, so no other scenario's state gains a key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from game.engine.expressions import Condition, evaluate_amount
from game.scenario.models import (
    ChangeEffect,
    Effect,
    EndEffect,
    FlagEffect,
    PerActor,
    Scenario,
    ScoreEffect,
    SetEffect,
    resolve_owner,
    resolve_ref,
)

if TYPE_CHECKING:
    from game.engine.compiled import Op

PRIMITIVE = frozenset({"change", "set", "trigger", "flag", "score"})
"""The op kinds of format 1."""
TIMERS = "timers"
"""The state key of the timed flags (present only in scenarios that time a flag)."""

Compile = Callable[[str], Condition]
"""Compiles a condition or amount text for the binding of the effect (self, target, per_actor)."""


def is_special(effect: Effect, timed: frozenset[str]) -> bool:
    """True when an effect uses an addition to format 1 (it then compiles to a special op); ``timed`` are the
    flags the scenario sets for a number of turns (a plain effect on one of them cancels its timer)."""
    if isinstance(effect, EndEffect) or effect.if_ is not None:
        return True
    if isinstance(effect, FlagEffect):
        return effect.turns is not None or effect.flag in timed
    if isinstance(effect, ChangeEffect):
        return effect.by_expr is not None
    if isinstance(effect, SetEffect):
        return effect.to_expr is not None
    if isinstance(effect, ScoreEffect):
        return effect.points_expr is not None
    return False


def compile_special(
    effect: Effect,
    self_actor: str | None,
    target: str | None,
    per_actor: PerActor | None,
    condition: Compile,
    amount: Compile,
    timed_flags: frozenset[str],
    primitive: Callable[[Effect], Op],
) -> Op:
    """The special op of an effect that :func:`is_special` (``primitive`` compiles the constant part)."""
    from game.engine.compiled import Op

    op: Op
    if isinstance(effect, EndEffect):
        op = Op("end", effect.end, None)
    elif isinstance(effect, ChangeEffect) and effect.by_expr is not None:
        op = Op("change_by", resolve_ref(effect.change, self_actor, target, per_actor), amount(effect.by_expr))
    elif isinstance(effect, SetEffect) and effect.to_expr is not None:
        op = Op("set_to", resolve_ref(effect.set, self_actor, target, per_actor), amount(effect.to_expr))
    elif isinstance(effect, ScoreEffect) and effect.points_expr is not None:
        op = Op("score_by", resolve_owner(effect.score, self_actor, target), amount(effect.points_expr))
    elif isinstance(effect, FlagEffect) and effect.turns is not None:
        op = Op("flag_for", effect.flag, (effect.value, effect.turns))
    else:
        op = primitive(effect)
        if op.kind == "flag" and op.key in timed_flags:
            op = Op("flag_last", op.key, op.value)
    if effect.if_ is not None:
        return Op("if", effect.if_, (condition(effect.if_), op))
    return op


def expand(op: Op, numbers: dict[str, Any], namespace: dict[str, Any]) -> tuple[Op, ...] | str:
    """The ops a special op stands for now (read from ``numbers`` and ``namespace``), or an ending id."""
    Op = type(op)  # the op's own class: no import of game.engine.compiled (which imports this module)
    kind = op.kind
    if kind == "if":
        condition, inner = op.value
        return (inner,) if eval(condition.code, namespace) else ()
    if kind == "change_by":
        return (Op("change", op.key, evaluate_amount(op.value, namespace)),)
    if kind == "set_to":
        return (Op("set", op.key, evaluate_amount(op.value, namespace)),)
    if kind == "score_by":
        return (Op("score", op.key, evaluate_amount(op.value, namespace)),)
    if kind == "flag_for":
        value, turns = op.value
        timers = numbers.get(TIMERS)
        if timers is not None:
            timers[op.key] = {"until": numbers["turn"] + turns, "then": not value}
        return (Op("flag", op.key, value),)
    if kind == "flag_last":
        timers = numbers.get(TIMERS)
        if timers is not None:
            timers.pop(op.key, None)
        return (Op("flag", op.key, op.value),)
    if kind == "end":
        return str(op.key)
    raise TypeError(f"unknown effect op {op!r}")


def clear_timed(state: dict[str, Any]) -> None:
    """At the start of a turn: every timed flag whose time is up goes back, with no news item."""
    timers = state[TIMERS]
    turn = state["turn"]
    for flag in [f for f, timer in timers.items() if timer["until"] <= turn]:
        state["flags"][flag] = timers.pop(flag)["then"]


def shapes(ops: Iterable[Op]) -> Iterator[Op]:
    """The primitive shape of every op, specials included (amounts unknown: ``None``), for analyses such as the
    linter's (which variables an effect may write, which triggers and flags it may fire); ``end`` is skipped."""
    for op in ops:
        Op = type(op)  # as in expand
        kind = op.kind
        if kind in PRIMITIVE:
            yield op
        elif kind == "if":
            yield from shapes((op.value[1],))
        elif kind in ("change_by", "set_to", "score_by"):
            yield Op({"change_by": "change", "set_to": "set", "score_by": "score"}[kind], op.key, None)
        elif kind == "flag_for":
            yield Op("flag", op.key, op.value[0])
            yield Op("flag", op.key, not op.value[0])
        elif kind == "flag_last":
            yield Op("flag", op.key, op.value)


def expressions_in(ops: Iterable[Op]) -> Iterator[Condition]:
    """The compiled conditions and amount expressions inside special ops (what they read)."""
    for op in ops:
        kind = op.kind
        if kind == "if":
            yield op.value[0]
            yield from expressions_in((op.value[1],))
        elif kind in ("change_by", "set_to", "score_by"):
            yield op.value


def timed_flags(effects: Iterable[Effect]) -> frozenset[str]:
    """The flags some of these effects set for a number of turns."""
    return frozenset(e.flag for e in effects if isinstance(e, FlagEffect) and e.turns is not None)


def all_effects(scenario: Scenario) -> Iterator[Effect]:
    """Every effect list entry of a scenario (moves' four lists, events, endings)."""
    for move in scenario.moves:
        yield from (*move.effects, *move.offer, *move.ask, *move.on_detect)
        for party in move.parties:
            yield from (*party.gives, *party.gets)
        if move.secret is not None:
            yield from move.secret.effects
    for event in scenario.events:
        yield from event.effects
    for ending in scenario.endings:
        yield from ending.effects

