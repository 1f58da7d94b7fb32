"""Threshold sweeps: the same scenario with one number changed, a batch per value.

``parley analyze SCENARIO --sweep PATH=LO:HI:STEP`` names one number of the scenario by
its place in the file and plays a batch for each value from LO to HI (HI included). PATH
is the keys from the top, dot-separated; a list item is named by its ``id`` (or by its
position from 0)::

    actors.lowland.objectives.fed.condition=50:80:10   # the number in "self.water >= 70"
    moves.sell_water.effects.0.by=5:25:5
    world.tension.start=10:40:10
    meta.turns=4:8:2

When PATH ends at a condition, the condition must hold exactly one number, and that number is
replaced. Every changed scenario is checked as a loaded file would be, so a value that breaks
it (a ``start`` above ``max``) is a one-line error naming the value.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from game.engine.expressions import suggest
from game.scenario.checks import find_problems
from game.scenario.models import Scenario

_EXPRESSION_KEYS = ("condition", "when", "detection")
MAX_VALUES = 50
"""Most values one sweep may play (each is a whole batch)."""


class SweepError(ValueError):
    """A sweep specification that cannot be applied; the message says where and what."""


@dataclass(frozen=True)
class Sweep:
    """A parsed ``PATH=LO:HI:STEP``."""

    path: tuple[str, ...]
    values: tuple[int | float, ...]

    @property
    def name(self) -> str:
        """The path as written."""
        return ".".join(self.path)


def parse_sweep(text: str) -> Sweep:
    """Parse ``PATH=LO:HI:STEP``; raise :class:`SweepError` with what is wrong."""
    path, equals, numbers = text.partition("=")
    parts = numbers.split(":")
    if not equals or not path or len(parts) != 3:
        raise SweepError(
            f"expected PATH=LO:HI:STEP such as actors.lowland.objectives.fed.condition=50:80:5, got {text!r}"
        )
    try:
        low, high, step = (Decimal(p.strip()) for p in parts)
    except InvalidOperation:
        raise SweepError(f"LO, HI and STEP must be numbers, got {numbers!r}") from None
    if step <= 0:
        raise SweepError(f"STEP must be more than 0, got {parts[2]}")
    if high < low:
        raise SweepError(f"HI ({parts[1]}) is below LO ({parts[0]})")
    count = int((high - low) / step) + 1
    if count > MAX_VALUES:
        raise SweepError(f"{count} values to play; at most {MAX_VALUES} (use a larger STEP)")
    integral = all(v == v.to_integral_value() for v in (low, high, step))
    values = tuple(int(low + i * step) if integral else float(low + i * step) for i in range(count))
    return Sweep(tuple(path.strip().split(".")), values)


def apply_sweep(scenario: Scenario, sweep: Sweep, value: int | float) -> Scenario:
    """The scenario with the number at ``sweep.path`` set to ``value``, checked as a loaded file."""
    data = scenario.model_dump(mode="python", exclude_unset=True)
    parent, key = _locate(data, sweep.path)
    current = parent[key]
    expression = isinstance(current, str) and key in _EXPRESSION_KEYS
    if isinstance(current, bool) or not (isinstance(current, int | float) or expression):
        raise SweepError(f"{sweep.name}: is {_kind(current)}, not a number or a condition")
    if isinstance(current, str):
        parent[key] = replace_number(current, value, sweep.name)
    elif isinstance(current, int) and not float(value).is_integer():
        raise SweepError(f"{sweep.name}: takes whole numbers, got {value}")
    else:
        parent[key] = int(value) if isinstance(current, int) else float(value)
    try:
        changed = Scenario.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(step) for step in first["loc"])
        raise SweepError(f"{sweep.name}={value}: the scenario is no longer valid: {where}: {first['msg']}") from None
    problems = find_problems(changed)
    if problems:
        raise SweepError(f"{sweep.name}={value}: the scenario is no longer valid: {problems[0].message}")
    return changed


def _locate(data: Any, path: tuple[str, ...]) -> tuple[Any, Any]:
    """The container and key (or index) of the value at ``path``."""
    node = data
    for number, step in enumerate(path):
        where = ".".join(path[: number + 1])
        if isinstance(node, dict):
            if step not in node:
                raise SweepError(f"{where}: no key '{step}' here" + suggest(step, list(node)))
            key: Any = step
        elif isinstance(node, list):
            ids = [item.get("id") for item in node if isinstance(item, dict)]
            if step in ids:
                key = ids.index(step)
            elif step.isdigit() and int(step) < len(node):
                key = int(step)
            else:
                raise SweepError(f"{where}: no item with id '{step}' here" + suggest(step, [i for i in ids if i]))
        else:
            raise SweepError(f"{where}: {'.'.join(path[:number])} is {_kind(node)}, it has no '{step}'")
        if number == len(path) - 1:
            return node, key
        node = node[key]
    raise SweepError("the path is empty")


def replace_number(text: str, value: int | float, name: str) -> str:
    """``text`` (a condition) with its one number replaced by ``value``."""
    try:
        tree = ast.parse("(" + text + "\n)", mode="eval")
    except SyntaxError:
        raise SweepError(f"{name}: the condition does not parse") from None
    spans = _numbers(tree)
    if len(spans) != 1:
        raise SweepError(f"{name}: the condition {text!r} has {len(spans)} numbers; a sweep needs exactly one")
    starts = [0] + [m.end() for m in re.finditer("\n", "(" + text)]
    ((line, column, end_line, end_column),) = spans
    begin = starts[line - 1] + column - 1
    end = starts[end_line - 1] + end_column - 1
    return text[:begin] + _shown(value) + text[end:]


def _numbers(tree: ast.AST) -> list[tuple[int, int, int, int]]:
    """Positions of the number literals (a minus sign included) of a parsed condition."""
    signed: set[int] = set()
    spans = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and _is_number(node.operand.value)
        ):
            signed.add(id(node.operand))
            spans.append(_span(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and _is_number(node.value) and id(node) not in signed:
            spans.append(_span(node))
    return spans


def _span(node: ast.expr) -> tuple[int, int, int, int]:
    return node.lineno, node.col_offset, node.end_lineno or node.lineno, node.end_col_offset or node.col_offset


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _shown(value: int | float) -> str:
    return str(value) if isinstance(value, int) else f"{value:g}"


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true or false"
    return "empty" if value is None else f"the text {value!r}"
