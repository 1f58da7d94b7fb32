"""The quiet path's tables: what a quiet game (:attr:`Game.quiet <game.engine.game.Game.quiet>`) runs, built once
per compiled scenario.

A look-ahead bot plays about 1,500 one-turn rollouts on quiet copies per game, so the work of a quiet turn is
what its phases cost. A quiet game writes no log, so its effects need neither the change records nor the log
lines of :func:`~game.engine.outlook.apply_ops`. Here each list of primitive ops is compiled, once, into a plain
Python function that applies it in the same order with the same numbers (bounds and keys folded in as
constants); each move's checks and effects into one function; each turn's news (the events its turn allows,
their checks and effects) into one function; and the assessment (upkeep, objectives, endings) into one
function. Lists with special ops (:mod:`game.engine.effects`) are applied by
:func:`~game.engine.outlook.apply_ops` itself, as in a game that logs. Conditions are written in as the
whitelisted compiler's own expressions when they compile to the very code the game evaluates otherwise.

:class:`QuietPlan` is built on a scenario's first quiet game (:func:`quiet_plan`) and never changes after.
Tests: tests/engine/test_quiet.py (a quiet twin of a game that logs has the same numbers after every step).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from game.engine.effects import PRIMITIVE
from game.engine.expressions import FUNCTIONS, HELPERS, Condition, Names, condition_source
from game.engine.outlook import TrackMoved, apply_ops

if TYPE_CHECKING:
    from game.engine.compiled import BoundMove, CompiledEnding, CompiledScenario, Op, TrackMachine
    from game.engine.decisions import Decision

_K = TypeVar("_K")
_V = TypeVar("_V")

Apply = Callable[[dict[str, Any], dict[str, int], dict[str, Any], "TrackMoved | None"], "str | None"]
"""Applies a list of ops to (state, track positions, namespace, track callback); returns an ending id or None."""
Check = Callable[[dict[str, int], dict[str, Any]], bool]
"""A move's condition and cost checks on (variables, namespace): True when it can still be made."""
Resolve = Callable[[dict[str, Any], dict[str, int], dict[str, Any], "TrackMoved | None"], "str | bool | None"]
"""A move's checks and effects on (state, track positions, namespace, track callback): False when a check fails,
else an ending id or None."""
Legal = Callable[[dict[str, Any], dict[str, Any]], "list[Decision]"]
"""An actor's legal decisions in the diplomacy phase on (state, namespace)."""
Roll = Callable[[tuple[str, ...], float], bool]
"""The game's dice (:meth:`Game._roll`)."""
News = Callable[[dict[str, Any], dict[str, int], dict[str, Any], "TrackMoved | None", Roll], "tuple[str, int] | None"]
"""A turn's news on (state, track positions, namespace, track callback, roll): None, or (ending id, event index)."""
Assess = Callable[[dict[str, Any], dict[str, Any]], "CompiledEnding | bool | None"]
"""A turn's assessment up to its history snapshot on (state, namespace)."""


@dataclass(frozen=True, slots=True)
class QuietMove:
    """A bound move as the quiet resolution runs it."""

    bound: BoundMove
    check: Check | None
    """Its condition and cost checks in the order :meth:`Game._resolve` makes them (None: nothing to check)."""
    apply: Apply
    """Its :attr:`~game.engine.compiled.BoundMove.resolve_ops`."""
    detect: Apply
    """Its :attr:`~game.engine.compiled.BoundMove.on_detect`."""
    resolve: Resolve
    """:attr:`check` and :attr:`apply` in one call (for a quiet game without an observer)."""
    deal: int
    """0: an action; 1: a deal with its target (one proposal); 2: a deal among several parties."""
    covert: bool
    """True when its detection is rolled once it applies."""
    detect_roll: tuple[str, str, str]
    """What its detection roll is called (:meth:`Game._roll`)."""


class _Built(dict[_K, _V]):
    """A table whose entries are built when they are first looked up (a scenario of a thousand moves compiles
    only those its quiet games make). Two threads may build one entry at once: both build the same."""

    def __init__(self, build: Callable[[_K], _V]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: _K) -> _V:
        value = self[key] = self._build(key)
        return value


class QuietPlan:
    """Everything a quiet game of one scenario runs, compiled once (see the module's docstring)."""

    def __init__(self, compiled: CompiledScenario) -> None:
        self.compiled = compiled
        functions: dict[tuple[Op, ...], Apply] = {}

        def applier(ops: tuple[Op, ...]) -> Apply:
            if any(op.kind not in PRIMITIVE for op in ops):  # never shared: equal conditions may read other numbers
                return ops_function(compiled, ops)  # ("self.v - target.v" bound both ways compares equal)
            known = functions.get(ops)
            if known is None:
                known = functions[ops] = ops_function(compiled, ops)
            return known

        def move(key: tuple[str, str, str | None]) -> QuietMove:
            bound = compiled.bound_index[key]
            return QuietMove(
                bound, check_function(compiled, bound), applier(bound.resolve_ops), applier(bound.on_detect),
                resolve_function(compiled, bound), 2 if bound.parties else 1 if bound.is_deal else 0,
                bound.covert, ("detect", bound.actor, bound.id),
            )

        self.moves: dict[tuple[str, str, str | None], QuietMove] = _Built(move)
        """By the key of :attr:`CompiledScenario.bound_index`, each built when it is first resolved."""
        self._applier = applier
        self.legal: dict[str, Legal] = _Built(lambda actor: legal_function(compiled, actor))
        """Each actor's :meth:`Game._legal_moves` and its pass, as one function (see :func:`legal_function`)."""
        self._news: dict[int, News] = {}
        self.assess: Assess = assess_function(compiled)
        """The assessment up to the history snapshot (see :func:`assess_function`)."""

    def news(self, turn: int) -> News:
        """The news phase of ``turn`` as one function (see :func:`news_function`), built on first use."""
        known = self._news.get(turn)
        if known is None:
            known = self._news[turn] = news_function(self.compiled, turn, self._applier)
        return known


def quiet_plan(compiled: CompiledScenario) -> QuietPlan:
    """The scenario's quiet plan, built on first use and kept with the compiled scenario."""
    plan: QuietPlan | None = getattr(compiled, "_quiet_plan", None)
    if plan is None:
        plan = QuietPlan(compiled)
        compiled._quiet_plan = plan  # type: ignore[attr-defined]
    return plan


_READS = ("F", "T", "V", "turn", "turns")
"""The namespace entries a condition reads (besides the whitelisted functions)."""


def _condition(condition: Condition, names: Names, constants: dict[str, Any]) -> str:
    """A condition as source: inlined as the whitelisted compiler's own rewritten expression
    (:func:`~game.engine.expressions.condition_source`) when that compiles to the very code of the condition, else
    an ``eval`` of its code in the namespace. The names an inlined condition reads are bound from the namespace at
    the top of the function (:func:`_define`)."""
    try:
        source = condition_source(condition.text, names)
        code = compile(source, "<condition>", "eval")
    except (ValueError, SyntaxError, RecursionError, MemoryError):
        code = None
    own = condition.code
    if code is None or (code.co_code, code.co_consts, code.co_names) != (own.co_code, own.co_consts, own.co_names):
        return f"eval({_literal(own, constants)}, ns)"
    reads: set[str] = constants.setdefault(_USES, set())
    reads.update(name for name in code.co_names if name in _READS)
    return f"({source})"


_USES = "_uses"
"""The key under which the generated code's constants collect the namespace entries its conditions read."""


def _literal(value: Any, constants: dict[str, Any]) -> str:
    """``value`` as source: the ``repr`` of None, a bool, a str or an int below 10**18 (exact, and nothing but a
    literal: ``repr`` of a str escapes its quotes, backslashes and control characters), else a named constant
    (checked by type, not by ``isinstance``: a subclass could change its ``repr``)."""
    kind = type(value)
    if value is None or kind is bool or kind is str or (kind is int and -(10**18) < value < 10**18):
        return repr(value)
    name = f"_c{len(constants) - (_USES in constants)}"
    constants[name] = value
    return name


def ops_function(compiled: CompiledScenario, ops: tuple[Op, ...]) -> Apply:
    """``ops`` as one function that applies them as :func:`~game.engine.outlook.apply_ops` does with no log entry
    (same order, same clamping, the same track transitions and callbacks); lists with special ops call it."""
    constants: dict[str, Any] = {}
    body = _ops_source(compiled, ops, constants)
    if body is None:

        def special(state: dict[str, Any], track_index: dict[str, int], namespace: dict[str, Any],
                    on_track: TrackMoved | None) -> str | None:  # fmt: skip
            return apply_ops(compiled, state, track_index, namespace, ops, None, on_track)

        return special
    function: Apply = _define("apply", ["def apply(state, T, ns, on_track):", *body, "    return None"], constants)
    return function


def check_function(compiled: CompiledScenario, bound: BoundMove) -> Check | None:
    """The checks :meth:`Game._resolve` makes before a move applies (its condition, then each cost against the
    variable's minimum) as one function; None when the move has neither."""
    constants: dict[str, Any] = {}
    tests = _check_source(compiled, bound, constants)
    if not tests:
        return None
    function: Check = _define("check", ["def check(V, ns):", f"    return bool({' and '.join(tests)})"], constants)
    return function


def resolve_function(compiled: CompiledScenario, bound: BoundMove) -> Resolve:
    """The checks and the effects of a move as one function (for a quiet game without an observer): False when
    a check fails (nothing applies), else what its :attr:`~game.engine.compiled.BoundMove.resolve_ops` return."""
    constants: dict[str, Any] = {}
    tests = _check_source(compiled, bound, constants)
    body = _ops_source(compiled, bound.resolve_ops, constants)
    if body is None:
        check, apply = check_function(compiled, bound), ops_function(compiled, bound.resolve_ops)

        def special(state: dict[str, Any], track_index: dict[str, int], namespace: dict[str, Any],
                    on_track: TrackMoved | None) -> str | bool | None:  # fmt: skip
            if check is not None and not check(state["vars"], namespace):
                return False
            return apply(state, track_index, namespace, on_track)

        return special
    body = [line for line in body if line != "    V = state['vars']"]  # bound first, for the checks
    head = ["def resolve(state, T, ns, on_track):", "    V = state['vars']"]
    if tests:
        head.append(f"    if not ({' and '.join(tests)}):")
        head.append("        return False")
    function: Resolve = _define("resolve", [*head, *body, "    return None"], constants)
    return function


def _move_names(compiled: CompiledScenario, bound: BoundMove) -> Names:
    """The names a move's conditions were compiled with (as :meth:`CompiledScenario._bind` compiles them)."""
    return compiled.names.bind(bound.actor, bound.target).with_per_actor(bound.move.per_actor or None)


def _check_source(compiled: CompiledScenario, bound: BoundMove, constants: dict[str, Any]) -> list[str]:
    """The tests of a move's checks as expressions on ``V`` and ``ns``, in the order they are made."""
    tests: list[str] = []
    if bound.condition is not None:
        tests.append(_condition(bound.condition, _move_names(compiled, bound), constants))
    for ref, amount in bound.cost:
        low = compiled.bounds[ref][0]
        tests.append(f"not V[{_literal(ref, constants)}] - {_literal(amount, constants)} < {_literal(low, constants)}")
    return tests


def _ops_source(compiled: CompiledScenario, ops: tuple[Op, ...], constants: dict[str, Any]) -> list[str] | None:
    """The body of a function of (state, T, ns, on_track) that applies primitive ``ops`` in order; None when
    some op is special."""
    if any(op.kind not in PRIMITIVE for op in ops):
        return None
    body: list[str] = []
    needs: set[str] = set()
    for op in ops:
        key = _literal(op.key, constants)
        if op.kind in ("change", "set"):
            needs.add("V")
            low, high = (_literal(b, constants) for b in compiled.bounds[op.key])
            value = _literal(op.value, constants)
            new = f"V[{key}] + {value}" if op.kind == "change" else value
            body += [f"    n = {new}", f"    V[{key}] = {low} if n < {low} else {high} if n > {high} else n"]
        elif op.kind == "trigger":
            needs.add("R")
            machine = compiled.tracks[op.key]
            direct = machine.direct(str(op.value))
            index = _literal(machine.index, constants)
            body += [f"    c = R[{key}]", f"    m = {_literal(direct, constants)}.get(c)", "    if m is None:"]
            body += _transitions(compiled, machine, str(op.value), [s for s in machine.states if s not in direct],
                                 constants)  # fmt: skip
            body += [
                "    if m != c:",
                f"        R[{key}] = m",
                f"        T[{key}] = {index}[m]",
                "        if on_track is not None:",
                f"            on_track({key}, c, m)",
            ]  # fmt: skip
        elif op.kind == "flag":
            needs.add("F")
            body.append(f"    F[{key}] = {_literal(op.value, constants)}")
        else:  # score
            needs.add("S")
            body.append(f"    S[{key}] += {_literal(op.value, constants)}")
    return [f"    {name} = state[{_TABLES[name]!r}]" for name in ("V", "R", "F", "S") if name in needs] + body


_TABLES = {"V": "vars", "R": "tracks", "F": "flags", "S": "scores"}
"""The state's tables the generated code reads by these names (``V``, ``T`` and ``F`` are also the namespace's:
the very same dicts, :meth:`Game.state_changed`)."""


def _transitions(
    compiled: CompiledScenario, machine: TrackMachine, trigger: str, sources: list[str], constants: dict[str, Any]
) -> list[str]:
    """Source lines setting ``m`` to the state ``trigger`` leads to from the state ``c`` (one of ``sources``, whose
    first transition has a condition), as :meth:`TrackMachine.fire` walks them: the first transition none of whose
    checks is unmet wins (a check is unmet when the condition's value ``!=`` its expected result), else ``c``."""
    names = compiled.names.bind(None, None)
    lines: list[str] = []
    for i, source in enumerate(sources):
        lines.append(f"        {'if' if i == 0 else 'elif'} c == {_literal(source, constants)}:")
        for j, (dest, checks) in enumerate(machine.steps(source, trigger)):
            tests = [f"not ({_condition(condition, names, constants)} != {target!r})" for condition, target in checks]
            lines.append(f"            {'if' if j == 0 else 'elif'} {' and '.join(tests) or 'True'}:")
            lines.append(f"                m = {_literal(dest, constants)}")
        lines += ["            else:", "                m = c"]
    lines += ["        else:" if sources else "        if True:", "            m = c"]
    return lines


def legal_function(compiled: CompiledScenario, actor: str) -> Legal:
    """The decisions :meth:`Game.legal_decisions` lists for ``actor`` in the diplomacy phase (every bound move
    that :meth:`Game._legal_moves` allows, in the same order and with the same checks, then the pass), as one
    function of (state, namespace)."""
    constants: dict[str, Any] = {}
    body = [
        "def legal(state, ns):",
        "    V = state['vars']",
        "    uses = state['uses']",
        f"    orders = state['orders'][{_literal(actor, constants)}]",
        "    taken = {(o['move'], o['target']) for o in orders} if orders else None",
        "    out = []",
    ]  # fmt: skip
    checks = zip(compiled.legal_checks[actor], compiled.bound_moves[actor], strict=True)
    for (decision, move_id, target, uses_key, limit, cost, code), bound in checks:
        tests = [f"(taken is None or ({_literal(move_id, constants)}, {_literal(target, constants)}) not in taken)"]
        if limit is not None:
            tests.append(f"not uses.get({_literal(uses_key, constants)}, 0) >= {_literal(limit, constants)}")
        for ref, amount, low in cost:
            paid = f"V[{_literal(ref, constants)}] - {_literal(amount, constants)}"
            tests.append(f"not {paid} < {_literal(low, constants)}")
        if code is not None:
            assert bound.condition is not None and bound.condition.code is code
            tests.append(_condition(bound.condition, _move_names(compiled, bound), constants))
        body += [f"    if {' and '.join(tests)}:", f"        out.append({_literal(decision, constants)})"]
    body += [f"    out.append({_literal(compiled.pass_decisions[actor], constants)})", "    return out"]
    function: Legal = _define("legal", body, constants)
    return function


def news_function(compiled: CompiledScenario, turn: int, applier: Callable[[tuple[Op, ...]], Apply]) -> News:
    """The news phase of ``turn`` as one function of (state, track positions, namespace, track callback, roll).

    It checks the events that the turn and their turn ranges allow, in scenario order, as
    :meth:`Game._run_news` does: not fired before (unless it repeats), its condition, then its chance (one
    roll, through ``roll``); an event that happens counts as fired and its effects apply. It returns None, or
    (ending id, the event's index) when an effect ends the game (the rest of the news does not happen)."""
    constants: dict[str, Any] = {}
    body = ["def news(state, T, ns, on_track, roll):", "    fired = state['fired']"]
    for index, compiled_event in enumerate(compiled.events):
        event = compiled_event.event
        if (event.turn is not None and event.turn != turn) or (event.from_turn is not None and turn < event.from_turn):
            continue
        if event.to_turn is not None and turn > event.to_turn:
            continue
        key = _literal(event.id, constants)
        tests = [] if event.repeat else [f"{key} not in fired"]
        if compiled_event.condition is not None:
            tests.append(_condition(compiled_event.condition, compiled.names.bind(None, None), constants))
        if event.chance is not None:
            tests.append(f"roll({_literal(('event', event.id), constants)}, {_literal(event.chance, constants)})")
        indent = "    "
        if tests:
            body.append(f"    if {' and '.join(tests)}:")
            indent = "        "
        body.append(f"{indent}fired[{key}] = fired.get({key}, 0) + 1")
        effects = _ops_source(compiled, compiled_event.effects, constants)
        if effects is None:
            apply = _literal(applier(compiled_event.effects), constants)
            body += [f"{indent}ended = {apply}(state, T, ns, on_track)", f"{indent}if ended is not None:",
                     f"{indent}    return ended, {index}"]  # fmt: skip
        else:
            body += [indent[4:] + line for line in effects]
    function: News = _define("news", [*body, "    return None"], constants)
    return function


def assess_function(compiled: CompiledScenario) -> Assess:
    """The assessment of a turn up to its history snapshot, as one function of (state, namespace), in the order
    of :meth:`Game._run_assessment`: every upkeep rule (a rule whose condition holds changes its variable,
    clamped; later rules see the change), every objective checked each turn (met: its points and the turn it
    was met), then the endings reached at any turn and, on the last turn, those of the time-up.

    It returns None when the game goes on, the :class:`~game.engine.compiled.CompiledEnding` reached, or True
    when time is up with no ending reached."""
    constants: dict[str, Any] = {}
    body = ["def assess(state, ns):", "    V = state['vars']"]
    for rule in compiled.upkeep:
        key = _literal(rule.op.key, constants)
        low, high = (_literal(b, constants) for b in compiled.bounds[rule.op.key])
        indent = "    "
        if rule.condition is not None:
            body.append(f"    if {_condition(rule.condition, compiled.names.bind(rule.actor, None), constants)}:")
            indent = "        "
        body += [f"{indent}n = V[{key}] + {_literal(rule.op.value, constants)}",
                 f"{indent}V[{key}] = {low} if n < {low} else {high} if n > {high} else n"]  # fmt: skip
    if compiled.each_turn_objectives:
        body += ["    S = state['scores']", "    met = state['met']"]
    for objective in compiled.each_turn_objectives:
        key = _literal(objective.key, constants)
        body += [
            f"    if {_condition(objective.condition, compiled.names.bind(objective.actor, None), constants)}:",
            f"        S[{_literal(objective.actor, constants)}] += {_literal(objective.objective.points, constants)}",
            f"        when = met.get({key})",
            "        if when is None:",
            f"            met[{key}] = [state['turn']]",
            "        else:",
            "            when.append(state['turn'])",
        ]  # fmt: skip
    for ending in compiled.any_turn_endings:
        body += [f"    if {_condition(ending.condition, compiled.names.bind(None, None), constants)}:",
                 f"        return {_literal(ending, constants)}"]  # fmt: skip
    body.append(f"    if state['turn'] >= {_literal(compiled.turns, constants)}:")
    for ending in compiled.time_up_endings:
        body += [f"        if {_condition(ending.condition, compiled.names.bind(None, None), constants)}:",
                 f"            return {_literal(ending, constants)}"]  # fmt: skip
    body += ["        return True", "    return None"]
    function: Assess = _define("assess", body, constants)
    return function


def _define(name: str, lines: list[str], constants: dict[str, Any]) -> Any:
    """The function ``name`` defined by the source ``lines`` (its first line the ``def``, with a parameter
    ``ns``), with ``constants``, the whitelisted functions and helpers, ``eval`` and ``bool`` as its globals; the
    namespace entries its inlined conditions read are bound first.

    The source is generated here from compiled tables: keys and numbers are Python literals (``repr``), anything
    else a named constant, and conditions the whitelisted compiler's own checked expressions."""
    params = lines[0][lines[0].index("(") + 1 : lines[0].index(")")].split(", ")
    known: set[str] = set()  # bound from the state before any line reads them: the namespace's very dicts
    for line in lines[1:]:
        table = next((n for n in ("V", "F", "R", "S") if line == f"    {n} = state[{_TABLES[n]!r}]"), None)
        if table is None:
            break
        known.add(table)
    reads = [read for read in sorted(constants.pop(_USES, ())) if read not in params and read not in known]
    lines = [lines[0], *(f"    {read} = ns[{read!r}]" for read in reads), *lines[1:]]
    namespace: dict[str, Any] = {"__builtins__": {}, "eval": eval, "bool": bool, **FUNCTIONS, **HELPERS, **constants}
    exec(compile("\n".join(lines), f"<quiet {name}>", "exec"), namespace)
    return namespace[name]
