"""Game state as plain, JSON-serializable data: build, copy and hash it.

The state never holds a machine, an RNG or a model object; a game is fully
described by (scenario, seed, decisions), and this dict is what replaying
them produces.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from game.engine.compiled import CompiledScenario
from game.engine.phases import Phase

State = dict[str, Any]


def new_state(compiled: CompiledScenario) -> State:
    """The state before the first phase."""
    return {
        "turn": 1,
        "phase": Phase.BRIEFING.value,
        "vars": compiled.initial_values(),
        "tracks": {tid: machine.track.initial for tid, machine in compiled.tracks.items()},
        "flags": {f.id: f.initial for f in compiled.scenario.flags},
        "scores": {actor: 0 for actor in compiled.actors},
        "orders": {actor: [] for actor in compiled.actors},
        "done": [],
        "proposals": [],
        "uses": {},
        "fired": {},
        "met": {},
        "log": [],
        "history": [],
        "result": None,
        **({"timers": {}} if compiled.timed_flags else {}),
    }


def clone_state(state: State, keep_log: bool = True) -> State:
    """A copy that shares nothing mutable with ``state`` (log entries are never mutated, so they are shared);
    without ``keep_log`` its log starts empty."""
    copy = {
        "turn": state["turn"],
        "phase": state["phase"],
        "vars": dict(state["vars"]),
        "tracks": dict(state["tracks"]),
        "flags": dict(state["flags"]),
        "scores": dict(state["scores"]),
        "orders": {actor: [dict(o) for o in orders] for actor, orders in state["orders"].items()},
        "done": list(state["done"]),
        "proposals": [dict(p) for p in state["proposals"]],
        "uses": dict(state["uses"]),
        "fired": dict(state["fired"]),
        "met": {key: list(turns) for key, turns in state["met"].items()},
        "log": list(state["log"]) if keep_log else [],
        "history": list(state["history"]),
        "result": state["result"],
    }
    if "timers" in state:  # timed flags (game.engine.effects): only in scenarios that have them
        copy["timers"] = {flag: dict(timer) for flag, timer in state["timers"].items()}
    return copy


def quiet_clone(state: State) -> State:
    """:func:`clone_state` for a quiet copy (:meth:`Game.copy <game.engine.game.Game.copy>` with ``quiet``): the
    log starts empty, and the orders' entries are shared, since nothing changes an order once it is given (the
    lists that hold them are the copy's own)."""
    copy = {
        "turn": state["turn"],
        "phase": state["phase"],
        "vars": state["vars"].copy(),
        "tracks": state["tracks"].copy(),
        "flags": state["flags"].copy(),
        "scores": state["scores"].copy(),
        "orders": {actor: orders.copy() for actor, orders in state["orders"].items()},
        "done": state["done"].copy(),
        "proposals": [p.copy() for p in state["proposals"]],
        "uses": state["uses"].copy(),
        "fired": state["fired"].copy(),
        "met": {key: turns.copy() for key, turns in state["met"].items()},
        "log": [],
        "history": state["history"].copy(),
        "result": state["result"],
    }
    if "timers" in state:
        copy["timers"] = {flag: timer.copy() for flag, timer in state["timers"].items()}
    return copy


def canonical_json(data: Any) -> str:
    """JSON with sorted keys and no spaces: the same data always gives the same text."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def state_hash(state: State) -> str:
    """SHA-256 of the canonical JSON of the state."""
    return hashlib.sha256(canonical_json(state).encode("utf-8")).hexdigest()


def snapshot(state: State) -> dict[str, Any]:
    """The numbers worth charting at the end of a turn."""
    return {
        "turn": state["turn"],
        "vars": dict(state["vars"]),
        "tracks": dict(state["tracks"]),
        "flags": dict(state["flags"]),
        "scores": dict(state["scores"]),
    }
