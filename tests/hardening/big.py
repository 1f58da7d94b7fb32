"""Large scenario texts for the size tests: legal-looking, built in code (no fixture files)."""

from __future__ import annotations

import json


def _actor(i: int, variables: int = 1) -> dict[str, object]:
    return {
        "id": f"a{i}", "name": f"Actor {i}", "colour": "#112233", "briefing": {"basic": "b", "advanced": "a"},
        "variables": [{"id": f"x{k}", "label": "X", "start": 50} for k in range(variables)],
    }  # fmt: skip


def scenario(actors: int, moves: list[dict[str, object]], variables: int = 1, **extra: object) -> str:
    """A scenario as YAML text (JSON is YAML): ``actors`` actors a0..aN, the given moves."""
    data = {
        "format": 1, "meta": {"id": "big", "title": "Big", "summary": "s", "turns": 3},
        "actors": [_actor(i, variables) for i in range(actors)], "moves": moves, **extra,
    }  # fmt: skip
    return json.dumps(data, indent=1)


def move(ident: str, actors: list[str], targets: list[str] | None = None, **extra: object) -> dict[str, object]:
    """A move that lowers a target's (or its actor's) x0."""
    who = "target" if targets else "self"
    return {"id": ident, "name": "M", "actors": actors, "targets": targets or [], "log": "{actor} moves",
            "effects": [{"change": f"{who}.x0", "by": -1}], **extra}  # fmt: skip


def everyone_targets_everyone(actors: int, moves: int = 1) -> str:
    """Each move: every actor may aim it at every other actor."""
    ids = [f"a{i}" for i in range(actors)]
    cond = "self.x0 > 3 and target.x0 < 90"
    return scenario(actors, [move(f"m{j}", ids, ids, condition=cond) for j in range(moves)])


def long_track(states: int) -> str:
    """One track with ``states`` states in a chain."""
    names = [f"s{i}" for i in range(states)]
    chain = [{"trigger": "up", "source": names[i], "dest": names[i + 1]} for i in range(states - 1)]
    track = {"id": "t", "name": "T", "states": names, "initial": "s0", "transitions": chain}
    moves = [{"id": "m", "name": "M", "actors": ["a0"], "effects": [{"trigger": "t.up"}], "log": "x"}]
    return scenario(2, moves, tracks=[track])


def many_moves(count: int) -> str:
    """``count`` plain moves for one actor."""
    return scenario(2, [move(f"m{i}", ["a0"]) for i in range(count)])


def legal_megabyte() -> str:
    """A scenario of nearly 1 MB that is within every limit (the largest kind of file a teacher could share)."""
    ids = [f"a{i}" for i in range(20)]
    words = "The delegation weighs the cost of this move against its standing at home. " * 6
    moves = [
        move(f"m{j}", [ids[j % 20]], [ids[(j + 1) % 20], ids[(j + 2) % 20]], description=words,
             condition=f"self.x{j % 10} > {j % 50} and target.x{(j + 3) % 10} < 90 or turn >= {1 + j % 3}",
             cost={f"self.x{j % 10}": 1})
        for j in range(990)
    ]  # fmt: skip
    return scenario(20, moves, variables=10)
