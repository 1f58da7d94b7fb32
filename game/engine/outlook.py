"""Previews as plain data: a game's numbers after some certain effects, and the one way effects apply.

An :class:`Outlook` is what a bot or a move card reads to weigh a move: the variables, tracks,
flags and scores it would leave, with the namespace its conditions are evaluated in. It holds
no RNG, no log and no decisions, so building one costs a few small dict copies, and it can
never be played by mistake.
"""

from __future__ import annotations

import weakref
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


class _Digest:
    """What a :class:`Trial` needs of one effect list, worked out once per list and scenario: its steps (one
    :func:`_step` per effect; None when an effect is not primitive) and the variables, tracks, flags and scores
    it writes (what :meth:`Trial.undo` puts back)."""

    __slots__ = ("flags", "ops", "others", "scores", "steps", "tracks", "variables")

    def __init__(self, ops: tuple[Op, ...], compiled: CompiledScenario) -> None:
        self.ops = ops
        """The list (held, so that its id, the key of the digest, is not reused while the digest is kept)."""
        self.variables = _keys(ops, "change", "set")
        self.tracks = _keys(ops, "trigger")
        self.flags = _keys(ops, "flag")
        self.scores = _keys(ops, "score")
        self.others = bool(self.tracks or self.flags or self.scores)
        """True when the list writes more than variables."""
        self.steps: tuple[tuple[str, str, int, int, Any], ...] | None = None
        if all(op.kind in PRIMITIVE_OPS for op in ops):
            self.steps = tuple(_step(op, compiled) for op in ops)


def _step(op: Op, compiled: CompiledScenario) -> tuple[str, str, int, int, Any]:
    """A primitive effect as a trial's step: ``(kind, key, low, high, value)``, with the bounds of a variable a
    change or set writes (0, 0 for the other kinds); a trigger's value is ``(trigger, track, where it leads
    without a condition to check, by state)`` (see :meth:`TrackMachine.direct`)."""
    if op.kind == "trigger":
        track = compiled.tracks[op.key]
        return (op.kind, op.key, 0, 0, (op.value, track, track.direct(op.value)))
    low, high = compiled.bounds[op.key] if op.kind in ("change", "set") else (0, 0)
    return (op.kind, op.key, low, high, op.value)


def _keys(ops: tuple[Op, ...], *kinds: str) -> tuple[str, ...]:
    """The keys the effects of ``kinds`` in ``ops`` write, each once."""
    return tuple(dict.fromkeys(op.key for op in ops if op.kind in kinds))


_DIGESTS: weakref.WeakKeyDictionary[CompiledScenario, dict[int, _Digest]] = weakref.WeakKeyDictionary()
"""Each scenario's digests by the id of their list, dropped with the scenario. The games (and threads) that share
a scenario share its digests: a digest is built whole before it is stored and never changed."""

_DIGESTS_KEPT = 4096
"""Digests kept per scenario before they start again (a scenario's own lists are far fewer)."""


class Trial(Outlook):
    """A private copy of a game's numbers on which effect lists are tried one at a time: :meth:`apply` a list,
    read the trial as the :class:`Outlook` after it, :meth:`undo` it. One copy serves every preview of a state
    (a bot weighs many moves of one state), instead of one copy per preview.

    The numbers after :meth:`apply` are those :meth:`Game.outlook` gives for the same effects; read them only
    until :meth:`undo` (keep nothing of a trial: the next list is tried on the same dicts). Each list is worked
    out once for every game of the scenario (a :class:`_Digest`), and :meth:`undo` puts back only what the
    lists applied write."""

    __slots__ = ("_applied", "_base", "_compiled", "_digests", "_track_index", "_values")

    def __init__(
        self, compiled: CompiledScenario, state: dict[str, Any], namespace: dict[str, Any],
        track_index: dict[str, int],
    ) -> None:  # fmt: skip
        numbers = {
            "turn": state["turn"], "phase": state["phase"], "vars": dict(state["vars"]),
            "tracks": dict(state["tracks"]), "flags": dict(state["flags"]), "scores": dict(state["scores"]),
        }  # fmt: skip
        local = dict(namespace)
        local["V"] = self._values = numbers["vars"]
        local["F"] = numbers["flags"]
        local["T"] = self._track_index = dict(track_index)
        self.state = numbers  # as Outlook.__init__ (not called: a trial is made for every state a bot weighs)
        self.namespace = local
        self._compiled = compiled
        self._digests = _DIGESTS.setdefault(compiled, {})
        self._base = (state["vars"], state["tracks"], track_index, state["flags"], state["scores"])
        """The game's own numbers (read, never written), to put the trial's back from."""
        self._applied: list[_Digest] = []
        """The digests of the lists applied since the last :meth:`undo`."""

    def apply(self, ops: tuple[Op, ...]) -> bool:
        """Apply effects in order, as :func:`apply_ops` does, and return True; False (the numbers unchanged) when
        an effect is not primitive (not in :data:`PRIMITIVE_OPS`: take an outlook of its own)."""
        try:
            digest = self._digests[id(ops)]  # this list's: its digest holds it, so no other list has its id
        except KeyError:
            digest = self._digest(ops)
        steps = digest.steps
        if steps is None:
            return False
        self._applied.append(digest)
        values = self._values
        for kind, key, low, high, value in steps:
            if kind == "change":
                new = values[key] + value
                values[key] = low if new < low else high if new > high else new
            elif kind == "trigger":
                trigger, track, direct = value
                tracks = self.state["tracks"]
                current = tracks[key]
                moved = direct.get(current)
                if moved is None:
                    moved = track.fire(current, trigger, self.namespace)
                if moved != current:
                    tracks[key] = moved
                    self._track_index[key] = track.index[moved]
            elif kind == "set":
                values[key] = low if value < low else high if value > high else value
            elif kind == "flag":
                self.state["flags"][key] = value
            else:
                self.state["scores"][key] += value
        return True

    def _digest(self, ops: tuple[Op, ...]) -> _Digest:
        """The list's digest, built and kept for the scenario."""
        digests = self._digests
        if len(digests) >= _DIGESTS_KEPT:
            digests.clear()
        digest = digests[id(ops)] = _Digest(ops, self._compiled)
        return digest

    def undo(self) -> None:
        """Put the numbers back as they were before :meth:`apply` (as the game's): what the lists applied write."""
        values = self._base[0]
        mine = self._values
        for digest in self._applied:
            for key in digest.variables:
                mine[key] = values[key]
            if digest.others:
                self._put_back(digest)
        self._applied.clear()

    def _put_back(self, digest: _Digest) -> None:
        """Put back the tracks, flags and scores a list writes."""
        numbers = self.state
        _, tracks, track_index, flags, scores = self._base
        my_tracks = numbers["tracks"]
        my_index = self._track_index
        for key in digest.tracks:
            my_tracks[key] = tracks[key]
            my_index[key] = track_index[key]
        my_flags = numbers["flags"]
        for key in digest.flags:
            if key in flags:
                my_flags[key] = flags[key]
            else:
                my_flags.pop(key, None)  # set by a list (by an earlier list too, if several)
        my_scores = numbers["scores"]
        for key in digest.scores:
            my_scores[key] = scores[key]


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
