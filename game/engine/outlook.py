"""Previews as plain data: a game's numbers after some certain effects, and the one way effects apply.

An :class:`Outlook` is what a bot or a move card reads to weigh a move: the variables, tracks,
flags and scores it would leave, with the namespace its conditions are evaluated in. It holds
no RNG, no log and no decisions, so building one costs a few small dict copies, and it can
never be played by mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.engine.effects import expand
from game.engine.expressions import Condition

if TYPE_CHECKING:
    from game.engine.compiled import CompiledScenario, Op


class Outlook:
    """A game's numbers (``state["vars"]``, ``["tracks"]``, ``["flags"]``, ``["scores"]``, ``["turn"]``,
    ``["phase"]``) and the namespace its conditions read; plain data to read, never to play."""

    __slots__ = ("namespace", "state")

    def __init__(self, state: dict[str, Any], namespace: dict[str, Any]) -> None:
        self.state = state
        self.namespace = namespace

    def evaluate(self, condition: Condition) -> Any:
        """Evaluate a compiled condition against these numbers."""
        return eval(condition.code, self.namespace)


TrackMoved = Callable[[str, str, str], None]
"""Called with (track id, old state, new state) when a trigger moves a track."""


def apply_ops(
    compiled: CompiledScenario,
    numbers: dict[str, Any],
    track_index: dict[str, int],
    namespace: dict[str, Any],
    ops: tuple[Op, ...],
    entry: dict[str, Any] | None,
    on_track: TrackMoved | None,
    changes: dict[str, int] | None = None,
) -> str | None:
    """Apply primitive effects in order to ``numbers`` (a state or an outlook's numbers).

    Variables are clamped to their bounds; a trigger fires the track's transition table with
    ``namespace`` (so it sees the effects before it) and keeps ``track_index`` (the namespace's
    track positions) in step. On a log ``entry`` the variable changes and points are recorded.
    Special ops (:mod:`game.engine.effects`) are expanded when they are reached and applied by a
    nested call that adds to the same ``changes``; an ``end`` op stops the list and its ending id is
    returned (None when no op ended the game).
    """
    values = numbers["vars"]
    bounds = compiled.bounds
    outer = changes is None
    if changes is None:
        changes = {}
    ended = None
    for op in ops:
        kind = op.kind
        if kind == "change" or kind == "set":
            low, high = bounds[op.key]
            old = values[op.key]
            new = old + op.value if kind == "change" else op.value
            new = low if new < low else high if new > high else new
            values[op.key] = new
            if new != old:
                changes[op.key] = changes.get(op.key, 0) + new - old
        elif kind == "trigger":
            machine = compiled.tracks[op.key]
            tracks = numbers["tracks"]
            current = tracks[op.key]
            moved = machine.fire(current, op.value, namespace)
            if moved != current:
                tracks[op.key] = moved
                track_index[op.key] = machine.index[moved]
                if on_track is not None:
                    on_track(op.key, current, moved)
        elif kind == "flag":
            numbers["flags"][op.key] = op.value
        elif kind == "score":
            numbers["scores"][op.key] += op.value
            if entry is not None:
                points = entry.setdefault("points", {})
                points[op.key] = points.get(op.key, 0) + op.value
        else:
            expanded = expand(op, numbers, namespace)
            if isinstance(expanded, str):
                ended = expanded
            else:
                ended = apply_ops(compiled, numbers, track_index, namespace, expanded, entry, on_track, changes)
            if ended is not None:
                break
    if outer and entry is not None and changes:
        entry.setdefault("changes", {}).update(changes)
    return ended
