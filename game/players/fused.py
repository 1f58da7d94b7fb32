"""Previews valued by straight-line code: one small function per actor and effect list, written once.

:meth:`Valuation.value_after <game.players.valuation.Valuation.value_after>` re-works only the terms an
effect list can reach (:class:`~game.players.valuation.Reach`). Done with loops over tuples, most of its
time goes to the loops; the function written here does the same steps with the loops unrolled and the
numbers of the scenario (weights, bounds, critical levels, points) as constants, and adds the terms with
one expression, left to right, exactly as the loop adds them (the running total of the terms before the
first one that can change is kept with the state's terms). Each operation is the one the loop does, in
the same order, so the value is the same to the bit (tests/players/test_previews.py).

The source holds no text of the scenario: every number, name, table and compiled condition is a named
constant (``K0``, ``K1``, ...) bound in the function's globals, the rest is a fixed shape over term
indices and counters, and the code sees no builtin (``_eval`` is ``eval``). Its size is linear in the terms
an effect list reaches; each function is written once per actor and effect list, when first needed.
"""

from __future__ import annotations

from collections.abc import Callable
from types import CodeType
from typing import TYPE_CHECKING, Any

from game.engine.expressions import VARS

if TYPE_CHECKING:
    from game.engine import Outlook
    from game.engine.projection import ProjectionPlan
    from game.players.valuation import Reach, Terms

ValueAfter = Callable[["Terms", "Outlook", dict[Any, Any]], float]
"""(the state's terms, the outlook after the effects, the projection memo) -> the value after them."""
TermsOf = Callable[[dict[str, Any], dict[str, Any], int, dict[Any, Any]], tuple[list[float], dict[str, int]]]
"""(a state's numbers, its namespace, the turns of upkeep to come, the projection memo) -> (its terms, its
variables projected)."""


class _Source:
    """Lines of a function and the constants they name."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}

    def constant(self, value: Any) -> str:
        """The name of a constant holding ``value`` (exact: no number is written out as text)."""
        name = f"K{len(self.constants)}"
        self.constants[name] = value
        return name

    def add(self, line: str, indent: int = 1) -> None:
        self.lines.append("    " * indent + line)

    def function(self, signature: str) -> Any:
        """The function with this signature and the lines as its body."""
        text = f"def {signature}:\n" + "\n".join(self.lines) + "\n"
        namespace: dict[str, Any] = {"__builtins__": {}, "_eval": eval, **self.constants}
        exec(compile(text, "<valuation>", "exec"), namespace)
        return namespace[signature.split("(", 1)[0]]


def value_after_function(reach: Reach, actor: str, count: int, point_value: float, extra: float) -> ValueAfter:
    """The function that values a preview for ``reach``: ``count`` terms, score first; ``point_value`` per
    point; below a critical level a unit weighs ``extra`` more (CRITICAL_FACTOR - 1)."""
    src = _Source()
    changed: dict[int, str] = {}
    """Term index -> the expression of its new value."""
    src.add("state = after.state")
    if reach.score:
        src.add(f"t0 = {src.constant(point_value)} * state['scores'][{src.constant(actor)}]")
        changed[0] = "t0"
    extra_name = src.constant(extra)

    def term(index: int, weight: float, critical: int | None, x: str) -> None:
        w = src.constant(weight)
        if critical is None:
            src.add(f"t{index} = {w} * {x}")
        else:
            c = src.constant(critical)
            src.add(f"t{index} = {w} * ({x} + {extra_name} * ({x} - {c})) if {x} < {c} else {w} * {x}")
        changed[index] = f"t{index}"

    new: dict[str, str] = {}
    """Variable -> the local holding its projected value after the effects (each of ``reach.refs``)."""
    if reach.steps is not None:
        src.add("current = state['vars']")
        if any(by is not None for _ref, by, *_rest in reach.steps):
            src.add("turns = now.turns")
            src.add("rest = turns - 1")
        for n, (ref, by, low, high, index, weight, critical) in enumerate(reach.steps):
            x = new[ref] = f"x{n}"
            src.add(f"{x} = current[{src.constant(ref)}]")
            if by is not None:  # as ProjectionPlan.project moves a variable in one step
                b, lo, hi = src.constant(by), src.constant(low), src.constant(high)
                src.add("if turns > 0:")
                src.add(f"{x} += {b}", 2)
                src.add(f"{x} = {lo} if {x} < {lo} else {hi} if {x} > {hi} else {x}", 2)
                src.add(f"{x} += rest * {b}", 2)
                src.add(f"{x} = {lo} if {x} < {lo} else {hi} if {x} > {hi} else {x}", 2)
            if index:
                term(index, weight, critical, x)
    elif reach.plan is not None:
        moved = reach.plan.moved
        src.add("current = state['vars']")
        src.add(f"projected = {src.constant(reach.plan)}.project_moved(current, after.namespace, now.turns, memo)")
        for n, ref in enumerate(reach.refs):  # a variable no rule moves keeps its value
            x = new[ref] = f"x{n}"
            src.add(f"{x} = {'projected' if ref in moved else 'current'}[{src.constant(ref)}]")
        for index, ref, weight, critical in reach.variables:
            term(index, weight, critical, new[ref])
    if reach.tracks:
        src.add("tracks = state['tracks']")
        for index, tid, values_by_state in reach.tracks:
            by_state = src.constant(values_by_state)
            src.add(f"t{index} = {src.constant(point_value)} * {by_state}.get(tracks[{src.constant(tid)}], 0.0)")
            changed[index] = f"t{index}"
    if reach.objectives:
        src.add("namespace = after.namespace")
        if reach.projected:  # the end objectives read the projected variables, the rest of the namespace as is
            if any(ref not in new for ref in reach.end_reads):
                src.add("old = now.projected")
            read = ", ".join(
                f"{src.constant(ref)}: {new.get(ref) or f'old[{src.constant(ref)}]'}" for ref in reach.end_reads
            )
            src.add(f"end = {{{src.constant(VARS)}: {{{read}}}}}")
        for index, objective_at_end, code, points in reach.objectives:
            where = "namespace, end" if objective_at_end else "namespace"
            src.add(f"t{index} = {src.constant(points)} if _eval({src.constant(code)}, {where}) else 0.0")
            changed[index] = f"t{index}"
    first = min(changed) if changed else count
    parts = [] if first == 0 else [f"now.sums[{first - 1}]"]
    if changed:
        src.add("terms = now.terms")
    for index in range(first, count):
        parts.append(changed.get(index, f"terms[{index}]"))
    src.add(f"return {' + '.join(parts) if parts else '0.0'}")
    function: ValueAfter = src.function("value_after(now, after, memo)")
    return function


def terms_function(
    actor: str, plan: ProjectionPlan, variables: tuple[tuple[str, float, int | None], ...],
    tracks: tuple[tuple[str, dict[str, float]], ...], objectives: tuple[tuple[bool, CodeType, float], ...],
    point_value: float, extra: float,
) -> TermsOf:  # fmt: skip
    """The function that works out a state's terms: the score, each variable (``variables``: reference, weight,
    critical level) as projected by ``plan``, each track, each objective (at the end?, condition, points)."""
    src = _Source()
    src.add(f"values = {src.constant(plan)}.project(state['vars'], each, turns, memo)")
    names = [f"{src.constant(point_value)} * state['scores'][{src.constant(actor)}]"]
    extra_name = src.constant(extra)
    for n, (ref, weight, critical) in enumerate(variables):
        x, w = f"x{n}", src.constant(weight)
        src.add(f"{x} = values[{src.constant(ref)}]")
        if critical is None:
            names.append(f"{w} * {x}")
        else:
            c = src.constant(critical)
            names.append(f"({w} * ({x} + {extra_name} * ({x} - {c})) if {x} < {c} else {w} * {x})")
    if tracks:
        src.add("tracks = state['tracks']")
    for tid, values_by_state in tracks:
        by_state = src.constant(values_by_state)
        names.append(f"{src.constant(point_value)} * {by_state}.get(tracks[{src.constant(tid)}], 0.0)")
    if any(at_end for at_end, _code, _points in objectives):
        src.add(f"end = {{{src.constant(VARS)}: values}}")  # the namespace's variables, as projected
    for at_end, code, points in objectives:
        where = "each, end" if at_end else "each"
        names.append(f"({src.constant(points)} if _eval({src.constant(code)}, {where}) else 0.0)")
    src.add(f"return [{', '.join(names)}], values")
    function: TermsOf = src.function("terms_of(state, each, turns, memo)")
    return function
