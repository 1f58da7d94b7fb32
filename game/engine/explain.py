"""Conditions in words, for players: ``lowland.water < 50`` -> "Lowland's water below 50".

Used for the reason a move is unavailable. Anything it cannot put into words
(arithmetic, function calls) is shown as the condition's own text, so the
explanation is never wrong, only sometimes technical.
"""

from __future__ import annotations

import ast

from game.engine.compiled import WORLD, CompiledScenario
from game.engine.wording import in_sentence

_COMPARE_WORDS = {
    ast.Lt: "below", ast.LtE: "at most", ast.Gt: "above", ast.GtE: "at least", ast.Eq: "is", ast.NotEq: "is not",
}  # fmt: skip
_TRACK_WORDS = {
    ast.Lt: "below", ast.LtE: "at most", ast.Gt: "beyond", ast.GtE: "at least", ast.Eq: "is", ast.NotEq: "is not",
}  # fmt: skip


class _CannotSay(Exception):
    """The expression has a part with no plain-words form."""


class _Explainer:
    def __init__(self, compiled: CompiledScenario, self_actor: str | None, target: str | None) -> None:
        self.compiled = compiled
        self.self_actor = self_actor
        self.target = target

    def say(self, node: ast.AST) -> str:
        if isinstance(node, ast.BoolOp):
            joiner = " and " if isinstance(node.op, ast.And) else " or "
            return joiner.join(self.say(v) for v in node.values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return f"not ({self.say(node.operand)})"
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            return self._compare(node.left, node.ops[0], node.comparators[0])
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "flag":
            return self._flag(node.attr)
        raise _CannotSay

    def _flag(self, flag_id: str) -> str:
        for flag in self.compiled.scenario.flags:
            if flag.id == flag_id:
                return flag.label
        raise _CannotSay

    def _compare(self, left: ast.expr, op: ast.cmpop, right: ast.expr) -> str:
        track = self._track(left)
        if track is not None and isinstance(right, ast.Constant) and isinstance(right.value, str):
            machine = self.compiled.tracks[track]
            return f"{machine.track.name} {_TRACK_WORDS[type(op)]} {machine.label(right.value)}"
        return f"{self._operand(left)} {_COMPARE_WORDS[type(op)]} {self._operand(right)}"

    def _track(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "track":
            return node.attr
        return None

    def _operand(self, node: ast.expr) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return str(node.value)
        if isinstance(node, ast.Name) and node.id in ("turn", "turns"):
            return "the turn" if node.id == "turn" else "the number of turns"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = node.value.id
            if owner == "self" and self.self_actor:
                owner = self.self_actor
            elif owner == "target" and self.target:
                owner = self.target
            variable = self.compiled.variables.get(f"{owner}.{node.attr}")
            if variable is not None:
                label = in_sentence(variable.label, self.compiled.proper_words)
                if owner == WORLD:
                    return label[:1].upper() + label[1:]
                return f"{self.compiled.actor_names[owner]}'s {label}"
        raise _CannotSay


def explain_condition(
    text: str, compiled: CompiledScenario, self_actor: str | None = None, target: str | None = None
) -> str:
    """The condition in plain words, or its own text when some part has no plain form."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
        return _Explainer(compiled, self_actor, target).say(tree.body)
    except (_CannotSay, SyntaxError, KeyError):
        return text.strip()
