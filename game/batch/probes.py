"""What an objective's condition measures: the value it compares with its threshold.

``self.water >= 70`` tests the value ``self.water`` against the threshold 70. For a
condition that is one comparison of an expression with a number, :func:`objective_probes`
compiles the expression alone, so a batch can record its value at the end of every game
and report "met in 98 % of games; median 74 against 70". Other conditions (``and``/``or``,
track states) get no probe: their report is the share of games in which they were met.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from game.engine import CompiledScenario
from game.engine.expressions import Condition, ExpressionError, compile_condition

_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


@dataclass(frozen=True)
class Probe:
    """The measured side of an objective's comparison."""

    value: str
    """The expression as written, e.g. ``self.water``."""
    op: str
    """The comparison with the value on the left, e.g. ``>=``."""
    threshold: float
    condition: Condition
    """The value expression, compiled for the objective's actor."""


def probe(text: str, compiled: CompiledScenario, actor: str) -> Probe | None:
    """The probe of one condition, or None when it is not one comparison with a number."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(tree, ast.Compare) or len(tree.ops) != 1 or type(tree.ops[0]) not in _OPS:
        return None
    op = _OPS[type(tree.ops[0])]
    left, right = tree.left, tree.comparators[0]
    number = _number(right)
    if number is None:
        number, left, op = _number(left), right, _FLIPPED[op]
    if number is None:
        return None
    segment = ast.get_source_segment(text.strip(), left)
    if not segment:
        return None
    try:
        condition = compile_condition(segment, compiled.names.bind(actor, None))
    except ExpressionError:
        return None
    if condition.tracks:
        return None
    return Probe(segment, op, number, condition)


def _number(node: ast.expr) -> float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _number(node.operand)
        return None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    return None


_CACHE: dict[int, tuple[CompiledScenario, tuple[Probe | None, ...]]] = {}


def objective_probes(compiled: CompiledScenario) -> tuple[Probe | None, ...]:
    """A probe (or None) for every objective, in :attr:`CompiledScenario.objectives` order; built once per scenario."""
    cached = _CACHE.get(id(compiled))
    if cached is not None and cached[0] is compiled:
        return cached[1]
    probes = tuple(probe(o.objective.condition, compiled, o.actor) for o in compiled.objectives)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(compiled)] = (compiled, probes)
    return probes
