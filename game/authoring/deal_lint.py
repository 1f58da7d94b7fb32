"""Lint rules of the deal additions: what a deal's secret half gives away, and its parties' terms as effects."""

from __future__ import annotations

from collections.abc import Iterator

from game.engine.compiled import BoundMove, CompiledScenario, Op, party_ops
from game.engine.effects import shapes
from game.scenario.diagnostics import DataPath

CODE = "secret-half-shows"
"""The rule's code (``# parley: ignore[secret-half-shows]`` marks a warning as intended)."""


def deal_ops(bound: BoundMove) -> list[Op]:
    """The ops of a deal's parties' terms and of its secret half (the linter's other lists leave them out)."""
    return [*party_ops(bound), *bound.secret_ops]


def secret_half_warnings(compiled: CompiledScenario) -> Iterator[tuple[DataPath, str, str]]:
    """(path, message, hint) for each secret half that changes what everybody sees: a public variable, a
    track, a flag or a score, so the room can tell that something secret happened (and often what)."""
    for i, move in enumerate(compiled.scenario.moves):
        if move.secret is None:
            continue
        shown: list[str] = []
        for actor in move.actors:
            bound = next((b for b in compiled.bound_moves[actor] if b.id == move.id), None)
            for op in shapes(bound.secret_ops) if bound is not None else ():
                if op.kind in ("change", "set") and op.key in compiled.private_vars:
                    continue
                what = op.key if op.kind in ("change", "set") else f"{op.kind} {op.key}"
                if what not in shown:
                    shown.append(what)
        if shown:
            yield ((*_move_path(i), "secret", "effects"),
                   f"the secret half of '{move.id}' changes what everybody sees ({', '.join(shown)}): the room will "
                   "see the change without being told why",
                   "change private variables in a secret half, or move these effects to the public terms")  # fmt: skip


def _move_path(index: int) -> DataPath:
    return ("moves", index)
