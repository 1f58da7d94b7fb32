"""Safe conditions: a whitelisted subset of Python expressions, compiled once.

An author writes ``russia.munitions < 30 and track.partnership >= 'cordial'``.
At load time the text is parsed, every node is checked against a whitelist,
every dotted name is resolved to the scenario's own variable, track or flag
(nothing else: no attribute access on Python objects, no subscripts, no
imports, no dunder names), and the tree is rewritten to read from three plain
dicts. The result is compiled to a code object that is evaluated with no
builtins at all.

Track states are ordered: ``track.sanctions >= 'enforced'`` compares state
positions, so a state string compared with a track is checked (and turned
into its position) at load time.
"""

from __future__ import annotations

import ast
import difflib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import CodeType
from typing import Any

from game.scenario.models import MAX_NUMBER, WORLD, Scenario

VARS = "V"
TRACKS = "T"
FLAGS = "F"


# MAX_NUMBER (the number model) is the format's, defined with the models: the format stands below the engine.
MAX_VALUE = 10**15
"""Arithmetic in a condition saturates at ±MAX_VALUE: results never grow past it, never become
infinite or not-a-number, so evaluation is total (no overflow, no hang, no exception)."""
MAX_DIGITS = 15
"""round(x, n) rounds to at most this many digits either side of the point."""


def _bounded(value: Any) -> Any:
    """``value`` limited to ±MAX_VALUE (a float that is not a number becomes 0)."""
    if -MAX_VALUE <= value <= MAX_VALUE:
        return value
    if value != value:  # NaN
        return 0
    return MAX_VALUE if value > 0 else -MAX_VALUE


def _add(a: Any, b: Any) -> Any:
    """a + b, saturated."""
    return _bounded(a + b)


def _subtract(a: Any, b: Any) -> Any:
    """a - b, saturated."""
    return _bounded(a - b)


def _multiply(a: Any, b: Any) -> Any:
    """a * b, saturated."""
    return _bounded(a * b)


def _clamp(value: float, low: float, high: float) -> float:
    """Limit value to the range [low, high]."""
    return max(low, min(high, value))


def _divide(a: float, b: float) -> float:
    """a / b, or 0 when b is 0 (a condition never crashes a game), saturated."""
    return _bounded(a / b) if b else 0


def _floor_divide(a: float, b: float) -> float:
    """a // b, or 0 when b is 0, saturated."""
    return _bounded(a // b) if b else 0


def _modulo(a: float, b: float) -> float:
    """a % b, or 0 when b is 0."""
    return _bounded(a % b) if b else 0


def _round(value: float, digits: int | None = None) -> float:
    """round(value) or round(value, digits), with digits limited to ±MAX_DIGITS (a huge digits would hang)."""
    if digits is None:
        return round(value)
    return round(value, max(-MAX_DIGITS, min(MAX_DIGITS, int(digits))))


_SAFE_OPS: dict[type[ast.operator], str] = {
    ast.Add: "_add", ast.Sub: "_sub", ast.Mult: "_mul", ast.Div: "_div", ast.FloorDiv: "_floordiv", ast.Mod: "_mod",
}  # fmt: skip
_HELPERS: dict[str, Callable[..., Any]] = {
    "_add": _add, "_sub": _subtract, "_mul": _multiply, "_div": _divide, "_floordiv": _floor_divide, "_mod": _modulo,
}  # fmt: skip
HELPERS = _HELPERS
"""The saturating arithmetic a compiled condition calls (``_add`` for ``+``, ...), by the names it calls them."""

FUNCTIONS: dict[str, Callable[..., Any]] = {
    "min": min,
    "max": max,
    "abs": abs,
    "round": _round,
    "clamp": _clamp,
    "floor": math.floor,
    "ceil": math.ceil,
}
"""The only functions a condition may call."""

ARITY: dict[str, tuple[int, int | None]] = {
    "min": (2, None), "max": (2, None), "abs": (1, 1), "round": (1, 2), "clamp": (3, 3),
    "floor": (1, 1), "ceil": (1, 1),
}  # fmt: skip
"""How many arguments each function takes: (at least, at most or None)."""

KEYWORD_NAMES = ("turn", "turns")
"""Plain names a condition may use: the current turn and the number of turns."""

_CONSTANT_NAMES = {"true": True, "false": False, "True": True, "False": False}

_BOOL_OPS = (ast.And, ast.Or)
_UNARY_OPS = (ast.Not, ast.USub, ast.UAdd)
_BIN_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod)
_CMP_OPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_OP_WORDS = {
    ast.Pow: "**", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<",
    ast.RShift: ">>", ast.MatMult: "@", ast.In: "in", ast.NotIn: "not in", ast.Is: "is",
    ast.IsNot: "is not", ast.Invert: "~",
}  # fmt: skip


class ExpressionError(ValueError):
    """A condition that does not parse or names something unknown.

    ``line`` and ``column`` are 0-based positions inside the expression text.
    """

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Names:
    """What a condition may refer to, and how ``self``/``target`` are bound."""

    variables: frozenset[str]
    """Every variable as ``OWNER.ID`` (owners are actor ids and ``world``)."""
    owners: frozenset[str]
    """Actor ids plus ``world``."""
    tracks: Mapping[str, tuple[str, ...]]
    """Track id -> its states in order."""
    flags: frozenset[str]
    self_actor: str | None = None
    target_actor: str | None = None
    target_possible: bool = False
    """True inside a move that has targets (even before a target is bound)."""
    per_actor: Mapping[str, Mapping[str, str]] | None = None
    """A move's shared names: ``self.NAME``/``target.NAME`` -> that actor's own variable (``Move.per_actor``)."""

    def bind(self, self_actor: str | None, target_actor: str | None) -> Names:
        """The same names with ``self`` and ``target`` bound to actors."""
        return Names(
            self.variables, self.owners, self.tracks, self.flags, self_actor, target_actor, target_actor is not None,
            self.per_actor,
        )

    def with_per_actor(self, per_actor: Mapping[str, Mapping[str, str]] | None) -> Names:
        """The same names where ``self.NAME`` and ``target.NAME`` follow a move's ``per_actor`` mapping."""
        return Names(self.variables, self.owners, self.tracks, self.flags, self.self_actor, self.target_actor,
                     self.target_possible, per_actor or None)  # fmt: skip


@dataclass(frozen=True)
class Condition:
    """A compiled condition; call it with the game's namespace dict."""

    text: str
    code: CodeType = field(repr=False, compare=False)
    variables: frozenset[str] = frozenset()
    tracks: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()

    def __call__(self, namespace: dict[str, Any]) -> Any:
        return eval(self.code, namespace)


def suggest(word: str, choices: object) -> str:
    """A ``did you mean`` suffix for ``word`` among ``choices`` (empty when nothing is close)."""
    matches = difflib.get_close_matches(word, sorted(str(c) for c in choices), n=1, cutoff=0.6)  # type: ignore[attr-defined]
    return f"; did you mean '{matches[0]}'?" if matches else ""


def new_namespace(variables: dict[str, int], tracks: dict[str, int], flags: dict[str, bool]) -> dict[str, Any]:
    """The evaluation namespace: three plain dicts, the whitelisted functions, and no builtins."""
    namespace: dict[str, Any] = {"__builtins__": {}, VARS: variables, TRACKS: tracks, FLAGS: flags}
    namespace.update(FUNCTIONS)
    namespace.update(_HELPERS)
    namespace["turn"] = 1
    namespace["turns"] = 1
    return namespace


class _Kind:
    """The static kind of a sub-expression, enough to check track comparisons."""

    NUMBER = "number"
    BOOL = "bool"
    STRING = "string"
    TRACK = "track"
    ANY = "any"


class _Compiler:
    """Checks and rewrites one expression tree."""

    def __init__(self, text: str, names: Names) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.names = names
        self.variables: set[str] = set()
        self.tracks: set[str] = set()
        self.flags: set[str] = set()

    def fail(self, node: ast.AST, message: str) -> ExpressionError:
        """An error at ``node``, positioned in the author's text (the parsed source has a leading '(')."""
        line = min(getattr(node, "lineno", 1) - 1, len(self.lines) - 1)
        byte_col = getattr(node, "col_offset", 0)
        source_line = ("(" if line == 0 else "") + self.lines[line]
        column = len(source_line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))
        return ExpressionError(message, line, max(column - (1 if line == 0 else 0), 0))

    # Each visit returns (new node, kind, track id if kind is TRACK).
    def visit(self, node: ast.AST) -> tuple[ast.expr, str, str | None]:
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            raise self.fail(node, f"{_describe(node)} is not allowed in a condition")
        result: tuple[ast.expr, str, str | None] = method(node)
        return result

    def visit_Constant(self, node: ast.Constant) -> tuple[ast.expr, str, str | None]:
        value = node.value
        if isinstance(value, bool):
            return node, _Kind.BOOL, None
        if isinstance(value, int | float):
            if not (math.isfinite(value) and -MAX_NUMBER <= value <= MAX_NUMBER):
                shown = str(value) if len(str(value)) <= 20 else str(value)[:17] + "..."
                limits = f"numbers are between -{MAX_NUMBER} and {MAX_NUMBER}"
                raise self.fail(node, f"the number {shown} is too large: {limits}")
            return node, _Kind.NUMBER, None
        if isinstance(value, str):
            if len(value) > 100:
                raise self.fail(node, "a string in a condition may have at most 100 characters")
            return node, _Kind.STRING, None
        raise self.fail(node, f"the constant {value!r} is not allowed in a condition")

    def visit_Name(self, node: ast.Name) -> tuple[ast.expr, str, str | None]:
        if node.id in _CONSTANT_NAMES:
            return ast.copy_location(ast.Constant(_CONSTANT_NAMES[node.id]), node), _Kind.BOOL, None
        if node.id in KEYWORD_NAMES:
            return node, _Kind.NUMBER, None
        if node.id in FUNCTIONS:
            raise self.fail(node, f"'{node.id}' is a function: call it, as in {node.id}(a, b)")
        if node.id in ("self", "target", "track", "flag", "world") or node.id in self.names.owners:
            raise self.fail(node, f"'{node.id}' needs a name after a dot, as in {node.id}.ID")
        known = sorted(KEYWORD_NAMES) + sorted(self.names.owners) + ["track", "flag", "self", "target"]
        raise self.fail(
            node,
            f"unknown name '{node.id}': use ACTOR.VARIABLE, world.VARIABLE, track.ID, flag.ID, turn or turns"
            + suggest(node.id, known),
        )

    def visit_Attribute(self, node: ast.Attribute) -> tuple[ast.expr, str, str | None]:
        if not isinstance(node.value, ast.Name):
            raise self.fail(node, "only simple names like russia.munitions are allowed (one dot)")
        base, attr = node.value.id, node.attr
        if base.startswith("_") or attr.startswith("_"):
            raise self.fail(node, f"names starting with '_' are not allowed: '{base}.{attr}'")
        if base == "track":
            if attr not in self.names.tracks:
                raise self.fail(node, f"unknown track '{attr}'" + suggest(attr, self.names.tracks))
            self.tracks.add(attr)
            return self._subscript(TRACKS, attr, node), _Kind.TRACK, attr
        if base == "flag":
            if attr not in self.names.flags:
                raise self.fail(node, f"unknown flag '{attr}'" + suggest(attr, self.names.flags))
            self.flags.add(attr)
            return self._subscript(FLAGS, attr, node), _Kind.BOOL, None
        owner = base
        if base == "self":
            if self.names.self_actor is None:
                raise self.fail(node, "'self' can only be used inside an actor's move, upkeep or objective")
            owner = self.names.self_actor
        elif base == "target":
            if not self.names.target_possible:
                raise self.fail(node, "'target' can only be used inside a move that has targets")
            if self.names.target_actor is None:
                raise self.fail(node, "'target' is not bound here")
            owner = self.names.target_actor
        elif base not in self.names.owners:
            raise self.fail(
                node,
                f"unknown actor '{base}'" + suggest(base, [*self.names.owners, "track", "flag", "self", "target"]),
            )
        if self.names.per_actor and base in ("self", "target"):
            attr = self.names.per_actor.get(attr, {}).get(owner, attr)
        ref = f"{owner}.{attr}"
        if ref not in self.names.variables:
            own = sorted(v.split(".", 1)[1] for v in self.names.variables if v.startswith(owner + "."))
            raise self.fail(node, f"unknown variable '{attr}' of {owner}" + suggest(attr, own))
        self.variables.add(ref)
        return self._subscript(VARS, ref, node), _Kind.NUMBER, None

    @staticmethod
    def _subscript(table: str, key: str, node: ast.AST) -> ast.expr:
        name = ast.copy_location(ast.Name(id=table, ctx=ast.Load()), node)
        new = ast.Subscript(value=name, slice=ast.copy_location(ast.Constant(key), node), ctx=ast.Load())
        return ast.copy_location(new, node)

    def visit_BoolOp(self, node: ast.BoolOp) -> tuple[ast.expr, str, str | None]:
        if not isinstance(node.op, _BOOL_OPS):
            raise self.fail(node, "only 'and' and 'or' are allowed")
        values = [self._value(v) for v in node.values]
        return ast.copy_location(ast.BoolOp(op=node.op, values=values), node), _Kind.BOOL, None

    def visit_UnaryOp(self, node: ast.UnaryOp) -> tuple[ast.expr, str, str | None]:
        if not isinstance(node.op, _UNARY_OPS):
            raise self.fail(node, f"the operator '{_OP_WORDS.get(type(node.op), '?')}' is not allowed")
        operand = self._value(node.operand)
        kind = _Kind.BOOL if isinstance(node.op, ast.Not) else _Kind.NUMBER
        return ast.copy_location(ast.UnaryOp(op=node.op, operand=operand), node), kind, None

    def visit_BinOp(self, node: ast.BinOp) -> tuple[ast.expr, str, str | None]:
        if not isinstance(node.op, _BIN_OPS):
            raise self.fail(node, f"the operator '{_OP_WORDS.get(type(node.op), '?')}' is not allowed")
        left = self._number(node.left)
        right = self._number(node.right)
        helper = ast.copy_location(ast.Name(id=_SAFE_OPS[type(node.op)], ctx=ast.Load()), node)
        call = ast.Call(func=helper, args=[left, right], keywords=[])
        return ast.copy_location(call, node), _Kind.NUMBER, None

    def visit_IfExp(self, node: ast.IfExp) -> tuple[ast.expr, str, str | None]:
        new = ast.IfExp(test=self._value(node.test), body=self._value(node.body), orelse=self._value(node.orelse))
        return ast.copy_location(new, node), _Kind.ANY, None

    def visit_Call(self, node: ast.Call) -> tuple[ast.expr, str, str | None]:
        allowed = ", ".join(FUNCTIONS)
        if not isinstance(node.func, ast.Name):
            raise self.fail(node, f"only plain functions can be called ({allowed}), not methods or results")
        if node.func.id not in FUNCTIONS:
            name = node.func.id
            message = f"'{name}' cannot be called: allowed functions are {allowed}"
            raise self.fail(node, message + suggest(name, FUNCTIONS))
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise self.fail(node, f"call {node.func.id}() with plain arguments only")
        args = [self._number(a) for a in node.args]
        least, most = ARITY[node.func.id]
        if len(node.args) < least or (most is not None and len(node.args) > most):
            count = f"{least}" if least == most else f"{least} or more" if most is None else f"{least} to {most}"
            raise self.fail(node, f"{node.func.id}() takes {count} argument{'s' if count != '1' else ''}")
        new = ast.Call(func=ast.copy_location(ast.Name(id=node.func.id, ctx=ast.Load()), node), args=args, keywords=[])
        return ast.copy_location(new, node), _Kind.NUMBER, None

    def visit_Compare(self, node: ast.Compare) -> tuple[ast.expr, str, str | None]:
        for op in node.ops:
            if not isinstance(op, _CMP_OPS):
                raise self.fail(node, f"the comparison '{_OP_WORDS.get(type(op), '?')}' is not allowed")
        parts = [self.visit(node.left)] + [self.visit(c) for c in node.comparators]
        originals = [node.left, *node.comparators]
        new_nodes = [p[0] for p in parts]
        for i in range(len(parts) - 1):
            for a, b in ((i, i + 1), (i + 1, i)):
                if parts[a][1] == _Kind.TRACK and parts[b][1] == _Kind.STRING:
                    new_nodes[b] = self._state_index(parts[a][2], originals[b])
            kinds = {parts[i][1], parts[i + 1][1]}
            if _Kind.STRING in kinds and _Kind.TRACK not in kinds:
                raise self.fail(originals[i], "a quoted state can only be compared with a track: track.ID == 'state'")
            if _Kind.TRACK in kinds and not kinds <= {_Kind.TRACK, _Kind.STRING}:
                raise self.fail(originals[i], "a track can only be compared with one of its states, such as 'cordial'")
        new = ast.Compare(left=new_nodes[0], ops=node.ops, comparators=new_nodes[1:])
        return ast.copy_location(new, node), _Kind.BOOL, None

    def _state_index(self, track: str | None, node: ast.expr) -> ast.expr:
        assert track is not None and isinstance(node, ast.Constant)
        states = self.names.tracks[track]
        if node.value not in states:
            raise self.fail(node, f"track '{track}' has no state {node.value!r}" + suggest(str(node.value), states))
        return ast.copy_location(ast.Constant(states.index(node.value)), node)

    def _value(self, node: ast.AST) -> ast.expr:
        new, kind, _ = self.visit(node)
        if kind in (_Kind.STRING, _Kind.TRACK):
            raise self.fail(node, "a track or a quoted state must be compared, as in track.ID == 'state'")
        return new

    def _number(self, node: ast.AST) -> ast.expr:
        new, kind, _ = self.visit(node)
        if kind in (_Kind.STRING, _Kind.TRACK):
            raise self.fail(node, "arithmetic needs numbers, not a track or a quoted state")
        return new


def _describe(node: ast.AST) -> str:
    words = {
        "Subscript": "indexing with [ ]", "Lambda": "lambda", "ListComp": "a list comprehension",
        "List": "a list", "Dict": "a dict", "Tuple": "a tuple", "Set": "a set", "JoinedStr": "an f-string",
        "NamedExpr": "':='", "GeneratorExp": "a generator", "Await": "await", "Starred": "'*'",
    }  # fmt: skip
    return words.get(type(node).__name__, f"'{type(node).__name__}'")


MAX_LENGTH = 500
MAX_DEPTH = 40


def compile_condition(text: str, names: Names) -> Condition:
    """Check, rewrite and compile ``text``; raise :class:`ExpressionError` on any problem."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"a condition may have at most {MAX_LENGTH} characters")
    if text.count("(") > MAX_DEPTH:
        raise ExpressionError(f"a condition may nest at most {MAX_DEPTH} parentheses")
    lines = text.split("\n")
    try:
        # Brackets let a condition span lines and start with blanks; positions are mapped back.
        tree = ast.parse("(" + text + "\n)", mode="eval")
    except SyntaxError as exc:
        line = min((exc.lineno or 1) - 1, len(lines) - 1)
        column = max((exc.offset or 1) - 1 - (1 if line == 0 else 0), 0)
        raise ExpressionError(f"cannot parse condition: {exc.msg}", line, min(column, len(lines[line]))) from None
    except (RecursionError, MemoryError):
        raise ExpressionError("the condition is nested too deeply: split it or remove brackets and signs") from None
    compiler = _Compiler(text, names)
    try:
        body = compiler._value(tree.body)
    except RecursionError:
        raise ExpressionError("the condition is nested too deeply: split it or remove brackets and signs") from None
    try:  # every rewritten node carries its position: no walk over the tree to fill them in
        code = compile(ast.Expression(body=body), "<condition>", "eval")
    except (TypeError, ValueError):
        code = compile(ast.fix_missing_locations(ast.Expression(body=body)), "<condition>", "eval")
    return Condition(
        text=text,
        code=code,
        variables=frozenset(compiler.variables),
        tracks=frozenset(compiler.tracks),
        flags=frozenset(compiler.flags),
    )


def condition_source(text: str, names: Names) -> str:
    """The Python expression :func:`compile_condition` compiles ``text`` to (the same checks, the same rewrite),
    as source: it reads ``V``, ``T``, ``F``, ``turn``, ``turns`` and the whitelisted functions and helpers, as the
    compiled code does from the namespace. For code that inlines conditions (:mod:`game.engine.quiet`), which
    checks that the source compiles to the condition's own code before it uses it."""
    compiler = _Compiler(text, names)
    return ast.unparse(compiler._value(ast.parse("(" + text + "\n)", mode="eval").body))


def compile_amount(text: str, names: Names) -> Condition:
    """:func:`compile_condition` for an expression that gives a number (an effect's ``by_expr``, ``to_expr`` or
    ``points_expr``): a comparison, ``and``/``or``/``not`` or a flag is refused where a number is expected."""
    condition = compile_condition(text, names)
    tree = ast.parse("(" + text + "\n)", mode="eval").body
    if isinstance(tree, ast.Compare | ast.BoolOp) or (isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.Not)):
        raise ExpressionError("an amount must be a number, not a yes/no test: use A if TEST else B", 0, 0)
    if isinstance(tree, ast.Attribute) and isinstance(tree.value, ast.Name) and tree.value.id == "flag":
        raise ExpressionError("an amount must be a number, not a flag: use 1 if flag.ID else 0", 0, 0)
    if (isinstance(tree, ast.Constant) and isinstance(tree.value, bool)) or (
        isinstance(tree, ast.Name) and tree.id in _CONSTANT_NAMES
    ):
        raise ExpressionError("an amount must be a number, not true or false", 0, 0)
    return condition


def evaluate_amount(condition: Condition, namespace: dict[str, Any]) -> int:
    """An amount expression's value now: a whole number (rounded as round() does) within ±MAX_NUMBER."""
    value = round(eval(condition.code, namespace))
    return MAX_NUMBER if value > MAX_NUMBER else -MAX_NUMBER if value < -MAX_NUMBER else int(value)


def scenario_names(scenario: Scenario) -> Names:
    """Everything a condition in this scenario may refer to (``self``/``target`` unbound)."""
    variables = {f"{WORLD}.{v.id}" for v in scenario.world}
    for actor in scenario.actors:
        variables |= {f"{actor.id}.{v.id}" for v in actor.variables}
    return Names(
        variables=frozenset(variables),
        owners=frozenset([WORLD, *(a.id for a in scenario.actors)]),
        tracks={t.id: tuple(t.states) for t in scenario.tracks},
        flags=frozenset(f.id for f in scenario.flags),
    )
