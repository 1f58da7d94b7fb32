"""Can a condition ever hold? Interval reasoning over its syntax tree, conservative by design.

Every number in a condition is replaced by the range of values it can take (a
variable's ``min..max``, or its start value if nothing ever changes it; ``turn``
is ``1..turns``), every flag by the values it can have, and every track by the
states it can reach. The tree is then evaluated over those ranges: a comparison
*can be true* when some values in the ranges make it true, and *can be false*
likewise. Anything the evaluator does not model (division by a range that holds
zero, ``%`` by a variable, ...) is "unknown", which can be both.

So :func:`outcomes` never says "impossible" unless it is: a lint built on it
warns only about conditions that provably never (or always) hold. It is not a
solver: ``x > 5 and x < 3`` is not found, because each side alone is possible.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from game.engine.compiled import resolve_owner

Outcome = tuple[bool, bool]
"""(can be true, can be false)."""
UNKNOWN: Outcome = (True, True)


@dataclass(frozen=True)
class Interval:
    """The closed range of values a number can take."""

    lo: float
    hi: float

    def truth(self) -> Outcome:
        """Whether the number can be truthy (non-zero) and falsy (zero)."""
        return (not self.lo == self.hi == 0, self.lo <= 0 <= self.hi)


@dataclass(frozen=True)
class Truth:
    """A yes/no value: which of true and false it can be."""

    can_true: bool
    can_false: bool

    def interval(self) -> Interval:
        """As a number (Python's True is 1)."""
        return Interval(0 if self.can_false else 1, 1 if self.can_true else 0)


@dataclass(frozen=True)
class TrackValue:
    """A track's state, as the positions (in its state list) it can be at."""

    track: str
    positions: frozenset[int]


@dataclass(frozen=True)
class Text:
    """A quoted state name."""

    value: str


class Unknown:
    """A value the evaluator does not model."""


Value = Interval | Truth | TrackValue | Text | Unknown


@dataclass(frozen=True)
class Facts:
    """What the scenario allows: the ranges of its variables, flags and tracks."""

    variables: Mapping[str, tuple[int, int]]
    """``OWNER.ID`` -> (lowest, highest) value it can have."""
    flags: Mapping[str, frozenset[bool]]
    """Flag id -> the values it can have."""
    tracks: Mapping[str, tuple[str, ...]]
    """Track id -> its states in order."""
    track_states: Mapping[str, frozenset[str]]
    """Track id -> the states it can be in."""
    turns: int

    def describe(self, name: str) -> str:
        """``russia.munitions is 0..100`` and the like, for a hint."""
        if name.startswith("flag."):
            values = self.flags.get(name[5:], frozenset({False, True}))
            return f"{name} is always {str(next(iter(values))).lower()}" if len(values) == 1 else ""
        if name.startswith("track."):
            track = name[6:]
            every = self.tracks.get(track, ())
            states = [s for s in every if s in self.track_states.get(track, frozenset(every))]
            return f"{name} can only be {', '.join(states)}" if len(states) < len(every) else ""
        low, high = self.variables[name]
        return f"{name} is always {low}" if low == high else f"{name} is {low}..{high}"


@dataclass
class _Evaluator:
    facts: Facts
    self_actor: str | None
    target: str | None
    names: list[str] = field(default_factory=list)
    """Names read by the condition, as OWNER.ID, flag.ID or track.ID (for hints)."""

    def value(self, node: ast.AST) -> Value:
        method: Callable[[ast.AST], Value] | None = getattr(self, "_" + type(node).__name__, None)
        return method(node) if method is not None else Unknown()

    def truth(self, node: ast.AST) -> Outcome:
        return _truth(self.value(node))

    # --- leaves --------------------------------------------------------------------------

    def _Constant(self, node: ast.AST) -> Value:
        assert isinstance(node, ast.Constant)
        value = node.value
        if isinstance(value, bool):
            return Truth(value, not value)
        if isinstance(value, int | float):
            return Interval(value, value)
        if isinstance(value, str):
            return Text(value)
        return Unknown()

    def _Name(self, node: ast.AST) -> Value:
        assert isinstance(node, ast.Name)
        if node.id in ("true", "True"):
            return Truth(True, False)
        if node.id in ("false", "False"):
            return Truth(False, True)
        if node.id == "turn":
            return Interval(1, self.facts.turns)
        if node.id == "turns":
            return Interval(self.facts.turns, self.facts.turns)
        return Unknown()

    def _Attribute(self, node: ast.AST) -> Value:
        assert isinstance(node, ast.Attribute)
        if not isinstance(node.value, ast.Name):
            return Unknown()
        base, attr = node.value.id, node.attr
        if base == "flag":
            self.names.append(f"flag.{attr}")
            values = self.facts.flags.get(attr, frozenset({False, True}))
            return Truth(True in values, False in values)
        if base == "track":
            states = self.facts.tracks.get(attr)
            if states is None:
                return Unknown()
            self.names.append(f"track.{attr}")
            possible = self.facts.track_states.get(attr, frozenset(states))
            return TrackValue(attr, frozenset(i for i, s in enumerate(states) if s in possible))
        ref = f"{resolve_owner(base, self.self_actor, self.target)}.{attr}"
        bounds = self.facts.variables.get(ref)
        if bounds is None:
            return Unknown()
        self.names.append(ref)
        return Interval(*bounds)

    # --- operators -------------------------------------------------------------------------

    def _BoolOp(self, node: ast.AST) -> Value:
        assert isinstance(node, ast.BoolOp)
        parts = [self.truth(v) for v in node.values]
        if isinstance(node.op, ast.And):
            return Truth(all(t for t, _ in parts), any(f for _, f in parts))
        return Truth(any(t for t, _ in parts), all(f for _, f in parts))

    def _UnaryOp(self, node: ast.AST) -> Value:
        assert isinstance(node, ast.UnaryOp)
        if isinstance(node.op, ast.Not):
            can_true, can_false = self.truth(node.operand)
            return Truth(can_false, can_true)
        operand = _number(self.value(node.operand))
        if operand is None:
            return Unknown()
        if isinstance(node.op, ast.USub):
            return Interval(-operand.hi, -operand.lo)
        return operand

    def _BinOp(self, node: ast.AST) -> Value:
        assert isinstance(node, ast.BinOp)
        left, right = _number(self.value(node.left)), _number(self.value(node.right))
        if left is None or right is None:
            return Unknown()
        op = node.op
        if isinstance(op, ast.Add):
            return Interval(left.lo + right.lo, left.hi + right.hi)
        if isinstance(op, ast.Sub):
            return Interval(left.lo - right.hi, left.hi - right.lo)
        if isinstance(op, ast.Mult):
            return _corners(left, right, lambda a, b: a * b)
        if isinstance(op, ast.Div | ast.FloorDiv) and (right.lo > 0 or right.hi < 0):
            quotient = _corners(left, right, lambda a, b: a / b)
            if isinstance(quotient, Interval) and isinstance(op, ast.FloorDiv):
                return Interval(math.floor(quotient.lo), math.floor(quotient.hi))
            return quotient
        if isinstance(op, ast.Mod) and right.lo == right.hi and right.lo != 0:
            return Interval(min(0, right.lo), max(0, right.hi))
        return Unknown()

    def _IfExp(self, node: ast.AST) -> Value:
        assert isinstance(node, ast.IfExp)
        can_true, can_false = self.truth(node.test)
        body, orelse = self.value(node.body), self.value(node.orelse)
        if not can_false:
            return body
        if not can_true:
            return orelse
        return _join(body, orelse)

    def _Call(self, node: ast.AST) -> Value:
        assert isinstance(node, ast.Call)
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        args = [_number(self.value(a)) for a in node.args]
        if any(a is None for a in args) or not args:
            return Unknown()
        ranges = [a for a in args if a is not None]
        if name == "min":
            return Interval(min(a.lo for a in ranges), min(a.hi for a in ranges))
        if name == "max":
            return Interval(max(a.lo for a in ranges), max(a.hi for a in ranges))
        first = ranges[0]
        if name == "abs" and len(ranges) == 1:
            if first.lo >= 0:
                return first
            if first.hi <= 0:
                return Interval(-first.hi, -first.lo)
            return Interval(0, max(-first.lo, first.hi))
        if name in ("floor", "ceil", "round") and len(ranges) == 1:
            functions: dict[str, Callable[[float], float]] = {"floor": math.floor, "ceil": math.ceil, "round": round}
            function = functions[name]
            return Interval(function(first.lo), function(first.hi))
        if name == "clamp" and len(ranges) == 3:
            low, high = ranges[1], ranges[2]
            upper = Interval(min(first.lo, high.lo), min(first.hi, high.hi))
            return Interval(max(low.lo, upper.lo), max(low.hi, upper.hi))
        return Unknown()

    def _Compare(self, node: ast.AST) -> Value:
        assert isinstance(node, ast.Compare)
        values = [self.value(node.left), *(self.value(c) for c in node.comparators)]
        can_true, can_false = True, False
        for op, left, right in zip(node.ops, values, values[1:], strict=False):
            part_true, part_false = _compare(op, left, right, self.facts)
            can_true = can_true and part_true
            can_false = can_false or part_false
        return Truth(can_true, can_false)

    def _Expression(self, node: ast.AST) -> Value:
        assert isinstance(node, ast.Expression)
        return self.value(node.body)


def _truth(value: Value) -> Outcome:
    if isinstance(value, Truth):
        return value.can_true, value.can_false
    if isinstance(value, Interval):
        return value.truth()
    return UNKNOWN


def _number(value: Value) -> Interval | None:
    if isinstance(value, Interval):
        return value
    if isinstance(value, Truth):
        return value.interval()
    return None


def _corners(left: Interval, right: Interval, op: Callable[[float, float], float]) -> Value:
    products = [op(a, b) for a in (left.lo, left.hi) for b in (right.lo, right.hi)]
    if any(math.isnan(p) or math.isinf(p) for p in products):
        return Unknown()
    return Interval(min(products), max(products))


def _join(a: Value, b: Value) -> Value:
    if isinstance(a, Truth) and isinstance(b, Truth):
        return Truth(a.can_true or b.can_true, a.can_false or b.can_false)
    left, right = _number(a), _number(b)
    if left is not None and right is not None:
        return Interval(min(left.lo, right.lo), max(left.hi, right.hi))
    return Unknown()


_ORDER: dict[type[ast.cmpop], Callable[[float, float], bool]] = {
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
}


def _compare(op: ast.cmpop, left: Value, right: Value, facts: Facts) -> Outcome:
    """Whether ``left OP right`` can be true and can be false."""
    test = _ORDER.get(type(op))
    if test is None:
        return UNKNOWN
    left_set, right_set = _positions(left, right, facts), _positions(right, left, facts)
    if left_set is not None and right_set is not None:
        results = {test(a, b) for a in left_set for b in right_set}
        return True in results, False in results
    a, b = _number(left), _number(right)
    if a is None or b is None:
        return UNKNOWN
    if isinstance(op, ast.Gt | ast.GtE):
        a, b = b, a
    if isinstance(op, ast.Lt | ast.Gt):
        return a.lo < b.hi, a.hi >= b.lo
    if isinstance(op, ast.LtE | ast.GtE):
        return a.lo <= b.hi, a.hi > b.lo
    overlap = a.lo <= b.hi and b.lo <= a.hi
    single = a.lo == a.hi == b.lo == b.hi
    if isinstance(op, ast.Eq):
        return overlap, not single
    return not single, overlap


def _positions(value: Value, other: Value, facts: Facts) -> frozenset[int] | None:
    """A track's possible positions, or a quoted state's position when compared with a track."""
    if isinstance(value, TrackValue):
        return value.positions
    if isinstance(value, Text) and isinstance(other, TrackValue):
        states = facts.tracks.get(other.track, ())
        return frozenset({states.index(value.value)}) if value.value in states else None
    return None


@dataclass(frozen=True)
class Verdict:
    """What interval reasoning says about one condition for one binding of ``self`` and ``target``."""

    can_true: bool
    can_false: bool
    names: tuple[str, ...]
    """What the condition reads, in order of first use (``russia.munitions``, ``flag.x``, ``track.y``)."""


def outcomes(text: str, facts: Facts, self_actor: str | None = None, target: str | None = None) -> Verdict:
    """Whether the condition ``text`` can ever be true, and ever be false (unparsable text: both)."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return Verdict(True, True, ())
    evaluator = _Evaluator(facts, self_actor, target)
    try:
        can_true, can_false = evaluator.truth(tree)
    except (RecursionError, ValueError, OverflowError, ArithmeticError):
        return Verdict(True, True, ())
    return Verdict(can_true, can_false, tuple(dict.fromkeys(evaluator.names)))
