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


PRIMITIVE_OPS = frozenset({"change", "set", "trigger", "flag", "score"})
"""Effect kinds a :class:`Trial` applies (the others are expanded by :mod:`game.engine.effects` first)."""


class Trial(Outlook):
    """A private copy of a game's numbers on which effect lists are tried one at a time: :meth:`apply` a list,
    read the trial as the :class:`Outlook` after it, :meth:`undo` it. One copy serves every preview of a state
    (a bot weighs many moves of one state), instead of one copy per preview.

    The numbers after :meth:`apply` are those :meth:`Game.outlook` gives for the same effects; read them only
    until :meth:`undo` (keep nothing of a trial: the next list is tried on the same dicts)."""

    __slots__ = ("_base", "_bounds", "_machines", "_moved", "_others", "_track_index")

    def __init__(
        self, compiled: CompiledScenario, state: dict[str, Any], namespace: dict[str, Any],
        track_index: dict[str, int],
    ) -> None:  # fmt: skip
        numbers = {
            "turn": state["turn"], "phase": state["phase"], "vars": dict(state["vars"]),
            "tracks": dict(state["tracks"]), "flags": dict(state["flags"]), "scores": dict(state["scores"]),
        }  # fmt: skip
        local = dict(namespace)
        local["V"] = numbers["vars"]
        local["F"] = numbers["flags"]
        local["T"] = self._track_index = dict(track_index)
        super().__init__(numbers, local)
        self._bounds = compiled.bounds
        self._machines = compiled.tracks
        self._base = (state["vars"], state["tracks"], track_index, state["flags"], state["scores"])
        """The game's own numbers (read, never written), to put the trial's back from."""
        self._moved = False
        """True once a trigger was fired."""
        self._others = False
        """True once an effect changed a flag or a score."""

    def apply(self, ops: tuple[Op, ...]) -> bool:
        """Apply effects in order, as :func:`apply_ops` does, and return True; False (the numbers unchanged) when
        an effect is not primitive (not in :data:`PRIMITIVE_OPS`: take an outlook of its own)."""
        numbers = self.state
        values = numbers["vars"]
        bounds = self._bounds
        for op in ops:
            kind = op.kind
            if kind == "change":
                key = op.key
                low, high = bounds[key]
                new = values[key] + op.value
                values[key] = low if new < low else high if new > high else new
            elif kind == "set":
                key = op.key
                low, high = bounds[key]
                new = op.value
                values[key] = low if new < low else high if new > high else new
            elif kind == "trigger":
                self._moved = True
                key = op.key
                machine = self._machines[key]
                tracks = numbers["tracks"]
                current = tracks[key]
                moved = machine.fire(current, op.value, self.namespace)
                if moved != current:
                    tracks[key] = moved
                    self._track_index[key] = machine.index[moved]
            elif kind == "flag":
                self._others = True
                numbers["flags"][op.key] = op.value
            elif kind == "score":
                self._others = True
                numbers["scores"][op.key] += op.value
            else:
                self.undo()
                return False
        return True

    def undo(self) -> None:
        """Put the numbers back as they were before :meth:`apply` (as the game's)."""
        numbers = self.state
        values, tracks, track_index, flags, scores = self._base
        numbers["vars"].update(values)
        if self._moved:
            self._moved = False
            numbers["tracks"].update(tracks)
            self._track_index.update(track_index)
        if self._others:
            self._others = False
            mine = numbers["flags"]
            if len(mine) != len(flags):
                mine.clear()
            mine.update(flags)
            numbers["scores"].update(scores)


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
